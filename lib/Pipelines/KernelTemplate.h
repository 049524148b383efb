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

/// The zero fill of the matmul's output right before it in its block (null:
/// none, or something else writes the output in between).
linalg::FillOp zeroFillBefore(linalg::MatmulOp matmul);

/// Replaces `matmul` (on buffers, zero-filled right before: `fill`) by a
/// call to the kernel function `name`(A, B, C), parsed from `moduleText()`
/// into `module` unless a function of that name is already there (a
/// memref.global the text declares is kept once). The fill is erased.
/// `what` prefixes errors ("wgmma").
LogicalResult replaceByKernel(ModuleOp module, linalg::MatmulOp matmul,
                              linalg::FillOp fill, llvm::StringRef name,
                              const std::function<std::string()> &moduleText,
                              llvm::StringRef what);

} // namespace mlir::cwm

#endif // CWM_PIPELINES_KERNELTEMPLATE_H
