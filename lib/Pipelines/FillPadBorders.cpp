//===- FillPadBorders.cpp - Fill a padded buffer's border only ------------===//
//
// cwm-fill-pad-borders: one-shot-bufferize lowers tensor.pad to a fill of a
// new buffer followed by a copy of the input into its interior. The fill
// writes the interior too, only for the copy to overwrite it: for the pad of
// a convolution fused into each thread's rows, that is as many bytes again
// as the input. This pass replaces the fill by fills of the border: for each
// dimension d, the slab below and the slab above the copied subview, with the
// dimensions before d restricted to the subview and those after it whole.
//
//===----------------------------------------------------------------------===//

#include "cwm/Pipelines/Pipelines.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::cwm {

#define GEN_PASS_DEF_FILLPADBORDERS
#include "cwm/Pipelines/Passes.h.inc"

namespace {

/// A fill of a whole buffer: the value and the buffer.
struct WholeFill {
  Value value;
  Value buffer;
};

/// `op` as a fill of a whole buffer: linalg.fill, or a linalg.map with no
/// inputs whose body yields a value defined outside it.
static std::optional<WholeFill> asWholeFill(Operation *op) {
  if (auto fill = dyn_cast<linalg::FillOp>(op)) {
    if (!fill.hasPureBufferSemantics())
      return std::nullopt;
    return WholeFill{fill.value(), fill.getOutputs()[0]};
  }
  auto map = dyn_cast<linalg::MapOp>(op);
  if (!map || !map.hasPureBufferSemantics() || !map.getInputs().empty())
    return std::nullopt;
  Block &body = map.getMapper().front();
  if (!llvm::hasSingleElement(body))
    return std::nullopt;
  Value yielded = body.getTerminator()->getOperand(0);
  if (map.getMapper().isAncestor(yielded.getParentRegion()))
    return std::nullopt; // computed in the body, or the body's argument
  return WholeFill{yielded, map.getInit()};
}

/// The copy into a unit-stride subview of `buffer` that follows `fill` with
/// nothing between them touching memory, if there is one.
static std::pair<memref::CopyOp, memref::SubViewOp>
interiorCopyAfter(Operation *fill, Value buffer) {
  for (Operation *op = fill->getNextNode(); op; op = op->getNextNode()) {
    if (auto copy = dyn_cast<memref::CopyOp>(op)) {
      auto interior = copy.getTarget().getDefiningOp<memref::SubViewOp>();
      if (!interior || interior.getSource() != buffer ||
          !llvm::all_of(interior.getMixedStrides(),
                        [](OpFoldResult s) { return isConstantIntValue(s, 1); }))
        return {};
      // The source must not read the buffer being filled.
      Value source = copy.getSource();
      while (auto view = source.getDefiningOp<ViewLikeOpInterface>())
        source = view.getViewSource();
      if (source == buffer)
        return {};
      // A rank-reducing subview would need the dropped dimensions mapped.
      if (interior.getType().getRank() !=
          cast<MemRefType>(buffer.getType()).getRank())
        return {};
      return {copy, interior};
    }
    if (!isMemoryEffectFree(op))
      return {};
  }
  return {};
}

static void fillBorders(OpBuilder &b, Location loc, const WholeFill &fill,
                        memref::SubViewOp interior) {
  Value buffer = fill.buffer;
  auto type = cast<MemRefType>(buffer.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> whole =
      memref::getMixedSizes(b, loc, buffer);
  SmallVector<OpFoldResult> offsets = interior.getMixedOffsets();
  SmallVector<OpFoldResult> sizes = interior.getMixedSizes();
  AffineExpr x, y, z;
  bindSymbols(b.getContext(), x, y, z);
  SmallVector<OpFoldResult> ones(rank, b.getIndexAttr(1));
  auto fillSlab = [&](ArrayRef<OpFoldResult> slabOffsets,
                      ArrayRef<OpFoldResult> slabSizes) {
    Value slab = memref::SubViewOp::create(b, loc, buffer, slabOffsets,
                                           slabSizes, ones);
    linalg::FillOp::create(b, loc, ValueRange{fill.value}, ValueRange{slab});
  };
  for (int64_t d = 0; d < rank; ++d) {
    SmallVector<OpFoldResult> slabOffsets, slabSizes;
    for (int64_t j = 0; j < rank; ++j) {
      slabOffsets.push_back(j < d ? offsets[j] : b.getIndexAttr(0));
      slabSizes.push_back(j < d ? sizes[j] : whole[j]);
    }
    // Below the interior: [0, offset).
    if (!isConstantIntValue(offsets[d], 0)) {
      slabSizes[d] = offsets[d];
      fillSlab(slabOffsets, slabSizes);
    }
    // Above it: [offset + size, whole).
    OpFoldResult end = affine::makeComposedFoldedAffineApply(
        b, loc, x + y, {offsets[d], sizes[d]});
    OpFoldResult above = affine::makeComposedFoldedAffineApply(
        b, loc, z - x - y, {offsets[d], sizes[d], whole[d]});
    if (!isConstantIntValue(above, 0)) {
      slabOffsets[d] = end;
      slabSizes[d] = above;
      fillSlab(slabOffsets, slabSizes);
    }
  }
}

struct FillPadBorders final : impl::FillPadBordersBase<FillPadBorders> {
  void runOnOperation() override {
    SmallVector<Operation *> fills;
    getOperation().walk([&](Operation *op) {
      if (asWholeFill(op))
        fills.push_back(op);
    });
    for (Operation *op : fills) {
      WholeFill fill = *asWholeFill(op);
      auto [copy, interior] = interiorCopyAfter(op, fill.buffer);
      if (!copy)
        continue;
      // The subview's operands may be defined after the fill: the border is
      // filled right before the copy (nothing between touches memory).
      OpBuilder b(copy);
      fillBorders(b, op->getLoc(), fill, interior);
      op->erase();
    }
  }
};

} // namespace
} // namespace mlir::cwm
