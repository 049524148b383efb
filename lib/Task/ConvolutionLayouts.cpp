//===- ConvolutionLayouts.cpp - NCHW convolutions as NHWC ones ------------===//

#include "cwm/Task/ConvolutionLayouts.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Matchers.h"

#include <cstring>

using namespace mlir;

namespace cwm {

DenseElementsAttr transposeConstant(DenseElementsAttr value,
                                    ArrayRef<int64_t> permutation) {
  auto type = cast<RankedTensorType>(value.getType());
  ArrayRef<int64_t> shape = type.getShape();
  SmallVector<int64_t> resultShape;
  for (int64_t dim : permutation)
    resultShape.push_back(shape[dim]);
  auto resultType = RankedTensorType::get(resultShape, type.getElementType());
  if (value.isSplat())
    return DenseElementsAttr::get(resultType,
                                  value.getSplatValue<Attribute>());
  Type element = type.getElementType();
  if (!element.isIntOrFloat() || element.getIntOrFloatBitWidth() % 8 != 0)
    return {};
  size_t bytes = element.getIntOrFloatBitWidth() / 8;
  int64_t rank = shape.size();
  // Source strides, in elements, read in the result's dimension order.
  SmallVector<int64_t> sourceStrides(rank, 1);
  for (int64_t dim = rank - 2; dim >= 0; --dim)
    sourceStrides[dim] = sourceStrides[dim + 1] * shape[dim + 1];
  SmallVector<int64_t> strides;
  for (int64_t dim : permutation)
    strides.push_back(sourceStrides[dim]);
  ArrayRef<char> source = value.getRawData();
  std::vector<char> result(source.size());
  SmallVector<int64_t> index(rank, 0);
  int64_t count = type.getNumElements();
  for (int64_t linear = 0; linear < count; ++linear) {
    int64_t from = 0;
    for (int64_t dim = 0; dim < rank; ++dim)
      from += index[dim] * strides[dim];
    std::memcpy(&result[linear * bytes], &source[from * bytes], bytes);
    for (int64_t dim = rank - 1; dim >= 0; --dim) {
      if (++index[dim] < resultShape[dim])
        break;
      index[dim] = 0;
    }
  }
  return DenseElementsAttr::getFromRawBuffer(resultType, result);
}

Value transposeValue(OpBuilder &builder, Location loc, Value value,
                     ArrayRef<int64_t> permutation) {
  DenseElementsAttr constant;
  if (matchPattern(value, m_Constant(&constant)))
    if (DenseElementsAttr folded = transposeConstant(constant, permutation))
      return arith::ConstantOp::create(builder, loc, folded.getType(), folded);
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape;
  for (int64_t dim : permutation)
    shape.push_back(type.getDimSize(dim));
  Value init =
      tensor::EmptyOp::create(builder, loc, shape, type.getElementType());
  return linalg::TransposeOp::create(builder, loc, value, init, permutation)
      ->getResult(0);
}

/// transposeValue, marked as a task of its own (kRelayoutAttrName) when
/// `ownTask` and not folded.
static Value transposed(OpBuilder &builder, Location loc, Value value,
                        ArrayRef<int64_t> permutation, bool ownTask) {
  Value result = transposeValue(builder, loc, value, permutation);
  if (auto transpose = result.getDefiningOp<linalg::TransposeOp>();
      transpose && ownTask)
    transpose->setAttr(kRelayoutAttrName, builder.getUnitAttr());
  return result;
}

void normalizeConvolutionLayouts(Operation *root) {
  SmallVector<linalg::Conv2DNchwFchwOp> convs;
  root->walk([&](linalg::Conv2DNchwFchwOp conv) {
    if (conv.hasPureTensorSemantics() &&
        llvm::all_of(conv->getOperandTypes(), [](Type type) {
          auto shaped = dyn_cast<RankedTensorType>(type);
          return shaped && shaped.hasStaticShape();
        }))
      convs.push_back(conv);
  });
  for (linalg::Conv2DNchwFchwOp conv : convs) {
    OpBuilder builder(conv);
    Location loc = conv.getLoc();
    Value input = transposed(builder, loc, conv.getInputs()[0], {0, 2, 3, 1},
                             /*ownTask=*/false);
    Value filter = transposed(builder, loc, conv.getInputs()[1], {2, 3, 1, 0},
                              /*ownTask=*/true);
    // The accumulator: a fill stays a fill, anything else is transposed.
    Value accumulator = conv.getOutputs()[0];
    auto resultType = cast<RankedTensorType>(accumulator.getType());
    Value init;
    if (auto fill = accumulator.getDefiningOp<linalg::FillOp>()) {
      ArrayRef<int64_t> nchw = resultType.getShape();
      Value empty = tensor::EmptyOp::create(
          builder, loc, ArrayRef<int64_t>{nchw[0], nchw[2], nchw[3], nchw[1]},
          resultType.getElementType());
      init = linalg::FillOp::create(builder, loc, fill.getInputs()[0], empty)
                 ->getResult(0);
    } else {
      init = transposed(builder, loc, accumulator, {0, 2, 3, 1},
                        /*ownTask=*/false);
    }
    auto nhwc = linalg::Conv2DNhwcHwcfOp::create(
        builder, loc, init.getType(), ValueRange{input, filter},
        ValueRange{init}, conv.getStrides(), conv.getDilations());
    Value result = transposed(builder, loc, nhwc->getResult(0), {0, 3, 1, 2},
                              /*ownTask=*/true);
    conv->getResult(0).replaceAllUsesWith(result);
    Operation *fill = accumulator.getDefiningOp();
    conv->erase();
    if (fill && isa<linalg::FillOp>(fill) && fill->use_empty())
      fill->erase();
  }
}

} // namespace cwm
