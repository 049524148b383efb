//===- TransformEmitter.h - Trace to Transform-dialect IR -------*- C++ -*-===//
//
// Turns a Trace into the text of a Transform-dialect module whose entry point
// `@__transform_main` applies the schedule to the ops tagged
// {cwm.task = <instance>, cwm.op = <index>}. Emitting text keeps the mapping
// from actions to Transform IR readable and testable with FileCheck.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_SCHEDULE_TRANSFORMEMITTER_H
#define CWM_SCHEDULE_TRANSFORMEMITTER_H

#include "cwm/Schedule/Trace.h"
#include "cwm/Task/TaskInfo.h"

#include "llvm/Support/Error.h"

#include <string>

namespace cwm {

/// Emits the Transform module for `trace` applied to task instance
/// `instance`. Fails if the trace does not pass checkTrace().
llvm::Expected<std::string> emitTransformScript(const Trace &trace,
                                                const TaskInfo &task,
                                                int64_t instance);

} // namespace cwm

#endif // CWM_SCHEDULE_TRANSFORMEMITTER_H
