//===- ConvolutionLayouts.h - NCHW convolutions as NHWC ones ----*- C++ -*-===//
//
// cwm's rules, features and data know convolutions in NHWC with HWCF
// filters. PyTorch's layout (linalg.conv_2d_nchw_fchw, as torch-mlir emits
// it) is rewritten into that form before tasks are extracted: transposes
// around an NHWC convolution, the filter relaid out once (folded where it is
// a constant).
//
//===----------------------------------------------------------------------===//

#ifndef CWM_TASK_CONVOLUTIONLAYOUTS_H
#define CWM_TASK_CONVOLUTIONLAYOUTS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"

namespace cwm {

/// Marks a transpose the layout rewrite made for a filter or a result: it
/// is a task of its own, never fused into the convolution's task (a fused
/// filter transpose would run again in every parallel tile).
inline constexpr llvm::StringLiteral kRelayoutAttrName = "cwm.relayout";

/// `value` with its dimensions permuted: result dimension i is source
/// dimension `permutation[i]`. Null where the element type is not a whole
/// number of bytes.
mlir::DenseElementsAttr transposeConstant(mlir::DenseElementsAttr value,
                                          llvm::ArrayRef<int64_t> permutation);

/// `value` with its dimensions permuted by `permutation`: a new constant
/// where `value` is one (transposeConstant), else a linalg.transpose
/// created at the builder's insertion point.
mlir::Value transposeValue(mlir::OpBuilder &builder, mlir::Location loc,
                           mlir::Value value,
                           llvm::ArrayRef<int64_t> permutation);

/// Rewrites every linalg.conv_2d_nchw_fchw on static tensors under `root`
/// into transpose(input) -> linalg.conv_2d_nhwc_hwcf -> transpose(result),
/// its filter transposed to HWCF (a new constant where the filter is one)
/// and a fill init re-created in NHWC. Strides and dilations are kept.
void normalizeConvolutionLayouts(mlir::Operation *root);

} // namespace cwm

#endif // CWM_TASK_CONVOLUTIONLAYOUTS_H
