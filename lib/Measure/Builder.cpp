//===- Builder.cpp - Apply a schedule and lower a task --------------------===//

#include "cwm/Measure/Builder.h"

#include "cwm/Schedule/TransformEmitter.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Transform/IR/TransformOps.h"
#include "mlir/Dialect/Transform/Interfaces/TransformInterfaces.h"
#include "mlir/Dialect/Transform/Transforms/TransformInterpreterUtils.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"

#define DEBUG_TYPE "cwm-builder"

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

LogicalResult applyTrace(ModuleOp payload, const Trace &trace,
                         const TaskInfo &task, int64_t instance) {
  splitSharedEmptyTensors(payload);
  llvm::Expected<std::string> script =
      emitTransformScript(trace, task, instance);
  if (!script)
    return payload.emitError() << "invalid trace: "
                               << llvm::toString(script.takeError());
  LLVM_DEBUG(llvm::dbgs() << "transform script:\n" << *script << "\n");
  OwningOpRef<ModuleOp> transformModule =
      parseSourceString<ModuleOp>(*script, payload.getContext());
  if (!transformModule)
    return payload.emitError(
        "internal error: the emitted Transform IR does not parse");
  Operation *entry = transform::detail::findTransformEntryPoint(
      payload, *transformModule,
      transform::TransformDialect::kTransformEntryPointSymbolName);
  if (!entry)
    return payload.emitError("internal error: no @__transform_main emitted");
  // Any error reported while the schedule runs fails it, even where the
  // transform itself returns success.
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

} // namespace cwm
