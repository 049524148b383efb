//===- CompileCuda.h - A whole payload to a GPU shared object ---*- C++ -*-===//
//
// Internal to CWMApi: compileModule's path for target "cuda".
//
//===----------------------------------------------------------------------===//

#ifndef CWM_LIB_API_COMPILECUDA_H
#define CWM_LIB_API_COMPILECUDA_H

#include "cwm/Api/Api.h"
#include "cwm/Database/Database.h"

namespace cwm {

/// Compiles `module` for NVIDIA GPUs into the shared object `outputPath`.
/// Each task instance is scheduled (the database's best GPU record, else the
/// first of the CUDA rules' samples that builds), lowered on its own into a
/// host function `cwm_task_<instance>` with its kernels, and compiled to an
/// object; what remains of the payload (the glue: device buffers between
/// tasks, reshapes, the calls) becomes the entry points. `output` arrives
/// with the entry points described and gets the task counts.
llvm::Error compileCudaModule(mlir::ModuleOp module, llvm::StringRef outputPath,
                              const CompileOptions &options,
                              const Database *database, CompileOutput &output);

} // namespace cwm

#endif // CWM_LIB_API_COMPILECUDA_H
