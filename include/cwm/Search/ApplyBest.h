//===- ApplyBest.h - Rewrite a payload with its best records ----*- C++ -*-===//
//
// Every task of a payload is looked up in a database by its workload key and
// rewritten with the fastest successful trace; tasks without a record, or
// whose default lowering beat every record, keep the default lowering. Used
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
};

/// Applies the best record of each of `tasks` (extracted from `payload` for
/// the database's target) and strips the task tags. Fails, with an error at
/// the payload, when a best trace no longer applies.
mlir::FailureOr<AppliedSchedules>
applyBestSchedules(mlir::ModuleOp payload, std::vector<ExtractedTask> &tasks,
                   const Database &database);

} // namespace cwm

#endif // CWM_SEARCH_APPLYBEST_H
