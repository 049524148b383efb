//===- GpuBuilder.cpp - Build a GPU candidate into a shared object --------===//

#include "cwm/Measure/GpuBuilder.h"

#include "cwm/Measure/Builder.h"
#include "cwm/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;

namespace cwm {

static llvm::Error buildError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Error buildGpuCandidate(ModuleOp task, const Trace &trace,
                              const TaskInfo &info, llvm::StringRef outputPath,
                              const GpuBuildOptions &options) {
  MLIRContext *context = task.getContext();
  std::string diagnostics;
  ScopedDiagnosticHandler handler(context, [&](Diagnostic &d) {
    if (d.getSeverity() == DiagnosticSeverity::Error && diagnostics.size() < 2000)
      llvm::raw_string_ostream(diagnostics) << d << "\n";
    return success();
  });
  if (!llvm::any_of(trace.getActions(), [](const Action &a) {
        return a.kind == ActionKind::MapBlocks;
      }))
    return buildError("not a GPU schedule (it has no map_blocks action)");
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
  {
    PassManager pm(context);
    LowerGpuOptions lowering;
    // The options are parsed like a user's: check the format here.
    if (options.format != "isa" && options.format != "bin" &&
        options.format != "fatbin")
      return buildError("unknown GPU binary format '" + options.format + "'");
    std::string text = "chip=" + options.chip + " features=" + options.features +
                       " format=" + options.format;
    if (failed(lowering.parseFromString(text)))
      return buildError("bad GPU lowering options '" + text + "'");
    buildLowerGpuPipeline(pm, lowering);
    if (failed(pm.run(task)) || !diagnostics.empty())
      return buildError("GPU lowering failed: " + diagnostics);
  }

  // LLVM IR, optimized and compiled for this (host) CPU.
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> module =
      translateModuleToLLVMIR(task, llvmContext, "cwm_gpu_candidate");
  if (!module)
    return buildError("translation to LLVM IR failed: " + diagnostics);
  llvm::Triple triple(llvm::sys::getDefaultTargetTriple());
  std::string lookupError;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, lookupError);
  if (!target)
    return buildError("no LLVM target for " + triple.str() + ": " +
                      lookupError);
  llvm::TargetOptions targetOptions;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, "x86-64", "", targetOptions, llvm::Reloc::PIC_));
  if (!machine)
    return buildError("cannot create a target machine for " + triple.str());
  module->setDataLayout(machine->createDataLayout());
  module->setTargetTriple(triple);
  if (llvm::Error error =
          makeOptimizingTransformer(3, 0, machine.get())(module.get()))
    return error;

  llvm::SmallString<128> objectPath;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("cwm-gpu", "o", objectPath))
    return buildError("cannot create a temporary object file: " + ec.message());
  llvm::scope_exit removeObject([&] { llvm::sys::fs::remove(objectPath); });
  {
    std::error_code ec;
    llvm::raw_fd_ostream out(objectPath, ec);
    if (ec)
      return buildError("cannot write " + objectPath + ": " + ec.message());
    llvm::legacy::PassManager codegen;
    if (machine->addPassesToEmitFile(codegen, out, nullptr,
                                     llvm::CodeGenFileType::ObjectFile))
      return buildError("the host target cannot emit object files");
    codegen.run(*module);
  }

  // Link: the mgpu* symbols stay undefined (the loading process has them).
  llvm::ErrorOr<std::string> linker = llvm::sys::findProgramByName("c++");
  if (!linker)
    linker = llvm::sys::findProgramByName("g++");
  if (!linker)
    return buildError("no C++ compiler driver (c++ or g++) on PATH to link "
                      "the candidate");
  std::string errorText;
  llvm::SmallVector<llvm::StringRef> args = {*linker, "-shared", "-o",
                                             outputPath, objectPath};
  int status = llvm::sys::ExecuteAndWait(*linker, args, std::nullopt, {}, 60, 0,
                                         &errorText);
  if (status != 0)
    return buildError("linking the candidate failed (" + *linker +
                      ", status " + llvm::Twine(status) + "): " + errorText);
  return llvm::Error::success();
}

} // namespace cwm
