//===- ApplyTrace.cpp - Apply a schedule to a payload ---------------------===//

#include "cwm/Schedule/ApplyTrace.h"

#include "PackB.h"
#include "Winograd.h"

#include "cwm/Schedule/TransformEmitter.h"
#include "cwm/Task/ConvolutionLayouts.h"
#include "cwm/Task/TaskExtraction.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Transform/IR/TransformOps.h"
#include "mlir/Dialect/Transform/Interfaces/TransformInterfaces.h"
#include "mlir/Dialect/Transform/Transforms/TransformInterpreterUtils.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"

#define DEBUG_TYPE "cwm-apply-trace"

using namespace mlir;

namespace cwm {

/// Gives every use of a shared tensor.empty its own copy. A tensor.empty only
/// carries a shape, so this changes no result; but when a fused producer and
/// its consumer share one, fusion into an scf.forall turns the producer's
/// destination into the forall's shared output, and threads then write each
/// other's tiles.
static void splitSharedEmptyTensors(ModuleOp payload) {
  SmallVector<tensor::EmptyOp> shared;
  payload.walk([&](tensor::EmptyOp empty) {
    if (!empty->hasOneUse() && !empty->use_empty())
      shared.push_back(empty);
  });
  for (tensor::EmptyOp empty : shared) {
    SmallVector<OpOperand *> uses = llvm::map_to_vector(
        empty->getUses(), [](OpOperand &use) { return &use; });
    for (OpOperand *use : llvm::drop_begin(uses)) {
      OpBuilder builder(use->getOwner());
      use->set(builder.clone(*empty)->getResult(0));
    }
  }
}

/// Rewrites each tensor.pad of task `instance` into an all-parallel
/// linalg.generic over the padded shape that reads the source with
/// tensor.extract at clamped indices and selects the padding value outside
/// it. A GPU schedule gives the pad its own grid of threads: this form tiles
/// and maps like any elementwise op and needs no per-thread buffer, where a
/// tiled tensor.pad bufferizes to an allocation in each thread.
static LogicalResult rewritePadsAsGathers(ModuleOp payload, int64_t instance) {
  SmallVector<tensor::PadOp> pads;
  payload.walk([&](tensor::PadOp pad) {
    auto tag = pad->getAttrOfType<IntegerAttr>("cwm.task");
    if (tag && tag.getInt() == instance)
      pads.push_back(pad);
  });
  for (tensor::PadOp pad : pads) {
    RankedTensorType type = pad.getResultType();
    RankedTensorType sourceType = pad.getSourceType();
    Value padding = pad.getConstantPaddingValue();
    bool staticLow = llvm::all_of(pad.getMixedLowPad(), [](OpFoldResult r) {
      return getConstantIntValue(r).has_value();
    });
    if (!type.hasStaticShape() || !sourceType.hasStaticShape() || !staticLow)
      return pad.emitError("GPU schedules need a tensor.pad with static "
                           "shapes and static padding");
    if (!padding)
      return pad.emitError("GPU schedules need a tensor.pad with a constant "
                           "padding value");
    OpBuilder builder(pad);
    Location loc = pad.getLoc();
    Value init = tensor::EmptyOp::create(builder, loc, type.getShape(),
                                         type.getElementType());
    int64_t rank = type.getRank();
    SmallVector<AffineMap> maps = {builder.getMultiDimIdentityMap(rank)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    SmallVector<int64_t> low = llvm::map_to_vector(
        pad.getMixedLowPad(),
        [](OpFoldResult r) { return *getConstantIntValue(r); });
    Value source = pad.getSource();
    auto generic = linalg::GenericOp::create(
        builder, loc, TypeRange{type}, ValueRange{}, ValueRange{init}, maps,
        iterators, [&](OpBuilder &b, Location l, ValueRange) {
          Value inside;
          SmallVector<Value> indices;
          Value zero = arith::ConstantIndexOp::create(b, l, 0);
          for (int64_t d = 0; d < rank; ++d) {
            Value index = linalg::IndexOp::create(b, l, d);
            Value shifted = arith::SubIOp::create(
                b, l, index, arith::ConstantIndexOp::create(b, l, low[d]));
            Value aboveLow = arith::CmpIOp::create(
                b, l, arith::CmpIPredicate::sge, shifted, zero);
            Value belowHigh = arith::CmpIOp::create(
                b, l, arith::CmpIPredicate::slt, shifted,
                arith::ConstantIndexOp::create(b, l, sourceType.getDimSize(d)));
            Value ok = arith::AndIOp::create(b, l, aboveLow, belowHigh);
            inside = inside ? arith::AndIOp::create(b, l, inside, ok) : ok;
            indices.push_back(arith::SelectOp::create(b, l, ok, shifted, zero));
          }
          Value value = tensor::ExtractOp::create(b, l, source, indices);
          Value result = arith::SelectOp::create(b, l, inside, value, padding);
          linalg::YieldOp::create(b, l, result);
        });
    generic->setDiscardableAttrs(pad->getDiscardableAttrDictionary());
    pad.getResult().replaceAllUsesWith(generic.getResult(0));
    pad.erase();
  }
  return success();
}

/// pack_weights (ActionKind::PackWeights): the grouped convolution that is
/// op `task.anchor` of task `instance` becomes a linalg.generic with the
/// same loops, tags and body that reads its weights as G x KH x KW x C x F:
/// a linalg.transpose of them before it, or a new constant where they are
/// one. The schedule's script then runs on the generic.
static LogicalResult
packGroupConvWeights(ModuleOp payload, const TaskInfo &task, int64_t instance) {
  Operation *found = findTaskOp(payload, instance, task.anchor);
  auto conv = dyn_cast_or_null<linalg::Conv2DNhwgcGfhwcOp>(found);
  if (!conv)
    return (found ? found : payload.getOperation())->emitError()
           << "pack_weights: op " << task.anchor << " of the task is not a "
           << "linalg.conv_2d_nhwgc_gfhwc";
  Value weights = conv.getInputs()[1];
  auto weightsType = dyn_cast<RankedTensorType>(weights.getType());
  if (!conv.hasPureTensorSemantics() || !weightsType ||
      !weightsType.hasStaticShape() || weightsType.getRank() != 5)
    return conv.emitError("pack_weights needs static G x F x KH x KW x C "
                          "weights on tensors");
  DictionaryAttr tags = conv->getDiscardableAttrDictionary();
  IRRewriter rewriter(conv->getContext());
  rewriter.setInsertionPoint(conv);
  Value packed =
      transposeValue(rewriter, conv.getLoc(), weights, {0, 2, 3, 4, 1});
  FailureOr<linalg::GenericOp> generic =
      linalg::generalizeNamedOp(rewriter, conv);
  if (failed(generic))
    return conv.emitError("pack_weights: the convolution does not generalize");
  // The weights' map (g, f, kh, kw, c) becomes (g, kh, kw, c, f).
  SmallVector<AffineMap> maps = generic->getIndexingMapsArray();
  ArrayRef<AffineExpr> results = maps[1].getResults();
  maps[1] = AffineMap::get(
      maps[1].getNumDims(), 0,
      {results[0], results[2], results[3], results[4], results[1]},
      conv->getContext());
  generic->setIndexingMapsAttr(rewriter.getAffineMapArrayAttr(maps));
  generic->getDpsInputOperand(1)->set(packed);
  generic->getOperation()->setDiscardableAttrs(tags);
  return success();
}

/// Where to report a problem with a task's schedule: its anchor op (a
/// source location, and only that op printed with the diagnostic), else
/// the module.
static Operation *diagnosticAnchor(ModuleOp payload, const TaskInfo &task,
                                   int64_t instance) {
  Operation *found = findTaskOp(payload, instance, task.anchor);
  return found ? found : payload.getOperation();
}

/// Parses `script` and runs its entry point on `payload`; any error reported
/// meanwhile fails it, even where the transform itself returns success.
static LogicalResult runScript(ModuleOp payload, const std::string &script) {
  LLVM_DEBUG(llvm::dbgs() << "transform script:\n" << script << "\n");
  OwningOpRef<ModuleOp> transformModule =
      parseSourceString<ModuleOp>(script, payload.getContext());
  if (!transformModule)
    return payload.emitError(
        "internal error: the emitted Transform IR does not parse");
  Operation *entry = transform::detail::findTransformEntryPoint(
      payload, *transformModule,
      transform::TransformDialect::kTransformEntryPointSymbolName);
  if (!entry)
    return payload.emitError("internal error: no @__transform_main emitted");
  bool sawError = false;
  ScopedDiagnosticHandler handler(payload.getContext(), [&](Diagnostic &d) {
    if (d.getSeverity() == DiagnosticSeverity::Error)
      sawError = true;
    return failure(); // propagate to the outer handler
  });
  transform::TransformOptions options;
  LogicalResult result = transform::applyTransformNamedSequence(
      payload, entry, *transformModule, options);
  if (failed(result) || sawError)
    return failure();
  return success();
}

/// `unroll` on a loop that carries a tensor (an accumulator `hoist` did not
/// move into vectors) copies the body on tensors, and canonicalization then
/// folds `insert_slice(x, insert_slice(y, T))` into `insert_slice(x, T)`:
/// two steps insert into the same iter_arg while a later step still reads
/// the earlier version, so bufferization copies the whole tensor at every
/// step, inside the innermost loop, and the kernel runs 100-20,000 times
/// slower (../shared/findings/unroll-on-tensors.md). Such a schedule is
/// refused once applied: a transform error in milliseconds instead of a
/// candidate that runs for minutes. An unrolled loop whose steps chain their
/// inserts (each into the previous one's result) bufferizes in place and is
/// kept.
static LogicalResult checkUnrolledLoops(Operation *scope, const Trace &trace,
                                        Location where) {
  if (llvm::none_of(trace.getActions(), [](const Action &action) {
        return action.kind == ActionKind::Unroll;
      }))
    return success();
  std::string carried;
  scope->walk([&](scf::ForOp loop) {
    if (!carried.empty())
      return;
    for (BlockArgument value : loop.getRegionIterArgs()) {
      if (!isa<TensorType>(value.getType()))
        continue;
      int64_t inserts = 0;
      for (Operation *user : value.getUsers())
        if (auto insert = dyn_cast<tensor::InsertSliceOp>(user))
          inserts += insert.getDest() == value;
      if (inserts > 1) {
        llvm::raw_string_ostream(carried) << value.getType();
        return;
      }
    }
  });
  if (carried.empty())
    return success();
  return emitError(where)
         << "unroll refused: the unrolled loop carries " << carried
         << " (an accumulator still on tensors: hoist did not move it into "
            "vectors) and its steps insert into it side by side, so "
            "bufferization would copy it at every step";
}

LogicalResult applyTrace(ModuleOp payload, const Trace &trace,
                         const TaskInfo &task, int64_t instance) {
  splitSharedEmptyTensors(payload);
  bool gpu = llvm::any_of(trace.getActions(), [](const Action &action) {
    return action.kind == ActionKind::MapBlocks;
  });
  if (gpu && failed(rewritePadsAsGathers(payload, instance)))
    return failure();
  llvm::Expected<std::string> script =
      emitTransformScript(trace, task, instance);
  if (!script)
    return diagnosticAnchor(payload, task, instance)->emitError()
           << "invalid trace: " << llvm::toString(script.takeError());
  // The anchor op does not survive the schedule; its function does.
  Operation *anchor = diagnosticAnchor(payload, task, instance);
  Location where = anchor->getLoc();
  Operation *scope = anchor->getParentOfType<func::FuncOp>();
  if (!scope)
    scope = payload.getOperation();
  if (!trace.empty() &&
      trace.getActions().front().kind == ActionKind::PackWeights &&
      failed(packGroupConvWeights(payload, task, instance)))
    return failure();
  if (!trace.empty() &&
      trace.getActions().front().kind == ActionKind::Winograd &&
      failed(rewriteConvAsWinograd(
          payload, task, instance,
          trace.getActions().front().getInt("tile", 0))))
    return failure();
  // pack_b rewrites the script's reads of B afterwards: find B while the
  // anchor still exists.
  std::optional<Value> packedOperand;
  if (llvm::any_of(trace.getActions(), [](const Action &action) {
        return action.kind == ActionKind::PackB;
      })) {
    FailureOr<Value> b = findPackedOperand(payload, task, instance);
    if (failed(b))
      return failure();
    packedOperand = *b;
  }
  if (failed(runScript(payload, *script)))
    return failure();
  if (packedOperand &&
      failed(readPackedPanels(payload, *packedOperand, instance, where)))
    return failure();
  return checkUnrolledLoops(scope, trace, where);
}

} // namespace cwm
