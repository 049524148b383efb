//===- ProgramFeatures.cpp - Features of a transformed, lowered program ---===//

#include "cwm/CostModel/ProgramFeatures.h"

#include "cwm/Schedule/ApplyTrace.h"
#include "cwm/Pipelines/Pipelines.h"
#include "cwm/Task/TaskExtraction.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>

using namespace mlir;

namespace cwm {

namespace {

constexpr int kStoreSlots = 4;

double log2p(double x) { return std::log2(1.0 + std::max(0.0, x)); }

/// One loop around a store: its induction variables and trip count.
struct LoopLevel {
  SmallVector<Value> ivs;
  double trips = 1;
  bool parallel = false;
};

double tripCount(Value lb, Value ub, Value step) {
  std::optional<int64_t> l = getConstantIntValue(lb), u = getConstantIntValue(ub),
                         s = getConstantIntValue(step);
  if (!l || !u || !s || *s <= 0)
    return 8; // unknown: a small guess
  return std::max<double>(0, std::ceil(double(*u - *l) / double(*s)));
}

/// The loops enclosing `op`, outermost first.
SmallVector<LoopLevel> enclosingLoops(Operation *op) {
  SmallVector<LoopLevel> loops;
  for (Operation *parent = op->getParentOp(); parent;
       parent = parent->getParentOp()) {
    if (auto loop = dyn_cast<scf::ForOp>(parent)) {
      LoopLevel level;
      level.ivs.push_back(loop.getInductionVar());
      level.trips = tripCount(loop.getLowerBound(), loop.getUpperBound(),
                              loop.getStep());
      loops.push_back(level);
    } else if (auto loop = dyn_cast<scf::ParallelOp>(parent)) {
      LoopLevel level;
      level.parallel = true;
      for (auto [iv, lb, ub, step] :
           llvm::zip(loop.getInductionVars(), loop.getLowerBound(),
                     loop.getUpperBound(), loop.getStep())) {
        level.ivs.push_back(iv);
        level.trips *= tripCount(lb, ub, step);
      }
      loops.push_back(level);
    } else if (auto loop = dyn_cast<scf::ForallOp>(parent)) {
      LoopLevel level;
      level.parallel = true;
      for (Value iv : loop.getInductionVars())
        level.ivs.push_back(iv);
      for (auto [lb, ub, step] :
           llvm::zip(loop.getMixedLowerBound(), loop.getMixedUpperBound(),
                     loop.getMixedStep())) {
        std::optional<int64_t> l = getConstantIntValue(lb),
                               u = getConstantIntValue(ub),
                               s = getConstantIntValue(step);
        level.trips *= (l && u && s && *s > 0)
                           ? std::ceil(double(*u - *l) / double(*s))
                           : 8.0;
      }
      loops.push_back(level);
    }
  }
  std::reverse(loops.begin(), loops.end());
  return loops;
}

/// Whether `value` is computed from `iv` (through a few levels of index
/// arithmetic).
bool dependsOn(Value value, Value iv, int depth = 6) {
  if (value == iv)
    return true;
  if (depth == 0)
    return false;
  Operation *def = value.getDefiningOp();
  if (!def || def->getNumRegions() != 0)
    return false;
  return llvm::any_of(def->getOperands(),
                      [&](Value v) { return dependsOn(v, iv, depth - 1); });
}

int64_t lanesOf(Type type) {
  if (auto vector = dyn_cast<VectorType>(type))
    return vector.getNumElements();
  return 1;
}

int64_t elementBytes(Type type) {
  Type element = getElementTypeOrSelf(type);
  if (auto shaped = dyn_cast<ShapedType>(type))
    element = shaped.getElementType();
  unsigned bits = element.isIntOrFloat() ? element.getIntOrFloatBitWidth() : 32;
  return std::max<int64_t>(1, bits / 8);
}

/// A memory access: its buffer, indices, and the number of elements moved.
struct Access {
  Value buffer;
  SmallVector<Value> indices;
  int64_t lanes = 1;
  int64_t bytes = 4;
  bool contiguousVector = true;
};

std::optional<Access> asAccess(Operation *op) {
  Access access;
  if (auto load = dyn_cast<memref::LoadOp>(op)) {
    access.buffer = load.getMemRef();
    access.indices.assign(load.getIndices().begin(), load.getIndices().end());
    access.bytes = elementBytes(load.getType());
  } else if (auto store = dyn_cast<memref::StoreOp>(op)) {
    access.buffer = store.getMemRef();
    access.indices.assign(store.getIndices().begin(), store.getIndices().end());
    access.bytes = elementBytes(store.getValueToStore().getType());
  } else if (auto read = dyn_cast<vector::TransferReadOp>(op)) {
    access.buffer = read.getBase();
    access.indices.assign(read.getIndices().begin(), read.getIndices().end());
    access.lanes = lanesOf(read.getVectorType());
    access.bytes = access.lanes * elementBytes(read.getVectorType());
    access.contiguousVector = read.getPermutationMap().isMinorIdentity();
  } else if (auto write = dyn_cast<vector::TransferWriteOp>(op)) {
    access.buffer = write.getBase();
    access.indices.assign(write.getIndices().begin(), write.getIndices().end());
    access.lanes = lanesOf(write.getVectorType());
    access.bytes = access.lanes * elementBytes(write.getVectorType());
    access.contiguousVector = write.getPermutationMap().isMinorIdentity();
  } else if (auto load = dyn_cast<vector::LoadOp>(op)) {
    access.buffer = load.getBase();
    access.indices.assign(load.getIndices().begin(), load.getIndices().end());
    access.lanes = lanesOf(load.getVectorType());
    access.bytes = access.lanes * elementBytes(load.getVectorType());
  } else if (auto store = dyn_cast<vector::StoreOp>(op)) {
    access.buffer = store.getBase();
    access.indices.assign(store.getIndices().begin(), store.getIndices().end());
    access.lanes = lanesOf(store.getVectorType());
    access.bytes = access.lanes * elementBytes(store.getVectorType());
  } else {
    return std::nullopt;
  }
  return access;
}

bool isStore(Operation *op) {
  return isa<memref::StoreOp, vector::TransferWriteOp, vector::StoreOp>(op);
}

/// Floating-point work of one op, counted per scalar lane (FMA = 2).
double flopsOf(Operation *op, bool &isVector, bool &isFma) {
  isVector = false;
  isFma = false;
  if (op->getNumResults() != 1)
    return 0;
  Type type = op->getResult(0).getType();
  Type element = getElementTypeOrSelf(type);
  if (!isa<FloatType>(element))
    return 0;
  int64_t lanes = lanesOf(type);
  isVector = lanes > 1;
  if (isa<vector::FMAOp, math::FmaOp>(op)) {
    isFma = true;
    return 2.0 * lanes;
  }
  if (auto contract = dyn_cast<vector::ContractionOp>(op)) {
    isFma = true;
    int64_t work = lanesOf(contract.getLhsType());
    for (int64_t d : contract.getRhsType().getShape())
      work *= d;
    int64_t result = std::max<int64_t>(1, lanes);
    // lhs x rhs elements over the shared reduction dims ~ 2 * M*N*K.
    return 2.0 * std::sqrt(double(work) * double(result));
  }
  if (isa<arith::ArithDialect, math::MathDialect>(op->getDialect()) &&
      !isa<arith::ConstantOp>(op))
    return double(lanes);
  if (isa<vector::ReductionOp, vector::MultiDimReductionOp>(op))
    return double(lanesOf(op->getOperand(0).getType()));
  return 0;
}

struct StoreFeatures {
  double volume = 0; // executions x lanes, for ordering
  std::vector<float> values;
};

constexpr const char *kStoreFeatureNames[] = {
    "log2_executions",    "depth",             "parallel_loops",
    "log2_parallel_trips", "log2_inner_trips", "log2_store_lanes",
    "log2_body_flops",    "vector_op_fraction", "log2_fma_flops",
    "body_loads",         "log2_load_bytes",   "log2_store_bytes",
    "body_buffers",       "inner_contiguous_fraction",
    "noncontiguous_vector_fraction", "mean_log2_reuse", "log2_intensity",
    "store_inner_contiguous"};
constexpr int kStoreFeatures =
    sizeof(kStoreFeatureNames) / sizeof(kStoreFeatureNames[0]);

StoreFeatures describeStore(Operation *store) {
  SmallVector<LoopLevel> loops = enclosingLoops(store);
  double executions = 1, parallelTrips = 1;
  int parallelLoops = 0;
  for (const LoopLevel &level : loops) {
    executions *= level.trips;
    if (level.parallel) {
      ++parallelLoops;
      parallelTrips *= level.trips;
    }
  }
  double innerTrips = loops.empty() ? 1 : loops.back().trips;
  Value innerIv = loops.empty() ? Value() : loops.back().ivs.back();
  std::optional<Access> stored = asAccess(store);

  // The store's block: count the work and loads that sit beside it.
  double flops = 0, fmaFlops = 0, loadBytes = 0;
  int64_t ops = 0, vectorOps = 0, loads = 0, innerContiguous = 0,
          noncontiguousVector = 0, accesses = 0;
  double reuseSum = 0;
  llvm::DenseSet<Value> buffers;
  store->getBlock()->walk([&](Operation *op) {
    bool isVector = false, isFma = false;
    double f = flopsOf(op, isVector, isFma);
    if (f > 0) {
      flops += f;
      ++ops;
      vectorOps += isVector;
      if (isFma)
        fmaFlops += f;
    }
    std::optional<Access> access = asAccess(op);
    if (!access)
      return;
    ++accesses;
    buffers.insert(access->buffer);
    if (!isStore(op)) {
      ++loads;
      loadBytes += access->bytes;
    }
    if (access->lanes > 1 && !access->contiguousVector)
      ++noncontiguousVector;
    if (innerIv && !access->indices.empty() &&
        dependsOn(access->indices.back(), innerIv))
      ++innerContiguous;
    // Reuse: trips of the loops whose variables index nothing here.
    double reuse = 1;
    for (const LoopLevel &level : loops) {
      bool used = llvm::any_of(level.ivs, [&](Value iv) {
        return llvm::any_of(access->indices,
                            [&](Value index) { return dependsOn(index, iv); });
      });
      if (!used)
        reuse *= level.trips;
    }
    reuseSum += log2p(reuse);
  });
  double storeBytes = stored ? stored->bytes : 4;
  bool storeInnerContiguous =
      stored && innerIv && !stored->indices.empty() &&
      dependsOn(stored->indices.back(), innerIv);

  StoreFeatures result;
  result.volume = executions * (stored ? stored->lanes : 1);
  result.values = {
      float(log2p(executions)),
      float(loops.size()),
      float(parallelLoops),
      float(log2p(parallelTrips)),
      float(log2p(innerTrips)),
      float(log2p(stored ? stored->lanes : 1)),
      float(log2p(flops)),
      float(ops ? double(vectorOps) / ops : 0),
      float(log2p(fmaFlops)),
      float(loads),
      float(log2p(loadBytes)),
      float(log2p(storeBytes)),
      float(buffers.size()),
      float(accesses ? double(innerContiguous) / accesses : 0),
      float(accesses ? double(noncontiguousVector) / accesses : 0),
      float(accesses ? reuseSum / accesses : 0),
      float(log2p(flops / std::max(1.0, loadBytes + storeBytes))),
      float(storeInnerContiguous ? 1 : 0)};
  return result;
}

constexpr const char *kGlobalFeatureNames[] = {
    "stores",           "loops",          "max_depth",
    "log2_total_flops", "log2_total_load_bytes", "log2_total_store_bytes",
    "log2_outer_parallel_trips", "allocs", "log2_alloc_bytes",
    "allocs_in_parallel", "vector_op_fraction", "log2_total_fma_flops"};
constexpr int kGlobalFeatures =
    sizeof(kGlobalFeatureNames) / sizeof(kGlobalFeatureNames[0]);

} // namespace

int64_t programFeatureSize() {
  return kGlobalFeatures + kStoreSlots * (kStoreFeatures + 1);
}

std::vector<std::string> programFeatureNames() {
  std::vector<std::string> names;
  for (const char *name : kGlobalFeatureNames)
    names.push_back(std::string("program.") + name);
  for (int slot = 0; slot < kStoreSlots; ++slot) {
    std::string prefix = "store" + std::to_string(slot) + ".";
    names.push_back(prefix + "present");
    for (const char *name : kStoreFeatureNames)
      names.push_back(prefix + name);
  }
  return names;
}

std::vector<float> extractProgramFeatures(ModuleOp lowered) {
  std::vector<StoreFeatures> stores;
  double totalFlops = 0, totalFma = 0, totalLoad = 0, totalStore = 0,
         outerParallel = 0, allocBytes = 0;
  int64_t loops = 0, maxDepth = 0, allocs = 0, allocsInParallel = 0, ops = 0,
          vectorOps = 0;
  lowered.walk([&](Operation *op) {
    if (isa<scf::ForOp, scf::ParallelOp, scf::ForallOp>(op)) {
      ++loops;
      if (isa<scf::ParallelOp, scf::ForallOp>(op) &&
          !op->getParentOfType<scf::ParallelOp>() &&
          !op->getParentOfType<scf::ForallOp>()) {
        SmallVector<LoopLevel> self = enclosingLoops(&op->getRegion(0).front().front());
        if (!self.empty())
          outerParallel = std::max(outerParallel, self.back().trips);
      }
    }
    if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
      ++allocs;
      MemRefType type = alloc.getType();
      if (type.hasStaticShape())
        allocBytes += double(type.getNumElements()) * elementBytes(type);
      if (op->getParentOfType<scf::ParallelOp>() ||
          op->getParentOfType<scf::ForallOp>())
        ++allocsInParallel;
    }
    bool isVector = false, isFma = false;
    double f = flopsOf(op, isVector, isFma);
    if (f > 0) {
      SmallVector<LoopLevel> nest = enclosingLoops(op);
      double executions = 1;
      for (const LoopLevel &level : nest)
        executions *= level.trips;
      totalFlops += f * executions;
      if (isFma)
        totalFma += f * executions;
      ++ops;
      vectorOps += isVector;
    }
    if (std::optional<Access> access = asAccess(op)) {
      SmallVector<LoopLevel> nest = enclosingLoops(op);
      double executions = 1;
      for (const LoopLevel &level : nest)
        executions *= level.trips;
      maxDepth = std::max<int64_t>(maxDepth, nest.size());
      (isStore(op) ? totalStore : totalLoad) += access->bytes * executions;
      if (isStore(op))
        stores.push_back(describeStore(op));
    }
  });
  std::stable_sort(stores.begin(), stores.end(),
                   [](const StoreFeatures &a, const StoreFeatures &b) {
                     return a.volume > b.volume;
                   });
  std::vector<float> values = {
      float(stores.size()),        float(loops),
      float(maxDepth),             float(log2p(totalFlops)),
      float(log2p(totalLoad)),     float(log2p(totalStore)),
      float(log2p(outerParallel)), float(allocs),
      float(log2p(allocBytes)),    float(allocsInParallel),
      float(ops ? double(vectorOps) / ops : 0), float(log2p(totalFma))};
  for (int slot = 0; slot < kStoreSlots; ++slot) {
    bool present = slot < static_cast<int>(stores.size());
    values.push_back(present ? 1.0f : 0.0f);
    for (int i = 0; i < kStoreFeatures; ++i)
      values.push_back(present ? stores[slot].values[i] : 0.0f);
  }
  return values;
}

struct ProgramFeaturizer::Impl {
  Impl() : context(makeRegistry()) {
    context.loadAllAvailableDialects();
    context.disableMultithreading();
  }
  static DialectRegistry makeRegistry() {
    DialectRegistry registry;
    registerDialects(registry);
    return registry;
  }
  MLIRContext context;
  OwningOpRef<ModuleOp> task;
  TaskInfo info;
};

ProgramFeaturizer::ProgramFeaturizer() : impl(std::make_unique<Impl>()) {}
ProgramFeaturizer::~ProgramFeaturizer() = default;

llvm::Expected<std::unique_ptr<ProgramFeaturizer>>
ProgramFeaturizer::create(llvm::StringRef taskIR) {
  registerPipelines();
  std::unique_ptr<ProgramFeaturizer> featurizer(new ProgramFeaturizer());
  Impl &impl = *featurizer->impl;
  std::string diagnostics;
  ScopedDiagnosticHandler handler(&impl.context, [&](Diagnostic &d) {
    llvm::raw_string_ostream(diagnostics) << d << "\n";
    return success();
  });
  impl.task = parseSourceString<ModuleOp>(taskIR, &impl.context);
  if (!impl.task)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "task IR does not parse: " + diagnostics);
  FailureOr<TaskInfo> info = analyzeTaskModule(*impl.task);
  if (failed(info))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "not a task module: " + diagnostics);
  impl.info = std::move(*info);
  return featurizer;
}

llvm::Expected<std::vector<float>>
ProgramFeaturizer::featurize(const Trace &trace) {
  std::string diagnostics;
  ScopedDiagnosticHandler handler(&impl->context, [&](Diagnostic &d) {
    if (diagnostics.size() < 1000)
      llvm::raw_string_ostream(diagnostics) << d << "\n";
    return success();
  });
  OwningOpRef<ModuleOp> module = impl->task->clone();
  if (!trace.empty() &&
      failed(applyTrace(*module, trace, impl->info, /*instance=*/0)))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "schedule failed to apply: " + diagnostics);
  PassManager pm(&impl->context);
  if (failed(parsePassPipeline(lowerForAnalysisPipelineText(), pm, llvm::errs())))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "internal error: analysis pipeline");
  if (failed(pm.run(*module)))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "lowering failed: " + diagnostics);
  return extractProgramFeatures(*module);
}

} // namespace cwm
