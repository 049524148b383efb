//===- ApplyBest.h - Rewrite a payload with its best records ----*- C++ -*-===//
//
// Every task of a payload is looked up in a database by its workload key and
// rewritten with the fastest successful trace that applies; tasks without a
// record, whose default lowering beat every record, or none of whose best
// traces applies, keep the default lowering. Used
// by cwm-apply-best, cwm-autotune (after tuning) and cwm-compile.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_SEARCH_APPLYBEST_H
#define CWM_SEARCH_APPLYBEST_H

#include "cwm/Database/Database.h"
#include "cwm/Task/TaskExtraction.h"

#include "mlir/IR/BuiltinOps.h"

#include <string>
#include <vector>

namespace cwm {

/// What applying a database to a payload did.
struct AppliedSchedules {
  int64_t tasks = 0;   ///< task instances in the payload
  int64_t applied = 0; ///< instances rewritten with a tuned trace
  /// Names of the instances left with the default lowering.
  std::vector<std::string> defaults;
  /// One name per trace that did not apply to the payload (each warned
  /// about; the next best, or the default lowering, took its place).
  std::vector<std::string> failed;
};

/// How many of a task's best records are tried, best first, before it keeps
/// the default lowering.
inline constexpr size_t kFallbackRecords = 3;

/// Applies the best record of each of `tasks` (extracted from `payload` for
/// the database's target) and strips the task tags. A trace that does not
/// apply to the payload leaves it untouched (it is applied to a copy first)
/// and gives way, with a warning at the payload, to the task's next best
/// record, up to kFallbackRecords, then to the default lowering.
/// `weightsPrepared`: the payload's marked weights will be prepared once
/// (cwm-prepare-weights), so records of its tasks timed that way count.
mlir::FailureOr<AppliedSchedules>
applyBestSchedules(mlir::ModuleOp payload, std::vector<ExtractedTask> &tasks,
                   const Database &database, bool weightsPrepared = true);

} // namespace cwm

#endif // CWM_SEARCH_APPLYBEST_H
