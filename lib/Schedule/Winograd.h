//===- Winograd.h - A convolution rewritten as Winograd's F(m x m, 3 x 3) -===//

#ifndef CWM_LIB_SCHEDULE_WINOGRAD_H
#define CWM_LIB_SCHEDULE_WINOGRAD_H

#include "cwm/Task/TaskInfo.h"

#include "mlir/IR/BuiltinOps.h"

namespace cwm {

/// winograd (ActionKind::Winograd): rewrites the convolution that is op
/// `task.anchor` of task `instance` (and the elementwise ops after it) into
/// the filter and input transforms, a batch matmul of (tile + 2)^2
/// products carrying the convolution's tags (its fill the fill's), and the
/// output transform with the epilogue; the schedule's script then runs on
/// the batch matmul (winogradTask). Errors name what does not fit.
mlir::LogicalResult rewriteConvAsWinograd(mlir::ModuleOp payload,
                                          const TaskInfo &task,
                                          int64_t instance, int64_t tile);

} // namespace cwm

#endif // CWM_LIB_SCHEDULE_WINOGRAD_H
