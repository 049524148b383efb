//===- CpuBuilder.cpp - Build a CPU candidate into a shared object --------===//

#include "cwm/Measure/CpuBuilder.h"

#include "cwm/Pipelines/Compile.h"
#include "cwm/Pipelines/Pipelines.h"
#include "cwm/Schedule/ApplyTrace.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace mlir;

namespace cwm {

static llvm::Error buildError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

std::string cpuCandidateRuntimePath() {
  const char *name = "libcwm_cpu_candidate_runtime.a";
  llvm::SmallVector<std::string, 3> directories;
  // Beside the running tool (build/bin/../lib, or an install's bin/../lib),
  // then the build tree these libraries came from, then the install.
  std::string self = llvm::sys::fs::getMainExecutable(
      nullptr, reinterpret_cast<void *>(&cpuCandidateRuntimePath));
  if (!self.empty())
    directories.push_back(
        (llvm::sys::path::parent_path(llvm::sys::path::parent_path(self)) +
         "/lib")
            .str());
  directories.push_back(CWM_BUILD_LIBDIR);
  directories.push_back(CWM_INSTALL_FULL_LIBDIR);
  for (const std::string &directory : directories) {
    llvm::SmallString<256> path(directory);
    llvm::sys::path::append(path, name);
    if (llvm::sys::fs::exists(path))
      return path.str().str();
  }
  return "";
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
  // What reads only a model's weights into task_prepare, called once by the
  // worker, as the compiled model does (cwm-prepare-weights).
  if (info.readsWeights && failed(prepareWeights(task)))
    return buildError("preparing the weights failed: " + diagnostics);
  for (func::FuncOp function : task.getOps<func::FuncOp>())
    if (function.isPublic())
      function->setAttr("llvm.emit_c_interface", UnitAttr::get(task.getContext()));
  // As the measuring worker lowers (cwm-worker candidate mode).
  // memrefCopy (and the recycling allocator) from cwm's own archive, so that
  // the object needs only libomp where it is measured; MLIR's C runner
  // utilities (libMLIR, libLLVM) and malloc only where that archive is
  // missing.
  std::string runtime = cpuCandidateRuntimePath();
  LowerCpuOptions lowering;
  lowering.outParams = true;
  lowering.openmp = true;
  lowering.recycleBuffers = !runtime.empty();
  if (failed(lowerToLLVMDialect(task, lowering)) || !diagnostics.empty())
    return buildError("lowering failed: " + diagnostics);
  ObjectOptions objectOptions;
  objectOptions.cpu = options.cpu;
  objectOptions.moduleName = "cwm_cpu_candidate";
  if (runtime.empty())
    runtime = cRunnerUtilsPath();
  std::vector<std::string> libraries;
  for (const std::string &library : {runtime, openMPRuntimePath()})
    if (!library.empty())
      libraries.push_back(library);
  if (llvm::Error error =
          compileSharedObject(task, outputPath, objectOptions, libraries))
    return buildError("compiling failed: " + llvm::toString(std::move(error)) +
                      (diagnostics.empty() ? "" : ": " + diagnostics));
  return llvm::Error::success();
}

} // namespace cwm
