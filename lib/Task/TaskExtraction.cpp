//===- TaskExtraction.cpp - Find tuning tasks in a Linalg payload ---------===//

#include "cwm/Task/TaskExtraction.h"

#include "cwm/Task/ConvolutionLayouts.h"
#include "cwm/Task/PermutedOperands.h"
#include "cwm/Task/Weights.h"

#include "cwm/Runtime/HostBuffer.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/RegionUtils.h"

#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/xxhash.h"

#include <limits>

using namespace mlir;

namespace cwm {

namespace {
/// How an op takes part in fusion decisions.
enum class FusionRole { Fill, Pad, Elementwise, Reduction, Heavy };
} // namespace

static bool isPayloadOp(Operation *op) {
  return isa<linalg::LinalgOp, tensor::PadOp>(op);
}

static FusionRole classify(Operation *op) {
  if (isa<linalg::FillOp>(op))
    return FusionRole::Fill;
  if (isa<tensor::PadOp>(op))
    return FusionRole::Pad;
  auto linalgOp = cast<linalg::LinalgOp>(op);
  if (linalgOp.getNumReductionLoops() == 0)
    return FusionRole::Elementwise;
  if (linalg::isaContractionOpInterface(linalgOp) ||
      linalg::isaConvolutionOpInterface(linalgOp))
    return FusionRole::Heavy;
  return FusionRole::Reduction;
}

/// The op's iteration count, saturating at INT64_MAX (enormous shapes
/// overflow the product; found by fuzz/fuzz-task-extraction).
static int64_t iterationSize(Operation *op) {
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp)
    return 0;
  int64_t size = 1;
  for (int64_t extent : linalgOp.getStaticLoopRanges())
    if (__builtin_mul_overflow(size, std::max<int64_t>(extent, 1), &size))
      return std::numeric_limits<int64_t>::max();
  return size;
}

/// True if a heavy producer's result can be computed tile by tile inside the
/// loops of `consumer`: the consumer is elementwise over exactly the
/// producer's parallel loops, writing them in order.
static bool isFusableEpilogue(linalg::LinalgOp producer,
                              linalg::LinalgOp consumer) {
  if (consumer.getNumReductionLoops() != 0 || consumer.getNumDpsInits() != 1)
    return false;
  if (consumer.getNumLoops() != producer.getNumParallelLoops())
    return false;
  AffineMap outputMap =
      consumer.getMatchingIndexingMap(consumer.getDpsInitOperand(0));
  return outputMap.isIdentity() && producer->hasOneUse();
}

static bool canFuse(Operation *producer, Operation *consumer) {
  FusionRole producerRole = classify(producer);
  FusionRole consumerRole = classify(consumer);
  // The transposes the layout rewrite puts around an NCHW convolution's
  // filter and result stay out of its task (a filter transpose would run
  // again in every parallel tile); a result transpose still takes the
  // elementwise ops after it.
  if ((producer->hasAttr(kRelayoutAttrName) &&
       consumerRole == FusionRole::Heavy) ||
      (consumer->hasAttr(kRelayoutAttrName) &&
       producerRole == FusionRole::Heavy))
    return false;
  // A pad belongs to the task that reads it (the padding feeds a window):
  // it never takes its producer in, or the producer's task would return a
  // padded tensor and the next task's window would read it unpadded.
  if (consumerRole == FusionRole::Pad)
    return false;
  switch (producerRole) {
  case FusionRole::Fill:
  case FusionRole::Pad:
  case FusionRole::Elementwise:
    return true;
  case FusionRole::Reduction:
    return consumerRole != FusionRole::Heavy;
  case FusionRole::Heavy:
    return consumerRole == FusionRole::Elementwise &&
           isFusableEpilogue(cast<linalg::LinalgOp>(producer),
                             cast<linalg::LinalgOp>(consumer));
  }
  return false;
}

/// Splits `ops` (in program order) before `first`: the ops from `first` on,
/// with the fills and pads before it that only they read, form the second
/// part. Splitting in program order cannot make two tasks depend on each
/// other.
static std::pair<SmallVector<Operation *>, SmallVector<Operation *>>
splitBefore(ArrayRef<Operation *> ops, ArrayRef<Operation *>::iterator first) {
  llvm::SmallPtrSet<Operation *, 16> tail(first, ops.end());
  for (Operation *op : llvm::make_range(ops.begin(), first)) {
    FusionRole role = classify(op);
    if ((role == FusionRole::Fill || role == FusionRole::Pad) &&
        llvm::all_of(op->getUsers(),
                     [&](Operation *user) { return tail.contains(user); }))
      tail.insert(op);
  }
  SmallVector<Operation *> head, rest;
  for (Operation *op : ops)
    (tail.contains(op) ? rest : head).push_back(op);
  return {std::move(head), std::move(rest)};
}

/// GPU targets: a group whose reductions come before its heavy op (softmax
/// before attention's context product, when the softmax reads an argument)
/// is split before the heavy op: no GPU schedule applied to such a task
/// (each block's tile of the contraction would need whole softmax rows, and
/// the row reductions cannot be fused into its blocks). Appends the part(s)
/// to `groups`.
static void splitBeforeHeavy(SmallVector<Operation *> &ops,
                             std::vector<SmallVector<Operation *>> &groups) {
  auto isRole = [](FusionRole role) {
    return [role](Operation *op) { return classify(op) == role; };
  };
  auto *heavy = llvm::find_if(ops, isRole(FusionRole::Heavy));
  if (heavy == ops.end() || llvm::none_of(llvm::make_range(ops.begin(), heavy),
                                          isRole(FusionRole::Reduction))) {
    groups.push_back(std::move(ops));
    return;
  }
  auto [head, rest] = splitBefore(ops, heavy);
  groups.push_back(std::move(head));
  groups.push_back(std::move(rest));
}

/// GPU targets: a group holding a heavy op and reductions (attention's
/// scores and their softmax; a projection and the layer norm after it) is
/// split before its first reduction, because a block tile of the contraction
/// holds a slice of a row and the reduction needs the whole row; a part that
/// still has reductions before its heavy op is split again
/// (splitBeforeHeavy). Appends the part(s) to `groups`.
static void splitAtFirstReduction(SmallVector<Operation *> &ops,
                                  std::vector<SmallVector<Operation *>> &groups) {
  auto *firstReduction = llvm::find_if(
      ops, [](Operation *op) { return classify(op) == FusionRole::Reduction; });
  bool hasHeavy = llvm::any_of(
      ops, [](Operation *op) { return classify(op) == FusionRole::Heavy; });
  if (!hasHeavy || firstReduction == ops.end()) {
    groups.push_back(std::move(ops));
    return;
  }
  auto [head, rest] = splitBefore(ops, firstReduction);
  groups.push_back(std::move(head));
  splitBeforeHeavy(rest, groups);
}

LogicalResult decomposeAggregateOps(Operation *root) {
  SmallVector<linalg::SoftmaxOp> softmaxOps;
  root->walk([&](linalg::SoftmaxOp op) { softmaxOps.push_back(op); });
  for (linalg::SoftmaxOp op : softmaxOps) {
    // The verifier admits any element type, but MLIR's decomposition needs
    // floats (it crashes on integers; found by fuzz/fuzz-task-extraction).
    Type element = getElementTypeOrSelf(op.getOutput().getType());
    if (!isa<FloatType>(element))
      return op.emitError() << "linalg.softmax on " << element
                            << " elements is not supported (softmax needs "
                               "floating-point elements)";
    OpBuilder builder(op);
    auto aggregate = cast<linalg::AggregatedOpInterface>(op.getOperation());
    FailureOr<SmallVector<Value>> results =
        aggregate.decomposeOperation(builder);
    if (failed(results))
      return op.emitError("cannot decompose linalg.softmax into generic ops");
    op->replaceAllUsesWith(*results);
    op->erase();
  }
  return success();
}

/// Checks that `op`, a top-level op of a payload function, is something cwm
/// can handle: tasks are Linalg ops on statically shaped tensors.
static LogicalResult verifySupported(Operation *op) {
  if (isa<func::ReturnOp, tensor::EmptyOp>(op) ||
      op->hasTrait<OpTrait::ConstantLike>())
    return success();
  if (isa<tensor::TensorDialect>(op->getDialect()) && !isPayloadOp(op))
    return success();
  if (!isPayloadOp(op))
    return op->emitError()
           << "unsupported op '" << op->getName()
           << "': cwm tunes functions made of Linalg ops on tensors";
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op)) {
    if (!linalgOp.hasPureTensorSemantics())
      return op->emitError() << "'" << op->getName()
                             << "' operates on buffers; cwm expects Linalg "
                                "on tensors (run it before bufferization)";
  }
  for (Type type : llvm::concat<Type>(op->getOperandTypes(),
                                      op->getResultTypes())) {
    auto shaped = dyn_cast<ShapedType>(type);
    if (shaped && !shaped.hasStaticShape())
      return op->emitError() << "dynamic shapes are not supported: operand or "
                                "result of type "
                             << type;
  }
  return success();
}

static std::string elementTypeName(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << getElementTypeOrSelf(type);
  return text;
}

/// Bytes per element for traffic estimates; index counts as 64 bits and a
/// complex number as two of its parts (getIntOrFloatBitWidth asserts on both).
static int64_t elementBytes(Type type) {
  Type element = getElementTypeOrSelf(type);
  if (auto complex = dyn_cast<ComplexType>(element))
    return 2 * elementBytes(complex.getElementType());
  if (element.isIntOrFloat())
    return std::max<int64_t>(element.getIntOrFloatBitWidth() / 8, 1);
  return 8; // index and anything else addressed as a machine word
}

/// Why a task with these argument / result types cannot be measured (cwm
/// fills inputs with random values and compares outputs element by element),
/// or an empty string. Such a task is left to the default lowering.
static std::string unmeasurableReason(ArrayRef<Type> argumentTypes,
                                      ArrayRef<Type> resultTypes) {
  for (auto [index, type] : llvm::enumerate(
           llvm::concat<const Type>(argumentTypes, resultTypes))) {
    bool isInput = index < argumentTypes.size();
    ElementType parsed;
    if (!parseElementType(elementTypeName(type), parsed))
      return (llvm::Twine(isInput ? "its input " : "its result ") +
              [&] {
                std::string text;
                llvm::raw_string_ostream(text) << type;
                return text;
              }() +
              " has elements of type " + elementTypeName(type) +
              ", which cwm cannot generate or compare (supported: f16, bf16, "
              "f32, f64, i8, i32, i64)")
          .str();
    // Sizes whose byte count overflows 64 bits (getNumElements would wrap).
    int64_t bytes = elementBytes(type);
    bool overflow = false;
    if (auto shaped = dyn_cast<ShapedType>(type))
      for (int64_t extent : shaped.getShape())
        overflow |= __builtin_mul_overflow(bytes, extent, &bytes);
    if (overflow || bytes > (int64_t(1) << 50))
      return (llvm::Twine(isInput ? "its input " : "its result ") +
              [&] {
                std::string text;
                llvm::raw_string_ostream(text) << type;
                return text;
              }() +
              " is larger than a petabyte")
          .str();
  }
  return "";
}

/// True if an op of the group iterates over nothing (a zero extent): tiling
/// such an op divides by zero inside MLIR, and there is nothing to tune.
static bool hasZeroExtent(ArrayRef<Operation *> ops) {
  return llvm::any_of(ops, [](Operation *op) {
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
      return llvm::is_contained(linalgOp.getStaticLoopRanges(), 0);
    return llvm::any_of(op->getResultTypes(), [](Type type) {
      auto shaped = dyn_cast<ShapedType>(type);
      return shaped && shaped.hasStaticShape() && shaped.getNumElements() == 0;
    });
  });
}

/// Counts the arithmetic operations in a linalg op's body.
static int64_t countBodyOps(linalg::LinalgOp op) {
  int64_t count = 0;
  op->walk([&](Operation *nested) {
    if (isa<arith::ArithDialect, math::MathDialect>(nested->getDialect()) &&
        !nested->hasTrait<OpTrait::ConstantLike>() &&
        !isa<arith::IndexCastOp>(nested))
      ++count;
  });
  return count;
}

/// For each dimension an indexing map reads, the loop that indexes it (-1
/// if the dimension is not a plain loop index).
static std::vector<int64_t> indexingLoops(AffineMap map) {
  std::vector<int64_t> loops;
  for (AffineExpr expr : map.getResults()) {
    auto dim = dyn_cast<AffineDimExpr>(expr);
    loops.push_back(dim ? int64_t(dim.getPosition()) : -1);
  }
  return loops;
}

static std::vector<int64_t> toStdVector(DenseIntElementsAttr attr) {
  std::vector<int64_t> values;
  for (const APInt &v : attr.getValues<APInt>())
    values.push_back(v.getSExtValue());
  return values;
}

/// Builds the TaskInfo of a group of ops given in program order.
static TaskInfo buildTaskInfo(ArrayRef<Operation *> ops, int64_t root,
                              ArrayRef<Type> argumentTypes,
                              ArrayRef<Type> resultTypes) {
  TaskInfo info;
  int64_t anchor = -1;
  int64_t anchorSize = -1;
  bool anchorIsHeavy = false;
  bool anyReduction = false;
  for (auto [index, op] : llvm::enumerate(ops)) {
    TaskOp taskOp;
    taskOp.index = index;
    taskOp.name = op->getName().getStringRef().str();
    taskOp.isFill = isa<linalg::FillOp>(op);
    taskOp.isPad = isa<tensor::PadOp>(op);
    if (auto pad = dyn_cast<tensor::PadOp>(op))
      taskOp.shape.assign(pad.getResultType().getShape().begin(),
                          pad.getResultType().getShape().end());
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op)) {
      SmallVector<int64_t> ranges = linalgOp.getStaticLoopRanges();
      SmallVector<utils::IteratorType> iterators =
          linalgOp.getIteratorTypesArray();
      for (auto [extent, iterator] : llvm::zip(ranges, iterators))
        taskOp.loops.push_back(
            {extent, iterator == utils::IteratorType::reduction});
      // A gather (an input indexed by a non-permutation map, such as
      // x[s, h * 64 + j]) is not elementwise: it cannot be vectorized or
      // tiled like its output.
      taskOp.elementwise =
          !taskOp.isFill && linalgOp.getNumReductionLoops() == 0 &&
          llvm::all_of(linalgOp.getIndexingMapsArray(), [](AffineMap map) {
            return map.isProjectedPermutation();
          });
      // Stride of each operand's innermost dimension along every loop.
      for (AffineMap map : linalgOp.getIndexingMapsArray()) {
        std::vector<int64_t> strides(map.getNumDims(), 0);
        if (map.getNumResults() > 0) {
          AffineExpr inner = map.getResult(map.getNumResults() - 1);
          for (unsigned d = 0; d < map.getNumDims(); ++d)
            if (inner.isFunctionOfDim(d))
              strides[d] = 1;
        }
        taskOp.operandLoopStrides.push_back(std::move(strides));
      }
      for (OpOperand *input : linalgOp.getDpsInputOperands())
        taskOp.inputLoops.push_back(
            indexingLoops(linalgOp.getMatchingIndexingMap(input)));
      if (linalgOp.getNumDpsInits() > 0)
        taskOp.outputLoops = indexingLoops(
            linalgOp.getMatchingIndexingMap(linalgOp.getDpsInitOperand(0)));
      FusionRole role = classify(op);
      anyReduction |= role == FusionRole::Reduction;
      bool heavy = role == FusionRole::Heavy;
      int64_t size = iterationSize(op);
      if (!taskOp.isFill &&
          ((heavy && !anchorIsHeavy) ||
           (heavy == anchorIsHeavy && size > anchorSize))) {
        anchor = index;
        anchorSize = size;
        anchorIsHeavy = heavy;
      }
    }
    info.ops.push_back(std::move(taskOp));
  }
  if (anchor < 0)
    anchor = root;
  info.anchor = anchor;
  info.root = root;

  Operation *anchorOp = ops[anchor];
  info.elementType =
      anchorOp->getNumResults() ? elementTypeName(anchorOp->getResult(0).getType())
                                : "f32";
  if (anchorOp->getNumOperands() > 0) {
    std::string input = elementTypeName(anchorOp->getOperand(0).getType());
    if (input != info.elementType)
      info.inputElementType = input;
  }
  if (isa<linalg::MatmulOp>(anchorOp))
    info.opClass = OpClass::Matmul;
  else if (isa<linalg::BatchMatmulOp>(anchorOp) ||
           (anchorOp->hasAttr(kPermutedOperandsAttrName) &&
            info.ops[anchor].loops.size() == 4))
    info.opClass = OpClass::BatchMatmul;
  else if (auto conv = dyn_cast<linalg::Conv2DNhwcHwcfOp>(anchorOp)) {
    info.opClass = OpClass::Conv2D;
    info.strides = toStdVector(conv.getStrides());
    info.dilations = toStdVector(conv.getDilations());
  } else if (auto conv = dyn_cast<linalg::Conv2DNhwgcGfhwcOp>(anchorOp)) {
    info.opClass = OpClass::GroupConv2D;
    info.strides = toStdVector(conv.getStrides());
    info.dilations = toStdVector(conv.getDilations());
  } else if (auto conv = dyn_cast<linalg::DepthwiseConv2DNhwcHwcOp>(anchorOp)) {
    info.opClass = OpClass::Depthwise2D;
    info.strides = toStdVector(conv.getStrides());
    info.dilations = toStdVector(conv.getDilations());
  } else if (anchorIsHeavy || anyReduction)
    info.opClass = OpClass::Reduction;
  else
    info.opClass = OpClass::Elementwise;

  // FLOPs: 2 x multiply-adds for the heavy anchor (the usual convention for
  // GEMM and convolution); otherwise every arithmetic op of every body.
  if (anchorIsHeavy) {
    info.flops = 2.0 * anchorSize;
  } else {
    for (Operation *op : ops)
      if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
        if (!isa<linalg::FillOp>(op))
          info.flops += double(countBodyOps(linalgOp)) * iterationSize(op);
  }
  for (Type type : llvm::concat<const Type>(argumentTypes, resultTypes))
    if (auto shaped = dyn_cast<ShapedType>(type))
      info.bytes += double(shaped.getNumElements()) * elementBytes(shaped);
  return info;
}

static void tag(Operation *op, int64_t instance, int64_t index) {
  Builder b(op->getContext());
  op->setAttr(kTaskAttrName, b.getI64IntegerAttr(instance));
  op->setAttr(kOpAttrName, b.getI64IntegerAttr(index));
}

Operation *findTaskOp(Operation *root, int64_t instance, int64_t index) {
  Operation *found = nullptr;
  root->walk([&](Operation *op) {
    auto taskTag = op->getAttrOfType<IntegerAttr>(kTaskAttrName);
    auto opTag = op->getAttrOfType<IntegerAttr>(kOpAttrName);
    if (taskTag && opTag && taskTag.getInt() == instance &&
        opTag.getInt() == index) {
      found = op;
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return found;
}

void stripTaskTags(Operation *root) {
  root->walk([](Operation *op) {
    op->removeAttr(kTaskAttrName);
    op->removeAttr(kOpAttrName);
  });
}

static std::string hashKey(StringRef printedTask, StringRef target) {
  uint64_t hash = llvm::xxh3_64bits(printedTask) ^
                  (llvm::xxh3_64bits(target) * 0x9E3779B97F4A7C15ULL);
  std::string text;
  llvm::raw_string_ostream(text) << llvm::format_hex_no_prefix(hash, 16);
  return text;
}

namespace {
/// How a group of ops meets the rest of its function: the values it uses but
/// does not define (constants and empty tensors are re-created inside the
/// task, everything else is an argument), and the values used outside it.
struct TaskInterface {
  SmallVector<Value> arguments;
  SmallVector<Operation *> rematerialized;
  SmallVector<Value> results;
  int64_t root = -1; ///< index in the group of the op defining the last result
};
} // namespace

static FailureOr<TaskInterface> computeTaskInterface(ArrayRef<Operation *> ops) {
  llvm::SmallPtrSet<Operation *, 16> inGroup(ops.begin(), ops.end());
  llvm::SetVector<Value> external;
  for (Operation *op : ops) {
    for (Value operand : op->getOperands())
      if (!inGroup.contains(operand.getDefiningOp()))
        external.insert(operand);
    llvm::SetVector<Value> captured;
    getUsedValuesDefinedAbove(op->getRegions(), captured);
    for (Value value : captured)
      if (!inGroup.contains(value.getDefiningOp()))
        external.insert(value);
  }
  TaskInterface interface;
  for (Value value : external) {
    Operation *def = value.getDefiningOp();
    if (def && (def->hasTrait<OpTrait::ConstantLike>() ||
                isa<tensor::EmptyOp>(def))) {
      interface.rematerialized.push_back(def);
      continue;
    }
    auto tensorType = dyn_cast<RankedTensorType>(value.getType());
    if (!tensorType || !tensorType.hasStaticShape()) {
      Operation *user = ops.front();
      return user->emitError()
             << "task input of type " << value.getType()
             << " is not a statically shaped tensor; cwm cannot generate "
                "inputs for it";
    }
    interface.arguments.push_back(value);
  }
  for (auto [index, op] : llvm::enumerate(ops)) {
    for (Value result : op->getResults()) {
      bool usedOutside = llvm::any_of(result.getUsers(), [&](Operation *user) {
        return !inGroup.contains(user);
      });
      if (usedOutside) {
        interface.results.push_back(result);
        interface.root = index;
      }
    }
  }
  if (interface.results.empty()) {
    interface.root = ops.size() - 1;
    llvm::append_range(interface.results, ops.back()->getResults());
  }
  return interface;
}

/// Records which inputs of the anchor op (ops[info.anchor]) are weight
/// arguments of `function` (marked kWeightArgAttr) read as they are.
static void markAnchorWeightInputs(TaskInfo &info, ArrayRef<Operation *> ops,
                                   func::FuncOp function) {
  auto anchor = dyn_cast<linalg::LinalgOp>(ops[info.anchor]);
  if (!anchor)
    return;
  info.anchorWeightInputs.clear();
  for (Value input : anchor.getDpsInputs()) {
    auto argument = dyn_cast<BlockArgument>(input);
    info.anchorWeightInputs.push_back(
        argument && argument.getOwner()->getParentOp() == function &&
        function.getArgAttr(argument.getArgNumber(), kWeightArgAttr));
  }
}

/// Copies the group `ops` (program order) of `function` into a new module with
/// one function @task and tags the copies. A group cwm cannot measure gets
/// `skipReason` set instead (nothing is tagged).
static FailureOr<ExtractedTask>
buildTaskModule(func::FuncOp function, ArrayRef<Operation *> ops,
                int64_t instance, StringRef target, std::string &skipReason) {
  MLIRContext *context = function.getContext();
  FailureOr<TaskInterface> interface = computeTaskInterface(ops);
  if (failed(interface))
    return failure();
  ArrayRef<Value> arguments = interface->arguments;
  ArrayRef<Operation *> rematerialized = interface->rematerialized;
  ArrayRef<Value> results = interface->results;
  int64_t root = interface->root;
  SmallVector<Type> argumentTypes, resultTypes;
  for (Value value : arguments)
    argumentTypes.push_back(value.getType());
  for (Value value : results)
    resultTypes.push_back(value.getType());
  skipReason = unmeasurableReason(argumentTypes, resultTypes);
  if (skipReason.empty() && hasZeroExtent(ops))
    skipReason = "it iterates over a zero extent: there is nothing to compute";
  if (!skipReason.empty())
    return ExtractedTask();

  OpBuilder builder(context);
  ExtractedTask task;
  task.instance = instance;
  task.functionName = function.getSymName().str();
  task.module = ModuleOp::create(function.getLoc());
  builder.setInsertionPointToEnd(task.module->getBody());
  auto taskFunction = func::FuncOp::create(
      builder, function.getLoc(), "task",
      builder.getFunctionType(argumentTypes, resultTypes));
  Block *body = taskFunction.addEntryBlock();
  builder.setInsertionPointToStart(body);
  IRMapping mapping;
  for (auto [value, argument] : llvm::zip(arguments, body->getArguments()))
    mapping.map(value, argument);
  for (Operation *def : rematerialized)
    builder.clone(*def, mapping);
  for (auto [index, op] : llvm::enumerate(ops)) {
    Operation *copy = builder.clone(*op, mapping);
    tag(copy, /*instance=*/0, index);
    tag(op, instance, index);
  }
  SmallVector<Value> mappedResults;
  for (Value value : results)
    mappedResults.push_back(mapping.lookup(value));
  func::ReturnOp::create(builder, function.getLoc(), mappedResults);

  task.info = buildTaskInfo(ops, root, argumentTypes, resultTypes);

  // Key: structural hash of the generic, location-free form.
  std::string generic;
  {
    llvm::raw_string_ostream os(generic);
    task.module->print(os, OpPrintingFlags().printGenericOpForm());
  }
  task.key = hashKey(generic, target);
  // A task argument that is a marked weight of the payload function is a
  // weight of the task too. Marked after the key: a model's task and the same
  // computation alone are one workload, and each record says whether its time
  // left the weights' own work out (MeasureResult::weightsPrepared).
  for (auto [index, value] : llvm::enumerate(arguments)) {
    auto argument = dyn_cast<BlockArgument>(value);
    if (argument && argument.getOwner()->getParentOp() == function &&
        function.getArgAttr(argument.getArgNumber(), kWeightArgAttr)) {
      taskFunction.setArgAttr(index, kWeightArgAttr, builder.getUnitAttr());
      task.info.readsWeights = true;
    }
  }
  markAnchorWeightInputs(task.info, ops, function);
  llvm::raw_string_ostream os(task.ir);
  task.module->print(os);
  return task;
}

FailureOr<std::vector<ExtractedTask>> extractTasks(ModuleOp payload,
                                                   StringRef target) {
  if (failed(decomposeAggregateOps(payload)))
    return failure();
  normalizeConvolutionLayouts(payload);
  // GPU tasks read transposed contraction inputs in place (a transpose
  // would be a kernel of its own there); CPU tasks fuse the transposes into
  // their tiles and keep their keys.
  if (target == "cuda")
    foldPermutedOperands(payload);
  std::vector<ExtractedTask> tasks;
  int64_t nextInstance = 1;
  for (func::FuncOp function : payload.getOps<func::FuncOp>()) {
    if (function.isExternal())
      continue;
    if (!function.getBody().hasOneBlock())
      return function.emitError(
          "functions with more than one block are not supported");
    Block &block = function.getBody().front();
    SmallVector<Operation *> payloadOps;
    for (Operation &op : block) {
      if (failed(verifySupported(&op)))
        return failure();
      if (isPayloadOp(&op))
        payloadOps.push_back(&op);
    }
    // Union producers with consumers they can be fused into, keeping at most
    // one heavy (contraction / convolution) op per group.
    llvm::EquivalenceClasses<Operation *> groups;
    llvm::DenseMap<Operation *, int64_t> heavyCount;
    for (Operation *op : payloadOps) {
      groups.insert(op);
      heavyCount[op] = classify(op) == FusionRole::Heavy ? 1 : 0;
    }
    for (Operation *consumer : payloadOps) {
      for (Value operand : consumer->getOperands()) {
        Operation *producer = operand.getDefiningOp();
        if (!producer || !isPayloadOp(producer) ||
            producer->getBlock() != &block || !canFuse(producer, consumer))
          continue;
        Operation *a = groups.getLeaderValue(producer);
        Operation *b = groups.getLeaderValue(consumer);
        if (a == b || heavyCount[a] + heavyCount[b] > 1)
          continue;
        int64_t total = heavyCount[a] + heavyCount[b];
        Operation *leader = *groups.unionSets(a, b);
        heavyCount[leader] = total;
      }
    }
    // Collect groups in program order of their first op.
    llvm::MapVector<Operation *, SmallVector<Operation *>> leaders;
    for (Operation *op : payloadOps)
      leaders[groups.getLeaderValue(op)].push_back(op);
    std::vector<SmallVector<Operation *>> members;
    for (auto &entry : leaders) {
      if (target == "cpu")
        members.push_back(std::move(entry.second));
      else
        splitAtFirstReduction(entry.second, members);
    }
    int64_t indexInFunction = 0;
    size_t numTasksInFunction = 0;
    for (auto &ops : members)
      if (llvm::any_of(ops, [](Operation *op) {
            FusionRole role = classify(op);
            return role != FusionRole::Fill && role != FusionRole::Pad;
          }))
        ++numTasksInFunction;
    for (auto &ops : members) {
      bool onlyFillOrPad = llvm::all_of(ops, [](Operation *op) {
        FusionRole role = classify(op);
        return role == FusionRole::Fill || role == FusionRole::Pad;
      });
      if (onlyFillOrPad)
        continue;
      std::string skipReason;
      FailureOr<ExtractedTask> task =
          buildTaskModule(function, ops, nextInstance++, target, skipReason);
      if (failed(task))
        return failure();
      if (!skipReason.empty()) {
        Operation *anchor = ops.back();
        anchor->emitWarning() << "'" << anchor->getName()
                              << "' is not tuned: " << skipReason
                              << "; it keeps the default lowering";
        ++indexInFunction;
        continue;
      }
      task->info.name = function.getSymName().str();
      if (numTasksInFunction > 1)
        task->info.name += "." + std::to_string(indexInFunction);
      ++indexInFunction;
      tasks.push_back(std::move(*task));
    }
  }
  return tasks;
}

LogicalResult outlineTaskInstances(ModuleOp payload,
                                   llvm::ArrayRef<ExtractedTask> tasks,
                                   llvm::StringRef prefix) {
  OpBuilder builder(payload.getContext());
  for (const ExtractedTask &task : tasks) {
    auto function = payload.lookupSymbol<func::FuncOp>(task.functionName);
    if (!function)
      return payload.emitError() << "no function @" << task.functionName;
    // The instance's ops in the order extraction numbered them.
    SmallVector<std::pair<int64_t, Operation *>> tagged;
    for (Operation &op : function.getBody().front())
      if (auto instance = op.getAttrOfType<IntegerAttr>(kTaskAttrName))
        if (instance.getInt() == task.instance)
          tagged.push_back(
              {op.getAttrOfType<IntegerAttr>(kOpAttrName).getInt(), &op});
    if (tagged.empty())
      return function.emitError()
             << "task instance " << task.instance << " has no ops";
    llvm::sort(tagged, llvm::less_first());
    SmallVector<Operation *> ops = llvm::to_vector(llvm::make_second_range(tagged));
    FailureOr<TaskInterface> interface = computeTaskInterface(ops);
    if (failed(interface))
      return failure();
    // The callee: a private declaration with the task module's signature.
    std::string name = (prefix + llvm::Twine(task.instance)).str();
    SmallVector<Type> argumentTypes, resultTypes;
    for (Value value : interface->arguments)
      argumentTypes.push_back(value.getType());
    for (Value value : interface->results)
      resultTypes.push_back(value.getType());
    builder.setInsertionPoint(function);
    auto callee = func::FuncOp::create(
        builder, function.getLoc(), name,
        builder.getFunctionType(argumentTypes, resultTypes));
    callee.setPrivate();
    // The call goes where the group's last op was: every argument is defined
    // before it (program order), every outside user of a result after it.
    builder.setInsertionPointAfter(ops.back());
    auto call = func::CallOp::create(builder, ops.back()->getLoc(), callee,
                                     interface->arguments);
    for (Value result : interface->results)
      for (Operation *user : result.getUsers()) {
        Operation *top = call->getBlock()->findAncestorOpInBlock(*user);
        if (top && !llvm::is_contained(ops, top) && top->isBeforeInBlock(call))
          return user->emitError()
                 << "cannot outline task instance " << task.instance
                 << ": this op, placed among the task's ops, uses its result";
      }
    for (auto [result, replacement] :
         llvm::zip(interface->results, call.getResults()))
      result.replaceUsesWithIf(replacement, [&](OpOperand &use) {
        Operation *top =
            call->getBlock()->findAncestorOpInBlock(*use.getOwner());
        return !llvm::is_contained(ops, top);
      });
    for (Operation *op : llvm::reverse(ops)) {
      op->dropAllUses();
      op->erase();
    }
  }
  return success();
}

FailureOr<TaskInfo> analyzeTaskModule(ModuleOp module) {
  func::FuncOp function;
  for (func::FuncOp candidate : module.getOps<func::FuncOp>()) {
    if (candidate.isExternal())
      continue;
    if (function)
      return module.emitError("a task module must hold exactly one function");
    function = candidate;
  }
  if (!function)
    return module.emitError("a task module must hold exactly one function");
  SmallVector<Operation *> ops;
  for (Operation &op : function.getBody().front())
    if (isPayloadOp(&op)) {
      if (failed(verifySupported(&op)))
        return failure();
      ops.push_back(&op);
    }
  if (ops.empty())
    return function.emitError("task function holds no Linalg op");
  llvm::SmallPtrSet<Operation *, 16> inGroup(ops.begin(), ops.end());
  int64_t root = ops.size() - 1;
  for (auto [index, op] : llvm::enumerate(ops))
    for (Value result : op->getResults())
      if (llvm::any_of(result.getUsers(),
                       [&](Operation *user) { return !inGroup.contains(user); }))
        root = index;
  FunctionType type = function.getFunctionType();
  TaskInfo info = buildTaskInfo(ops, root, type.getInputs(), type.getResults());
  info.name = function.getSymName().str();
  for (unsigned i = 0, e = function.getNumArguments(); i < e; ++i)
    info.readsWeights |= bool(function.getArgAttr(i, kWeightArgAttr));
  markAnchorWeightInputs(info, ops, function);
  return info;
}

} // namespace cwm
