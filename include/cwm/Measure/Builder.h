//===- Builder.h - Apply a schedule and lower a task ------------*- C++ -*-===//

#ifndef CWM_MEASURE_BUILDER_H
#define CWM_MEASURE_BUILDER_H

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

#endif // CWM_MEASURE_BUILDER_H
