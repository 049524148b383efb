//===- Builder.cpp - Apply a schedule and lower a task --------------------===//

#include "cwm/Measure/Builder.h"

#include "cwm/Schedule/TransformEmitter.h"

#include "mlir/Dialect/Transform/IR/TransformOps.h"
#include "mlir/Dialect/Transform/Interfaces/TransformInterfaces.h"
#include "mlir/Dialect/Transform/Transforms/TransformInterpreterUtils.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"

#define DEBUG_TYPE "cwm-builder"

using namespace mlir;

namespace cwm {

LogicalResult applyTrace(ModuleOp payload, const Trace &trace,
                         const TaskInfo &task, int64_t instance) {
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
