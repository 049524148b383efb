//===- LoweringPasses.cpp - Passes used by the cwm lowering pipelines -----===//

#include "cwm/Pipelines/Pipelines.h"

#include "cwm/Task/TaskExtraction.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::cwm {

#define GEN_PASS_DEF_DECOMPOSEAGGREGATES
#define GEN_PASS_DEF_APPROXIMATEMATH
#define GEN_PASS_DEF_HOISTVECTORTRANSFERS
#define GEN_PASS_DEF_GPUDEVICEBUFFERS
#define GEN_PASS_DEF_GPUBLOCKBUFFERS
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

/// True if every use of `value` (through view-like ops) is inside a kernel
/// (a gpu.launch body captures it), a kernel launch, a deallocation, or a
/// return (the caller gets the device buffer); sets `returned` for the last.
static bool onlyKernelsUse(Value value, bool &returned) {
  for (Operation *user : value.getUsers()) {
    if (isa<func::ReturnOp>(user)) {
      returned = true;
      continue;
    }
    if (isa<gpu::LaunchOp, gpu::LaunchFuncOp, memref::DeallocOp>(user) ||
        user->getParentOfType<gpu::LaunchOp>())
      continue;
    if (auto view = dyn_cast<ViewLikeOpInterface>(user)) {
      if (view.getViewSource() == value &&
          llvm::all_of(user->getResults(), [&](Value result) {
            return onlyKernelsUse(result, returned);
          }))
        continue;
    }
    return false;
  }
  return true;
}

struct GpuDeviceBuffers final
    : impl::GpuDeviceBuffersBase<GpuDeviceBuffers> {
  using Base::Base;
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    bool hasKernels = false;
    func.walk([&](Operation *op) {
      hasKernels |= isa<gpu::LaunchOp, gpu::LaunchFuncOp>(op);
    });
    if (!hasKernels)
      return;
    SmallVector<memref::AllocOp> allocs;
    func.walk([&](memref::AllocOp alloc) {
      if (!alloc->getParentOfType<gpu::LaunchOp>())
        allocs.push_back(alloc);
    });
    for (memref::AllocOp alloc : allocs) {
      bool returned = false;
      if (!onlyKernelsUse(alloc.getResult(), returned)) {
        alloc.emitError("a buffer that both host code and a GPU kernel use "
                        "(every op of a GPU schedule must run in a kernel)");
        return signalPassFailure();
      }
      OpBuilder builder(alloc);
      Location loc = alloc.getLoc();
      auto tokenType = builder.getType<gpu::AsyncTokenType>();
      Value start = builder.create<gpu::WaitOp>(loc, tokenType, ValueRange{})
                        .getAsyncToken();
      auto deviceAlloc = builder.create<gpu::AllocOp>(
          loc, alloc.getType(), tokenType, ValueRange{start},
          alloc.getDynamicSizes(), alloc.getSymbolOperands(),
          /*hostShared=*/false);
      builder.create<gpu::WaitOp>(loc, Type(),
                                  ValueRange{deviceAlloc.getAsyncToken()});
      Value memory = deviceAlloc.getMemref();
      auto free = [&](OpBuilder &b) {
        Value token =
            b.create<gpu::WaitOp>(loc, tokenType, ValueRange{}).getAsyncToken();
        Value done = b.create<gpu::DeallocOp>(loc, tokenType, ValueRange{token},
                                              memory)
                         .getAsyncToken();
        b.create<gpu::WaitOp>(loc, Type(), ValueRange{done});
      };
      SmallVector<memref::DeallocOp> deallocs;
      for (Operation *user : alloc->getUsers())
        if (auto dealloc = dyn_cast<memref::DeallocOp>(user))
          deallocs.push_back(dealloc);
      if (returned) {
        // The caller owns it.
      } else if (deallocs.empty()) {
        func.walk([&](func::ReturnOp ret) {
          OpBuilder b(ret);
          free(b);
        });
      } else {
        for (memref::DeallocOp dealloc : deallocs) {
          OpBuilder b(dealloc);
          free(b);
          dealloc.erase();
        }
      }
      alloc.getResult().replaceAllUsesWith(memory);
      alloc.erase();
    }
  }
};

struct GpuBlockBuffers final : impl::GpuBlockBuffersBase<GpuBlockBuffers> {
  using Base::Base;
  static constexpr int64_t kStaticSharedLimit = 48 * 1024;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    unsigned counter = 0;
    WalkResult result = module.walk([&](gpu::LaunchOp launch) {
      int64_t bytes = 0;
      SmallVector<memref::AllocOp> allocs;
      launch.getBody().walk([&](memref::AllocOp alloc) {
        allocs.push_back(alloc);
      });
      for (memref::AllocOp alloc : allocs) {
        MemRefType type = alloc.getType();
        if (alloc->getParentOp() != launch.getOperation() ||
            !type.hasStaticShape() || !type.getLayout().isIdentity() ||
            type.getMemorySpace()) {
          alloc.emitError("an allocation inside a GPU kernel that is not a "
                          "static block-level buffer (it would be a "
                          "per-thread device malloc)");
          return WalkResult::interrupt();
        }
        int64_t size = type.getNumElements() *
                       llvm::divideCeil(type.getElementTypeBitWidth(), 8);
        bytes += size;
        if (bytes > kStaticSharedLimit) {
          alloc.emitError() << "the block-level buffers of this kernel need "
                            << bytes << " bytes of shared memory; the static "
                            << "limit is " << kStaticSharedLimit;
          return WalkResult::interrupt();
        }
        auto shared = gpu::AddressSpaceAttr::get(
            &getContext(), gpu::GPUDialect::getWorkgroupAddressSpace());
        MemRefType sharedType = MemRefType::get(
            type.getShape(), type.getElementType(), MemRefLayoutAttrInterface(),
            shared);
        OpBuilder moduleBuilder(module.getBodyRegion());
        moduleBuilder.setInsertionPointToStart(module.getBody());
        std::string name = "__cwm_block_buffer_" + std::to_string(counter++);
        auto global = moduleBuilder.create<memref::GlobalOp>(
            alloc.getLoc(), name, moduleBuilder.getStringAttr("private"),
            sharedType, Attribute(), /*constant=*/false,
            moduleBuilder.getI64IntegerAttr(16));
        symbols.insert(global);
        OpBuilder builder(alloc);
        Value buffer = builder.create<memref::GetGlobalOp>(
            alloc.getLoc(), sharedType, global.getSymName());
        Value generic = builder.create<memref::MemorySpaceCastOp>(
            alloc.getLoc(), type, buffer);
        for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
          if (isa<memref::DeallocOp>(user))
            user->erase();
        alloc.getResult().replaceAllUsesWith(generic);
        alloc.erase();
      }
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};
} // namespace

} // namespace mlir::cwm
