//===- TaskInfo.h - Static description of a tuning task ---------*- C++ -*-===//
//
// A task is one anchor op (matmul, conv, reduction, ...) together with the
// producers and consumers that may be fused with it, extracted into its own
// function. TaskInfo describes it without any MLIR object, so that schedules,
// search spaces, cost models and the database can reason about it anywhere
// (including processes that never parse IR).
//
//===----------------------------------------------------------------------===//

#ifndef CWM_TASK_TASKINFO_H
#define CWM_TASK_TASKINFO_H

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cwm {

/// The structural class of a task's anchor op; search-space rules are chosen
/// by it.
enum class OpClass {
  Matmul,       ///< linalg.matmul and matmul-like contractions (2 parallel, 1 reduction)
  BatchMatmul,  ///< linalg.batch_matmul
  Conv2D,       ///< conv_2d_nhwc_hwcf (any stride/dilation)
  GroupConv2D,  ///< conv_2d_nhwgc_gfhwc
  Depthwise2D,  ///< depthwise_conv_2d_nhwc_hwc
  Reduction,    ///< generic with reduction loops that is not a contraction
  Elementwise,  ///< all-parallel generic / named op (incl. transpose)
};

llvm::StringRef stringifyOpClass(OpClass opClass);

/// Bytes of one element of a type named as in TaskInfo ("f32", "f16", ...).
inline int64_t elementTypeBytes(llvm::StringRef type) {
  if (type == "f16" || type == "bf16" || type == "i16")
    return 2;
  if (type == "f64" || type == "i64")
    return 8;
  if (type == "i8")
    return 1;
  return 4;
}
std::optional<OpClass> parseOpClass(llvm::StringRef name);

/// One loop of an op's iteration space.
struct LoopInfo {
  int64_t extent = 1;
  bool reduction = false;
};

/// One op of a task, tagged in the IR with `cwm.op = <index>`.
struct TaskOp {
  int64_t index = 0;
  std::string name;             ///< e.g. "linalg.matmul", "tensor.pad"
  std::vector<LoopInfo> loops;  ///< empty for ops that are not linalg ops
  bool elementwise = false;     ///< all loops parallel, all maps projected permutations
  bool isFill = false;
  bool isPad = false;
  /// For every loop, the stride with which each operand's innermost dimension
  /// moves along it; used as cost-model features (0 = not indexed).
  std::vector<std::vector<int64_t>> operandLoopStrides;
  /// For each dimension of the op's first result, the loop that indexes it
  /// (-1 if the dimension is not a plain loop index).
  std::vector<int64_t> outputLoops;
  /// For each input operand, the loop that indexes each of its dimensions
  /// (-1 if not a plain loop index): how a contraction with permuted
  /// operands (PermutedOperands.h) lays out its staged slices.
  std::vector<std::vector<int64_t>> inputLoops;
  /// The static result shape of a tensor.pad (empty for other ops): GPU
  /// schedules give a pad its own grid over this shape.
  std::vector<int64_t> shape;
};

/// Static facts about a task that schedules are checked and sampled against.
struct TaskInfo {
  std::string name;           ///< human name, e.g. "matmul_1024x1024x1024_f32"
  OpClass opClass = OpClass::Elementwise;
  std::vector<TaskOp> ops;    ///< in topological (program) order
  int64_t anchor = 0;         ///< index of the op that dominates the cost
  int64_t root = 0;           ///< index of the last op; its result leaves the task
  std::string elementType;    ///< of the anchor's output, e.g. "f32"
  /// Of the anchor's first input where it differs from elementType (say f16
  /// inputs of an f32 matmul); empty otherwise.
  std::string inputElementType;
  const std::string &anchorInputType() const {
    return inputElementType.empty() ? elementType : inputElementType;
  }
  double flops = 0;           ///< 2 x multiply-adds for contractions, 1 per scalar op otherwise
  double bytes = 0;           ///< each input read once + each output written once
  /// Conv parameters (empty for other classes).
  std::vector<int64_t> strides, dilations;
  /// Some of its arguments are a model's weights (marked `cwm.weight`,
  /// include/cwm/Task/Weights.h): its candidates are timed with what reads
  /// only them computed once beforehand, as the compiled model runs them
  /// (cwm-prepare-weights). Known from the task's IR; not stored with it.
  bool readsWeights = false;
  /// For each input of the anchor op: it is a weight argument of the task
  /// itself (not computed in the task). Known from the task's IR, as above.
  std::vector<bool> anchorWeightInputs;
  bool anchorInputIsWeight(size_t input) const {
    return input < anchorWeightInputs.size() && anchorWeightInputs[input];
  }

  const TaskOp &anchorOp() const { return ops[anchor]; }
  /// A 2-D pooling window (linalg.pooling_nhwc_*; loops n, oh, ow, c, kh,
  /// kw): classed as a reduction, scheduled like a depthwise convolution.
  bool anchorIsPooling() const {
    return opClass == OpClass::Reduction &&
           llvm::StringRef(anchorOp().name).starts_with("linalg.pooling_nhwc");
  }
  /// A batch matmul whose inputs are read through permuted maps (a
  /// linalg.generic made by foldPermutedOperands, PermutedOperands.h): the
  /// generic GPU schedules apply, the tensor-core ones (which assume
  /// row-major [b, m, k] and [b, k, n] slices) do not.
  bool anchorReadsPermutedOperands() const {
    return (opClass == OpClass::Matmul || opClass == OpClass::BatchMatmul) &&
           anchorOp().name == "linalg.generic";
  }
  const TaskOp &rootOp() const { return ops[root]; }
  /// True if the root is a distinct elementwise consumer of the anchor.
  bool hasConsumer() const { return root != anchor; }
  /// True if a GPU schedule gives `op` a grid (kernel) of its own instead of
  /// fusing it into the root's blocks: a tensor.pad, and an elementwise
  /// producer of the anchor's inputs (say, a transpose), whose loops do not
  /// line up with the root's threads.
  bool ownsGpuGrid(const TaskOp &op) const {
    return op.isPad ||
           (op.elementwise && !op.isFill && op.index < anchor);
  }
  /// The iteration shape of an op: its loop extents, or a pad's result shape.
  std::vector<int64_t> iterationShape(const TaskOp &op) const {
    if (op.isPad)
      return op.shape;
    std::vector<int64_t> shape;
    for (const LoopInfo &loop : op.loops)
      shape.push_back(loop.extent);
    return shape;
  }
};

/// Why `task` cannot be split along its reduction (ActionKind::SplitK) into
/// `factor` partial sums; empty if it can: a matmul anchor over (m, n, k)
/// whose output is indexed by (m, n), k divisible by `factor` (2 to 64),
/// its fill alone before it and elementwise ops over (m, n) after it.
std::string splitKUnsupportedReason(const TaskInfo &task, int64_t factor);

/// The task the main grid of a split-K schedule sees (ActionKind::SplitK):
/// the anchor's reduction loop is K / factor long (each block sums one
/// slice; its fill now zeroes the partial sums) and it is the root; the
/// ops after the anchor run in the combining kernel, outside this view, so
/// their loops are cleared (nothing may schedule them). Assumes
/// splitKUnsupportedReason(task, factor) is empty.
TaskInfo splitKTask(const TaskInfo &task, int64_t factor);

/// Why the weights of `task` cannot be relaid out by pack_weights
/// (ActionKind::PackWeights); empty if they can: a grouped convolution
/// anchor (conv_2d_nhwgc_gfhwc) over (n, oh, ow, g, f, kh, kw, c).
std::string packWeightsUnsupportedReason(const TaskInfo &task);

/// The task the actions after pack_weights see: the same loops, the anchor's
/// weights (its second operand) laid out as G x KH x KW x C x F, so their
/// innermost dimension moves with the output channel loop f. Assumes
/// packWeightsUnsupportedReason(task) is empty.
TaskInfo packWeightsTask(const TaskInfo &task);

/// Why the schedule of `task` cannot read its B from packed panels
/// (ActionKind::PackB); empty if it can: an f32 matmul anchor over (m, n, k)
/// whose B is read as K x N rows (n contiguous, k a row apart).
std::string packBUnsupportedReason(const TaskInfo &task);

/// Why `task` cannot run as a Winograd convolution F(tile x tile, 3 x 3)
/// (ActionKind::Winograd); empty if it can: an f32 conv_2d_nhwc_hwcf over
/// (n, oh, ow, f, kh, kw, c) with a 3 x 3 window, stride and dilation 1,
/// `tile` 2 or 4 (ragged tiles, where it does not divide the output, may
/// compute at most half again the output's pixels), channels and filters
/// multiples of 4, its fill and at most a pad before it, and elementwise
/// ops over (n, oh, ow, f) after it.
std::string winogradUnsupportedReason(const TaskInfo &task, int64_t tile);

/// The task the actions after winograd see: the batch matmul of the
/// transformed tiles, (tile + 2)^2 products of (tiles x N) x C times
/// C x F over (p, t, f, c), and its fill; the pad and the ops after the
/// anchor belong to the transforms cwm builds around it (their loops are
/// cleared: nothing may schedule them). Assumes
/// winogradUnsupportedReason(task, tile) is empty.
TaskInfo winogradTask(const TaskInfo &task, int64_t tile);

llvm::json::Value toJSON(const TaskInfo &task);
llvm::Expected<TaskInfo> taskInfoFromJSON(const llvm::json::Value &value);

} // namespace cwm

#endif // CWM_TASK_TASKINFO_H
