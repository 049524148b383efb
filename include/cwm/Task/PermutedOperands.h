//===- PermutedOperands.h - Transposes folded into contractions -*- C++ -*-===//
//
// On the GPU an elementwise producer of a contraction's input gets a kernel
// of its own (TaskInfo::ownsGpuGrid): a transpose before a batch matmul
// (attention's head split, Q K^T) costs two extra launches and a round trip
// through memory. Before tasks are extracted for the GPU, a pure permutation
// producer of a batch matmul operand is folded into the contraction's
// indexing map instead: the batch matmul becomes a linalg.generic that reads
// the untransposed tensor where it is, marked kPermutedOperandsAttrName and
// classed a batch matmul (docs/notes/gpu-transpose-fold.md).
//
//===----------------------------------------------------------------------===//

#ifndef CWM_TASK_PERMUTEDOPERANDS_H
#define CWM_TASK_PERMUTEDOPERANDS_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/StringRef.h"

namespace cwm {

/// Marks a linalg.generic batch matmul (loops b, m, n, k; result indexed by
/// b, m, n) made by foldPermutedOperands: its inputs are read through
/// permuted maps.
inline constexpr llvm::StringLiteral kPermutedOperandsAttrName =
    "cwm.permuted_operands";

/// Folds every pure permutation (linalg.transpose, or a generic copying its
/// one input through a permutation) that feeds a linalg.batch_matmul on
/// static tensors under `root` into the contraction's operand maps, where
/// neither its inputs nor the permutations' sources are computed by ops that
/// would join its task (pads, fills, elementwise ops: a folded contraction's
/// inputs are always staged in shared memory, which fused producers cannot
/// be; softmax before attention's context product is one); a transpose
/// left without users is erased. Returns how many contractions changed.
int64_t foldPermutedOperands(mlir::Operation *root);

} // namespace cwm

#endif // CWM_TASK_PERMUTEDOPERANDS_H
