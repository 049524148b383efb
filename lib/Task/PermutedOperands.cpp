//===- PermutedOperands.cpp - Transposes folded into contractions ---------===//
//
// A batch matmul reads operand i at map_i(b, m, n, k). If operand i is the
// result of a pure permutation p (result index r holds source index
// in_p(out_p^-1(r))), the contraction can read the source directly at
// in_p . out_p^-1 . map_i: no transposed copy is written or read.
//
//===----------------------------------------------------------------------===//

#include "cwm/Task/PermutedOperands.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace cwm {

namespace {
/// A pure permutation's source and the map from its result's indices to the
/// source's.
struct Permutation {
  Value source;
  AffineMap resultToSource;
};
} // namespace

/// `value` as a permutation of another tensor: it is the only result of a
/// Linalg op on tensors with one input and one init, all loops parallel,
/// both maps permutations and a body that yields the input element as is.
static std::optional<Permutation> asPermutation(Value value) {
  auto op = value.getDefiningOp<linalg::LinalgOp>();
  if (!op || !op.hasPureTensorSemantics() || op.getNumDpsInputs() != 1 ||
      op.getNumDpsInits() != 1 || op->getNumResults() != 1 ||
      op.getNumReductionLoops() != 0 || op.getNumLoops() == 0)
    return std::nullopt;
  OpOperand *input = op.getDpsInputOperand(0);
  OpOperand *init = op.getDpsInitOperand(0);
  if (getElementTypeOrSelf(input->get().getType()) !=
      getElementTypeOrSelf(value.getType()))
    return std::nullopt;
  AffineMap inputMap = op.getMatchingIndexingMap(input);
  AffineMap resultMap = op.getMatchingIndexingMap(init);
  if (!inputMap.isPermutation() || !resultMap.isPermutation())
    return std::nullopt;
  Block *body = op.getBlock();
  if (!body || !llvm::hasSingleElement(body->getOperations()))
    return std::nullopt;
  auto yield = dyn_cast<linalg::YieldOp>(body->getTerminator());
  if (!yield || yield->getNumOperands() != 1 ||
      yield->getOperand(0) != body->getArgument(0))
    return std::nullopt;
  return Permutation{input->get(),
                     inputMap.compose(inversePermutation(resultMap))};
}

/// True if the op computing `value` would join the task of a contraction
/// reading it on the GPU (TaskExtraction's fusion: pads, fills and
/// elementwise ops; but not an elementwise op that reads a reduction's
/// result, such as a softmax's last division: GPU extraction splits the
/// reductions and what follows them off before the contraction,
/// splitBeforeHeavy).
static bool joinsTask(Value value) {
  Operation *op = value.getDefiningOp();
  if (!op)
    return false;
  if (isa<tensor::PadOp>(op))
    return true;
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp || linalgOp.getNumReductionLoops() != 0)
    return false;
  return llvm::none_of(linalgOp.getDpsInputs(), [](Value input) {
    auto producer = input.getDefiningOp<linalg::LinalgOp>();
    return producer && producer.getNumReductionLoops() != 0;
  });
}

/// The one user of a contraction's result when it is a pure permutation of
/// it (attention's head merge after the context product), with the map from
/// the contraction's result indices to the permutation's.
struct OutputPermutation {
  Operation *user;
  AffineMap sourceToResult;
};
static std::optional<OutputPermutation> permutedOutput(linalg::LinalgOp op) {
  Value result = op->getResult(0);
  if (!result.hasOneUse())
    return std::nullopt;
  Operation *user = *result.getUsers().begin();
  std::optional<Permutation> permutation =
      user->getNumResults() == 1 ? asPermutation(user->getResult(0))
                                 : std::nullopt;
  if (!permutation || permutation->source != result)
    return std::nullopt;
  return OutputPermutation{user,
                           inversePermutation(permutation->resultToSource)};
}

/// The loop that indexes the innermost dimension read through `map` (-1 if
/// none).
static int64_t innermostLoop(AffineMap map) {
  if (map.getNumResults() == 0)
    return -1;
  auto dim = dyn_cast<AffineDimExpr>(map.getResults().back());
  return dim ? int64_t(dim.getPosition()) : -1;
}

/// Whether the folded layouts are ones the staged GPU schedules were
/// checked on (test/GPU/permuted-operands.mlir and a sweep of every
/// permutation, 2026-12-07): A contiguous along k (Q as [m, b, k]), B along
/// k or n (K as [n, b, k], V as [k, b, n]). A contiguous along m with the
/// batch between its other dimensions blew up the vector lowering (out of
/// memory) on a 6-row block tile, so A stays as written there.
static bool foldedLayoutIsStaged(size_t input, AffineMap folded) {
  // Loops of batch_matmul: b 0, m 1, n 2, k 3.
  int64_t inner = innermostLoop(folded);
  return input == 0 ? inner == 3 : inner == 3 || inner == 2;
}

/// Only contractions whose inputs come from outside the task (say,
/// softmax before attention's context product stays unfolded): the GPU
/// schedules stage a folded contraction's inputs in shared memory, and that
/// staging cannot take fused producers.
int64_t foldPermutedOperands(Operation *root) {
  // Each contraction to fold with its inputs' permutations and folded maps.
  struct Fold {
    linalg::BatchMatmulOp op;
    SmallVector<std::optional<Permutation>> permutations;
    SmallVector<AffineMap> maps;
    /// The permutation of the result folded into its map, if any.
    std::optional<OutputPermutation> output;
  };
  SmallVector<Fold> folds;
  root->walk([&](linalg::BatchMatmulOp op) {
    if (!op.hasPureTensorSemantics() ||
        !llvm::all_of(op->getOperandTypes(), [](Type type) {
          auto shaped = dyn_cast<RankedTensorType>(type);
          return shaped && shaped.hasStaticShape();
        }))
      return;
    Fold fold{op, {}, op.getIndexingMapsArray()};
    bool any = false;
    for (auto [index, input] : llvm::enumerate(op.getDpsInputs())) {
      std::optional<Permutation> permutation = asPermutation(input);
      if (joinsTask(permutation ? permutation->source : input))
        return;
      if (permutation) {
        fold.maps[index] =
            permutation->resultToSource.compose(fold.maps[index]);
        if (!foldedLayoutIsStaged(index, fold.maps[index]))
          return;
        // B read along n straight from a reshape (attention's V as [k, b,
        // n] expanded from [k, b * n]): the schedules apply to the task on
        // its own, but not inside the whole program, where
        // memref.fold_memref_alias_ops never converges on the staged
        // copies' subviews of the expanded V (it ran forever before the
        // emitter bounded it; reproduced with upstream mlir-opt and that
        // pattern set alone, 2026-12-07).
        if (index == 1 && innermostLoop(fold.maps[index]) == 2 &&
            isa_and_present<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(
                permutation->source.getDefiningOp()))
          return;
        any = true;
      }
      fold.permutations.push_back(permutation);
    }
    // The result's permutation, where the contraction's output starts from a
    // fill of its own and the permuted result is still written along n.
    auto fill = op.getDpsInits()[0].getDefiningOp<linalg::FillOp>();
    if (std::optional<OutputPermutation> output = permutedOutput(op);
        output && fill && fill->getResult(0).hasOneUse() &&
        cast<linalg::LinalgOp>(output->user)
            .getDpsInits()[0]
            .getDefiningOp<tensor::EmptyOp>()) {
      AffineMap map = output->sourceToResult.compose(fold.maps.back());
      if (innermostLoop(map) == 2) {
        fold.maps.back() = map;
        fold.output = output;
        any = true;
      }
    }
    if (any)
      folds.push_back(std::move(fold));
  });
  IRRewriter rewriter(root->getContext());
  for (Fold &fold : folds) {
    rewriter.setInsertionPoint(fold.op);
    FailureOr<linalg::GenericOp> generic =
        linalg::generalizeNamedOp(rewriter, fold.op);
    if (failed(generic))
      continue;
    SmallVector<Operation *> producers;
    for (auto [index, permutation] : llvm::enumerate(fold.permutations))
      if (permutation) {
        producers.push_back(generic->getOperand(index).getDefiningOp());
        generic->setOperand(index, permutation->source);
      }
    generic->setIndexingMapsAttr(rewriter.getAffineMapArrayAttr(fold.maps));
    (*generic)->setAttr(kPermutedOperandsAttrName, rewriter.getUnitAttr());
    if (fold.output) {
      // The contraction accumulates into a fill of the permutation's init
      // and stands for the permutation.
      Operation *user = fold.output->user;
      auto oldFill = generic->getDpsInits()[0].getDefiningOp<linalg::FillOp>();
      auto permutedInit = cast<linalg::LinalgOp>(user)
                              .getDpsInits()[0]
                              .getDefiningOp<tensor::EmptyOp>();
      rewriter.setInsertionPoint(*generic);
      auto empty =
          tensor::EmptyOp::create(rewriter, permutedInit.getLoc(),
                                  permutedInit.getType(), ValueRange());
      auto fill = linalg::FillOp::create(
          rewriter, oldFill.getLoc(), oldFill.getInputs(), empty.getResult());
      rewriter.modifyOpInPlace(*generic, [&] {
        generic->getDpsInitOperand(0)->set(fill.getResult(0));
        generic->getResult(0).setType(empty.getType());
      });
      rewriter.replaceOp(user, generic->getResult(0));
      if (oldFill->use_empty())
        rewriter.eraseOp(oldFill);
      if (permutedInit->use_empty())
        rewriter.eraseOp(permutedInit);
    }
    for (Operation *producer : producers)
      if (producer->use_empty())
        rewriter.eraseOp(producer);
  }
  return folds.size();
}

} // namespace cwm
