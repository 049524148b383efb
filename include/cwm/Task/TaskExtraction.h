//===- TaskExtraction.h - Find tuning tasks in a Linalg payload -*- C++ -*-===//
//
// Partitions every function of a payload into tasks: each anchor op
// (contraction, convolution, reduction) with the producers (fill, pad,
// transposes and other elementwise ops) and consumers (elementwise epilogues)
// that can be fused into its loops. Each task is tagged in the payload
// (`cwm.task = <instance>`, `cwm.op = <index>`) and copied into a standalone
// module whose single function `@task` computes exactly that group.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_TASK_TASKEXTRACTION_H
#define CWM_TASK_TASKEXTRACTION_H

#include "cwm/Task/TaskInfo.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>
#include <vector>

namespace cwm {

/// Attribute names of the tags that schedules match on.
constexpr llvm::StringLiteral kTaskAttrName = "cwm.task";
constexpr llvm::StringLiteral kOpAttrName = "cwm.op";

/// One task found in a payload.
struct ExtractedTask {
  TaskInfo info;
  /// A module holding one public function `@task` (ops tagged cwm.task = 0).
  mlir::OwningOpRef<mlir::ModuleOp> module;
  /// Printed form of `module` (what the database stores and workers read).
  std::string ir;
  /// Structural hash of the task plus the target; equal tasks share a key.
  std::string key;
  /// The `cwm.task` tag of this task's ops in the payload.
  int64_t instance = 0;
  /// The function of the payload that holds the task.
  std::string functionName;
};

/// Rewrites aggregate ops that have no lowering of their own (linalg.softmax)
/// into the generic ops they stand for.
mlir::LogicalResult decomposeAggregateOps(mlir::Operation *root);

/// Finds the tasks of every function in `payload`, tags their ops in place and
/// builds a standalone module for each. Unsupported ops and dynamic shapes are
/// reported as errors on the offending op.
mlir::FailureOr<std::vector<ExtractedTask>>
extractTasks(mlir::ModuleOp payload, llvm::StringRef target);

/// Replaces every instance in `tasks` (extracted from `payload`, whose ops
/// carry the task tags) by a call to a new private declaration
/// `@<prefix><instance>` with the signature of the instance's task module
/// (its `@task`: the same arguments in the same order, the same results), and
/// removes the instance's ops. What is left of each function is the glue
/// between tasks (empty tensors, reshapes, constants, calls).
mlir::LogicalResult outlineTaskInstances(mlir::ModuleOp payload,
                                         llvm::ArrayRef<ExtractedTask> tasks,
                                         llvm::StringRef prefix);

/// Builds the TaskInfo of a standalone task module (its single function).
mlir::FailureOr<TaskInfo> analyzeTaskModule(mlir::ModuleOp module);

/// The op tagged as op `index` of task instance `instance` below `root`
/// (nullptr if there is none).
mlir::Operation *findTaskOp(mlir::Operation *root, int64_t instance,
                            int64_t index);

/// Removes every cwm.task / cwm.op tag below `root`.
void stripTaskTags(mlir::Operation *root);

} // namespace cwm

#endif // CWM_TASK_TASKEXTRACTION_H
