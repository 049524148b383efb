//===- ApplyTrace.h - Apply a schedule to a payload -------------*- C++ -*-===//

#ifndef CWM_SCHEDULE_APPLYTRACE_H
#define CWM_SCHEDULE_APPLYTRACE_H

#include "cwm/Schedule/Trace.h"
#include "cwm/Task/TaskInfo.h"

#include "mlir/IR/BuiltinOps.h"

namespace cwm {

/// Applies `trace` to the ops of `payload` tagged with cwm.task = `instance`
/// through the Transform dialect. The trace is checked statically first.
/// Errors are emitted as diagnostics on `payload`.
mlir::LogicalResult applyTrace(mlir::ModuleOp payload, const Trace &trace,
                               const TaskInfo &task, int64_t instance);

} // namespace cwm

#endif // CWM_SCHEDULE_APPLYTRACE_H
