//===- GpuBuilder.h - Build a GPU candidate into a shared object -*- C++ -*-===//
//
// Compile here, run there: applies a GPU schedule (map_blocks / map_threads)
// to a task, turns results into out-params (so every buffer is the caller's,
// and can be device memory), lowers with cwm-lower-gpu, translates to LLVM
// IR, compiles for the host CPU and links a shared object that exports
// `_mlir_ciface_task(inputs..., outputs...)` (memref descriptors). The
// kernels ride inside it (PTX JIT-loaded by a constructor) and the mgpu*
// calls stay undefined: the process that loads it provides them
// (libcwm_cuda_runtime.so). Nothing here needs a GPU.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_MEASURE_GPUBUILDER_H
#define CWM_MEASURE_GPUBUILDER_H

#include "cwm/Schedule/Trace.h"
#include "cwm/Task/TaskInfo.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/Error.h"

#include <string>

namespace cwm {

struct GpuBuildOptions {
  std::string chip = "sm_90";
  std::string features = "+ptx80";
  /// "isa" (PTX), "bin" (cubin, needs ptxas) or "fatbin".
  std::string format = "isa";
};

/// Adds cwm-lower-gpu with `options` (chip, features, format) to `pm`; an
/// unknown format or bad options are an error.
llvm::Error addGpuLowering(mlir::OpPassManager &pm,
                           const GpuBuildOptions &options);

/// Applies `trace` to `task` (the task module, modified in place), turns its
/// results into out-params and lowers it with cwm-lower-gpu: LLVM dialect
/// with the kernels in gpu.binary ops. Public functions get C interfaces.
llvm::Error lowerGpuCandidate(mlir::ModuleOp task, const Trace &trace,
                              const TaskInfo &info,
                              const GpuBuildOptions &options = {});

/// Builds `trace` applied to `task` (the task module, modified in place)
/// into the shared object `outputPath`.
llvm::Error buildGpuCandidate(mlir::ModuleOp task, const Trace &trace,
                              const TaskInfo &info, llvm::StringRef outputPath,
                              const GpuBuildOptions &options = {});

} // namespace cwm

#endif // CWM_MEASURE_GPUBUILDER_H
