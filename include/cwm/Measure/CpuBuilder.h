//===- CpuBuilder.h - Build a CPU candidate into a shared object -*- C++ -*-===//
//
// Compile here, run there, for CPUs: applies a schedule to a task, lowers it
// with cwm-lower-cpu (results as out-params, OpenMP threads) and compiles it
// into a shared object exporting `_mlir_ciface_task(inputs..., outputs...)`
// (memref descriptors), linked against the OpenMP runtime and, statically,
// cwm's libcwm_cpu_candidate_runtime.a (memrefCopy): no MLIR or LLVM library is
// needed where it runs, only libomp.so.5. cwm-run --cpu
// measures such objects on any machine of the same architecture, as it
// measures GPU candidates: a CPU measurement farm works like a GPU one.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_MEASURE_CPUBUILDER_H
#define CWM_MEASURE_CPUBUILDER_H

#include "cwm/Schedule/Trace.h"
#include "cwm/Task/TaskInfo.h"

#include "mlir/IR/BuiltinOps.h"

#include "llvm/Support/Error.h"

#include <string>

namespace cwm {

struct CpuBuildOptions {
  /// The CPU the object runs on: "native" (this machine's) or an LLVM CPU
  /// name ("x86-64-v4", "znver4", ...) for a farm of other machines.
  std::string cpu = "native";
};

/// The path of libcwm_cpu_candidate_runtime.a (beside the running tool, in
/// the build tree or installed), or "" if none is found.
std::string cpuCandidateRuntimePath();

/// Applies `trace` (none: the untransformed program) to `task` (the task
/// module, modified in place), lowers it and links the shared object
/// `outputPath`.
llvm::Error buildCpuCandidate(mlir::ModuleOp task, const Trace *trace,
                              const TaskInfo &info, llvm::StringRef outputPath,
                              const CpuBuildOptions &options = {});

} // namespace cwm

#endif // CWM_MEASURE_CPUBUILDER_H
