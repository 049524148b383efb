//===- Compile.h - LLVM-dialect modules to objects and shared objects -*- C++ -*-===//
//
// The last steps of compiling a payload: translate a module already lowered
// to the LLVM dialect (cwm-lower-cpu / cwm-lower-gpu) to LLVM IR, optimize
// it, emit an object file for a host CPU and link a shared object. Used by
// cwm-compile (whole models) and the GPU candidate builder.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_PIPELINES_COMPILE_H
#define CWM_PIPELINES_COMPILE_H

#include "mlir/IR/BuiltinOps.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace cwm {

struct ObjectOptions {
  /// The CPU the code runs on: "native" (this machine's CPU and features)
  /// or an LLVM CPU name such as "x86-64" for code that runs elsewhere.
  std::string cpu = "native";
  /// LLVM optimization level of the IR pipeline and code generation (0-3).
  unsigned optLevel = 3;
  /// Name of the LLVM module (shows in diagnostics).
  std::string moduleName = "cwm";
  /// Text stored in the object as the NUL-terminated global `cwm_signature`
  /// (empty: none). cwm-compile stores the entry points' signatures there.
  std::string signature;
};

/// Translates `module` (LLVM dialect only) to LLVM IR, optimizes it and
/// writes the result to `path`: an object file, or LLVM IR text when
/// `textualIR` is set.
llvm::Error emitObjectFile(mlir::ModuleOp module, llvm::StringRef path,
                           const ObjectOptions &options,
                           bool textualIR = false);

/// Links object files into a shared object with the system C++ driver.
/// `libraries` are full paths of libraries the code needs: shared ones (their
/// directories become run paths, so the result loads without environment
/// settings) and static archives (linked in); undefined symbols are allowed (a GPU candidate's mgpu* calls
/// resolve in the loading process).
llvm::Error linkSharedObject(llvm::ArrayRef<std::string> objects,
                             llvm::StringRef output,
                             llvm::ArrayRef<std::string> libraries);

/// emitObjectFile to a temporary file, then linkSharedObject.
llvm::Error compileSharedObject(mlir::ModuleOp module, llvm::StringRef output,
                                const ObjectOptions &options,
                                llvm::ArrayRef<std::string> libraries);

/// The OpenMP runtime generated CPU code calls (empty if not installed).
std::string openMPRuntimePath();
/// MLIR's C runner utilities (memrefCopy and friends), which lowered copies
/// between buffers of different layouts call (empty if not installed).
std::string cRunnerUtilsPath();

} // namespace cwm

#endif // CWM_PIPELINES_COMPILE_H
