//===- GpuBuilder.cpp - Build a GPU candidate into a shared object --------===//

#include "cwm/Measure/GpuBuilder.h"

#include "cwm/Schedule/ApplyTrace.h"
#include "cwm/Pipelines/Compile.h"
#include "cwm/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"

using namespace mlir;

namespace cwm {

static llvm::Error buildError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Error addGpuLowering(OpPassManager &pm, const GpuBuildOptions &options) {
  // The options are parsed like a user's: check the format here.
  if (options.format != "isa" && options.format != "bin" &&
      options.format != "fatbin")
    return buildError("unknown GPU binary format '" + options.format + "'");
  LowerGpuOptions lowering;
  std::string text = "chip=" + options.chip + " features=" + options.features +
                     " format=" + options.format;
  if (failed(lowering.parseFromString(text)))
    return buildError("bad GPU lowering options '" + text + "'");
  buildLowerGpuPipeline(pm, lowering);
  return llvm::Error::success();
}

llvm::Error lowerGpuCandidate(ModuleOp task, const Trace &trace,
                              const TaskInfo &info,
                              const GpuBuildOptions &options) {
  MLIRContext *context = task.getContext();
  std::string diagnostics;
  ScopedDiagnosticHandler handler(context, [&](Diagnostic &d) {
    if (d.getSeverity() == DiagnosticSeverity::Error && diagnostics.size() < 2000)
      llvm::raw_string_ostream(diagnostics) << d << "\n";
    return success();
  });
  bool wgmma = llvm::any_of(trace.getActions(), [](const Action &a) {
    return a.kind == ActionKind::Wgmma;
  });
  if (!llvm::any_of(trace.getActions(), [](const Action &a) {
        return a.kind == ActionKind::MapBlocks || isKernelTemplate(a.kind);
      }))
    return buildError("not a GPU schedule (it has no map_blocks, wgmma or "
                      "simt_gemm action)");
  if (failed(applyTrace(task, trace, info, /*instance=*/0)))
    return buildError("schedule failed to apply: " + diagnostics);

  // Results become caller-owned out-params; then the GPU lowering.
  {
    PassManager pm(context);
    if (failed(parsePassPipeline("buffer-results-to-out-params{"
                                 "hoist-static-allocs modify-public-functions}",
                                 pm, llvm::errs())))
      return buildError("internal error: out-params pipeline");
    if (failed(pm.run(task)))
      return buildError("out-params failed: " + diagnostics);
  }
  for (func::FuncOp function : task.getOps<func::FuncOp>())
    if (function.isPublic())
      function->setAttr("llvm.emit_c_interface", UnitAttr::get(context));
  // Warpgroup MMA exists only in sm_90a code (not in sm_90's, which newer
  // GPUs run too): a wgmma schedule is compiled for it.
  GpuBuildOptions lowering = options;
  if (wgmma && lowering.chip == "sm_90")
    lowering.chip = "sm_90a";
  {
    PassManager pm(context);
    if (llvm::Error error = addGpuLowering(pm, lowering))
      return error;
    if (failed(pm.run(task)) || !diagnostics.empty())
      return buildError("GPU lowering failed: " + diagnostics);
  }
  return llvm::Error::success();
}

llvm::Error buildGpuCandidate(ModuleOp task, const Trace &trace,
                              const TaskInfo &info, llvm::StringRef outputPath,
                              const GpuBuildOptions &options) {
  if (llvm::Error error = lowerGpuCandidate(task, trace, info, options))
    return error;
  std::string diagnostics;
  ScopedDiagnosticHandler handler(task.getContext(), [&](Diagnostic &d) {
    if (d.getSeverity() == DiagnosticSeverity::Error && diagnostics.size() < 2000)
      llvm::raw_string_ostream(diagnostics) << d << "\n";
    return success();
  });

  // LLVM IR, optimized and compiled for a generic x86-64 host (the GPU
  // machine's CPU is not this one); the mgpu* symbols stay undefined (the
  // loading process has them).
  ObjectOptions objectOptions;
  objectOptions.cpu = "x86-64";
  objectOptions.moduleName = "cwm_gpu_candidate";
  if (llvm::Error error =
          compileSharedObject(task, outputPath, objectOptions, {}))
    return buildError(llvm::toString(std::move(error)) +
                      (diagnostics.empty() ? "" : ": " + diagnostics));
  return llvm::Error::success();
}

} // namespace cwm
