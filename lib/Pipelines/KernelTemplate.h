//===- KernelTemplate.h - Kernels built from text for marked matmuls -----===//
//
// What cwm-gpu-wgmma and cwm-gpu-simt-gemm share: a kernel written as MLIR
// text with @NAME@ placeholders, parsed into a private function of the
// module, and the marked matmul (on buffers, zero-filled right before)
// replaced by a call to it.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_PIPELINES_KERNELTEMPLATE_H
#define CWM_PIPELINES_KERNELTEMPLATE_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/BuiltinOps.h"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace mlir::cwm {

/// `text` with every "@NAME@" replaced by its value, again in the values
/// substituted until none is left (values hold other placeholders).
std::string fillTemplate(std::string text,
                         const std::map<std::string, std::string> &values);

/// Index constants %cV (one line each) for every V in `values`.
std::string indexConstants(std::vector<int64_t> values);

/// A row-major memref of static shape, `element` type and `rank` in the
/// default (global) memory space.
bool isPlainMemref(Value value, Type element, int64_t rank);

/// The m, n and k of a marked matmul a kernel template can take: on
/// buffers, no user-defined maps, A and B plain memrefs of `input` type, C
/// of f32. Otherwise an error prefixed by `what` ("wgmma") that names the
/// operands it needs (`operands`, e.g. "f16 x f16 -> f32 operands").
FailureOr<std::array<int64_t, 3>>
templateMatmulShape(linalg::MatmulOp matmul, Type input, llvm::StringRef what,
                    llvm::StringRef operands);

/// Replaces `matmul` (on buffers) by a call to the kernel function
/// `name`(A, B, C), parsed from `moduleText()` into `module` unless a
/// function of that name is already there (a memref.global the text
/// declares is kept once), and erases the zero fill of C right before it
/// (the kernel writes every element); without that fill it is an error,
/// prefixed by `what`, and nothing changes.
LogicalResult replaceByKernel(ModuleOp module, linalg::MatmulOp matmul,
                              llvm::StringRef name,
                              const std::function<std::string()> &moduleText,
                              llvm::StringRef what);

} // namespace mlir::cwm

#endif // CWM_PIPELINES_KERNELTEMPLATE_H
