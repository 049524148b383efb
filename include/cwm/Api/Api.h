//===- Api.h - cwm's entry points for embedding ------------------*- C++ -*-===//
//
// What a framework embedding cwm calls: register cwm's dialects, passes and
// pipelines in its own tool; tune a module (text in, tuned text and a JSON
// report out); compile a module into a CPU shared object. The C API
// (cwm-c/Cwm.h) and the Python package wrap these; cwm-compile is a thin
// driver over `compileModule`.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_API_API_H
#define CWM_API_API_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cwm {

/// The version of cwm's embedding interfaces ("MAJOR.MINOR").
const char *getVersion();

/// Adds every dialect, extension and translation cwm's pipelines need to
/// `registry`, and registers cwm's passes and pipelines (cwm-autotune,
/// cwm-apply-best, cwm-lower-cpu, ...) and MLIR's own passes with MLIR's
/// global pass registry, so an opt driver can parse them.
void registerEverything(mlir::DialectRegistry &registry);

/// Tuning a module: `options` uses the option syntax of the cwm-autotune
/// pass ("target=cpu budget=256 db=tune.jsonl"; see `cwm-opt --help`).
struct TuneOutput {
  std::string module; ///< the payload with the best schedules applied
  std::string report; ///< the JSON report (cwm-autotune report=)
};
llvm::Expected<TuneOutput> tuneModule(llvm::StringRef moduleText,
                                      llvm::StringRef options);

struct CompileOptions {
  /// "cpu", or "cuda" (NVIDIA GPUs: kernels and host code; the object's
  /// mgpu* calls are resolved by libcwm_cuda_runtime.so, loaded first).
  std::string target = "cpu";
  /// Apply the best schedules of this database (empty: default lowering on
  /// the CPU; on the GPU a default schedule of the CUDA rules per task).
  std::string database;
  /// CPU: "native" or an LLVM CPU name ("x86-64").
  std::string cpu = "native";
  /// GPU: chip, PTX features and embedded kernel format (isa, bin, fatbin).
  std::string chip = "sm_90";
  std::string gpuFeatures = "+ptx80";
  std::string gpuFormat = "isa";
  bool openmp = true;
  enum class Emit { SharedObject, Object, LLVMIR, LoweredMLIR };
  Emit emit = Emit::SharedObject;
};
struct CompileOutput {
  int64_t tasks = 0;          ///< task instances in the payload (with a database)
  int64_t tunedTasks = 0;     ///< of which tuned from the database
  std::vector<std::string> defaultTasks; ///< names of those that were not
  std::string signature;      ///< the entry points as JSON (also in the object)
  int64_t entryPoints = 0;
};
/// Compiles `module` (Linalg on tensors, static shapes) to `outputPath`.
/// On "cuda" only a shared object is emitted, and every buffer an entry
/// point takes is device memory.
/// The module is consumed (rewritten and lowered in place).
llvm::Expected<CompileOutput> compileModule(mlir::ModuleOp module,
                                            llvm::StringRef outputPath,
                                            const CompileOptions &options);
/// The same from text.
llvm::Expected<CompileOutput> compileModuleText(llvm::StringRef moduleText,
                                                llvm::StringRef outputPath,
                                                const CompileOptions &options);

} // namespace cwm

#endif // CWM_API_API_H
