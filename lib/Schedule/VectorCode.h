//===- VectorCode.h - Builders of the vector loops cwm writes itself -*- C++
//-*-===//
//
// Small builders shared by the actions that write their loops directly
// instead of through a Transform script (Winograd's transforms, pack_b's
// packing of B): tensor-level scf.forall loops whose bodies read and write
// whole vectors.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_LIB_SCHEDULE_VECTORCODE_H
#define CWM_LIB_SCHEDULE_VECTORCODE_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <utility>

namespace cwm {

/// An index constant.
mlir::Value indexConstant(mlir::OpBuilder &b, mlir::Location loc,
                          int64_t value);

/// An scf.forall over `bounds` writing `init`; `body` builds the iteration
/// (the insertion point is before the terminator) from its induction
/// variables and shared output, and returns the slice to insert with its
/// offsets (sizes from its type, unit strides).
using ForallBody =
    llvm::function_ref<std::pair<mlir::Value, llvm::SmallVector<mlir::Value>>(
        mlir::OpBuilder &, mlir::ValueRange, mlir::Value)>;
mlir::Value buildForall(mlir::OpBuilder &b, mlir::Location loc,
                        llvm::ArrayRef<int64_t> bounds, mlir::Value init,
                        ForallBody body);

/// The slice of `whole` at `offsets` of `sizes` (unit strides).
mlir::Value sliceOf(mlir::OpBuilder &b, mlir::Location loc, mlir::Value whole,
                    llvm::ArrayRef<mlir::Value> offsets,
                    llvm::ArrayRef<int64_t> sizes);

/// An in-bounds read of `type` (its innermost dimensions) from `source` at
/// `indices`, padded with zeros.
mlir::Value readVector(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::VectorType type, mlir::Value source,
                       llvm::ArrayRef<mlir::Value> indices);

/// An in-bounds write of `vector` into `dest` at `indices`.
mlir::Value writeVector(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value vector, mlir::Value dest,
                        llvm::ArrayRef<mlir::Value> indices);

} // namespace cwm

#endif // CWM_LIB_SCHEDULE_VECTORCODE_H
