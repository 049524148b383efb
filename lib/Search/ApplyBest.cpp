//===- ApplyBest.cpp - Rewrite a payload with its best records ------------===//

#include "cwm/Search/ApplyBest.h"

#include "cwm/Schedule/ApplyTrace.h"

#include "mlir/IR/Diagnostics.h"

#include <optional>

namespace cwm {

namespace {
/// Applies `trace` to a copy of `payload` and, if it applies, moves the
/// copy's body into `payload`; `payload` is untouched otherwise. The
/// diagnostics of a failure are returned (empty on success).
std::optional<std::string> applyToCopy(mlir::ModuleOp payload,
                                       const Trace &trace,
                                       const ExtractedTask &task) {
  mlir::OwningOpRef<mlir::ModuleOp> copy(payload.clone());
  std::string errors;
  {
    mlir::ScopedDiagnosticHandler capture(
        payload.getContext(), [&](mlir::Diagnostic &diagnostic) {
          if (diagnostic.getSeverity() == mlir::DiagnosticSeverity::Error)
            errors += (errors.empty() ? "" : "; ") + diagnostic.str();
          return mlir::success();
        });
    if (mlir::failed(applyTrace(*copy, trace, task.info, task.instance)))
      return errors.empty() ? std::string("the trace did not apply") : errors;
  }
  payload.getBodyRegion().takeBody(copy->getBodyRegion());
  return std::nullopt;
}
} // namespace

mlir::FailureOr<AppliedSchedules>
applyBestSchedules(mlir::ModuleOp payload, std::vector<ExtractedTask> &tasks,
                   const Database &database, bool weightsPrepared) {
  AppliedSchedules summary;
  for (ExtractedTask &task : tasks) {
    ++summary.tasks;
    // A best trace that applied to the task alone but not to the whole
    // payload (say, a rewrite another task's schedule made impossible)
    // gives way to the next best, then to the default lowering, with a
    // warning: one task never stops the rest.
    std::vector<const TuningRecord *> best = database.getBestRecords(
        task.key, kFallbackRecords, weightsPrepared && task.info.readsWeights);
    bool applied = false;
    for (auto [rank, record] : llvm::enumerate(best)) {
      if (record->baseline)
        break;
      std::optional<std::string> error =
          applyToCopy(payload, record->trace, task);
      if (!error) {
        applied = true;
        break;
      }
      mlir::emitWarning(payload.getLoc())
          << "the " << (rank == 0 ? "best" : "next best") << " trace of '"
          << task.info.name << "' does not apply to the payload (" << *error
          << ")"
          << (rank + 1 < best.size() && !best[rank + 1]->baseline
                  ? "; trying the next best"
                  : "; the task keeps the default lowering");
      summary.failed.push_back(task.info.name);
    }
    if (applied)
      ++summary.applied;
    else
      summary.defaults.push_back(task.info.name);
  }
  stripTaskTags(payload);
  return summary;
}

} // namespace cwm
