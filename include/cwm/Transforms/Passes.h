//===- Passes.h - cwm passes ------------------------------------*- C++ -*-===//

#ifndef CWM_TRANSFORMS_PASSES_H
#define CWM_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Transform/IR/TransformDialect.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::cwm {

#define GEN_PASS_DECL
#include "cwm/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "cwm/Transforms/Passes.h.inc"

} // namespace mlir::cwm

namespace cwm {
/// Registers every cwm pass and pipeline with MLIR's global registry.
void registerAllPasses();
} // namespace cwm

#endif // CWM_TRANSFORMS_PASSES_H
