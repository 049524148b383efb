//===- PackB.cpp - A matmul's B read from packed panels -------------------===//
//
// The payload half of the `pack_b` action (ActionKind::PackB). A CPU matmul
// schedule reads B (K x N) in vectors of NR columns, the register tile's
// width, one row of B per k step: rows N elements apart, so every k step of
// a register tile touches a new page, which the hardware prefetchers do not
// cross. After the script, those reads are pointed at a copy of B packed as
// N/NR x K x NR panels (a register tile's k steps then walk one contiguous
// panel), built by a vectorized scf.forall of its own right after B is
// defined. Where B is a model's weight, cwm-prepare-weights moves that
// packing out of the call. A C model of cwm's best 1024^3 schedule ran 8-10%
// faster with B packed once (docs/notes/cpu-gemm-two-fma.md).
//
//===----------------------------------------------------------------------===//

#include "PackB.h"

#include "VectorCode.h"

#include "cwm/Task/TaskExtraction.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include <numeric>

using namespace mlir;

namespace cwm {

namespace {

/// The largest number `value` is known to be a multiple of, from how it is
/// computed (constants, loop induction variables with their bounds and
/// steps, affine.apply, addi, muli); 0 where it is known to be 0 (a multiple
/// of everything), 1 where nothing is known.
int64_t knownDivisor(Value value, int depth = 0);

int64_t divisorOf(OpFoldResult value, int depth) {
  if (std::optional<int64_t> constant = getConstantIntValue(value))
    return std::abs(*constant);
  return knownDivisor(cast<Value>(value), depth);
}

int64_t product(int64_t a, int64_t b) {
  if (a == 0 || b == 0)
    return 0;
  // Beyond 2^31 the exact figure does not matter for panels of a few lanes.
  return a > (int64_t(1) << 31) / b ? int64_t(1) << 31 : a * b;
}

int64_t exprDivisor(AffineExpr expr, ValueRange operands, unsigned dims,
                    int depth) {
  if (auto constant = dyn_cast<AffineConstantExpr>(expr))
    return std::abs(constant.getValue());
  if (auto dim = dyn_cast<AffineDimExpr>(expr))
    return knownDivisor(operands[dim.getPosition()], depth + 1);
  if (auto symbol = dyn_cast<AffineSymbolExpr>(expr))
    return knownDivisor(operands[dims + symbol.getPosition()], depth + 1);
  auto binary = dyn_cast<AffineBinaryOpExpr>(expr);
  if (!binary)
    return 1;
  int64_t lhs = exprDivisor(binary.getLHS(), operands, dims, depth);
  int64_t rhs = exprDivisor(binary.getRHS(), operands, dims, depth);
  switch (expr.getKind()) {
  case AffineExprKind::Add:
    return std::gcd(lhs, rhs);
  case AffineExprKind::Mul:
    return product(lhs, rhs);
  default:
    return 1;
  }
}

int64_t knownDivisor(Value value, int depth) {
  if (depth > 16)
    return 1;
  if (std::optional<int64_t> constant = getConstantIntValue(value))
    return std::abs(*constant);
  if (auto argument = dyn_cast<BlockArgument>(value)) {
    Operation *owner = argument.getOwner()->getParentOp();
    if (auto loop = dyn_cast<scf::ForOp>(owner);
        loop && argument == loop.getInductionVar())
      return std::gcd(knownDivisor(loop.getLowerBound(), depth + 1),
                      knownDivisor(loop.getStep(), depth + 1));
    if (auto forall = dyn_cast<scf::ForallOp>(owner)) {
      for (auto [i, iv] : llvm::enumerate(forall.getInductionVars()))
        if (iv == argument)
          return std::gcd(divisorOf(forall.getMixedLowerBound()[i], depth + 1),
                          divisorOf(forall.getMixedStep()[i], depth + 1));
    }
    return 1;
  }
  Operation *definition = value.getDefiningOp();
  if (auto apply = dyn_cast<affine::AffineApplyOp>(definition))
    return exprDivisor(apply.getAffineMap().getResult(0),
                       apply.getMapOperands(),
                       apply.getAffineMap().getNumDims(), depth);
  if (auto add = dyn_cast<arith::AddIOp>(definition))
    return std::gcd(knownDivisor(add.getLhs(), depth + 1),
                    knownDivisor(add.getRhs(), depth + 1));
  if (auto mul = dyn_cast<arith::MulIOp>(definition))
    return product(knownDivisor(mul.getLhs(), depth + 1),
                   knownDivisor(mul.getRhs(), depth + 1));
  return 1;
}

/// The ops directly in a function body that hold the loops the script
/// tagged for task instance `instance` (its parallel loop nest).
llvm::SmallPtrSet<Operation *, 4> taskScopes(ModuleOp payload,
                                             int64_t instance) {
  std::string prefix = "cwm.loop_" + std::to_string(instance) + "_";
  llvm::SmallPtrSet<Operation *, 4> scopes;
  payload.walk([&](Operation *op) {
    if (llvm::none_of(op->getAttrs(), [&](NamedAttribute attribute) {
          return attribute.getName().strref().starts_with(prefix);
        }))
      return;
    Operation *top = op;
    while (top->getParentOp() && !isa<func::FuncOp>(top->getParentOp()))
      top = top->getParentOp();
    scopes.insert(top);
  });
  return scopes;
}

} // namespace

FailureOr<Value> findPackedOperand(ModuleOp payload, const TaskInfo &task,
                                   int64_t instance) {
  Operation *found = findTaskOp(payload, instance, task.anchor);
  auto matmul = dyn_cast_or_null<linalg::LinalgOp>(found);
  if (!matmul || matmul.getNumDpsInputs() != 2)
    return (found ? found : payload.getOperation())->emitError()
           << "pack_b: op " << task.anchor << " of the task is not a matmul";
  Value b = matmul.getDpsInputOperand(1)->get();
  auto type = dyn_cast<RankedTensorType>(b.getType());
  if (!type || type.getRank() != 2 || !type.hasStaticShape() ||
      !type.getElementType().isF32())
    return matmul->emitError("pack_b needs a static K x N f32 tensor B");
  return b;
}

LogicalResult readPackedPanels(ModuleOp payload, Value b, int64_t instance,
                               Location where) {
  llvm::SmallPtrSet<Operation *, 4> scopes = taskScopes(payload, instance);
  auto inTask = [&](Operation *op) {
    return llvm::any_of(
        scopes, [&](Operation *scope) { return scope->isAncestor(op); });
  };
  auto type = cast<RankedTensorType>(b.getType());
  int64_t rows = type.getDimSize(0), columns = type.getDimSize(1);
  SmallVector<vector::TransferReadOp> reads;
  int64_t lanes = 0;
  for (Operation *user : b.getUsers()) {
    if (!inTask(user))
      continue;
    auto read = dyn_cast<vector::TransferReadOp>(user);
    if (!read)
      return emitError(where) << "pack_b: the schedule reads B through '"
                              << user->getName().getStringRef()
                              << "', not only through vector reads along n";
    VectorType vector = read.getVectorType();
    if (read.getMask() || vector.getRank() != 1 ||
        !read.getPermutationMap().isMinorIdentity() ||
        !read.getInBoundsValues()[0])
      return emitError(where) << "pack_b: a read of B is not an in-bounds "
                                 "vector along n ("
                              << vector << ")";
    int64_t width = vector.getDimSize(0);
    if (lanes != 0 && width != lanes)
      return emitError(where) << "pack_b: B is read in vectors of " << lanes
                              << " and of " << width << " columns";
    lanes = width;
    reads.push_back(read);
  }
  if (reads.empty())
    return emitError(where) << "pack_b: the schedule reads no vector of B";
  if (columns % lanes != 0)
    return emitError(where) << "pack_b: panels of " << lanes
                            << " columns do not divide B's " << columns;
  for (vector::TransferReadOp read : reads) {
    int64_t divisor = knownDivisor(read.getIndices()[1]);
    if (divisor != 0 && divisor % lanes != 0)
      return emitError(where)
             << "pack_b: a read of B starts at a column not known to be a "
                "multiple of its "
             << lanes << " lanes";
  }

  // The packed copy, right after B is defined.
  OpBuilder builder(b.getContext());
  if (Operation *definition = b.getDefiningOp())
    builder.setInsertionPointAfter(definition);
  else
    builder.setInsertionPointToStart(cast<BlockArgument>(b).getOwner());
  Location loc = b.getLoc();
  Type element = type.getElementType();
  auto panelVector = VectorType::get({lanes}, element);
  Value empty = tensor::EmptyOp::create(
      builder, loc, ArrayRef<int64_t>{columns / lanes, rows, lanes}, element);
  Value packed = buildForall(
      builder, loc, {columns / lanes}, empty,
      [&](OpBuilder &b2, ValueRange ivs, Value shared) {
        Value panel = ivs[0];
        Value zero = indexConstant(b2, loc, 0);
        Value slice =
            sliceOf(b2, loc, shared, {panel, zero, zero}, {1, rows, lanes});
        Value column = arith::MulIOp::create(b2, loc, panel,
                                             indexConstant(b2, loc, lanes));
        auto loop =
            scf::ForOp::create(b2, loc, zero, indexConstant(b2, loc, rows),
                               indexConstant(b2, loc, 1), ValueRange{slice});
        OpBuilder::InsertionGuard guard(b2);
        b2.setInsertionPointToStart(loop.getBody());
        Value k = loop.getInductionVar();
        Value row = readVector(b2, loc, panelVector, b, {k, column});
        Value written = writeVector(b2, loc, row, loop.getRegionIterArgs()[0],
                                    {zero, k, zero});
        scf::YieldOp::create(b2, loc, written);
        return std::make_pair(loop.getResult(0),
                              SmallVector<Value>{panel, zero, zero});
      });

  // Each read of B reads its panel instead.
  AffineExpr n = getAffineDimExpr(0, b.getContext());
  for (vector::TransferReadOp read : reads) {
    OpBuilder at(read);
    Value k = read.getIndices()[0], column = read.getIndices()[1];
    Value panel = affine::AffineApplyOp::create(
        at, read.getLoc(), AffineMap::get(1, 0, n.floorDiv(lanes)), column);
    Value zero = indexConstant(at, read.getLoc(), 0);
    auto replacement = vector::TransferReadOp::create(
        at, read.getLoc(), read.getVectorType(), packed,
        ValueRange{panel, k, zero}, read.getPadding(),
        AffineMap::getMinorIdentityMap(3, 1, b.getContext()),
        ArrayRef<bool>{true});
    read.getResult().replaceAllUsesWith(replacement.getResult());
    read.erase();
  }
  return success();
}

} // namespace cwm
