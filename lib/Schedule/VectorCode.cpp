//===- VectorCode.cpp - Builders of the vector loops cwm writes itself ----===//

#include "VectorCode.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;

namespace cwm {

Value indexConstant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

Value buildForall(OpBuilder &b, Location loc, ArrayRef<int64_t> bounds,
                  Value init, ForallBody body) {
  auto forall = scf::ForallOp::create(
      b, loc, getAsIndexOpFoldResult(b.getContext(), bounds), ValueRange{init},
      std::nullopt);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(forall.getTerminator());
  auto [slice, offsets] =
      body(b, forall.getInductionVars(), forall.getRegionIterArgs()[0]);
  auto sliceType = cast<RankedTensorType>(slice.getType());
  SmallVector<OpFoldResult> sizes =
      getAsIndexOpFoldResult(b.getContext(), sliceType.getShape());
  SmallVector<OpFoldResult> strides(sizes.size(), b.getIndexAttr(1));
  b.setInsertionPointToStart(forall.getTerminator().getBody());
  tensor::ParallelInsertSliceOp::create(
      b, loc, slice, forall.getRegionIterArgs()[0], getAsOpFoldResult(offsets),
      sizes, strides);
  return forall.getResult(0);
}

Value sliceOf(OpBuilder &b, Location loc, Value whole, ArrayRef<Value> offsets,
              ArrayRef<int64_t> sizes) {
  SmallVector<OpFoldResult> strides(sizes.size(), b.getIndexAttr(1));
  return tensor::ExtractSliceOp::create(
      b, loc, whole, getAsOpFoldResult(offsets),
      getAsIndexOpFoldResult(b.getContext(), sizes), strides);
}

Value readVector(OpBuilder &b, Location loc, VectorType type, Value source,
                 ArrayRef<Value> indices) {
  return vector::TransferReadOp::create(
      b, loc, type, source, indices,
      std::optional<Value>(arith::ConstantOp::create(
          b, loc, b.getZeroAttr(type.getElementType()))),
      ArrayRef<bool>{true});
}

Value writeVector(OpBuilder &b, Location loc, Value vector, Value dest,
                  ArrayRef<Value> indices) {
  return vector::TransferWriteOp::create(b, loc, vector, dest, indices,
                                         ArrayRef<bool>{true})
      .getResult();
}

} // namespace cwm
