//===- KernelTemplate.cpp - Kernels built from text for marked matmuls ---===//

#include "KernelTemplate.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Parser/Parser.h"

#include <algorithm>

namespace mlir::cwm {

std::string fillTemplate(std::string text,
                         const std::map<std::string, std::string> &values) {
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto &[name, value] : values) {
      std::string key = "@" + name + "@";
      for (size_t at = text.find(key); at != std::string::npos;
           at = text.find(key, at + value.size())) {
        text.replace(at, key.size(), value);
        changed = true;
      }
    }
  }
  return text;
}

std::string indexConstants(std::vector<int64_t> values) {
  llvm::sort(values);
  values.erase(std::unique(values.begin(), values.end()), values.end());
  std::string text;
  for (int64_t v : values)
    text += "\n    %c" + std::to_string(v) + " = arith.constant " +
            std::to_string(v) + " : index";
  return text;
}

bool isPlainMemref(Value value, Type element, int64_t rank) {
  auto type = dyn_cast<MemRefType>(value.getType());
  return type && type.hasStaticShape() && type.getRank() == rank &&
         type.getElementType() == element && type.getLayout().isIdentity() &&
         !type.getMemorySpace();
}

FailureOr<std::array<int64_t, 3>>
templateMatmulShape(linalg::MatmulOp matmul, Type input, llvm::StringRef what,
                    llvm::StringRef operands) {
  if (!matmul.hasPureBufferSemantics())
    return matmul.emitError(what) << ": the matmul is not on buffers (the "
                                     "schedule bufferizes it first)";
  if (matmul.hasUserDefinedMaps())
    return matmul.emitError(what)
           << ": only a plain row-major matmul (no transposed or broadcast "
              "operand) is supported";
  Value a = matmul.getDpsInputs()[0], b = matmul.getDpsInputs()[1],
        c = matmul.getDpsInits()[0];
  Type f32 = Float32Type::get(matmul.getContext());
  if (!isPlainMemref(a, input, 2) || !isPlainMemref(b, input, 2) ||
      !isPlainMemref(c, f32, 2))
    return matmul.emitError(what)
           << ": needs " << operands
           << " of static shape with identity layouts in global memory";
  ArrayRef<int64_t> aShape = cast<MemRefType>(a.getType()).getShape();
  ArrayRef<int64_t> bShape = cast<MemRefType>(b.getType()).getShape();
  return std::array<int64_t, 3>{aShape[0], bShape[1], aShape[1]};
}

/// The zero fill of the matmul's output right before it in its block (null:
/// none, or something else writes the output in between).
static linalg::FillOp zeroFillBefore(linalg::MatmulOp matmul) {
  Value c = matmul.getDpsInits()[0];
  for (Operation *op = matmul->getPrevNode(); op; op = op->getPrevNode()) {
    auto fillOp = dyn_cast<linalg::FillOp>(op);
    if (fillOp && fillOp.getDpsInits()[0] == c)
      return matchPattern(fillOp.getDpsInputs()[0], m_AnyZeroFloat())
                 ? fillOp
                 : linalg::FillOp();
    if (llvm::is_contained(op->getOperands(), c))
      return {};
  }
  return {};
}

LogicalResult replaceByKernel(ModuleOp module, linalg::MatmulOp matmul,
                              llvm::StringRef name,
                              const std::function<std::string()> &moduleText,
                              llvm::StringRef what) {
  // Anything else initializing C would be lost.
  linalg::FillOp fill = zeroFillBefore(matmul);
  if (!fill)
    return matmul.emitError(what)
           << ": the matmul's output is not zero-filled right before it (the "
              "kernel computes A . B, not C + A . B)";
  SymbolTable symbols(module);
  if (!symbols.lookup(name)) {
    OwningOpRef<ModuleOp> kernel = parseSourceString<ModuleOp>(
        moduleText(), module.getContext(), ("cwm-gpu-" + what).str());
    if (!kernel)
      return matmul.emitError(what) << ": internal error: the kernel does "
                                       "not parse";
    for (Operation &op :
         llvm::make_early_inc_range(kernel->getBody()->getOperations())) {
      if (auto global = dyn_cast<memref::GlobalOp>(op))
        if (symbols.lookup(global.getSymName()))
          continue;
      op.remove();
      symbols.insert(&op);
    }
  }
  OpBuilder builder(matmul);
  func::CallOp::create(builder, matmul.getLoc(), name, TypeRange(),
                       ValueRange{matmul.getDpsInputs()[0],
                                  matmul.getDpsInputs()[1],
                                  matmul.getDpsInits()[0]});
  fill.erase();
  matmul.erase();
  return success();
}

} // namespace mlir::cwm
