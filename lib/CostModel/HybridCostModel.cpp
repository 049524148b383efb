//===- HybridCostModel.cpp - A prior ranking joined by an online learner --===//
//
// The world model ranks a workload's first rounds well (it has seen similar
// work) and loses its lead once a few dozen measurements exist, where a
// model fit to this workload's own measurements (the cold snapshot trees)
// catches up (docs/world-model.md, "A hybrid of the world model and the
// cold snapshot"). The hybrid scores with the prior alone until `warmup`
// candidates of the workload are measured, then with the sum of both
// models' standardized scores; both learn from every measurement.
//
//===----------------------------------------------------------------------===//

#include "cwm/CostModel/CostModel.h"

#include <cmath>
#include <map>

namespace cwm {

namespace {
/// Scores as z-scores over the finite ones; a candidate a model rejects
/// (-inf or the snapshot's -1e30 for one that does not lower) stays
/// rejected.
std::vector<double> standardized(const std::vector<double> &scores) {
  double sum = 0, squares = 0;
  size_t count = 0;
  for (double s : scores)
    if (std::isfinite(s) && s > -1e29) {
      sum += s;
      squares += s * s;
      ++count;
    }
  std::vector<double> out(scores.size(), -1e30);
  if (count == 0)
    return out;
  double mean = sum / count;
  double deviation = std::sqrt(std::max(squares / count - mean * mean, 0.0));
  for (size_t i = 0; i < scores.size(); ++i)
    if (std::isfinite(scores[i]) && scores[i] > -1e29)
      out[i] = deviation > 0 ? (scores[i] - mean) / deviation : 0.0;
  return out;
}

class HybridCostModel final : public CostModel {
public:
  HybridCostModel(std::unique_ptr<CostModel> prior,
                  std::unique_ptr<CostModel> learner, size_t warmup,
                  double weight)
      : prior(std::move(prior)), learner(std::move(learner)), warmup(warmup),
        weight(weight) {}

  llvm::StringRef getName() const override { return "hybrid"; }

  llvm::Expected<std::vector<double>>
  predict(const WorkloadEntry &workload, const HardwareInfo &hardware,
          llvm::ArrayRef<Trace> traces) override {
    llvm::Expected<std::vector<double>> first =
        prior->predict(workload, hardware, traces);
    if (!first || measured[workload.key] < warmup)
      return first;
    llvm::Expected<std::vector<double>> second =
        learner->predict(workload, hardware, traces);
    if (!second)
      return second.takeError();
    std::vector<double> a = standardized(*first), b = standardized(*second);
    std::vector<double> scores(traces.size());
    for (size_t i = 0; i < traces.size(); ++i)
      scores[i] = a[i] <= -1e29 || b[i] <= -1e29 ? -1e30 : a[i] + weight * b[i];
    return scores;
  }

  llvm::Error update(const WorkloadEntry &workload, const HardwareInfo &hardware,
                     llvm::ArrayRef<Trace> traces,
                     llvm::ArrayRef<MeasureResult> results) override {
    measured[workload.key] += traces.size();
    if (llvm::Error error = prior->update(workload, hardware, traces, results))
      return error;
    return learner->update(workload, hardware, traces, results);
  }

private:
  std::unique_ptr<CostModel> prior, learner;
  size_t warmup;
  double weight;
  std::map<std::string, size_t> measured;
};
} // namespace

std::unique_ptr<CostModel> createHybridCostModel(std::unique_ptr<CostModel> prior,
                                                 std::unique_ptr<CostModel> learner,
                                                 size_t warmup, double weight) {
  return std::make_unique<HybridCostModel>(std::move(prior), std::move(learner),
                                           warmup, weight);
}

} // namespace cwm
