//===- SearchStrategy.cpp - What to measure next for one workload ---------===//

#include "cwm/Search/SearchStrategy.h"

#include "cwm/Pipelines/Pipelines.h"
#include "cwm/Runtime/ForkedService.h"
#include "cwm/Schedule/ApplyTrace.h"
#include "cwm/Search/ScheduleLibrary.h"
#include "cwm/Task/TaskExtraction.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <limits>
#include <numeric>

using namespace llvm;

namespace cwm {

SearchStrategy::~SearchStrategy() = default;

namespace {
/// The places and values of a trace's decisions, as "kind.target.n.name=value"
/// (n counts earlier actions of the same kind on the same op), so that traces
/// of different shapes agree on what a place is. With `splitLists`, a list of
/// integers (tile sizes) gives one atom per entry: "kind.target.n.sizes#3=48".
std::vector<std::string> decisionValues(const Trace &trace, bool splitLists) {
  std::vector<std::string> values;
  std::map<std::pair<int, int64_t>, int> occurrence;
  for (const Action &action : trace.getActions()) {
    int n = occurrence[{static_cast<int>(action.kind), action.target}]++;
    std::string place = std::to_string(static_cast<int>(action.kind)) + "." +
                        std::to_string(action.target) + "." +
                        std::to_string(n) + ".";
    if (action.decisions.empty())
      values.push_back(place);
    for (const auto &[name, decision] : action.decisions) {
      if (splitLists && decision.getKind() == Decision::Kind::IntList &&
          !decision.getList().empty()) {
        for (auto [i, entry] : llvm::enumerate(decision.getList()))
          values.push_back(place + name + "#" + std::to_string(i) + "=" +
                           std::to_string(entry));
        continue;
      }
      values.push_back(place + name + "=" +
                       llvm::formatv("{0}", decision.toJSON()).str());
    }
  }
  return values;
}
} // namespace

/// Applies traces to tasks: one MLIR context, each workload's task parsed
/// once, each check applying the trace to a copy. Runs in the checking
/// helper, or here where no helper can be started.
class TaskApplier {
public:
  TaskApplier()
      : context(makeRegistry(), mlir::MLIRContext::Threading::DISABLED) {
    context.loadAllAvailableDialects();
    registerPipelines();
  }
  /// Whether `trace` applies to the task `key` (its IR `ir`, needed the
  /// first time only); none if the task does not parse here.
  std::optional<bool> applies(StringRef key, StringRef ir, const Trace &trace) {
    mlir::ScopedDiagnosticHandler quiet(
        &context, [](mlir::Diagnostic &) { return mlir::success(); });
    auto [it, inserted] = tasks.try_emplace(key);
    if (inserted) {
      if (ir.empty()) {
        tasks.erase(it);
        return std::nullopt;
      }
      Task task;
      task.module = mlir::parseSourceString<mlir::ModuleOp>(ir, &context);
      mlir::FailureOr<TaskInfo> info =
          task.module ? analyzeTaskModule(*task.module)
                      : mlir::FailureOr<TaskInfo>(mlir::failure());
      if (succeeded(info)) {
        task.info = std::move(*info);
        it->second = std::move(task);
      }
    }
    if (!it->second)
      return std::nullopt;
    mlir::OwningOpRef<mlir::ModuleOp> copy = it->second->module->clone();
    return succeeded(
        applyTrace(*copy, trace, it->second->info, /*instance=*/0));
  }

private:
  static mlir::DialectRegistry makeRegistry() {
    mlir::DialectRegistry registry;
    registerDialects(registry);
    return registry;
  }
  struct Task {
    mlir::OwningOpRef<mlir::ModuleOp> module;
    TaskInfo info;
  };
  mlir::MLIRContext context;
  llvm::StringMap<std::optional<Task>> tasks;
};

/// The checks run in a forked helper (ForkedService) under an address-space
/// cap and a deadline: a schedule whose Transform script blows up an MLIR
/// pattern or crashes costs only itself. A request is the task's key, the
/// trace and (the first time the helper sees the task) its IR, separated by
/// NULs; the answer "1" (applies), "0" (does not) or "?" (the task or trace
/// does not parse there: left to the worker to report).
struct EvolutionarySearch::ApplyCheck {
  ApplyCheck() {
    auto applier = std::make_shared<std::unique_ptr<TaskApplier>>();
    // A test hook (unset in use): CWM_CHECK_FAULT=crash makes the helper
    // die on every request, as one that cannot work would.
    const char *fault = std::getenv("CWM_CHECK_FAULT");
    bool crash = fault && StringRef(fault) == "crash";
    helper = std::make_unique<ForkedService>(
        [applier, crash](const std::string &request) -> std::string {
          if (crash)
            std::raise(SIGSEGV);
          auto [key, rest] = StringRef(request).split('\0');
          auto [traceText, ir] = rest.split('\0');
          Expected<Trace> trace = Trace::parse(traceText);
          if (!trace) {
            consumeError(trace.takeError());
            return "?";
          }
          if (!*applier)
            *applier = std::make_unique<TaskApplier>();
          std::optional<bool> ok = (*applier)->applies(key, ir, *trace);
          return !ok ? "?" : *ok ? "1" : "0";
        });
  }
  std::unique_ptr<ForkedService> helper;
  /// The tasks the running helper has parsed.
  llvm::StringSet<> sent;
  /// Where no helper can be started: the checks run here.
  std::unique_ptr<TaskApplier> local;
  /// Set once helpers failed kGiveUpAfter requests in a row: the checks stop
  /// and every pick is left to the worker, which runs it apart from the
  /// tuner (checking here instead would put the tuner itself at risk).
  bool abandoned = false;
  /// Consecutive failures that are no longer the picks' fault: sporadic
  /// picks that blow up MLIR (9 of 73 in the worst batch seen) almost never
  /// come five in a row; a helper that cannot work (too little memory under
  /// its cap, a broken environment) fails every request.
  static constexpr int64_t kGiveUpAfter = 5;
};

EvolutionarySearch::EvolutionarySearch(const Database &database,
                                       CostModel &model,
                                       const SearchSpace &space,
                                       SearchOptions options)
    : database(database), model(model), space(space), options(options) {}

EvolutionarySearch::~EvolutionarySearch() = default;

bool EvolutionarySearch::applies(const WorkloadEntry &workload,
                                 const Trace &trace) {
  if (!options.checkByApplying || trace.empty())
    return true;
  if (!applyCheck)
    applyCheck = std::make_unique<ApplyCheck>();
  ApplyCheck &check = *applyCheck;
  auto start = std::chrono::steady_clock::now();
  auto finish = [&](bool ok) {
    statistics.checkSeconds += std::chrono::duration<double>(
                                   std::chrono::steady_clock::now() - start)
                                   .count();
    ++statistics.checkedCandidates;
    statistics.refusedCandidates += !ok;
    return ok;
  };
  // Helpers that could not work: every pick goes to the worker unchecked.
  if (check.abandoned)
    return true;
  // A task that cannot be parsed for the check is left to the worker to
  // report.
  if (check.local)
    return finish(
        check.local->applies(workload.key, workload.ir, trace).value_or(true));
  if (!check.helper->isRunning())
    check.sent.clear();
  bool known = check.sent.contains(workload.key);
  std::string request = workload.key + '\0' + trace.str() + '\0' +
                        (known ? std::string() : workload.ir);
  ForkedService::Reply reply = check.helper->ask(request);
  switch (reply.kind) {
  case ForkedService::Reply::Kind::Answered:
    check.sent.insert(workload.key);
    return finish(reply.answer != "0");
  case ForkedService::Reply::Kind::Crashed:
  case ForkedService::Reply::Kind::TimedOut:
    ++statistics.crashedChecks;
    statistics.lastCheckFailure =
        (reply.kind == ForkedService::Reply::Kind::TimedOut
             ? "ran past the deadline, "
             : "") +
        reply.why;
    if (check.helper->getFailuresInARow() >= ApplyCheck::kGiveUpAfter) {
      // These picks may well apply: the helper is what fails. Measure them.
      check.abandoned = true;
      statistics.checksAbandoned = true;
      return finish(true);
    }
    return finish(false);
  case ForkedService::Reply::Kind::Unavailable:
    break;
  }
  check.local = std::make_unique<TaskApplier>();
  return finish(
      check.local->applies(workload.key, workload.ir, trace).value_or(true));
}

Expected<std::vector<double>> EvolutionarySearch::timedPredict(const WorkloadEntry &workload,
                                                  const HardwareInfo &hardware,
                                                  ArrayRef<Trace> traces) {
  auto start = std::chrono::steady_clock::now();
  Expected<std::vector<double>> scores = model.predict(workload, hardware, traces);
  statistics.modelSeconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  statistics.scoredCandidates += traces.size();
  return scores;
}

int64_t EvolutionarySearch::membersToTry(llvm::StringRef family) const {
  return options.mustTryMembers >= 0 ? options.mustTryMembers
                                     : space.mustTryMembers(family);
}

llvm::StringMap<int64_t>
EvolutionarySearch::measuredPerFamily(const WorkloadEntry &workload) const {
  llvm::StringMap<int64_t> measured;
  for (const TuningRecord *record : database.getRecords(workload.key))
    if (!record->baseline)
      ++measured[space.mustTryFamily(workload.task, record->trace)];
  return measured;
}

Expected<std::pair<std::vector<Trace>, std::vector<double>>>
EvolutionarySearch::evolvePopulation(const WorkloadEntry &workload,
                        const HardwareInfo &hardware, std::mt19937_64 &rng,
                        const std::unordered_set<uint64_t> &pending,
                        bool everyScored) {
  const TaskInfo &task = workload.task;
  const std::unordered_set<uint64_t> &refusedHere = refused[workload.key];
  // Members are unmeasured and distinct; parents may be measured.
  std::vector<Trace> population;
  std::unordered_set<uint64_t> seen;
  auto consider = [&](Trace trace) {
    if (database.hasMeasured(workload.key, trace) ||
        pending.count(trace.fingerprint()) ||
        refusedHere.count(trace.fingerprint()) ||
        !seen.insert(trace.fingerprint()).second)
      return;
    population.push_back(std::move(trace));
  };
  // Initial population: the best measured traces' mutants, and fresh
  // samples from the rules.
  std::vector<Trace> measuredParents;
  for (const TuningRecord *record : database.getBestRecords(
           workload.key, options.measuredParents, workload.task.readsWeights)) {
    if (record->baseline || record->trace.getChoices().empty())
      continue;
    measuredParents.push_back(record->trace);
    for (int i = 0; i < 4; ++i)
      if (std::optional<Trace> mutant = space.mutate(task, record->trace, rng))
        consider(std::move(*mutant));
  }
  // The library's schedules of the nearest known shapes (and a mutant of
  // each) join the samples: the model ranks them with the rest.
  if (options.library)
    for (const ScheduleLibrary::Entry *entry : options.library->nearest(
             task, workload.target, options.transferWorkloads, workload.key))
      if (std::optional<Trace> carried =
              space.transfer(task, entry->values, rng)) {
        if (std::optional<Trace> mutant = space.mutate(task, *carried, rng))
          consider(std::move(*mutant));
        consider(std::move(*carried));
      }
  for (int64_t i = 0; i < options.populationSize; ++i)
    consider(space.sample(task, rng));
  if (population.empty())
    return std::make_pair(std::move(population), std::vector<double>());
  Expected<std::vector<double>> scores = timedPredict(workload, hardware, population);
  if (!scores)
    return scores.takeError();
  std::vector<Trace> archive;
  std::vector<double> archiveScores;
  if (everyScored) {
    archive = population;
    archiveScores = *scores;
  }
  // Members of must-try families (SearchSpace::mustTryFamily) the model
  // scores low die out over the generations, and the round could not
  // measure them: every scored one is kept aside (reserve) for a family the
  // final population holds too few of.
  std::vector<std::pair<Trace, double>> reserve;
  auto keepFamilyMembers = [&](const std::vector<Trace> &traces,
                               const std::vector<double> &traceScores) {
    if (everyScored)
      return;
    for (auto [trace, score] : llvm::zip(traces, traceScores))
      if (!space.mustTryFamily(task, trace).empty())
        reserve.emplace_back(trace, score);
  };
  keepFamilyMembers(population, *scores);

  // Generations: keep the better half by predicted score, refill with
  // mutants and crossovers of survivors (and of the best measured traces).
  std::uniform_real_distribution<double> coin(0, 1);
  int64_t generations = options.generations;
  if (options.firstGenerations >= 0) {
    bool measured = false;
    for (const TuningRecord *record : database.getRecords(workload.key))
      measured |= !record->baseline;
    if (!measured)
      generations = options.firstGenerations;
  }
  for (int64_t generation = 0; generation < generations; ++generation) {
    std::vector<size_t> order(population.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return (*scores)[a] > (*scores)[b];
    });
    size_t keep = std::max<size_t>(1, order.size() / 2);
    std::vector<Trace> parents;
    std::vector<double> parentScores;
    for (size_t i = 0; i < keep; ++i) {
      parents.push_back(population[order[i]]);
      parentScores.push_back((*scores)[order[i]]);
    }
    std::vector<Trace> pool = parents;
    pool.insert(pool.end(), measuredParents.begin(), measuredParents.end());
    // Tournament of two from the pool (measured parents count as strong).
    auto pickParent = [&]() -> const Trace & {
      std::uniform_int_distribution<size_t> any(0, pool.size() - 1);
      size_t a = any(rng), b = any(rng);
      auto strength = [&](size_t i) {
        return i < parentScores.size() ? parentScores[i]
                                       : std::numeric_limits<double>::infinity();
      };
      return pool[strength(a) >= strength(b) ? a : b];
    };
    std::vector<Trace> children;
    std::unordered_set<uint64_t> childSeen;
    for (const Trace &parent : parents)
      childSeen.insert(parent.fingerprint());
    int64_t wanted = options.populationSize - static_cast<int64_t>(keep);
    for (int64_t attempt = 0;
         attempt < 4 * wanted && static_cast<int64_t>(children.size()) < wanted;
         ++attempt) {
      std::optional<Trace> child;
      if (coin(rng) < options.mutationProbability)
        child = space.mutate(task, pickParent(), rng);
      else {
        // Two statements: the order of a call's arguments is the compiler's
        // choice, and a seed must give the same candidates with any.
        const Trace &first = pickParent();
        const Trace &second = pickParent();
        child = space.crossover(task, first, second, rng);
      }
      if (!child || database.hasMeasured(workload.key, *child) ||
          pending.count(child->fingerprint()) ||
          refusedHere.count(child->fingerprint()) ||
          !childSeen.insert(child->fingerprint()).second)
        continue;
      children.push_back(std::move(*child));
    }
    if (children.empty())
      break;
    Expected<std::vector<double>> childScores =
        timedPredict(workload, hardware, children);
    if (!childScores)
      return childScores.takeError();
    keepFamilyMembers(children, *childScores);
    if (everyScored) {
      archive.insert(archive.end(), children.begin(), children.end());
      archiveScores.insert(archiveScores.end(), childScores->begin(),
                           childScores->end());
    }
    population = std::move(parents);
    std::vector<double> merged = std::move(parentScores);
    for (auto [child, score] : llvm::zip(children, *childScores)) {
      population.push_back(std::move(child));
      merged.push_back(score);
    }
    *scores = std::move(merged);
  }
  if (everyScored)
    return std::make_pair(std::move(archive), std::move(archiveScores));
  // A family still to be measured (fewer records than its members) with
  // fewer members left than that gets its best-scored reserve back (the
  // wgmma kernels of an f16 GEMM: 4 of the 8 to try survived, 2026-12-07).
  if (!reserve.empty()) {
    llvm::StringMap<int64_t> have = measuredPerFamily(workload);
    std::unordered_set<uint64_t> present;
    for (const Trace &trace : population) {
      present.insert(trace.fingerprint());
      ++have[space.mustTryFamily(task, trace)];
    }
    std::stable_sort(
        reserve.begin(), reserve.end(),
        [](const auto &a, const auto &b) { return a.second > b.second; });
    for (auto &[trace, score] : reserve) {
      llvm::StringRef family = space.mustTryFamily(task, trace);
      if (have[family] >= membersToTry(family) ||
          !present.insert(trace.fingerprint()).second)
        continue;
      ++have[family];
      population.push_back(trace);
      scores->push_back(score);
    }
  }
  return std::make_pair(std::move(population), std::move(*scores));
}

Expected<std::vector<Trace>>
EvolutionarySearch::propose(const WorkloadEntry &workload,
                            const HardwareInfo &hardware, int64_t count,
                            const std::unordered_set<uint64_t> &pending,
                            std::mt19937_64 &rng) {
  bool rarest = options.diversity > 0 &&
                options.novelty == SearchOptions::Novelty::RarestAtom;
  bool coverage = options.diversity > 0 &&
                  options.novelty == SearchOptions::Novelty::Coverage;
  Expected<std::pair<std::vector<Trace>, std::vector<double>>> evolved =
      evolvePopulation(workload, hardware, rng, pending,
                       /*everyScored=*/rarest || coverage);
  if (!evolved)
    return evolved.takeError();
  std::vector<Trace> &population = evolved->first;
  std::vector<double> &scores = evolved->second;
  std::vector<Trace> proposed;
  if (population.empty())
    return proposed;
  std::vector<size_t> order(population.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return scores[a] > scores[b];
  });
  // With diversity > 0: how often each decision value was measured (or
  // picked in this batch), for the novelty bonus.
  std::vector<std::vector<std::string>> values;
  llvm::StringMap<int64_t> seenValues;
  if (options.diversity > 0) {
    bool atoms = rarest || coverage;
    for (const TuningRecord *record : database.getRecords(workload.key))
      if (!record->baseline)
        for (std::string &value : decisionValues(record->trace, atoms))
          ++seenValues[value];
    for (const Trace &trace : population)
      values.push_back(decisionValues(trace, atoms));
  }
  // Coverage: each atom weighs 1 / the values its place (the atom up to its
  // '=') takes in the pool; computed once per member.
  std::vector<std::vector<double>> weights;
  if (coverage) {
    llvm::StringMap<llvm::StringSet<>> placeValues;
    for (const std::vector<std::string> &mine : values)
      for (const std::string &atom : mine)
        placeValues[llvm::StringRef(atom).split('=').first].insert(atom);
    for (const std::vector<std::string> &mine : values) {
      std::vector<double> &w = weights.emplace_back();
      for (const std::string &atom : mine)
        w.push_back(1.0 / placeValues[llvm::StringRef(atom).split('=').first].size());
    }
  }
  auto novelty = [&](size_t member) {
    const std::vector<std::string> &mine = values[member];
    if (mine.empty())
      return 0.0;
    double sum = 0, most = 0, gain = 0;
    for (auto [i, value] : llvm::enumerate(mine)) {
      auto it = seenValues.find(value);
      double fresh =
          1.0 / std::sqrt(1.0 + (it == seenValues.end() ? 0 : it->second));
      sum += fresh;
      most = std::max(most, fresh);
      if (coverage)
        gain += fresh * weights[member][i];
    }
    if (coverage)
      return gain;
    return rarest ? most : sum / mine.size();
  };
  std::unordered_set<size_t> picked;
  // A must-try family (SearchSpace::mustTryFamily) not yet measured on this
  // workload: its best-scored member goes first.
  // (options.mustTryMembers of each, counting the measured ones.)
  llvm::StringMap<int64_t> tried = measuredPerFamily(workload);
  for (size_t rank = 0;
       rank < order.size() && int64_t(proposed.size()) < count; ++rank) {
    size_t member = order[rank];
    llvm::StringRef family =
        space.mustTryFamily(workload.task, population[member]);
    if (family.empty() || tried.lookup(family) >= membersToTry(family))
      continue;
    picked.insert(member);
    if (!applies(workload, population[member])) {
      refused[workload.key].insert(population[member].fingerprint());
      continue;
    }
    ++tried[family];
    if (options.diversity > 0)
      for (const std::string &value : values[member])
        ++seenValues[value];
    proposed.push_back(std::move(population[member]));
  }
  // Before the workload's first measurement: the library's schedules of the
  // nearest known shapes.
  std::unordered_set<uint64_t> transferred;
  if (options.library && options.transfer > 0 &&
      !llvm::any_of(database.getRecords(workload.key),
                    [](const TuningRecord *r) { return !r->baseline; })) {
    int64_t taken = 0;
    for (const ScheduleLibrary::Entry *entry : options.library->nearest(
             workload.task, workload.target, options.transferWorkloads,
             workload.key)) {
      if (taken >= options.transfer || int64_t(proposed.size()) >= count)
        break;
      std::optional<Trace> trace =
          space.transfer(workload.task, entry->values, rng);
      if (!trace)
        continue;
      uint64_t print = trace->fingerprint();
      bool proposedAlready = llvm::any_of(proposed, [&](const Trace &t) {
        return t.fingerprint() == print;
      });
      if (proposedAlready || database.hasMeasured(workload.key, *trace) ||
          pending.count(print) || refused[workload.key].count(print))
        continue;
      if (!applies(workload, *trace)) {
        refused[workload.key].insert(print);
        continue;
      }
      transferred.insert(print);
      proposed.push_back(std::move(*trace));
      ++taken;
    }
    statistics.transferredCandidates += taken;
  }
  // eps-greedy: some picks are random members of the population; a pick
  // that does not apply is passed over for the next one.
  std::uniform_real_distribution<double> coin(0, 1);
  size_t next = 0;
  while (int64_t(proposed.size()) < count && picked.size() < order.size()) {
    size_t pick = order.size();
    if (coin(rng) < options.epsilon) {
      pick = std::uniform_int_distribution<size_t>(0, order.size() - 1)(rng);
      if (picked.count(pick))
        pick = order.size();
    }
    if (pick == order.size() && options.diversity > 0) {
      double best = -std::numeric_limits<double>::infinity();
      for (size_t rank = 0; rank < order.size(); ++rank) {
        if (picked.count(order[rank]))
          continue;
        double value = 1.0 - double(rank) / order.size() +
                       options.diversity * novelty(order[rank]);
        if (value > best) {
          best = value;
          pick = order[rank];
        }
      }
      if (pick == order.size())
        break;
    } else if (pick == order.size()) {
      while (next < order.size() && picked.count(order[next]))
        ++next;
      if (next == order.size())
        break;
      pick = order[next++];
    }
    picked.insert(pick);
    if (transferred.count(population[pick].fingerprint()))
      continue;
    if (!applies(workload, population[pick])) {
      refused[workload.key].insert(population[pick].fingerprint());
      continue;
    }
    if (options.diversity > 0)
      for (const std::string &value : values[pick])
        ++seenValues[value];
    proposed.push_back(std::move(population[pick]));
  }
  return proposed;
}

Error EvolutionarySearch::notify(const WorkloadEntry &workload,
                                 const HardwareInfo &hardware,
                                 ArrayRef<Trace> traces,
                                 ArrayRef<MeasureResult> results) {
  if (traces.empty())
    return Error::success();
  auto start = std::chrono::steady_clock::now();
  Error error = model.update(workload, hardware, traces, results);
  statistics.modelUpdateSeconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return error;
}

} // namespace cwm
