//===- TrainingData.cpp - Measured records as model training sets ---------===//

#include "cwm/CostModel/TrainingData.h"

#include "cwm/CostModel/Features.h"
#include "cwm/CostModel/ProgramFeatures.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

#include <chrono>

#include <map>
#include <optional>

namespace cwm {

static const llvm::StringSet<> &generalizationKeys() {
  static const llvm::StringSet<> keys = [] {
    llvm::StringSet<> set;
    for (const char *key : {
#include "HeldoutKeys.inc"
         })
      set.insert(key);
    return set;
  }();
  return keys;
}

bool isGeneralizationHeldout(llvm::StringRef workloadKey) {
  return generalizationKeys().contains(workloadKey);
}

size_t generalizationHeldoutSize() { return generalizationKeys().size(); }

/// Whether a result says something about the schedule (a label to learn
/// from), not about the machine: a trace the static checks refused, a runner
/// failure, or a worker SIGKILLed from outside (not for memory) say nothing.
static bool isScheduleOutcome(const MeasureResult &result) {
  constexpr int64_t kSigKill = 9;
  return result.status != MeasureStatus::InvalidTrace &&
         result.status != MeasureStatus::RunnerError &&
         !(result.status == MeasureStatus::Crash && result.signal == kSigKill);
}

void appendTrainingRecords(const Database &database,
                           const WorkloadFilter &filter,
                           const HardwareInfo &fallbackHardware,
                           LabeledSet &out, int64_t featureVersion) {
  for (const WorkloadEntry *workload : database.getWorkloads()) {
    if (filter && !filter(*workload))
      continue;
    std::vector<float> task = taskFeatures(workload->task);
    // One group (and one context) per distinct hardware description.
    std::map<std::string, std::pair<int64_t, int64_t>> groupOf;
    // A re-measured trace is labeled by its latest measurement.
    for (const TuningRecord *record :
         database.getCurrentRecords(workload->key)) {
      if (record->baseline || record->trace.empty() ||
          !isScheduleOutcome(record->result))
        continue;
      HardwareInfo hardware = record->hardwareInfo.value_or(fallbackHardware);
      if (!record->hardwareInfo && record->result.ok())
        hardware.threads = record->result.threads;
      std::string hwKey;
      llvm::raw_string_ostream(hwKey) << llvm::json::Value(toJSON(hardware));
      auto [it, inserted] = groupOf.try_emplace(hwKey, std::make_pair(0, 0));
      if (inserted) {
        it->second.first = static_cast<int64_t>(out.groups.size());
        it->second.second =
            out.set.batch.addContext(task, hardwareFeatures(hardware));
        out.groups.push_back(GroupInfo{workload->key, workload->task.name,
                                       record->hardware, 0, workload});
      }
      auto [group, context] = it->second;
      out.set.batch.addCandidate(context,
                                 traceFeatures(workload->task, record->trace,
                                               hardware, featureVersion));
      out.set.group.push_back(group);
      out.set.seconds.push_back(record->result.ok() ? record->result.median
                                                    : 0.0);
      out.records.push_back(record);
      ++out.groups[group].candidates;
    }
  }
}

void addConsistencyTargets(
    LabeledSet &data, const std::function<void(llvm::StringRef)> &progress) {
  auto start = std::chrono::steady_clock::now();
  std::map<const WorkloadEntry *, std::unique_ptr<ProgramFeaturizer>>
      featurizers;
  std::map<const WorkloadEntry *, std::optional<std::vector<float>>> initial;
  int64_t failures = 0;
  for (size_t i = 0; i < data.records.size(); ++i) {
    const WorkloadEntry *workload = data.groups[data.set.group[i]].workload;
    auto &featurizer = featurizers[workload];
    if (!featurizer) {
      llvm::Expected<std::unique_ptr<ProgramFeaturizer>> created =
          ProgramFeaturizer::create(workload->ir);
      if (!created) {
        llvm::consumeError(created.takeError());
        continue;
      }
      featurizer = std::move(*created);
      llvm::Expected<std::vector<float>> untransformed =
          featurizer->featurize(Trace());
      if (untransformed)
        initial[workload] = std::move(*untransformed);
      else
        llvm::consumeError(untransformed.takeError());
    }
    if (initial[workload])
      data.set.consistency.push_back(
          ConsistencyTarget{int64_t(i), 0, *initial[workload]});
    const Trace &trace = data.records[i]->trace;
    std::vector<int64_t> steps;
    for (size_t k = 0; k < trace.size(); ++k)
      if (trace.getActions()[k].kind == ActionKind::Vectorize) {
        if (k > 0)
          steps.push_back(k);
        break;
      }
    steps.push_back(trace.size());
    for (int64_t step : steps) {
      Trace prefix(std::vector<Action>(trace.getActions().begin(),
                                       trace.getActions().begin() + step));
      llvm::Expected<std::vector<float>> program =
          featurizer->featurize(prefix);
      if (!program) {
        llvm::consumeError(program.takeError());
        ++failures;
        continue;
      }
      data.set.consistency.push_back(
          ConsistencyTarget{int64_t(i), step, std::move(*program)});
    }
    if ((i + 1) % 500 == 0 && progress)
      progress(llvm::formatv("intermediate programs of {0}/{1} candidates",
                             i + 1, data.records.size())
                   .str());
  }
  if (progress)
    progress(llvm::formatv("{0} consistency targets in {1:F1} s ({2} prefixes "
                           "failed to apply or lower)",
                           data.set.consistency.size(),
                           std::chrono::duration<double>(
                               std::chrono::steady_clock::now() - start)
                               .count(),
                           failures)
                 .str());
}

llvm::Expected<llvm::StringSet<>> readHeldoutManifest(llvm::StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return llvm::createStringError(buffer.getError(),
                                   "cannot read manifest '" + path + "'");
  llvm::Expected<llvm::json::Value> value =
      llvm::json::parse((*buffer)->getBuffer());
  if (!value)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "manifest '" + path + "' is not JSON: " +
                                       llvm::toString(value.takeError()));
  const llvm::json::Array *list = value->getAsArray();
  if (!list)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "manifest '" + path +
                                       "' is not a JSON list");
  llvm::StringSet<> names;
  for (const llvm::json::Value &entry : *list) {
    const llvm::json::Object *object = entry.getAsObject();
    if (!object)
      continue;
    if (object->getString("split") == llvm::StringRef("heldout"))
      if (auto name = object->getString("name"))
        names.insert(*name);
  }
  return names;
}

bool featuresMatch(const WorldModelConfig &config, bool forTraining) {
  int64_t oldest = forTraining ? kFeatureVersion : kOldestFeatureVersion;
  return config.featureVersion >= oldest &&
         config.featureVersion <= kFeatureVersion &&
         config.taskSize == taskFeatureSize() &&
         config.actionSize == actionFeatureSize(config.featureVersion) &&
         config.hardwareSize == hardwareFeatureSize();
}

llvm::Expected<WorldModel> loadWorldModel(llvm::StringRef path,
                                          bool forTraining,
                                          llvm::StringRef target) {
  llvm::Expected<WorldModel> model = WorldModel::load(path);
  if (!model)
    return model.takeError();
  const WorldModelConfig &config = model->getConfig();
  if (!target.empty() && !config.target.empty() && config.target != target)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "world model file '" + path + "' was trained for target '" +
            config.target + "', not '" + target +
            "' (give the model of this target, or train one with cwm-train)");
  if (!featuresMatch(config, forTraining)) {
    std::string versions =
        forTraining ? llvm::formatv("trains version {0}", kFeatureVersion).str()
                    : llvm::formatv("reads versions {0} to {1}",
                                    kOldestFeatureVersion, kFeatureVersion)
                          .str();
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "world model file '" + path + "' was trained on feature version " +
            llvm::Twine(config.featureVersion) + " (sizes " +
            llvm::Twine(config.taskSize) + "/" +
            llvm::Twine(config.actionSize) + "/" +
            llvm::Twine(config.hardwareSize) + "); this cwm " + versions +
            " (retrain it with cwm-train)");
  }
  return model;
}

TrainOptions onlineFineTuneOptions(uint64_t seed) {
  TrainOptions options;
  options.epochs = 8;
  options.groupsPerStep = 1;
  options.candidatesPerGroup = 64;
  options.learningRate = 2e-4;
  options.quiet = true;
  options.seed = seed;
  return options;
}

WorldModelConfig defaultWorldModelConfig() {
  WorldModelConfig config;
  config.taskSize = taskFeatureSize();
  config.actionSize = actionFeatureSize();
  config.hardwareSize = hardwareFeatureSize();
  config.featureVersion = kFeatureVersion;
  return config;
}

} // namespace cwm
