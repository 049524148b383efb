//===- RuleSearchSpace.h - Sampling, replay and mutation over rules -*- C++ -*-===//
//
// The part every rule-based search space shares: a subclass builds a trace
// from a Sampler (its rules draw every decision through it); sampling,
// replaying recorded choices and mutating one choice are the same for all
// targets.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_LIB_SEARCHSPACE_RULESEARCHSPACE_H
#define CWM_LIB_SEARCHSPACE_RULESEARCHSPACE_H

#include "cwm/Schedule/Validity.h"
#include "cwm/SearchSpace/SearchSpace.h"

namespace cwm {

/// Divisors of `n` in [lo, hi] (always non-empty: falls back to n).
inline std::vector<int64_t> divisors(int64_t n, int64_t lo, int64_t hi,
                              int64_t multipleOf = 1) {
  std::vector<int64_t> result;
  for (int64_t d = 1; d <= n; ++d)
    if (n % d == 0 && d >= lo && d <= hi && d % multipleOf == 0)
      result.push_back(d);
  if (result.empty()) {
    // Relax the multiple-of constraint, then the range.
    for (int64_t d = 1; d <= n; ++d)
      if (n % d == 0 && d >= lo && d <= hi)
        result.push_back(d);
  }
  if (result.empty())
    result.push_back(n);
  return result;
}

/// An action of `kind` on op `target`, without decisions yet.
inline Action makeAction(ActionKind kind, int64_t target) {
  Action action;
  action.kind = kind;
  action.target = target;
  return action;
}

class RuleSearchSpace : public SearchSpace {
public:
  Trace sample(const TaskInfo &task, std::mt19937_64 &rng) const override {
    return replay(task, {}, rng);
  }

  Trace replay(const TaskInfo &task, std::vector<int64_t> choices,
               std::mt19937_64 &rng) const override {
    // A sample can fail the static checks (say, too large a vector); then
    // draw again, keeping the replayed prefix only on the first attempt.
    Trace trace;
    for (int attempt = 0; attempt < 16; ++attempt) {
      Sampler sampler(rng, attempt == 0 ? choices : std::vector<int64_t>{});
      trace = build(task, sampler);
      trace.setChoices(sampler.getChoices());
      if (llvm::Error error = checkTrace(trace, task))
        llvm::consumeError(std::move(error));
      else
        return trace;
    }
    Sampler sampler(rng);
    return fallback(task, sampler);
  }

  std::optional<Trace> mutate(const TaskInfo &task, const Trace &trace,
                              std::mt19937_64 &rng) const override {
    std::vector<int64_t> choices = trace.getChoices();
    if (choices.empty())
      return std::nullopt;
    for (int attempt = 0; attempt < 8; ++attempt) {
      std::vector<int64_t> mutated = choices;
      size_t position =
          std::uniform_int_distribution<size_t>(0, mutated.size() - 1)(rng);
      mutated[position] =
          std::uniform_int_distribution<int64_t>(0, 1 << 20)(rng);
      Sampler sampler(rng, mutated);
      Trace mutant = build(task, sampler);
      mutant.setChoices(sampler.getChoices());
      if (mutant == trace)
        continue;
      if (llvm::Error error = checkTrace(mutant, task))
        llvm::consumeError(std::move(error));
      else
        return mutant;
    }
    return std::nullopt;
  }

  std::vector<int64_t> decisionValues(const TaskInfo &task,
                                      const std::vector<int64_t> &choices,
                                      std::mt19937_64 &rng) const override {
    Sampler sampler(rng, choices);
    build(task, sampler);
    return sampler.getValues();
  }
  std::optional<Trace> transfer(const TaskInfo &task,
                                const std::vector<int64_t> &values,
                                std::mt19937_64 &rng) const override {
    if (values.empty())
      return std::nullopt;
    Sampler sampler = Sampler::guidedBy(rng, values);
    Trace trace = build(task, sampler);
    trace.setChoices(sampler.getChoices());
    if (llvm::Error error = checkTrace(trace, task)) {
      llvm::consumeError(std::move(error));
      return std::nullopt;
    }
    return trace;
  }

protected:
  /// One trace, every decision drawn from `sampler`.
  virtual Trace build(const TaskInfo &task, Sampler &sampler) const = 0;
  /// What to return when 16 draws failed the static checks.
  virtual Trace fallback(const TaskInfo &task, Sampler &sampler) const = 0;
};

} // namespace cwm

#endif // CWM_LIB_SEARCHSPACE_RULESEARCHSPACE_H
