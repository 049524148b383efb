//===- PackB.h - A matmul's B read from packed panels ----------*- C++ -*-===//

#ifndef CWM_LIB_SCHEDULE_PACKB_H
#define CWM_LIB_SCHEDULE_PACKB_H

#include "cwm/Task/TaskInfo.h"

#include "mlir/IR/BuiltinOps.h"

namespace cwm {

/// Before the script: the B operand of the task's matmul anchor (instance
/// `instance` of `task` in `payload`), which pack_b will pack.
mlir::FailureOr<mlir::Value> findPackedOperand(mlir::ModuleOp payload,
                                               const TaskInfo &task,
                                               int64_t instance);

/// After the script (ActionKind::PackB): every read of `b` inside the task's
/// loops (those the script tagged for `instance`) must be an in-bounds
/// vector read along n whose n offset is a multiple of its width NR; they
/// then read a copy of `b` packed as N/NR x K x NR panels, built by a
/// vectorized scf.forall right after `b` is defined. Fails, with an error at
/// `where`, if a read cannot (the schedule is refused).
mlir::LogicalResult readPackedPanels(mlir::ModuleOp payload, mlir::Value b,
                                     int64_t instance, mlir::Location where);

} // namespace cwm

#endif // CWM_LIB_SCHEDULE_PACKB_H
