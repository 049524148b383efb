//===- ApplyBest.cpp - Rewrite a payload with its best records ------------===//

#include "cwm/Search/ApplyBest.h"

#include "cwm/Schedule/ApplyTrace.h"

namespace cwm {

mlir::FailureOr<AppliedSchedules>
applyBestSchedules(mlir::ModuleOp payload, std::vector<ExtractedTask> &tasks,
                   const Database &database) {
  AppliedSchedules summary;
  for (ExtractedTask &task : tasks) {
    ++summary.tasks;
    std::vector<const TuningRecord *> best =
        database.getBestRecords(task.key, 1);
    if (best.empty() || best.front()->baseline) {
      summary.defaults.push_back(task.info.name);
      continue;
    }
    if (mlir::failed(applyTrace(payload, best.front()->trace, task.info,
                                task.instance))) {
      mlir::emitError(payload.getLoc())
          << "the best trace of '" << task.info.name
          << "' no longer applies to the payload";
      return mlir::failure();
    }
    ++summary.applied;
  }
  stripTaskTags(payload);
  return summary;
}

} // namespace cwm
