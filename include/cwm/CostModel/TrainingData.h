//===- TrainingData.h - Measured records as model training sets -*- C++ -*-===//
//
// Turns database records into the feature batches the world model trains and
// is evaluated on: one group per (workload, hardware, thread count), the
// measured median of each success, and failures (transform, lowering,
// compile errors, crashes, timeouts, wrong results) as candidates that rank
// below every success. Static-check rejections and runner errors say nothing
// about the schedule and are left out; so are baselines (empty traces).
//
//===----------------------------------------------------------------------===//

#ifndef CWM_COSTMODEL_TRAININGDATA_H
#define CWM_COSTMODEL_TRAININGDATA_H

#include "cwm/CostModel/Features.h"
#include "cwm/Database/Database.h"
#include "cwm/WorldModel/WorldModel.h"

#include "llvm/ADT/StringSet.h"

#include <functional>
#include <string>
#include <vector>

namespace cwm {

/// What one group of a training set stands for.
struct GroupInfo {
  std::string workloadKey;
  std::string taskName;
  std::string hardware;
  int64_t candidates = 0;
  const WorkloadEntry *workload = nullptr; ///< owned by its database
};

struct LabeledSet {
  TrainingSet set;
  std::vector<GroupInfo> groups; ///< indexed by TrainingSet::group
  std::vector<const TuningRecord *> records; ///< per candidate
};

/// Whether a workload goes into a set (by its task name).
using WorkloadFilter = std::function<bool(const WorkloadEntry &)>;

/// Adds the records of `database` whose workload passes `filter` to `out`.
/// Records without structured hardware facts get `fallbackHardware` (with the
/// record's own thread count where it has one). Action features are of
/// `featureVersion` (that of the model the set is for).
void appendTrainingRecords(const Database &database,
                           const WorkloadFilter &filter,
                           const HardwareInfo &fallbackHardware,
                           LabeledSet &out,
                           int64_t featureVersion = kFeatureVersion);

/// Latent-consistency targets for the candidates of `data` (the world
/// model's training set): the program features of the untransformed task
/// (step 0), of the trace's prefix before its first vectorization, and of
/// the whole trace, each really applied and lowered. Prefixes that fail to
/// apply or lower are skipped. `progress` gets a line now and then.
void addConsistencyTargets(
    LabeledSet &data,
    const std::function<void(llvm::StringRef)> &progress = {});

/// The name of the fixed held-out split on which generalization is measured
/// (bench/heldout/), and whether a workload key is one of its tasks (CPU or
/// CUDA). appendTrainingRecords' callers keep such records out of training.
constexpr const char *kGeneralizationSplit = "heldout-v1";
bool isGeneralizationHeldout(llvm::StringRef workloadKey);
/// How many keys the split holds (for messages and tests).
size_t generalizationHeldoutSize();

/// The names of the workloads a manifest (a JSON list of {name, split},
/// as scripts/gen-workloads.py writes) marks "heldout".
llvm::Expected<llvm::StringSet<>> readHeldoutManifest(llvm::StringRef path);

/// Whether this cwm computes the features a model of `config` reads: for
/// scoring, any version from kOldestFeatureVersion on; for training, the
/// current one.
bool featuresMatch(const WorldModelConfig &config, bool forTraining);

/// Loads a model file and checks its features against this cwm's. Scoring
/// reads every feature version from kOldestFeatureVersion on (an older
/// model sees the prefix of the action vector it knows); training needs
/// the current version. Another version is an error naming both. With
/// `target` given, a model recorded as trained for another target is an
/// error too (a file that records no target is accepted).
llvm::Expected<WorldModel> loadWorldModel(llvm::StringRef path,
                                          bool forTraining,
                                          llvm::StringRef target = "");

/// The feature sizes and version a model for these features needs.
WorldModelConfig defaultWorldModelConfig();

/// How a tuning run fine-tunes the world model on one workload's
/// measurements (online=finetune; cwm-train --online replays it): a few
/// gentle epochs over the one group.
TrainOptions onlineFineTuneOptions(uint64_t seed);

} // namespace cwm

#endif // CWM_COSTMODEL_TRAININGDATA_H
