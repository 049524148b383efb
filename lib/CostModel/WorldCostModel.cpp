//===- WorldCostModel.cpp - The world model behind the CostModel API ------===//
//
// Scores a round's population in one batched rollout (one context: the task
// and the hardware). Between rounds it fine-tunes on what this tuning run has
// measured for the current workload; each workload starts again from the
// weights of the model file.
//
//===----------------------------------------------------------------------===//

#include "cwm/CostModel/CostModel.h"
#include "cwm/CostModel/Features.h"
#include "cwm/CostModel/TrainingData.h"
#include "cwm/WorldModel/WorldModel.h"

namespace cwm {

namespace {

class WorldCostModel final : public CostModel {
public:
  WorldCostModel(WorldModel model, std::string path, uint64_t seed)
      : model(std::move(model)), path(std::move(path)), seed(seed),
        version(this->model.getConfig().featureVersion) {}

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
    return model.score(batch);
  }

  llvm::Error update(const WorkloadEntry &workload,
                     const HardwareInfo &hardware, llvm::ArrayRef<Trace> traces,
                     llvm::ArrayRef<MeasureResult> results) override {
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
    size_t successes =
        llvm::count_if(online.seconds, [](double s) { return s > 0; });
    if (successes < 2)
      return llvm::Error::success();
    TrainOptions options;
    options.epochs = 8;
    options.groupsPerStep = 1;
    options.candidatesPerGroup = 64;
    options.learningRate = 2e-4;
    options.quiet = true;
    options.seed = seed + online.seconds.size();
    fineTuned = true;
    return model.train(online, options);
  }

private:
  /// Each workload starts from the pre-trained weights: what was learned
  /// online for one task does not leak into the next.
  llvm::Error startWorkload(const std::string &key) {
    if (key == onlineKey)
      return llvm::Error::success();
    onlineKey = key;
    online = TrainingSet();
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
  bool fineTuned = false;
  std::string onlineKey;
  TrainingSet online;
  int64_t onlineContext = 0;
};

} // namespace

llvm::Expected<std::unique_ptr<CostModel>>
createWorldCostModel(llvm::StringRef modelPath, uint64_t seed,
                     llvm::StringRef target) {
  llvm::Expected<WorldModel> model = loadWorldModel(modelPath, false, target);
  if (!model)
    return model.takeError();
  return std::make_unique<WorldCostModel>(std::move(*model), modelPath.str(),
                                          seed);
}

} // namespace cwm
