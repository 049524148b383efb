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
//===----------------------------------------------------------------------===//

#include "cwm/CostModel/CostModel.h"
#include "cwm/CostModel/Features.h"
#include "cwm/CostModel/OnlineAdapter.h"
#include "cwm/CostModel/TrainingData.h"
#include "cwm/WorldModel/WorldModel.h"

namespace cwm {

namespace {

class WorldCostModel final : public CostModel {
public:
  WorldCostModel(WorldModel model, std::string path, uint64_t seed,
                 WorldOnlineOptions online)
      : model(std::move(model)), path(std::move(path)), seed(seed),
        version(this->model.getConfig().featureVersion),
        options(std::move(online)) {}

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
    if ((options.mode != "linear" && options.mode != "both") ||
        !adapter.isReady())
      return model.score(batch);
    llvm::Expected<Embeddings> embedded = model.embed(batch);
    if (!embedded)
      return embedded.takeError();
    std::vector<double> mean, deviation;
    adapter.predict(embedded->values, embedded->scores, mean, deviation);
    for (size_t i = 0; i < mean.size(); ++i)
      mean[i] += options.explore * deviation[i];
    return mean;
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
      if (successes >= 2) {
        fineTuned = true;
        if (llvm::Error error = model.train(
                online, onlineFineTuneOptions(seed + online.seconds.size())))
          return error;
      }
    }
    if (options.mode == "linear" || options.mode == "both") {
      // The correction is refit from scratch each round on the (frozen or
      // just fine-tuned) network's embeddings of everything measured: one
      // rollout and a small solve.
      llvm::Expected<Embeddings> embedded = model.embed(online.batch);
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
    if (fineTuned) {
      llvm::Expected<WorldModel> reloaded = WorldModel::load(path);
      if (!reloaded)
        return reloaded.takeError();
      model = std::move(*reloaded);
      fineTuned = false;
    }
    return llvm::Error::success();
  }

  WorldModel model;
  std::string path;
  uint64_t seed;
  /// The feature layout the model file was trained on.
  int64_t version;
  WorldOnlineOptions options;
  bool fineTuned = false;
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
  llvm::Expected<WorldModel> model = loadWorldModel(modelPath, false, target);
  if (!model)
    return model.takeError();
  return std::make_unique<WorldCostModel>(std::move(*model), modelPath.str(),
                                          seed, online);
}

} // namespace cwm
