//===- ParallelCopies.cpp - Large copies and fills over the threads -------===//
//
// cwm-parallel-copies: a memref.copy or linalg.fill on a large static buffer
// outside any parallel loop becomes an scf.forall over the buffer's first
// dimension of size >= 2 (one slice per iteration), so that the OpenMP
// lowering spreads it over the threads instead of leaving one thread to do
// it while the others wait. The padded inputs of convolutions and pooling
// are such copies (docs/benchmarks.md "CPU: whole models ...").
//
//===----------------------------------------------------------------------===//

#include "cwm/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace mlir::cwm {

#define GEN_PASS_DEF_PARALLELCOPIES
#include "cwm/Pipelines/Passes.h.inc"

namespace {

/// The buffer `op` writes, when it is a copy or fill this pass splits.
static MemRefType writtenBuffer(Operation *op) {
  if (auto copy = dyn_cast<memref::CopyOp>(op))
    return dyn_cast<MemRefType>(copy.getTarget().getType());
  if (auto fill = dyn_cast<linalg::FillOp>(op))
    if (fill.hasPureBufferSemantics())
      return dyn_cast<MemRefType>(fill.getOutputs()[0].getType());
  return {};
}

/// `buffer` with dimension `dim` narrowed to the single index `index`.
static Value sliceAt(OpBuilder &b, Location loc, Value buffer, int64_t dim,
                     Value index) {
  auto type = cast<MemRefType>(buffer.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
  SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
  SmallVector<OpFoldResult> sizes;
  for (int64_t d = 0; d < rank; ++d)
    sizes.push_back(b.getIndexAttr(d == dim ? 1 : type.getDimSize(d)));
  offsets[dim] = index;
  return memref::SubViewOp::create(b, loc, buffer, offsets, sizes, strides);
}

struct ParallelCopies final : impl::ParallelCopiesBase<ParallelCopies> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<Operation *> candidates;
    getOperation().walk([&](Operation *op) {
      MemRefType type = writtenBuffer(op);
      if (!type || !type.hasStaticShape() || type.getRank() == 0)
        return;
      if (op->getParentOfType<scf::ForallOp>() ||
          op->getParentOfType<scf::ParallelOp>())
        return;
      int64_t bytes = type.getNumElements() *
                      int64_t(type.getElementTypeBitWidth() / 8);
      if (bytes < minBytes)
        return;
      candidates.push_back(op);
    });
    for (Operation *op : candidates) {
      MemRefType type = writtenBuffer(op);
      int64_t dim = 0;
      while (dim < type.getRank() && type.getDimSize(dim) < 2)
        ++dim;
      if (dim == type.getRank())
        continue;
      OpBuilder b(op);
      Location loc = op->getLoc();
      auto forall = scf::ForallOp::create(
          b, loc, ArrayRef<OpFoldResult>{b.getIndexAttr(type.getDimSize(dim))},
          ValueRange{}, std::nullopt);
      b.setInsertionPoint(forall.getBody()->getTerminator());
      Value index = forall.getInductionVar(0);
      if (auto copy = dyn_cast<memref::CopyOp>(op)) {
        memref::CopyOp::create(b, loc,
                               sliceAt(b, loc, copy.getSource(), dim, index),
                               sliceAt(b, loc, copy.getTarget(), dim, index));
      } else {
        auto fill = cast<linalg::FillOp>(op);
        linalg::FillOp::create(
            b, loc, ValueRange{fill.value()},
            ValueRange{sliceAt(b, loc, fill.getOutputs()[0], dim, index)});
      }
      op->erase();
    }
  }
};

} // namespace
} // namespace mlir::cwm
