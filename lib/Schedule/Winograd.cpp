//===- Winograd.cpp - A convolution rewritten as Winograd's F(m x m, 3 x 3) ==//
//
// The payload half of the `winograd` action (ActionKind::Winograd): the
// task's conv_2d_nhwc_hwcf becomes
//   U = G g G^T      the filter transform, (m + 2)^2 x C x F,
//   V = B^T d B      the input transform of every m x m output tile's
//                    (m + 2) x (m + 2) input patch, (m + 2)^2 x T x C,
//   M = V U          a linalg.batch_matmul (with its fill: the ops the rest
//                    of the schedule tiles and vectorizes),
//   Y = A^T M A      the output transform, the task's elementwise epilogue
//                    applied to each output vector before it is stored.
// The transforms are built here as scf.forall loops (OpenMP after lowering)
// whose bodies are already vector code: one iteration loads a patch's
// vectors (16 channels or filters each), applies the constant matrices with
// their zeros and unit entries folded away, and stores the result. cwm's
// Linalg tiling of the same products as dense 6 x 6 matmuls ran 5x slower
// (docs/notes/winograd-plan.md).
//
//===----------------------------------------------------------------------===//

#include "Winograd.h"

#include "VectorCode.h"

#include "cwm/Task/TaskExtraction.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

#include <array>
#include <map>

using namespace mlir;

namespace cwm {

namespace {

/// The constant matrices of F(m x m, 3 x 3) (Lavin and Gray's, points 0,
/// +-1 and, for m = 4, +-2), row-major.
struct WinogradMatrices {
  int64_t tile = 0, alpha = 0;
  std::vector<double> inputT;  ///< B^T, alpha x alpha
  std::vector<double> filter;  ///< G, alpha x 3
  std::vector<double> outputT; ///< A^T, tile x alpha

  static WinogradMatrices of(int64_t tile) {
    WinogradMatrices m;
    m.tile = tile;
    m.alpha = tile + 2;
    if (tile == 2) {
      m.inputT = {1, 0, -1, 0, 0, 1, 1, 0, 0, -1, 1, 0, 0, 1, 0, -1};
      m.filter = {1, 0, 0, 0.5, 0.5, 0.5, 0.5, -0.5, 0.5, 0, 0, 1};
      m.outputT = {1, 1, 1, 0, 0, 1, -1, -1};
    } else {
      m.inputT = {4, 0, -5, 0,  1, 0, 0, -4, -4, 1,  1, 0,
                  0, 4, -4, -1, 1, 0, 0, -2, -1, 2,  1, 0,
                  0, 2, -1, -2, 1, 0, 0, 4,  0,  -5, 0, 1};
      m.filter = {1.0 / 4,  0,         0,         -1.0 / 6, -1.0 / 6,
                  -1.0 / 6, -1.0 / 6,  1.0 / 6,   -1.0 / 6, 1.0 / 24,
                  1.0 / 12, 1.0 / 6,   1.0 / 24,  -1.0 / 12, 1.0 / 6,
                  0,        0,         1};
      m.outputT = {1, 1, 1,  1, 1, 0, 0, 1, -1, 2, -2, 0,
                   0, 1, 1,  4, 4, 0, 0, 1, -1, 8, -8, 1};
    }
    return m;
  }
};

/// Builds the vector arithmetic of the transforms: linear combinations of
/// vectors with constant coefficients, zeros skipped, +-1 as adds and
/// subtracts, other constants as FMAs with splats (made once per value).
class VectorMath {
public:
  VectorMath(OpBuilder &b, Location loc, VectorType type)
      : b(b), loc(loc), type(type) {}

  Value splat(double value) {
    auto found = splats.find(value);
    if (found != splats.end())
      return found->second;
    Value made = arith::ConstantOp::create(
        b, loc, type,
        SplatElementsAttr::get(
            type, b.getFloatAttr(type.getElementType(), value)));
    splats[value] = made;
    return made;
  }

  /// sum_k coefficients[k] * values[k].
  Value combine(ArrayRef<double> coefficients, ArrayRef<Value> values) {
    Value sum;
    // A +1 term first, where there is one: no negation to start from.
    SmallVector<size_t> order;
    for (size_t k = 0; k < coefficients.size(); ++k)
      if (coefficients[k] == 1)
        order.push_back(k);
    for (size_t k = 0; k < coefficients.size(); ++k)
      if (coefficients[k] != 1 && coefficients[k] != 0)
        order.push_back(k);
    for (size_t k : order) {
      double c = coefficients[k];
      Value v = values[k];
      if (!sum) {
        sum = c == 1    ? v
              : c == -1 ? arith::NegFOp::create(b, loc, v).getResult()
                        : arith::MulFOp::create(b, loc, splat(c), v).getResult();
      } else if (c == 1) {
        sum = arith::AddFOp::create(b, loc, sum, v);
      } else if (c == -1) {
        sum = arith::SubFOp::create(b, loc, sum, v);
      } else {
        sum = math::FmaOp::create(b, loc, splat(c), v, sum);
      }
    }
    return sum ? sum : splat(0);
  }

  /// L X L^T for L (rows x cols, row-major) and X (cols x cols, row-major).
  SmallVector<Value> sandwich(ArrayRef<double> l, int64_t rows, int64_t cols,
                              ArrayRef<Value> x) {
    // T = L X: rows x cols.
    SmallVector<Value> t;
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j) {
        SmallVector<Value> column;
        for (int64_t k = 0; k < cols; ++k)
          column.push_back(x[k * cols + j]);
        t.push_back(combine(l.slice(i * cols, cols), column));
      }
    // Y = T L^T: rows x rows.
    SmallVector<Value> y;
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < rows; ++j)
        y.push_back(combine(l.slice(j * cols, cols),
                            ArrayRef<Value>(t).slice(i * cols, cols)));
    return y;
  }

private:
  OpBuilder &b;
  Location loc;
  VectorType type;
  std::map<double, Value> splats;
};

/// The widest vector of 16, 8 or 4 lanes that divides `extent`.
int64_t lanesFor(int64_t extent) {
  for (int64_t lanes : {16, 8, 4})
    if (extent % lanes == 0)
      return lanes;
  return 1;
}

Value index(OpBuilder &b, Location loc, int64_t value) {
  return indexConstant(b, loc, value);
}

Value mulAdd(OpBuilder &b, Location loc, Value x, int64_t scale, Value add) {
  Value scaled =
      scale == 1 ? x : arith::MulIOp::create(b, loc, x, index(b, loc, scale));
  return add ? arith::AddIOp::create(b, loc, scaled, add).getResult() : scaled;
}

/// The transform of one tile (or filter) and vector, its (tile + 2)^2
/// vectors, written into the (products x 1 x lanes) slice of `shared` at
/// `offsets`; returns the slice and its offsets for the forall's insert.
std::pair<Value, SmallVector<Value>> storeProducts(OpBuilder &b, Location loc,
                                                   Value shared,
                                                   SmallVector<Value> offsets,
                                                   ArrayRef<Value> vectors) {
  int64_t lanes = cast<VectorType>(vectors.front().getType()).getDimSize(0);
  Value slice = sliceOf(b, loc, shared, offsets,
                        {int64_t(vectors.size()), 1, lanes});
  Value zero = index(b, loc, 0);
  for (auto [p, vector] : llvm::enumerate(vectors))
    slice = writeVector(b, loc, vector, slice, {index(b, loc, p), zero, zero});
  return {slice, std::move(offsets)};
}

/// One elementwise op of the task's epilogue, computed on a vector of
/// `lanes` output channels at pixel (n, oh, ow, f0..): its other operands
/// read at the same place (a vector along f, or a broadcast value where
/// they do not vary with f), its body cloned on vectors.
class EpilogueStep {
public:
  /// Why `generic` cannot be computed so (empty if it can), `chain` being
  /// the value it reads from the convolution's side.
  static std::string unsupportedReason(linalg::GenericOp generic, Value chain) {
    if (generic.getNumDpsInits() != 1 || generic->getNumResults() != 1 ||
        generic.getNumLoops() != 4 || generic.getNumReductionLoops() != 0)
      return "an epilogue op is not elementwise with one result over (n, oh, "
             "ow, f)";
    if (!generic.getIndexingMapsArray().back().isIdentity())
      return "an epilogue op's result is not indexed by (n, oh, ow, f)";
    for (OpOperand &operand : generic->getOpOperands()) {
      if (operand.get() == chain) {
        if (!generic.getMatchingIndexingMap(&operand).isIdentity())
          return "an epilogue op reads the convolution's result transposed";
        continue;
      }
      AffineMap map = generic.getMatchingIndexingMap(&operand);
      if (!map.isProjectedPermutation())
        return "an epilogue operand's indexing is not a projected permutation";
      for (auto [i, expr] : llvm::enumerate(map.getResults()))
        if (cast<AffineDimExpr>(expr).getPosition() == 3 &&
            i + 1 != map.getNumResults())
          return "an epilogue operand varies with f along a dimension that "
                 "is not its innermost";
    }
    for (Operation &op : generic.getBody()->without_terminator())
      if (op.getNumRegions() != 0 || isa<linalg::IndexOp>(op) ||
          op.getNumResults() != 1)
        return "an epilogue op's body holds '" +
               op.getName().getStringRef().str() +
               "', which cwm cannot compute on vectors";
    return "";
  }

  /// The vector `generic` computes from `value` (the chain's vector) at
  /// (n, oh, ow, f0).
  static Value build(OpBuilder &b, Location loc, linalg::GenericOp generic,
                     Value chain, Value value, ArrayRef<Value> pixel,
                     int64_t lanes) {
    IRMapping mapping;
    Block *body = generic.getBody();
    for (OpOperand &operand : generic->getOpOperands()) {
      BlockArgument argument = body->getArgument(operand.getOperandNumber());
      if (operand.get() == chain) {
        mapping.map(argument, value);
        continue;
      }
      if (generic.isDpsInit(&operand) && argument.use_empty())
        continue;
      Type element = argument.getType();
      auto vectorType = VectorType::get({lanes}, element);
      Value source = operand.get();
      if (!isa<RankedTensorType>(source.getType())) {
        mapping.map(argument, vector::BroadcastOp::create(b, loc, vectorType,
                                                          source));
        continue;
      }
      AffineMap map = generic.getMatchingIndexingMap(&operand);
      SmallVector<Value> indices;
      bool alongF = false;
      for (AffineExpr expr : map.getResults()) {
        unsigned dim = cast<AffineDimExpr>(expr).getPosition();
        indices.push_back(pixel[dim]);
        alongF |= dim == 3;
      }
      if (alongF) {
        mapping.map(argument,
                    readVector(b, loc, vectorType, source, indices));
      } else {
        Value scalar = tensor::ExtractOp::create(b, loc, source, indices);
        mapping.map(argument,
                    vector::BroadcastOp::create(b, loc, vectorType, scalar));
      }
    }
    for (Operation &op : body->without_terminator()) {
      if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
        Type type = VectorType::get({lanes}, constant.getType());
        mapping.map(op.getResult(0),
                    vector::BroadcastOp::create(
                        b, loc, type,
                        arith::ConstantOp::create(b, loc, constant.getValue())));
        continue;
      }
      OperationState state(loc, op.getName());
      for (Value operand : op.getOperands()) {
        Value mapped = mapping.lookupOrNull(operand);
        if (!mapped) // defined above the generic: the same for every lane
          mapped = vector::BroadcastOp::create(
              b, loc, VectorType::get({lanes}, operand.getType()), operand);
        state.addOperands(mapped);
      }
      state.addAttributes(op.getAttrs());
      state.addTypes(VectorType::get({lanes}, op.getResult(0).getType()));
      Operation *made = b.create(state);
      mapping.map(op.getResult(0), made->getResult(0));
    }
    auto yield = cast<linalg::YieldOp>(body->getTerminator());
    return mapping.lookupOrDefault(yield.getOperand(0));
  }
};

} // namespace

LogicalResult rewriteConvAsWinograd(ModuleOp payload, const TaskInfo &task,
                                    int64_t instance, int64_t tile) {
  Operation *found = findTaskOp(payload, instance, task.anchor);
  auto conv = dyn_cast_or_null<linalg::Conv2DNhwcHwcfOp>(found);
  if (!conv)
    return (found ? found : payload.getOperation())->emitError()
           << "winograd: op " << task.anchor << " of the task is not a "
           << "linalg.conv_2d_nhwc_hwcf";
  Value input = conv.getInputs()[0], filter = conv.getInputs()[1];
  auto inputType = dyn_cast<RankedTensorType>(input.getType());
  auto filterType = dyn_cast<RankedTensorType>(filter.getType());
  auto outputType = dyn_cast<RankedTensorType>(conv.getResultTypes()[0]);
  if (!conv.hasPureTensorSemantics() || !inputType || !filterType ||
      !outputType || !inputType.hasStaticShape() ||
      !filterType.hasStaticShape() || !outputType.hasStaticShape() ||
      !inputType.getElementType().isF32() ||
      !filterType.getElementType().isF32() ||
      !outputType.getElementType().isF32())
    return conv.emitError("winograd needs static f32 tensors");
  auto fill = conv.getOutputs()[0].getDefiningOp<linalg::FillOp>();
  if (!fill)
    return conv.emitError("winograd needs the convolution's output "
                          "initialized by a linalg.fill");
  if (!matchPattern(fill.getInputs()[0], m_AnyZeroFloat()))
    return conv.emitError("winograd needs the convolution's output filled "
                          "with zeros");
  // The epilogue: the ops after the anchor, each reading the previous
  // one's result (the convolution's first), which nothing else reads.
  SmallVector<linalg::GenericOp> epilogue;
  Value chain = conv->getResult(0);
  for (const TaskOp &op : task.ops) {
    if (op.index <= task.anchor)
      continue;
    // Named elementwise ops (linalg.add, ...) as generics.
    Operation *consumer = findTaskOp(payload, instance, op.index);
    auto generic = dyn_cast_or_null<linalg::GenericOp>(consumer);
    if (auto named = dyn_cast_or_null<linalg::LinalgOp>(consumer);
        named && !generic) {
      IRRewriter rewriter(named->getContext());
      rewriter.setInsertionPoint(named);
      FailureOr<linalg::GenericOp> generalized =
          linalg::generalizeNamedOp(rewriter, named);
      if (succeeded(generalized))
        generic = *generalized;
    }
    if (!generic)
      return conv.emitError()
             << "winograd: op " << op.index << " of the task is "
             << (consumer ? "'" + consumer->getName().getStringRef().str() +
                                "', not a Linalg op"
                          : std::string("missing"));
    if (!chain.hasOneUse() || *chain.getUsers().begin() != generic)
      return conv.emitError("winograd needs each epilogue op to be the only "
                            "reader of the one before it");
    std::string reason = EpilogueStep::unsupportedReason(generic, chain);
    if (!reason.empty())
      return generic.emitError() << "winograd: " << reason;
    epilogue.push_back(generic);
    chain = generic->getResult(0);
  }
  Value result = chain;
  auto resultType = cast<RankedTensorType>(result.getType());

  ArrayRef<int64_t> out = outputType.getShape();
  int64_t n = out[0], oh = out[1], ow = out[2], f = out[3];
  int64_t c = filterType.getDimSize(2);
  if (filterType.getDimSize(0) != 3 || filterType.getDimSize(1) != 3 ||
      oh < tile || ow < tile || c % 4 != 0 || f % 4 != 0 ||
      (tile != 2 && tile != 4))
    return conv.emitError() << "winograd F(" << tile << "x" << tile
                            << ", 3x3) does not fit this convolution";
  WinogradMatrices matrices = WinogradMatrices::of(tile);
  int64_t alpha = matrices.alpha, products = alpha * alpha;
  int64_t tilesH = llvm::divideCeil(oh, tile),
          tilesW = llvm::divideCeil(ow, tile), tiles = n * tilesH * tilesW;
  // Ragged tiles (the tile does not divide the output): the last row and
  // column of tiles reach past the output. The input is padded with zeros
  // to cover their patches, the output transform writes a padded result
  // (its epilogue reading other operands at the nearest real pixel), and
  // the real output is its leading slice.
  bool ragged = tilesH * tile != oh || tilesW * tile != ow;
  int64_t lanesC = lanesFor(c), lanesF = lanesFor(f);
  Type f32 = inputType.getElementType();
  auto vectorC = VectorType::get({lanesC}, f32);
  auto vectorF = VectorType::get({lanesF}, f32);

  Location loc = conv.getLoc();
  OpBuilder b(conv);
  if (ragged) {
    SmallVector<int64_t> padded = {n, tilesH * tile + 2, tilesW * tile + 2, c};
    if (inputType.getDimSize(1) != oh + 2 || inputType.getDimSize(2) != ow + 2)
      return conv.emitError("winograd: the input is not the output plus the "
                            "window's two rows and columns");
    input = tensor::createPadHighOp(
        RankedTensorType::get(padded, f32), input,
        arith::ConstantOp::create(b, loc, b.getZeroAttr(f32)),
        /*nofold=*/false, loc, b);
  }

  // U = G g G^T per channel and filter vector: (alpha^2) x C x F.
  Value u = buildForall(
      b, loc, {c, f / lanesF},
      tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{products, c, f}, f32),
      [&](OpBuilder &b, ValueRange ivs, Value shared) {
        Value f0 = mulAdd(b, loc, ivs[1], lanesF, Value());
        SmallVector<Value> g;
        for (int64_t kh = 0; kh < 3; ++kh)
          for (int64_t kw = 0; kw < 3; ++kw)
            g.push_back(readVector(b, loc, vectorF, filter,
                                   {index(b, loc, kh), index(b, loc, kw),
                                    ivs[0], f0}));
        VectorMath math(b, loc, vectorF);
        SmallVector<Value> transformed =
            math.sandwich(matrices.filter, alpha, 3, g);
        return storeProducts(b, loc, shared, {index(b, loc, 0), ivs[0], f0},
                             transformed);
      });

  // Iteration (n, ty, tx, vector) of the input and output transforms: its
  // tile's first row and column, its vector's first lane, the tile's index.
  auto tileAt = [&](OpBuilder &b, ValueRange ivs, int64_t lanes) {
    return std::array<Value, 4>{
        mulAdd(b, loc, ivs[1], tile, Value()),
        mulAdd(b, loc, ivs[2], tile, Value()),
        mulAdd(b, loc, ivs[3], lanes, Value()),
        mulAdd(b, loc, mulAdd(b, loc, ivs[0], tilesH, ivs[1]), tilesW,
               ivs[2])};
  };

  // V = B^T d B per tile and channel vector: (alpha^2) x T x C.
  Value v = buildForall(
      b, loc, {n, tilesH, tilesW, c / lanesC},
      tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{products, tiles, c},
                              f32),
      [&](OpBuilder &b, ValueRange ivs, Value shared) {
        auto [h0, w0, c0, t] = tileAt(b, ivs, lanesC);
        SmallVector<Value> d;
        for (int64_t i = 0; i < alpha; ++i)
          for (int64_t j = 0; j < alpha; ++j)
            d.push_back(readVector(
                b, loc, vectorC, input,
                {ivs[0], arith::AddIOp::create(b, loc, h0, index(b, loc, i)),
                 arith::AddIOp::create(b, loc, w0, index(b, loc, j)), c0}));
        VectorMath math(b, loc, vectorC);
        SmallVector<Value> transformed =
            math.sandwich(matrices.inputT, alpha, alpha, d);
        return storeProducts(b, loc, shared, {index(b, loc, 0), t, c0},
                             transformed);
      });

  // M = V U: the op the rest of the schedule tiles, with the convolution's
  // tags (its fill with the fill's).
  auto productsType = RankedTensorType::get({products, tiles, f}, f32);
  auto newFill = linalg::FillOp::create(
      b, loc, ValueRange{fill.getInputs()[0]},
      ValueRange{tensor::EmptyOp::create(b, loc, productsType.getShape(), f32)});
  newFill->setDiscardableAttrs(fill->getDiscardableAttrDictionary());
  auto matmul = linalg::BatchMatmulOp::create(
      b, loc, TypeRange{productsType}, ValueRange{v, u},
      ValueRange{newFill.getResult(0)});
  matmul->setDiscardableAttrs(conv->getDiscardableAttrDictionary());
  Value m = matmul.getResult(0);

  // Y = A^T M A per tile and filter vector, the epilogue applied before
  // each store; built where the last epilogue op is, after everything it
  // reads (say, a residual computed after the convolution).
  if (!epilogue.empty())
    b.setInsertionPoint(epilogue.back());
  Type resultElement = resultType.getElementType();
  SmallVector<int64_t> written = {n, tilesH * tile, tilesW * tile, f};
  // The nearest real pixel of a padded one (ragged tiles only).
  auto clamp = [&](OpBuilder &b, Value position, int64_t extent) {
    if (!ragged)
      return position;
    return arith::MinSIOp::create(b, loc, position, index(b, loc, extent - 1))
        .getResult();
  };
  Value y = buildForall(
      b, loc, {n, tilesH, tilesW, f / lanesF},
      tensor::EmptyOp::create(b, loc, written, resultElement),
      [&](OpBuilder &b, ValueRange ivs, Value shared) {
        auto [h0, w0, f0, t] = tileAt(b, ivs, lanesF);
        SmallVector<Value> products;
        for (int64_t p = 0; p < alpha * alpha; ++p)
          products.push_back(
              readVector(b, loc, vectorF, m, {index(b, loc, p), t, f0}));
        VectorMath math(b, loc, vectorF);
        SmallVector<Value> outputs =
            math.sandwich(matrices.outputT, tile, alpha, products);
        SmallVector<Value> offsets = {ivs[0], h0, w0, f0};
        Value slice = sliceOf(b, loc, shared, offsets, {1, tile, tile, lanesF});
        Value zero = index(b, loc, 0);
        for (int64_t i = 0; i < tile; ++i)
          for (int64_t j = 0; j < tile; ++j) {
            Value vector = outputs[i * tile + j];
            SmallVector<Value> pixel = {
                ivs[0],
                clamp(b, arith::AddIOp::create(b, loc, h0, index(b, loc, i)),
                      oh),
                clamp(b, arith::AddIOp::create(b, loc, w0, index(b, loc, j)),
                      ow),
                f0};
            Value from = conv->getResult(0);
            for (linalg::GenericOp generic : epilogue) {
              vector = EpilogueStep::build(b, loc, generic, from, vector,
                                           pixel, lanesF);
              from = generic->getResult(0);
            }
            slice = writeVector(b, loc, vector, slice,
                                {zero, index(b, loc, i), index(b, loc, j),
                                 zero});
          }
        return std::make_pair(slice, offsets);
      });

  if (ragged)
    y = tensor::ExtractSliceOp::create(
        b, loc, y, SmallVector<OpFoldResult>(4, b.getIndexAttr(0)),
        getAsIndexOpFoldResult(b.getContext(), resultType.getShape()),
        SmallVector<OpFoldResult>(4, b.getIndexAttr(1)));
  result.replaceAllUsesWith(y);
  for (linalg::GenericOp generic : llvm::reverse(epilogue))
    generic->erase();
  conv->erase();
  if (fill->use_empty())
    fill->erase();
  return success();
}

} // namespace cwm
