//===- PrepareWeights.cpp - Weight-only work once, not at every call ------===//
//
// cwm-prepare-weights: a model's weights are function arguments, the same at
// every call. What a schedule computes from them alone (a Winograd
// convolution's filter transform: 16-37 MB written per call for ResNet-18's
// 512-channel layers) need not be computed again at every call. This pass
// moves it into `@F_prepare`, makes `@F_prepared` take its results, and
// leaves `@F` calling both (docs/embedding.md "Weights prepared once").
//
//===----------------------------------------------------------------------===//

#include "cwm/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::cwm {

#define GEN_PASS_DEF_PREPAREWEIGHTS
#include "cwm/Pipelines/Passes.h.inc"

namespace {

/// Whether `op` and everything nested in it only computes values: ops of
/// the value dialects a schedule leaves on tensors, no buffers, no calls, no
/// declared memory effects. Such an op may run anywhere its operands are
/// available, once for many calls.
bool computesValuesOnly(Operation *op) {
  static const llvm::StringRef kValueDialects[] = {
      "arith",  "math",   "tensor", "linalg",  "scf",
      "vector", "affine", "index",  "complex", "ub"};
  WalkResult result = op->walk([](Operation *nested) {
    if (!llvm::is_contained(kValueDialects,
                            nested->getName().getDialectNamespace()) ||
        isa<CallOpInterface>(nested))
      return WalkResult::interrupt();
    auto isBuffer = [](Type type) { return isa<BaseMemRefType>(type); };
    if (llvm::any_of(nested->getOperandTypes(), isBuffer) ||
        llvm::any_of(nested->getResultTypes(), isBuffer))
      return WalkResult::interrupt();
    if (auto effects = dyn_cast<MemoryEffectOpInterface>(nested))
      if (!effects.hasNoEffect())
        return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return !result.wasInterrupted();
}

/// The values `op` (with its regions) reads that are defined outside it.
SmallVector<Value> valuesReadFromOutside(Operation *op) {
  SmallVector<Value> values;
  op->walk([&](Operation *nested) {
    for (Value value : nested->getOperands()) {
      Operation *owner = value.getDefiningOp();
      if (!owner)
        owner = cast<BlockArgument>(value).getOwner()->getParentOp();
      if (!op->isAncestor(owner))
        values.push_back(value);
    }
  });
  return values;
}

/// Removes the top-level ops of `function` whose results nothing uses, last
/// first: those that only compute values, or (`all`) every one.
void eraseUnused(func::FuncOp function, bool all) {
  SmallVector<Operation *> ops;
  for (Operation &op : function.getBody().front().without_terminator())
    ops.push_back(&op);
  for (Operation *op : llvm::reverse(ops))
    if (op->use_empty() && (all || computesValuesOnly(op)))
      op->erase();
}

/// The split of one function: which of its values are prepared.
struct Split {
  SmallVector<unsigned> weights; ///< indices of the marked arguments
  SmallVector<Value> prepared; ///< computed from weights only, used by the rest
};

/// The values of `function` worth computing once from its weights.
Split findPrepared(func::FuncOp function) {
  Split split;
  for (unsigned i = 0, e = function.getNumArguments(); i < e; ++i)
    if (function.getArgAttr(i, ::cwm::kWeightArgAttr))
      split.weights.push_back(i);
  if (split.weights.empty() || !function.getBody().hasOneBlock())
    return split;
  Block &block = function.getBody().front();
  llvm::DenseSet<Value> weightArgs;
  for (unsigned i : split.weights)
    weightArgs.insert(function.getArgument(i));

  // Ops that could run before the call (they read weights, constants and
  // each other only), those among them that read a weight, and those that
  // compute (have a region, or read a value computed so).
  llvm::DenseSet<Operation *> movable, fromWeights, computing;
  for (Operation &op : block.without_terminator()) {
    if (!computesValuesOnly(&op))
      continue;
    bool canMove = true, readsWeights = false, computes = op.getNumRegions();
    for (Value value : valuesReadFromOutside(&op)) {
      if (weightArgs.contains(value)) {
        readsWeights = true;
        continue;
      }
      Operation *producer = value.getDefiningOp();
      if (!producer || !movable.contains(producer)) {
        canMove = false;
        break;
      }
      readsWeights |= fromWeights.contains(producer);
      computes |= computing.contains(producer);
    }
    if (!canMove)
      continue;
    movable.insert(&op);
    if (readsWeights)
      fromWeights.insert(&op);
    if (readsWeights && computes)
      computing.insert(&op);
  }
  // Prepared: computed values that something staying at every call reads.
  for (Operation &op : block.without_terminator()) {
    if (!computing.contains(&op))
      continue;
    for (Value result : op.getResults())
      if (llvm::any_of(result.getUsers(), [&](Operation *user) {
            Operation *top = block.findAncestorOpInBlock(*user);
            return !top || !movable.contains(top);
          }))
        split.prepared.push_back(result);
  }
  return split;
}

/// A name for a new function beside `function`: `name`, or with a counter
/// when the module already has one.
std::string freshName(SymbolTable &symbols, func::FuncOp function,
                      llvm::StringRef suffix) {
  std::string base = (function.getSymName() + suffix).str();
  std::string name = base;
  for (int i = 1; symbols.lookup(name); ++i)
    name = base + "_" + std::to_string(i);
  return name;
}

LogicalResult splitFunction(func::FuncOp function, const Split &split,
                            SymbolTable &symbols) {
  MLIRContext *context = function.getContext();
  Location loc = function.getLoc();
  OpBuilder builder(context);
  SmallVector<Type> preparedTypes;
  for (Value value : split.prepared)
    preparedTypes.push_back(value.getType());

  // @F_prepare(weights) -> prepared: F's body returning the prepared values,
  // with everything else and the other arguments removed.
  IRMapping toPrepare;
  auto prepare = cast<func::FuncOp>(function->clone(toPrepare));
  prepare.setSymName(freshName(symbols, function, "_prepare"));
  symbols.insert(prepare, std::next(Block::iterator(function.getOperation())));
  Operation *terminator = prepare.getBody().front().getTerminator();
  builder.setInsertionPoint(terminator);
  SmallVector<Value> returned;
  for (Value value : split.prepared)
    returned.push_back(toPrepare.lookup(value));
  func::ReturnOp::create(builder, loc, returned);
  terminator->erase();
  // Nothing but the prepared values is wanted from @F_prepare.
  eraseUnused(prepare, /*all=*/true);
  llvm::BitVector others(function.getNumArguments(), true);
  for (unsigned i : split.weights)
    others.reset(i);
  for (unsigned i : others.set_bits())
    if (!prepare.getArgument(i).use_empty())
      return function.emitError("cwm-prepare-weights: argument ")
             << i << " is not a weight but the prepared values read it";
  if (failed(prepare.eraseArguments(others)))
    return function.emitError("cwm-prepare-weights: cannot drop arguments");
  prepare.setFunctionType(
      FunctionType::get(context, prepare.getArgumentTypes(), preparedTypes));
  prepare->setAttr(::cwm::kPreparedRoleAttr,
                   StringAttr::get(context, "prepare"));

  // @F_prepared(arguments..., prepared...): F reading the prepared values
  // from its new last arguments.
  IRMapping toPrepared;
  auto prepared = cast<func::FuncOp>(function->clone(toPrepared));
  prepared.setSymName(freshName(symbols, function, "_prepared"));
  symbols.insert(prepared, std::next(Block::iterator(prepare.getOperation())));
  unsigned first = prepared.getNumArguments();
  for (auto [i, value] : llvm::enumerate(split.prepared)) {
    if (failed(prepared.insertArgument(first + i, value.getType(), {}, loc)))
      return function.emitError("cwm-prepare-weights: cannot add arguments");
    toPrepared.lookup(value).replaceAllUsesWith(
        prepared.getArgument(first + i));
  }
  eraseUnused(prepared, /*all=*/false);
  prepared->setAttr(::cwm::kPreparedRoleAttr,
                    StringAttr::get(context, "prepared"));

  // @F: the two calls, so its callers see the signature they knew.
  Block &body = function.getBody().front();
  body.clear();
  builder.setInsertionPointToEnd(&body);
  SmallVector<Value> weights;
  for (unsigned i : split.weights)
    weights.push_back(function.getArgument(i));
  auto made = func::CallOp::create(builder, loc, prepare, weights);
  auto arguments = llvm::to_vector_of<Value>(function.getArguments());
  llvm::append_range(arguments, made.getResults());
  auto run = func::CallOp::create(builder, loc, prepared, arguments);
  func::ReturnOp::create(builder, loc, run.getResults());
  function->setAttr(
      ::cwm::kPrepareAttr,
      DictionaryAttr::get(
          context,
          {builder.getNamedAttr("prepare", FlatSymbolRefAttr::get(prepare)),
           builder.getNamedAttr("prepared", FlatSymbolRefAttr::get(prepared)),
           builder.getNamedAttr(
               "weights", builder.getDenseI64ArrayAttr(SmallVector<int64_t>(
                              split.weights.begin(), split.weights.end())))}));
  return success();
}

struct PrepareWeights final : impl::PrepareWeightsBase<PrepareWeights> {
  using Base::Base;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<func::FuncOp> functions(module.getOps<func::FuncOp>());
    for (func::FuncOp function : functions) {
      if (function.isExternal() || !function.isPublic() ||
          function->hasAttr(::cwm::kPreparedRoleAttr))
        continue;
      Split split = findPrepared(function);
      if (split.prepared.empty())
        continue;
      if (failed(splitFunction(function, split, symbols)))
        return signalPassFailure();
    }
  }
};

} // namespace
} // namespace mlir::cwm

mlir::FailureOr<bool> cwm::prepareWeights(mlir::ModuleOp module) {
  mlir::PassManager pm(module.getContext());
  pm.addPass(mlir::cwm::createPrepareWeights());
  if (mlir::failed(pm.run(module)))
    return mlir::failure();
  return llvm::any_of(module.getOps<mlir::func::FuncOp>(),
                      [](mlir::func::FuncOp function) {
                        return function->hasAttr(kPrepareAttr);
                      });
}
