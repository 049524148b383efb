//===- GpuBatch.h - Export GPU candidates for cwm-run, import results -*- C++ -*-===//
//
// The machine that tunes (with MLIR) need not have the GPU. exportGpuBatch
// picks unmeasured GPU schedules of a workload (ranked by the cost model),
// builds each into a shared object, computes the reference outputs of one
// seed on the CPU and appends the candidates to a batch folder's manifest
// (for cwm-run) and pending list. importGpuResults turns cwm-run's results
// into database records (target "cuda"); ids already recorded are skipped, so
// importing twice adds nothing.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_SEARCH_GPUBATCH_H
#define CWM_SEARCH_GPUBATCH_H

#include "cwm/CostModel/CostModel.h"
#include "cwm/Database/Database.h"
#include "cwm/Measure/Runner.h"
#include "cwm/SearchSpace/SearchSpace.h"

#include <functional>
#include <string>

namespace cwm {

struct GpuExportOptions {
  int64_t candidates = 64;
  int64_t population = 512;
  /// Mutants of the best measured schedules of the workload: this many
  /// parents, this many mutation attempts each.
  size_t parents = 8;
  int mutantsPerParent = 6;
  uint64_t seed = 0;
  std::string chip = "sm_90";
  /// Outputs of more elements than this are checked on a prime-strided
  /// sample of between half of and this many elements.
  int64_t referenceSamples = int64_t(1) << 18;
  /// The best measured schedules exported again (besides `candidates`), to
  /// be measured in the same run as the new ones.
  int64_t remeasure = 0;
};

/// Returns how many candidates were added to the batch in `directory`.
llvm::Expected<int64_t>
exportGpuBatch(const Database &database, const WorkloadEntry &workload,
               const SearchSpace &space, CostModel &model,
               const HardwareInfo &hardware, const LocalCpuRunner &runner,
               llvm::StringRef directory, const GpuExportOptions &options,
               const std::function<void(const llvm::Twine &)> &log);

/// Returns how many records were added.
llvm::Expected<int64_t> importGpuResults(Database &database,
                                         llvm::StringRef directory,
                                         llvm::StringRef resultsFile);

} // namespace cwm

#endif // CWM_SEARCH_GPUBATCH_H
