//===- LoweringPasses.cpp - Passes used by the cwm lowering pipelines -----===//

#include "cwm/Pipelines/Pipelines.h"

#include "cwm/Schedule/Validity.h"
#include "cwm/Task/TaskExtraction.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/GPU/Utils/GPUUtils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/NVGPU/Transforms/Transforms.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "llvm/ADT/bit.h"

namespace mlir::cwm {

#define GEN_PASS_DEF_DECOMPOSEAGGREGATES
#define GEN_PASS_DEF_APPROXIMATEMATH
#define GEN_PASS_DEF_HOISTVECTORTRANSFERS
#define GEN_PASS_DEF_GPUDEVICEBUFFERS
#define GEN_PASS_DEF_GPUBLOCKBUFFERS
#define GEN_PASS_DEF_GPUALIGNVECTORACCESSES
#define GEN_PASS_DEF_GPUPIPELINESTAGING
#define GEN_PASS_DEF_GPUCONTRACTFLOATINGPOINT
#define GEN_PASS_DEF_GPUDISTRIBUTEROWS
#define GEN_PASS_DEF_GPUMMATF32
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
/// (a gpu.launch body captures it), a kernel launch, a call (in a compiled
/// GPU model the callees are the tasks, whose code runs in kernels), a
/// deallocation, or a return (the caller gets the device buffer); sets
/// `returned` for the last.
static bool onlyKernelsUse(Value value, bool &returned) {
  for (Operation *user : value.getUsers()) {
    if (isa<func::ReturnOp>(user)) {
      returned = true;
      continue;
    }
    if (isa<gpu::LaunchOp, gpu::LaunchFuncOp, func::CallOp, gpu::MemcpyOp,
            memref::DeallocOp>(user) ||
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
      hasKernels |= isa<gpu::LaunchOp, gpu::LaunchFuncOp, func::CallOp>(op);
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
      Value start = gpu::WaitOp::create(builder, loc, tokenType, ValueRange{})
                        .getAsyncToken();
      auto deviceAlloc = gpu::AllocOp::create(
          builder, loc, alloc.getType(), tokenType, ValueRange{start},
          alloc.getDynamicSizes(), alloc.getSymbolOperands(),
          /*hostShared=*/false);
      gpu::WaitOp::create(builder, loc, Type(),
                          ValueRange{deviceAlloc.getAsyncToken()});
      Value memory = deviceAlloc.getMemref();
      auto free = [&](OpBuilder &b) {
        Value token = gpu::WaitOp::create(b, loc, tokenType, ValueRange{})
                          .getAsyncToken();
        Value done =
            gpu::DeallocOp::create(b, loc, tokenType, ValueRange{token}, memory)
                .getAsyncToken();
        gpu::WaitOp::create(b, loc, Type(), ValueRange{done});
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
  /// The limit the trace checks also apply (static shared memory).
  static constexpr int64_t kStaticSharedLimit = ::cwm::kMaxStaticSharedBytes;

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
        auto global = memref::GlobalOp::create(
            moduleBuilder, alloc.getLoc(), name,
            moduleBuilder.getStringAttr("private"), sharedType, Attribute(),
            /*constant=*/false, moduleBuilder.getI64IntegerAttr(16));
        symbols.insert(global);
        OpBuilder builder(alloc);
        Value buffer = memref::GetGlobalOp::create(
            builder, alloc.getLoc(), sharedType, global.getSymName());
        Value generic = memref::MemorySpaceCastOp::create(
            builder, alloc.getLoc(), type, buffer);
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

/// The largest power of two (up to kMaxDivisor) that an index value is
/// provably a multiple of; 1 when nothing is known.
class IndexDivisibility {
public:
  static constexpr int64_t kMaxDivisor = int64_t(1) << 20;

  int64_t of(Value value, int depth = 0) {
    if (depth > 32)
      return 1;
    if (auto it = known.find(value); it != known.end())
      return it->second;
    int64_t result = compute(value, depth);
    known[value] = result;
    return result;
  }

  static int64_t ofConstant(int64_t c) {
    if (c == 0)
      return kMaxDivisor;
    uint64_t magnitude = c < 0 ? uint64_t(-(c + 1)) + 1 : uint64_t(c);
    return std::min<int64_t>(kMaxDivisor, int64_t(magnitude & -magnitude));
  }

  /// The divisor of a product (capped).
  static int64_t product(int64_t a, int64_t b) {
    return a >= kMaxDivisor / b ? kMaxDivisor : a * b;
  }

private:
  int64_t compute(Value value, int depth) {
    if (auto arg = dyn_cast<BlockArgument>(value)) {
      auto loop = dyn_cast<scf::ForOp>(arg.getOwner()->getParentOp());
      if (loop && arg == loop.getInductionVar())
        return std::min(of(loop.getLowerBound(), depth + 1),
                        of(loop.getStep(), depth + 1));
      return 1;
    }
    Operation *op = value.getDefiningOp();
    APInt constant;
    if (matchPattern(value, m_ConstantInt(&constant)))
      return ofConstant(constant.getSExtValue());
    if (isa<arith::AddIOp, arith::SubIOp>(op))
      return std::min(of(op->getOperand(0), depth + 1),
                      of(op->getOperand(1), depth + 1));
    if (isa<arith::MulIOp>(op))
      return product(of(op->getOperand(0), depth + 1),
                     of(op->getOperand(1), depth + 1));
    if (isa<arith::IndexCastOp, arith::IndexCastUIOp>(op))
      return of(op->getOperand(0), depth + 1);
    if (auto apply = dyn_cast<affine::AffineApplyOp>(op)) {
      AffineMap map = apply.getAffineMap();
      SmallVector<int64_t> operands;
      for (Value operand : apply.getMapOperands())
        operands.push_back(of(operand, depth + 1));
      return ofExpr(map.getResult(0), operands, map.getNumDims());
    }
    return 1;
  }

  static int64_t ofExpr(AffineExpr expr, ArrayRef<int64_t> operands,
                        unsigned numDims) {
    if (auto c = dyn_cast<AffineConstantExpr>(expr))
      return ofConstant(c.getValue());
    if (auto d = dyn_cast<AffineDimExpr>(expr))
      return operands[d.getPosition()];
    if (auto s = dyn_cast<AffineSymbolExpr>(expr))
      return operands[numDims + s.getPosition()];
    auto binary = cast<AffineBinaryOpExpr>(expr);
    int64_t lhs = ofExpr(binary.getLHS(), operands, numDims);
    int64_t rhs = ofExpr(binary.getRHS(), operands, numDims);
    switch (expr.getKind()) {
    case AffineExprKind::Add:
      return std::min(lhs, rhs);
    case AffineExprKind::Mul:
      return product(lhs, rhs);
    default: // floordiv, ceildiv, mod: nothing simple is known
      return 1;
    }
  }

  llvm::DenseMap<Value, int64_t> known;
};

struct GpuAlignVectorAccesses final
    : impl::GpuAlignVectorAccessesBase<GpuAlignVectorAccesses> {
  using Base::Base;
  static constexpr int64_t kBaseAlignment = 16;

  void runOnOperation() override {
    IndexDivisibility divisibility;
    getOperation().walk([&](gpu::LaunchOp launch) {
      launch.getBody().walk([&](Operation *op) {
        if (auto load = dyn_cast<vector::LoadOp>(op))
          align(load, load.getBase(), load.getIndices(), load.getVectorType(),
                divisibility);
        else if (auto store = dyn_cast<vector::StoreOp>(op))
          align(store, store.getBase(), store.getIndices(),
                store.getVectorType(), divisibility);
      });
    });
  }

  template <typename AccessOp>
  static void align(AccessOp op, Value base, ValueRange indices,
                    VectorType vectorType, IndexDivisibility &divisibility) {
    auto type = dyn_cast<MemRefType>(base.getType());
    if (!type || !vectorType.getElementType().isIntOrFloat())
      return;
    SmallVector<int64_t> strides;
    int64_t offset;
    if (failed(type.getStridesAndOffset(strides, offset)) ||
        ShapedType::isDynamic(offset) ||
        llvm::any_of(strides, ShapedType::isDynamic))
      return;
    // The linearized element index: offset + sum of index * stride.
    int64_t elements = IndexDivisibility::ofConstant(offset);
    for (auto [index, stride] : llvm::zip(indices, strides))
      elements = std::min(
          elements, IndexDivisibility::product(
                        divisibility.of(index),
                        IndexDivisibility::ofConstant(stride)));
    int64_t elementBytes =
        llvm::divideCeil(vectorType.getElementTypeBitWidth(), 8);
    int64_t vectorBytes = elementBytes * vectorType.getNumElements();
    int64_t alignment = std::min<int64_t>(
        {kBaseAlignment, int64_t(llvm::bit_floor(uint64_t(vectorBytes))),
         elements >= kBaseAlignment ? kBaseAlignment
                                    : elements * elementBytes});
    if (alignment <= elementBytes ||
        (op.getAlignment() && int64_t(*op.getAlignment()) >= alignment))
      return;
    op.setAlignment(alignment);
  }
};

struct GpuDistributeRows final
    : impl::GpuDistributeRowsBase<GpuDistributeRows> {
  using Base::Base;

  void runOnOperation() override {
    getOperation().walk([&](gpu::LaunchOp launch) {
      if (launch->hasAttr("cwm.distribute_rows"))
        distribute(launch);
    });
  }

  /// What a row reduction's output combines with: the op yielding it.
  struct Combiner {
    Operation *op = nullptr;
    gpu::AllReduceOperation kind;
    TypedAttr neutral;
  };

  /// The gpu.all_reduce kind of a combiner op (linalg's classification,
  /// mapped through the GPU dialect's kind correspondence).
  static std::optional<gpu::AllReduceOperation> kindOf(Operation *op) {
    std::optional<vector::CombiningKind> kind = linalg::getCombinerOpKind(op);
    if (!kind)
      return std::nullopt;
    for (uint32_t value = 0;
         value <= gpu::getMaxEnumValForAllReduceOperation(); ++value)
      if (std::optional<gpu::AllReduceOperation> candidate =
              gpu::symbolizeAllReduceOperation(value);
          candidate && gpu::convertReductionKind(*candidate) == *kind)
        return candidate;
    return std::nullopt;
  }

  /// The combiner of output `i`: a single op combining the output's block
  /// argument with one other value (matchReduction), with a known kind and
  /// neutral element.
  static std::optional<Combiner> combinerOf(linalg::GenericOp op, unsigned i) {
    SmallVector<Operation *> combiners;
    if (!matchReduction(op.getRegionOutputArgs(), i, combiners) ||
        combiners.size() != 1)
      return std::nullopt;
    Operation *combiner = combiners.front();
    std::optional<gpu::AllReduceOperation> kind = kindOf(combiner);
    std::optional<TypedAttr> neutral = arith::getNeutralElement(combiner);
    if (!kind || !neutral)
      return std::nullopt;
    return Combiner{combiner, *kind, *neutral};
  }

  /// The result position of the loop `dim` in `map` (a plain dimension),
  /// -1 if it is not used, -2 if it is used inside a compound expression.
  static int64_t positionOf(AffineMap map, unsigned dim) {
    for (auto [position, expr] : llvm::enumerate(map.getResults())) {
      if (auto d = dyn_cast<AffineDimExpr>(expr)) {
        if (d.getPosition() == dim)
          return position;
      } else if (expr.isFunctionOfDim(dim)) {
        return -2;
      }
    }
    return -1;
  }

  static int64_t elementCount(Type type) {
    auto memref = dyn_cast<MemRefType>(type);
    return memref && memref.hasStaticShape() ? memref.getNumElements() : -1;
  }

  void distribute(gpu::LaunchOp launch) {
    auto constant = [](Value v) -> std::optional<int64_t> {
      if (auto c = v.getDefiningOp<arith::ConstantIndexOp>())
        return c.value();
      return std::nullopt;
    };
    std::optional<int64_t> width = constant(launch.getBlockSizeX());
    if (!width || *width < 2 || constant(launch.getBlockSizeY()) != 1 ||
        constant(launch.getBlockSizeZ()) != 1)
      return;
    // Plan first: the row length N (the longest innermost loop), and every
    // linalg op either walks the row in its innermost loop (distributed) or
    // touches only one-element buffers (a row scalar: run by every thread).
    Block &body = launch.getBody().front();
    SmallVector<linalg::GenericOp> rowOps;
    int64_t row = 0;
    bool nested = false;
    launch.getBody().walk([&](linalg::LinalgOp op) {
      if (op->getBlock() != &body)
        nested = true;
      SmallVector<int64_t> ranges = op.getStaticLoopRanges();
      if (!ranges.empty() && !ShapedType::isDynamic(ranges.back()))
        row = std::max(row, ranges.back());
    });
    if (nested || row <= 1 || row % *width != 0)
      return;
    for (Operation &nested : body) {
      auto op = dyn_cast<linalg::LinalgOp>(&nested);
      if (!op)
        continue;
      SmallVector<int64_t> ranges = op.getStaticLoopRanges();
      bool walksRow = !ranges.empty() && ranges.back() == row;
      if (!walksRow) {
        for (Value operand : op->getOperands())
          if (isa<MemRefType>(operand.getType()) &&
              elementCount(operand.getType()) != 1)
            return;
        continue;
      }
      auto generic = dyn_cast<linalg::GenericOp>(&nested);
      if (!generic || !generic.hasPureBufferSemantics())
        return;
      unsigned last = ranges.size() - 1;
      bool reduction =
          generic.getIteratorTypesArray()[last] == utils::IteratorType::reduction;
      for (OpOperand &operand : generic->getOpOperands()) {
        int64_t position =
            positionOf(generic.getMatchingIndexingMap(&operand), last);
        if (position == -2)
          return;
        if (reduction && generic.isDpsInit(&operand) &&
            (position != -1 || elementCount(operand.get().getType()) != 1))
          return;
      }
      if (reduction)
        for (unsigned i = 0; i < generic.getNumDpsInits(); ++i)
          if (!combinerOf(generic, i))
            return;
      rowOps.push_back(generic);
    }
    if (rowOps.empty())
      return;
    // Rewrite: thread `lane` takes the row elements lane, lane + W, ...
    Value lane = launch.getThreadIds().x;
    int64_t perThread = row / *width;
    for (linalg::GenericOp op : rowOps)
      rewrite(op, lane, *width, perThread);
    // Row scalars (a maximum, a sum) are now computed by every thread:
    // each keeps its own copy. Shared, a fast thread could overwrite the
    // value (or refill it for the next reduction) before a slower one has
    // read it.
    SmallVector<memref::AllocOp> scalars;
    for (Operation &op : body)
      if (auto alloc = dyn_cast<memref::AllocOp>(&op))
        if (elementCount(alloc.getType()) == 1 &&
            alloc.getType().getLayout().isIdentity())
          scalars.push_back(alloc);
    for (memref::AllocOp alloc : scalars) {
      OpBuilder b(alloc);
      Value priv = memref::AllocaOp::create(
          b, alloc.getLoc(),
          MemRefType::get(alloc.getType().getShape(),
                          alloc.getType().getElementType()));
      for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
        if (isa<memref::DeallocOp>(user))
          user->erase();
      alloc.getResult().replaceAllUsesWith(priv);
      alloc->erase();
    }
  }

  /// A view of `source` whose dimension `position` keeps every W-th element
  /// from `lane`.
  static Value strided(OpBuilder &b, Location loc, Value source,
                       int64_t position, Value lane, int64_t width,
                       int64_t perThread) {
    auto type = cast<MemRefType>(source.getType());
    SmallVector<OpFoldResult> offsets, sizes, strides;
    for (int64_t d = 0; d < type.getRank(); ++d) {
      offsets.push_back(d == position ? OpFoldResult(lane)
                                      : OpFoldResult(b.getIndexAttr(0)));
      sizes.push_back(b.getIndexAttr(d == position ? perThread
                                                   : type.getDimSize(d)));
      strides.push_back(b.getIndexAttr(d == position ? width : 1));
    }
    return memref::SubViewOp::create(b, loc, source, offsets, sizes, strides);
  }

  static void rewrite(linalg::GenericOp op, Value lane, int64_t width,
                      int64_t perThread) {
    OpBuilder b(op);
    Location loc = op.getLoc();
    unsigned last = op.getNumLoops() - 1;
    bool reduction =
        op.getIteratorTypesArray()[last] == utils::IteratorType::reduction;
    SmallVector<Value> operands;
    for (OpOperand &operand : op->getOpOperands()) {
      int64_t position = positionOf(op.getMatchingIndexingMap(&operand), last);
      operands.push_back(position < 0
                             ? operand.get()
                             : strided(b, loc, operand.get(), position, lane,
                                       width, perThread));
    }
    // A reduction's outputs: private partials from the neutral element.
    SmallVector<std::pair<Value, Combiner>> partials;
    if (reduction) {
      for (unsigned i = 0; i < op.getNumDpsInits(); ++i) {
        Combiner combiner = *combinerOf(op, i);
        unsigned index = op.getNumDpsInputs() + i;
        auto type = cast<MemRefType>(operands[index].getType());
        Value partial = memref::AllocaOp::create(
            b, loc, MemRefType::get(type.getShape(), type.getElementType()));
        Value neutral = arith::ConstantOp::create(b, loc, combiner.neutral);
        linalg::FillOp::create(b, loc, neutral, partial);
        partials.push_back({partial, combiner});
        operands[index] = partial;
      }
    }
    Operation *slice = b.clone(*op);
    slice->setOperands(operands);
    // Combine the block's partials and fold them into the outputs.
    for (auto [i, entry] : llvm::enumerate(partials)) {
      auto [partial, combiner] = entry;
      Value output = op.getDpsInits()[i];
      auto type = cast<MemRefType>(partial.getType());
      SmallVector<Value> zeros(type.getRank(),
                               arith::ConstantIndexOp::create(b, loc, 0));
      Value mine = memref::LoadOp::create(b, loc, partial, zeros);
      Value all = gpu::AllReduceOp::create(
          b, loc, mine,
          gpu::AllReduceOperationAttr::get(b.getContext(), combiner.kind),
          /*uniform=*/true);
      Value initial = memref::LoadOp::create(b, loc, output, zeros);
      OperationState state(loc, combiner.op->getName().getIdentifier(),
                           ValueRange{initial, all}, {all.getType()},
                           combiner.op->getAttrs());
      Value combined = b.create(state)->getResult(0);
      memref::StoreOp::create(b, loc, combined, output, zeros);
    }
    op->erase();
  }
};

struct GpuContractFloatingPoint final
    : impl::GpuContractFloatingPointBase<GpuContractFloatingPoint> {
  using Base::Base;

  void runOnOperation() override {
    getOperation().walk([&](gpu::LaunchOp launch) {
      launch.getBody().walk([&](arith::ArithFastMathInterface op) {
        arith::FastMathFlags flags = arith::FastMathFlags::none;
        if (arith::FastMathFlagsAttr attr = op.getFastMathFlagsAttr())
          flags = attr.getValue();
        if (arith::bitEnumContainsAll(flags, arith::FastMathFlags::contract))
          return;
        op->setAttr(op.getFastMathAttrName(),
                    arith::FastMathFlagsAttr::get(
                        op->getContext(), flags | arith::FastMathFlags::contract));
      });
    });
  }
};

struct GpuMmaTf32 final : impl::GpuMmaTf32Base<GpuMmaTf32> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    nvgpu::populateMmaSyncF32ToTF32Patterns(patterns,
                                            nvgpu::MmaSyncF32Lowering::TF32);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

struct GpuPipelineStaging final
    : impl::GpuPipelineStagingBase<GpuPipelineStaging> {
  using Base::Base;
  static constexpr int64_t kRowPaddingBytes = 16;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<scf::ForOp> loops;
    module.walk([&](gpu::LaunchOp launch) {
      launch.getBody().walk([&](scf::ForOp loop) { loops.push_back(loop); });
    });
    for (scf::ForOp loop : loops)
      pipeline(loop, symbols);
  }

  /// The shared-memory global a value is read from (get_global of a
  /// workgroup memref), if any.
  static memref::GetGlobalOp sharedGlobalOf(Value value) {
    auto get = value.getDefiningOp<memref::GetGlobalOp>();
    if (!get || !isa_and_nonnull<gpu::AddressSpaceAttr>(
                    get.getType().getMemorySpace()))
      return {};
    return get;
  }

  void pipeline(scf::ForOp loop, SymbolTable &symbols) {
    Block *body = loop.getBody();
    // Copies under a condition (a copy spread over fewer threads than the
    // block is predicated) are not pipelined: leave the loop alone.
    bool nested = false;
    for (Operation &op : *body)
      for (Region &region : op.getRegions())
        region.walk([&](Operation *inner) {
          nested |= isa<nvgpu::DeviceAsyncCopyOp,
                        nvgpu::DeviceAsyncCreateGroupOp,
                        nvgpu::DeviceAsyncWaitOp>(inner);
        });
    if (nested)
      return;
    SmallVector<nvgpu::DeviceAsyncCopyOp> copies;
    for (Operation &op : *body)
      if (auto copy = dyn_cast<nvgpu::DeviceAsyncCopyOp>(op))
        copies.push_back(copy);
    std::optional<int64_t> lb = getConstantIntValue(loop.getLowerBound()),
                           ub = getConstantIntValue(loop.getUpperBound()),
                           step = getConstantIntValue(loop.getStep());
    if (copies.empty() || !lb || !ub || !step || *step <= 0 ||
        (*ub - *lb) / *step < 2)
      return;
    int64_t last = *lb + ((*ub - *lb - 1) / *step) * *step;
    // The copies, and the pure ops of the body that compute their operands
    // (cloned for the prefetch; iteration arguments must not feed them).
    SetVector<Operation *> slice;
    SmallVector<Operation *> worklist(copies.begin(), copies.end());
    llvm::DenseSet<StringRef> staged;
    while (!worklist.empty()) {
      Operation *op = worklist.pop_back_val();
      if (!slice.insert(op))
        continue;
      for (Value operand : op->getOperands()) {
        if (auto arg = dyn_cast<BlockArgument>(operand)) {
          if (arg.getOwner() == body && arg != loop.getInductionVar())
            return; // depends on an iteration argument
          continue;
        }
        Operation *def = operand.getDefiningOp();
        if (def->getBlock() != body)
          continue;
        if (!isMemoryEffectFree(def) || def->getNumRegions() != 0)
          return;
        worklist.push_back(def);
      }
    }
    for (nvgpu::DeviceAsyncCopyOp copy : copies) {
      memref::GetGlobalOp get = sharedGlobalOf(copy.getDst());
      if (!get || get->getBlock() != body)
        return;
      staged.insert(get.getName());
    }
    // Every use of a staged buffer must be in this loop's body.
    for (StringRef name : staged) {
      auto global = symbols.lookup<memref::GlobalOp>(name);
      if (!global)
        return;
      std::optional<SymbolTable::UseRange> uses =
          SymbolTable::getSymbolUses(global, symbols.getOp());
      if (!uses)
        return;
      for (const SymbolTable::SymbolUse &use : *uses)
        if (use.getUser()->getBlock() != body)
          return;
    }
    // The synchronization of the original schedule: groups, waits and the
    // barriers up to the one after the last wait (the barrier that ends
    // the iteration stays).
    SmallVector<Operation *> sync;
    Operation *lastWait = nullptr;
    for (Operation &op : *body)
      if (isa<nvgpu::DeviceAsyncCreateGroupOp, nvgpu::DeviceAsyncWaitOp>(op)) {
        sync.push_back(&op);
        if (isa<nvgpu::DeviceAsyncWaitOp>(op))
          lastWait = &op;
      }
    if (!lastWait)
      return;
    for (Operation &op : *body) {
      if (auto barrier = dyn_cast<gpu::BarrierOp>(op)) {
        sync.push_back(barrier);
        if (lastWait->isBeforeInBlock(barrier))
          break;
      }
    }
    if (!isa<gpu::BarrierOp>(body->getTerminator()->getPrevNode()))
      return; // compute must end with a barrier before the buffer is reused

    // The users of the staged buffers, each with its index list.
    auto indicesOf = [](Operation *user, Value buffer)
        -> std::optional<MutableOperandRange> {
      if (auto copy = dyn_cast<nvgpu::DeviceAsyncCopyOp>(user);
          copy && copy.getDst() == buffer)
        return copy.getDstIndicesMutable();
      if (auto load = dyn_cast<nvgpu::LdMatrixOp>(user))
        return load.getIndicesMutable();
      if (auto load = dyn_cast<vector::LoadOp>(user))
        return load.getIndicesMutable();
      if (auto store = dyn_cast<vector::StoreOp>(user);
          store && store.getBase() == buffer)
        return store.getIndicesMutable();
      if (auto load = dyn_cast<memref::LoadOp>(user))
        return load.getIndicesMutable();
      if (auto store = dyn_cast<memref::StoreOp>(user);
          store && store.getMemRef() == buffer)
        return store.getIndicesMutable();
      return std::nullopt;
    };
    for (Operation &op : *body)
      if (auto get = dyn_cast<memref::GetGlobalOp>(op);
          get && staged.contains(get.getName()))
        for (Operation *user : get->getUsers())
          if (!indicesOf(user, get.getResult()))
            return;

    for (StringRef name : staged) {
      MemRefType type = symbols.lookup<memref::GlobalOp>(name).getType();
      if (type.getRank() < 2 || !type.hasStaticShape() ||
          !type.getLayout().isIdentity() ||
          !type.getElementType().isIntOrFloat())
        return;
    }
    // Both stages in one buffer of twice the rows: stage s of a buffer with
    // r rows is rows [s * r, s * r + r). Each row is padded by 16 bytes:
    // ldmatrix reads 8 rows of 16 bytes, which with row pitches that are
    // multiples of 128 bytes all fall in the same banks (an 8-way
    // conflict); the padding shifts each row by 4 banks and keeps rows
    // 16-byte aligned for cp.async and ldmatrix.
    llvm::StringMap<int64_t> rows;
    for (StringRef name : staged) {
      auto global = symbols.lookup<memref::GlobalOp>(name);
      MemRefType type = global.getType();
      SmallVector<int64_t> shape(type.getShape());
      rows[name] = shape[0];
      shape[0] *= 2;
      int64_t elementBytes =
          llvm::divideCeil(type.getElementTypeBitWidth(), 8);
      if (elementBytes <= 16 && 16 % elementBytes == 0)
        shape.back() += kRowPaddingBytes / elementBytes;
      global.setTypeAttr(TypeAttr::get(MemRefType::get(
          shape, type.getElementType(), AffineMap(), type.getMemorySpace())));
    }
    for (Operation &op : *body)
      if (auto get = dyn_cast<memref::GetGlobalOp>(op);
          get && staged.contains(get.getName()))
        get.getResult().setType(
            symbols.lookup<memref::GlobalOp>(get.getName()).getType());
    Location loc = loop.getLoc();
    Value iv = loop.getInductionVar();
    // The stage of iteration `value`: ((value - lb) / step) % 2.
    auto stageOf = [&](OpBuilder &b, Value value) -> Value {
      Value index = arith::DivUIOp::create(
          b, loc, arith::SubIOp::create(b, loc, value, loop.getLowerBound()),
          loop.getStep());
      return arith::RemUIOp::create(b, loc, index,
                                    arith::ConstantIndexOp::create(b, loc, 2));
    };
    // Moves an access of a staged buffer (of `bufferRows` rows per stage) to
    // stage `stage`.
    auto moveToStage = [&](Operation *user, Value buffer, int64_t bufferRows,
                           Value stage) {
      OpBuilder b(user);
      Value offset = arith::MulIOp::create(
          b, loc, stage, arith::ConstantIndexOp::create(b, loc, bufferRows));
      MutableOperandRange indices = *indicesOf(user, buffer);
      Value row = arith::AddIOp::create(b, loc, indices[0].get(), offset);
      indices[0].set(row);
    };
    // Clones the copies of iteration `value` at the builder's point; returns
    // their tokens.
    auto cloneCopies = [&](OpBuilder &b, Value value) {
      Value stage = stageOf(b, value);
      IRMapping mapping;
      mapping.map(iv, value);
      SmallVector<Value> tokens;
      for (Operation &op : *body) {
        if (!slice.contains(&op))
          continue;
        Operation *clone = b.clone(op, mapping);
        if (auto copy = dyn_cast<nvgpu::DeviceAsyncCopyOp>(clone)) {
          auto get = sharedGlobalOf(copy.getDst());
          moveToStage(copy, copy.getDst(), rows[get.getName()], stage);
          tokens.push_back(copy.getResult());
        }
      }
      return tokens;
    };
    // The compute of this iteration reads its own stage (the original
    // copies are erased below).
    OpBuilder top(body, body->begin());
    Value current = stageOf(top, iv);
    for (Operation &op : *body)
      if (auto get = dyn_cast<memref::GetGlobalOp>(op);
          get && staged.contains(get.getName()))
        for (Operation *user : llvm::to_vector(get->getUsers()))
          if (!isa<nvgpu::DeviceAsyncCopyOp>(user))
            moveToStage(user, get.getResult(), rows[get.getName()], current);
    // Prologue: the first iteration's slices.
    OpBuilder before(loop);
    SmallVector<Value> first = cloneCopies(before, loop.getLowerBound());
    Value firstGroup =
        nvgpu::DeviceAsyncCreateGroupOp::create(before, loc, first);
    // In the loop: prefetch the next slices (the last iteration re-copies
    // its own), wait for this iteration's, synchronize.
    OpBuilder inside(body, body->begin());
    Value next = arith::MinSIOp::create(
        inside, loc, arith::AddIOp::create(inside, loc, iv, loop.getStep()),
        arith::ConstantIndexOp::create(inside, loc, last));
    SmallVector<Value> prefetch = cloneCopies(inside, next);
    Value group =
        nvgpu::DeviceAsyncCreateGroupOp::create(inside, loc, prefetch);
    nvgpu::DeviceAsyncWaitOp::create(inside, loc, group,
                                     inside.getI32IntegerAttr(1));
    gpu::BarrierOp::create(inside, loc);
    for (Operation *op : llvm::reverse(sync))
      op->erase();
    for (nvgpu::DeviceAsyncCopyOp copy : copies)
      copy->erase();
    // Nothing may be in flight when the kernel ends.
    OpBuilder after(loop->getBlock(), std::next(loop->getIterator()));
    nvgpu::DeviceAsyncWaitOp::create(after, loc, firstGroup,
                                     after.getI32IntegerAttr(0));
  }
};
} // namespace

} // namespace mlir::cwm
