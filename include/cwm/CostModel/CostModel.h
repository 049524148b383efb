//===- CostModel.h - Batched scoring of candidate schedules -----*- C++ -*-===//
//
// The interface every cost model implements (random baseline now; the world
// model and the snapshot baseline later): set the task once, score many
// traces in one call (higher = predicted faster), learn from measurements.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_COSTMODEL_COSTMODEL_H
#define CWM_COSTMODEL_COSTMODEL_H

#include "cwm/Database/Record.h"
#include "cwm/Schedule/Trace.h"
#include "cwm/Task/TaskInfo.h"

#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace cwm {

class CostModel {
public:
  virtual ~CostModel();
  virtual llvm::StringRef getName() const = 0;
  /// One score per trace; higher means predicted faster. The workload holds
  /// the task's static description and its IR (a model that works on the
  /// transformed program, like the snapshot baseline, needs the IR).
  virtual llvm::Expected<std::vector<double>>
  predict(const WorkloadEntry &workload, const HardwareInfo &hardware,
          llvm::ArrayRef<Trace> traces) = 0;
  /// Learns from measured candidates (online update between rounds).
  virtual llvm::Error update(const WorkloadEntry &workload,
                             const HardwareInfo &hardware,
                             llvm::ArrayRef<Trace> traces,
                             llvm::ArrayRef<MeasureResult> results) {
    return llvm::Error::success();
  }
};

/// Uniformly random scores (the baseline every learned model must beat).
std::unique_ptr<CostModel> createRandomModel(uint64_t seed);

/// How the world model learns during a tuning run.
struct WorldOnlineOptions {
  /// "finetune": a few epochs of gradient steps on the whole network;
  /// "linear": a Bayesian linear correction over the frozen network's last
  /// hidden layer (OnlineAdapter.h); "both": fine-tuning, then the linear
  /// correction over the fine-tuned network; "none": the pre-trained
  /// ranking only.
  std::string mode = "finetune";
  /// "linear" and "both": rank by mean + explore * posterior deviation (an
  /// upper confidence bound; 0 = the mean). A seed ensemble (finetune or
  /// none): its members' standardized mean + explore * their deviation.
  double explore = 0.0;
};

/// `prior` alone until `warmup` candidates of a workload are measured, then
/// the sum of its and `learner`'s standardized scores (`learner`'s times
/// `weight`); both learn from every measurement (HybridCostModel.cpp).
std::unique_ptr<CostModel> createHybridCostModel(std::unique_ptr<CostModel> prior,
                                                 std::unique_ptr<CostModel> learner,
                                                 size_t warmup, double weight);

/// The known online modes, for messages.
constexpr const char *kWorldOnlineModes = "finetune, linear, both, none";

/// The world model loaded from a model file (written by cwm-train), or a seed
/// ensemble from several separated by commas (cwm/WorldModel/Ensemble.h); an
/// unreadable, corrupt or incompatible file is an error naming the problem.
llvm::Expected<std::unique_ptr<CostModel>>
createWorldCostModel(llvm::StringRef modelPath, uint64_t seed,
                     llvm::StringRef target = "",
                     const WorldOnlineOptions &online = {});

/// Creates a model by name ("random", "world"); `modelPath` is the model
/// file for learned models; `target`, when given, must be the one a world
/// model file records. The error lists the known names.
llvm::Expected<std::unique_ptr<CostModel>>
createCostModel(llvm::StringRef name, uint64_t seed,
                llvm::StringRef modelPath = "", llvm::StringRef target = "",
                const WorldOnlineOptions &online = {});

/// The pre-trained model shipped for `target` ("cpu"): $CWM_MODEL_DIR/<target>-world.pt,
/// else models/<target>-world.pt of the source tree cwm was built from, else
/// share/cwm/models/ beside the installed tools; empty if none exists.
std::string findDefaultModel(llvm::StringRef target);

} // namespace cwm

#endif // CWM_COSTMODEL_COSTMODEL_H
