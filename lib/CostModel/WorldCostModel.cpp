//===- WorldCostModel.cpp - The world model behind the CostModel API ------===//
//
// Scores a round's population in one batched rollout (one context: the task
// and the hardware). Between rounds it learns from what this tuning run has
// measured for the current workload (WorldOnlineOptions): by default by
// fine-tuning the whole network, or by a Bayesian linear correction over
// its last hidden layer (OnlineAdapter), which also gives the uncertainty an
// upper-confidence-bound exploration spends, or both; each workload starts
// again from the weights of the model file.
//
// `model=a.pt,b.pt,...` makes a seed ensemble (cwm/WorldModel/Ensemble.h):
// every member scores and fine-tunes alike, the candidates are ranked by the
// members' standardized mean, plus `explore` times their disagreement.
//
//===----------------------------------------------------------------------===//

#include "cwm/CostModel/CostModel.h"
#include "cwm/CostModel/Features.h"
#include "cwm/CostModel/OnlineAdapter.h"
#include "cwm/CostModel/TrainingData.h"
#include "cwm/WorldModel/Ensemble.h"
#include "cwm/WorldModel/WorldModel.h"

namespace cwm {

namespace {

class WorldCostModel final : public CostModel {
public:
  WorldCostModel(std::vector<WorldModel> members, std::vector<std::string> paths,
                 uint64_t seed, WorldOnlineOptions online)
      : members(std::move(members)), paths(std::move(paths)), seed(seed),
        version(this->members.front().getConfig().featureVersion),
        options(std::move(online)), fineTuned(this->members.size(), false) {}

  llvm::StringRef getName() const override { return "world"; }

  llvm::Expected<std::vector<double>>
  predict(const WorkloadEntry &workload, const HardwareInfo &hardware,
          llvm::ArrayRef<Trace> traces) override {
    if (llvm::Error error = startWorkload(workload.key))
      return std::move(error);
    FeatureBatch batch;
    int64_t context = batch.addContext(taskFeatures(workload.task),
                                       hardwareFeatures(hardware));
    for (const Trace &trace : traces)
      batch.addCandidate(
          context, traceFeatures(workload.task, trace, hardware, version));
    WorldModel &model = members.front();
    if ((options.mode == "linear" || options.mode == "both") &&
        adapter.isReady()) {
      llvm::Expected<Embeddings> embedded = model.embed(batch);
      if (!embedded)
        return embedded.takeError();
      std::vector<double> mean, deviation;
      adapter.predict(embedded->values, embedded->scores, mean, deviation);
      for (size_t i = 0; i < mean.size(); ++i)
        mean[i] += options.explore * deviation[i];
      return mean;
    }
    if (members.size() == 1)
      return model.score(batch);
    std::vector<std::vector<double>> scores;
    for (WorldModel &member : members) {
      llvm::Expected<std::vector<double>> s = member.score(batch);
      if (!s)
        return s.takeError();
      scores.push_back(std::move(*s));
    }
    EnsembleScores combined = combineMemberScores(scores);
    for (size_t i = 0; i < combined.mean.size(); ++i)
      combined.mean[i] += options.explore * combined.deviation[i];
    return combined.mean;
  }

  llvm::Error update(const WorkloadEntry &workload,
                     const HardwareInfo &hardware, llvm::ArrayRef<Trace> traces,
                     llvm::ArrayRef<MeasureResult> results) override {
    if (options.mode == "none")
      return llvm::Error::success();
    if (llvm::Error error = startWorkload(workload.key))
      return error;
    if (online.seconds.empty() && online.batch.tasks.empty())
      onlineContext = online.batch.addContext(taskFeatures(workload.task),
                                              hardwareFeatures(hardware));
    for (auto [trace, result] : llvm::zip(traces, results)) {
      if (trace.empty() || result.status == MeasureStatus::InvalidTrace ||
          result.status == MeasureStatus::RunnerError)
        continue;
      online.batch.addCandidate(
          onlineContext,
          traceFeatures(workload.task, trace, hardware, version));
      online.group.push_back(0);
      online.seconds.push_back(result.ok() ? result.median : 0.0);
    }
    if (options.mode != "linear") {
      size_t successes =
          llvm::count_if(online.seconds, [](double s) { return s > 0; });
      if (successes >= 2)
        for (size_t m = 0; m < members.size(); ++m) {
          fineTuned[m] = true;
          if (llvm::Error error = members[m].train(
                  online, onlineFineTuneOptions(seed + online.seconds.size())))
            return error;
        }
    }
    if (options.mode == "linear" || options.mode == "both") {
      // The correction is refit from scratch each round on the (frozen or
      // just fine-tuned) network's embeddings of everything measured: one
      // rollout and a small solve.
      llvm::Expected<Embeddings> embedded = members.front().embed(online.batch);
      if (!embedded)
        return embedded.takeError();
      adapter.fit(embedded->values, embedded->width, embedded->scores,
                  online.seconds);
    }
    return llvm::Error::success();
  }

private:
  /// Each workload starts from the pre-trained weights: what was learned
  /// online for one task does not leak into the next.
  llvm::Error startWorkload(const std::string &key) {
    if (key == onlineKey)
      return llvm::Error::success();
    onlineKey = key;
    online = TrainingSet();
    adapter = OnlineAdapter();
    for (size_t m = 0; m < members.size(); ++m) {
      if (!fineTuned[m])
        continue;
      llvm::Expected<WorldModel> reloaded = WorldModel::load(paths[m]);
      if (!reloaded)
        return reloaded.takeError();
      members[m] = std::move(*reloaded);
      fineTuned[m] = false;
    }
    return llvm::Error::success();
  }

  /// One network, or the members of a seed ensemble (same feature version).
  std::vector<WorldModel> members;
  std::vector<std::string> paths;
  uint64_t seed;
  /// The feature layout the model files were trained on.
  int64_t version;
  WorldOnlineOptions options;
  std::vector<bool> fineTuned;
  std::string onlineKey;
  TrainingSet online;
  int64_t onlineContext = 0;
  OnlineAdapter adapter;
};

} // namespace

llvm::Expected<std::unique_ptr<CostModel>>
createWorldCostModel(llvm::StringRef modelPath, uint64_t seed,
                     llvm::StringRef target, const WorldOnlineOptions &online) {
  if (online.mode != "linear" && online.mode != "finetune" &&
      online.mode != "both" && online.mode != "none")
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "unknown online mode '" + online.mode +
                                       "' (known: " + kWorldOnlineModes + ")");
  if (!(online.explore >= 0) || online.explore > 100)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "explore must be between 0 and 100, got " + std::to_string(online.explore));
  std::vector<std::string> paths = splitModelPaths(modelPath);
  if (paths.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "no model file in model='" + modelPath + "'");
  if (paths.size() > 1 && (online.mode == "linear" || online.mode == "both"))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "online=" + online.mode +
            " corrects one network; a seed ensemble (model=a.pt,b.pt) learns "
            "online with finetune or none");
  std::vector<WorldModel> members;
  for (const std::string &path : paths) {
    llvm::Expected<WorldModel> model = loadWorldModel(path, false, target);
    if (!model)
      return model.takeError();
    if (!members.empty() && model->getConfig().featureVersion !=
                                members.front().getConfig().featureVersion)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "the members of a seed ensemble must read the same features: '" +
              path + "' is feature version " +
              std::to_string(model->getConfig().featureVersion) + ", '" +
              paths.front() + "' version " +
              std::to_string(members.front().getConfig().featureVersion));
    members.push_back(std::move(*model));
  }
  return std::make_unique<WorldCostModel>(std::move(members), std::move(paths),
                                          seed, online);
}

} // namespace cwm
