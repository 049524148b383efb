//===- LoweringPasses.cpp - Passes used by the cwm lowering pipelines -----===//

#include "cwm/Pipelines/Pipelines.h"

#include "cwm/Task/TaskExtraction.h"

#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::cwm {

#define GEN_PASS_DEF_DECOMPOSEAGGREGATES
#define GEN_PASS_DEF_APPROXIMATEMATH
#define GEN_PASS_DEF_HOISTVECTORTRANSFERS
#include "cwm/Pipelines/Passes.h.inc"

namespace {
struct DecomposeAggregates final
    : impl::DecomposeAggregatesBase<DecomposeAggregates> {
  using Base::Base;
  void runOnOperation() override {
    if (failed(::cwm::decomposeAggregateOps(getOperation())))
      return signalPassFailure();
  }
};

struct ApproximateMath final : impl::ApproximateMathBase<ApproximateMath> {
  using Base::Base;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // Polynomial forms for every function MLIR can approximate; f32 only, so
    // narrower types are widened first.
    populateMathF32ExpansionPatterns(patterns, [](StringRef) { return true; });
    // math.rsqrt is left out: its approximation emits x86vector ops, which
    // the LLVM-IR translation of MLIR 22 cannot export; it lowers to
    // 1/sqrt instead.
    populateMathPolynomialApproximationPatterns(patterns, [](StringRef name) {
      return name != math::RsqrtOp::getOperationName();
    });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

struct HoistVectorTransfers final
    : impl::HoistVectorTransfersBase<HoistVectorTransfers> {
  using Base::Base;
  void runOnOperation() override {
    // Only scf.for loops are hoisted from; requiring a non-zero trip count
    // keeps the rewrite safe inside parallel loops.
    linalg::hoistRedundantVectorTransfers(getOperation(),
                                          /*verifyNonZeroTrip=*/true);
  }
};
} // namespace

} // namespace mlir::cwm
