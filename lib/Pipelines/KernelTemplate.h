//===- KernelTemplate.h - Kernels built from text for marked matmuls -----===//
//
// What cwm-gpu-wgmma and cwm-gpu-simt-gemm share: a kernel written as MLIR
// text with @NAME@ placeholders, parsed into a private function of the
// module, and the marked matmul (on buffers, zero-filled right before)
// replaced by a call to it. The function's name says what it computes, so
// two tasks of a whole model may each hold one of the same name: it has
// internal linkage (`llvm.linkage`), or their objects would not link.
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

/// Elementwise linalg.generic ops after the matmul, the first reading its
/// output C (by the identity map), each later one what came before, the
/// last writing D: computed in the kernel's stores instead of in passes
/// over C of their own (bias, activation, residual, ...).
struct Epilogue {
  llvm::SmallVector<linalg::GenericOp> generics; ///< empty: nothing to fuse
  /// The generics' inputs other than C and their outputs, then D: the
  /// kernel's arguments after A, B and C.
  llvm::SmallVector<Value> operands;
  /// ", %e0: memref<...>, ..." for those arguments (empty without one).
  std::string arguments() const;
  /// A suffix telling this epilogue's kernel from others of the same shapes
  /// ("" without one).
  std::string nameSuffix() const;
};

/// The epilogue of `anchor` (a matmul or convolution on buffers) whose
/// kernel stores `c` (a 2-D f32 buffer: the matmul's output, or a
/// convolution's output collapsed to pixels x filters): the linalg.generic
/// ops after it that read `c` or their own, if any. One that cannot be
/// computed in the kernel's stores is an error prefixed by `what`, naming
/// why: each must be elementwise over C's two dimensions, read C and the
/// chain's values by the identity map and its other inputs (plain static
/// memrefs in global memory) by projections of (row, column), write a plain
/// f32 memref by the identity map without reading it, and compute with
/// side-effect-free ops of scalars (constants from outside the body are
/// cloned); C and the intermediate results must be buffers of their own
/// (or collapsed views of one) that nothing else reads, unless written in
/// place into the last output.
FailureOr<Epilogue> findEpilogue(Operation *anchor, Value c,
                                 llvm::StringRef what);
inline FailureOr<Epilogue> findEpilogue(linalg::MatmulOp matmul,
                                        llvm::StringRef what) {
  return findEpilogue(matmul, matmul.getDpsInits()[0], what);
}

/// Replaces `anchor` (a matmul or convolution on buffers, its output
/// `init`) by a call to the kernel function `name`(a, b, c, epilogue
/// operands...), parsed from `moduleText()` into `module` unless a function
/// of that name is already there (a memref.global the text declares is
/// kept once), and erases the zero fill of `init` right before it (the
/// kernel writes every element) and then `alsoErase` (in order); without
/// that fill it is an error, prefixed by `what`, and nothing changes. The
/// text marks its stores of C with `cwm.epilogue` (vector.store of a
/// vector<4xf32> quad at [row, column]): with an epilogue, each becomes a
/// store to D of the generic's body computed on the quad's four elements,
/// and the generic is erased; without one the marks are dropped.
LogicalResult replaceByKernel(ModuleOp module, Operation *anchor, Value init,
                              Value a, Value b, Value c, llvm::StringRef name,
                              const std::function<std::string()> &moduleText,
                              llvm::StringRef what, const Epilogue &epilogue,
                              llvm::ArrayRef<Operation *> alsoErase = {});
/// The same for a matmul: A, B and C are its operands.
inline LogicalResult
replaceByKernel(ModuleOp module, linalg::MatmulOp matmul, llvm::StringRef name,
                const std::function<std::string()> &moduleText,
                llvm::StringRef what, const Epilogue &epilogue = {}) {
  Value c = matmul.getDpsInits()[0];
  return replaceByKernel(module, matmul, c, matmul.getDpsInputs()[0],
                         matmul.getDpsInputs()[1], c, name, moduleText, what,
                         epilogue);
}

} // namespace mlir::cwm

#endif // CWM_PIPELINES_KERNELTEMPLATE_H
