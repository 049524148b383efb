//===- CpuBuilder.cpp - Build a CPU candidate into a shared object --------===//

#include "cwm/Measure/CpuBuilder.h"

#include "cwm/Pipelines/Compile.h"
#include "cwm/Pipelines/Pipelines.h"
#include "cwm/Schedule/ApplyTrace.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"

using namespace mlir;

namespace cwm {

static llvm::Error buildError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Error buildCpuCandidate(ModuleOp task, const Trace *trace,
                              const TaskInfo &info, llvm::StringRef outputPath,
                              const CpuBuildOptions &options) {
  std::string diagnostics;
  ScopedDiagnosticHandler handler(task.getContext(), [&](Diagnostic &d) {
    if (d.getSeverity() == DiagnosticSeverity::Error && diagnostics.size() < 2000)
      llvm::raw_string_ostream(diagnostics) << d << "\n";
    return success();
  });
  if (trace && failed(applyTrace(task, *trace, info, /*instance=*/0)))
    return buildError("schedule failed to apply: " + diagnostics);
  for (func::FuncOp function : task.getOps<func::FuncOp>())
    if (function.isPublic())
      function->setAttr("llvm.emit_c_interface", UnitAttr::get(task.getContext()));
  // As the measuring worker lowers (cwm-worker candidate mode).
  LowerCpuOptions lowering;
  lowering.outParams = true;
  lowering.openmp = true;
  if (failed(lowerToLLVMDialect(task, lowering)) || !diagnostics.empty())
    return buildError("lowering failed: " + diagnostics);
  ObjectOptions objectOptions;
  objectOptions.cpu = options.cpu;
  objectOptions.moduleName = "cwm_cpu_candidate";
  std::vector<std::string> libraries;
  for (const std::string &library : {openMPRuntimePath(), cRunnerUtilsPath()})
    if (!library.empty())
      libraries.push_back(library);
  if (llvm::Error error =
          compileSharedObject(task, outputPath, objectOptions, libraries))
    return buildError("compiling failed: " + llvm::toString(std::move(error)) +
                      (diagnostics.empty() ? "" : ": " + diagnostics));
  return llvm::Error::success();
}

} // namespace cwm
