//===- Compile.cpp - LLVM-dialect modules to objects and shared objects ---===//

#include "cwm/Pipelines/Compile.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

namespace cwm {

static llvm::Error compileError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

std::string openMPRuntimePath() {
  std::string path = CWM_OPENMP_RUNTIME;
  return llvm::sys::fs::exists(path) ? path : std::string();
}

std::string cRunnerUtilsPath() {
  std::string path = CWM_C_RUNNER_UTILS;
  return llvm::sys::fs::exists(path) ? path : std::string();
}

llvm::Error emitObjectFile(mlir::ModuleOp module, llvm::StringRef path,
                           const ObjectOptions &options, bool textualIR) {
  if (options.optLevel > 3)
    return compileError("optimization level must be 0-3, got " +
                        llvm::Twine(options.optLevel));
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, context, options.moduleName);
  if (!llvmModule)
    return compileError("translation to LLVM IR failed (is the module fully "
                        "lowered to the LLVM dialect?)");

  llvm::Triple triple(llvm::sys::getDefaultTargetTriple());
  std::string lookupError;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, lookupError);
  if (!target)
    return compileError("no LLVM target for " + triple.str() + ": " +
                        lookupError);
  std::string cpu = options.cpu, features;
  if (cpu == "native") {
    cpu = llvm::sys::getHostCPUName().str();
    llvm::SubtargetFeatures subtarget;
    for (const llvm::StringMapEntry<bool> &feature :
         llvm::sys::getHostCPUFeatures())
      subtarget.AddFeature(feature.first(), feature.second);
    features = subtarget.getString();
  }
  llvm::TargetOptions targetOptions;
  std::optional<llvm::CodeGenOptLevel> level =
      llvm::CodeGenOpt::getLevel(int(options.optLevel));
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features, targetOptions, llvm::Reloc::PIC_, std::nullopt,
      level.value_or(llvm::CodeGenOptLevel::Default)));
  if (!machine)
    return compileError("cannot create a target machine for " + triple.str() +
                        " (cpu '" + cpu + "')");
  llvmModule->setDataLayout(machine->createDataLayout());
  llvmModule->setTargetTriple(triple);
  if (!options.signature.empty()) {
    llvm::Constant *text =
        llvm::ConstantDataArray::getString(context, options.signature);
    new llvm::GlobalVariable(*llvmModule, text->getType(), /*isConstant=*/true,
                             llvm::GlobalValue::ExternalLinkage, text,
                             "cwm_signature");
  }
  if (llvm::Error error = mlir::makeOptimizingTransformer(
          options.optLevel, /*sizeLevel=*/0, machine.get())(llvmModule.get()))
    return error;

  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec);
  if (ec)
    return compileError("cannot write " + path + ": " + ec.message());
  if (textualIR) {
    llvmModule->print(out, nullptr);
    return llvm::Error::success();
  }
  llvm::legacy::PassManager codegen;
  if (machine->addPassesToEmitFile(codegen, out, nullptr,
                                   llvm::CodeGenFileType::ObjectFile))
    return compileError("the target cannot emit object files");
  codegen.run(*llvmModule);
  return llvm::Error::success();
}

llvm::Error linkSharedObject(llvm::ArrayRef<std::string> objects,
                             llvm::StringRef output,
                             llvm::ArrayRef<std::string> libraries) {
  llvm::ErrorOr<std::string> linker = llvm::sys::findProgramByName("c++");
  if (!linker)
    linker = llvm::sys::findProgramByName("g++");
  if (!linker)
    return compileError("no C++ compiler driver (c++ or g++) on PATH to link " +
                        output);
  std::vector<std::string> storage = {*linker, "-shared", "-o", output.str()};
  for (const std::string &object : objects)
    storage.push_back(object);
  llvm::StringSet<> runPaths;
  for (const std::string &library : libraries) {
    storage.push_back(library);
    llvm::StringRef directory = llvm::sys::path::parent_path(library);
    bool archive = llvm::StringRef(library).ends_with(".a"); // linked in whole
    if (!archive && !directory.empty() && runPaths.insert(directory).second)
      storage.push_back("-Wl,-rpath," + directory.str());
  }
  llvm::SmallVector<llvm::StringRef> args(storage.begin(), storage.end());
  std::string errorText;
  int status = llvm::sys::ExecuteAndWait(*linker, args, std::nullopt, {}, 120,
                                         0, &errorText);
  if (status != 0)
    return compileError("linking " + output + " failed (" + *linker +
                        ", status " + llvm::Twine(status) + ")" +
                        (errorText.empty() ? "" : ": " + errorText));
  return llvm::Error::success();
}

llvm::Error compileSharedObject(mlir::ModuleOp module, llvm::StringRef output,
                                const ObjectOptions &options,
                                llvm::ArrayRef<std::string> libraries) {
  llvm::SmallString<128> objectPath;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("cwm-object", "o", objectPath))
    return compileError("cannot create a temporary object file: " +
                        ec.message());
  llvm::scope_exit removeObject([&] { llvm::sys::fs::remove(objectPath); });
  if (llvm::Error error = emitObjectFile(module, objectPath, options))
    return error;
  return linkSharedObject({objectPath.str().str()}, output, libraries);
}

} // namespace cwm
