//===- Pipelines.cpp - Registered lowering pipelines ----------------------===//

#include "cwm/Pipelines/Pipelines.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

using namespace mlir;

namespace cwm {

/// The pipeline as pass-pipeline text: the same spelling a user would give
/// mlir-opt, so it can be read, copied and debugged outside cwm.
static std::string lowerCpuPipelineText(const LowerCpuOptions &options) {
  std::string text =
      "cwm-decompose-aggregates,canonicalize,cse,"
      "one-shot-bufferize{bufferize-function-boundaries "
      "function-boundary-type-conversion=identity-layout-map},";
  if (options.outParams)
    text += "buffer-results-to-out-params{hoist-static-allocs "
            "modify-public-functions},";
  text += "canonicalize,cse,"
          "func.func(loop-invariant-code-motion,cwm-hoist-vector-transfers),"
          "buffer-deallocation-pipeline,convert-bufferization-to-memref,"
          "func.func(cwm-fill-pad-borders),";
  if (options.openmp)
    text += "func.func(cwm-parallel-copies),";
  text += "convert-linalg-to-loops,cwm-approximate-math,"
          "func.func(lower-vector-multi-reduction),convert-vector-to-scf{full-unroll},"
          "expand-strided-metadata,lower-affine,scf-forall-to-parallel,";
  if (options.openmp)
    text += "convert-scf-to-openmp,";
  // finalize-memref-to-llvm must precede convert-scf-to-cf (alloca_scope
  // regions must still have one block).
  text += options.recycleBuffers
              ? "convert-vector-to-llvm,"
                "finalize-memref-to-llvm{use-generic-functions=true},"
              : "convert-vector-to-llvm,finalize-memref-to-llvm,";
  text += "convert-scf-to-cf,"
          "convert-arith-to-llvm,convert-math-to-llvm,convert-ub-to-llvm,"
          "convert-cf-to-llvm,";
  if (options.openmp)
    text += "convert-openmp-to-llvm,";
  text += "convert-func-to-llvm,convert-index-to-llvm,"
          "reconcile-unrealized-casts";
  return text;
}

std::string lowerForAnalysisPipelineText() {
  return "cwm-decompose-aggregates,canonicalize,cse,"
         "one-shot-bufferize{bufferize-function-boundaries "
         "function-boundary-type-conversion=identity-layout-map},"
         "canonicalize,cse,"
         "func.func(loop-invariant-code-motion,cwm-hoist-vector-transfers),"
         "convert-linalg-to-loops,cwm-approximate-math,lower-affine,"
         "canonicalize,cse";
}

void buildLowerCpuPipeline(OpPassManager &pm, const LowerCpuOptions &options) {
  std::string text = lowerCpuPipelineText(options);
  if (failed(parsePassPipeline(text, pm, llvm::errs())))
    llvm::report_fatal_error("cwm-lower-cpu: internal pipeline does not parse");
}

void buildLowerGpuPipeline(OpPassManager &pm, const LowerGpuOptions &options) {
  // Outlining hoists constants into the kernels; without symbol-dce after it
  // shared-memory globals fail to convert and the tool still exits 0
  // (MLIR22-NOTES.md).
  std::string text =
      "cwm-gpu-wgmma,cwm-gpu-simt-gemm,canonicalize,cwm-gpu-distribute-rows,"
      "convert-linalg-to-loops,"
      "func.func(cwm-gpu-device-buffers),"
      "cwm-gpu-block-buffers,cwm-gpu-align-vector-accesses,cwm-gpu-pipeline-staging,"
      "cwm-gpu-contract-fp,cwm-gpu-mma-tf32,cwm-gpu-lower-tma-kernels,"
      "gpu-launch-sink-index-computations,"
      "gpu-kernel-outlining,symbol-dce,cwm-gpu-drop-host-shared-globals,"
      "gpu-lower-to-nvvm-pipeline{cubin-chip=" +
      options.chip + " cubin-features=" + options.features +
      " cubin-format=" +
      (options.format == GpuBinaryFormat::Bin      ? "bin"
       : options.format == GpuBinaryFormat::Fatbin ? "fatbin"
                                                   : "isa") +
      "}";
  if (failed(parsePassPipeline(text, pm, llvm::errs())))
    llvm::report_fatal_error("cwm-lower-gpu: internal pipeline does not parse");
}

LogicalResult lowerToLLVMDialect(ModuleOp module,
                                 const LowerCpuOptions &options) {
  PassManager pm(module.getContext());
  buildLowerCpuPipeline(pm, options);
  return pm.run(module);
}

void registerDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
  // GPU lowering serializes gpu.module to PTX / cubin through LLVM IR.
  registerAllToLLVMIRTranslations(registry);
}

void registerPipelines() {
  // The pipeline is spelled as text, so MLIR's own passes must be known.
  static bool registered = false;
  if (registered)
    return;
  registered = true;
  mlir::registerAllPasses();
  mlir::cwm::registerCWMPipelinesPasses();
  PassPipelineRegistration<LowerCpuOptions>(
      "cwm-lower-cpu",
      "Lower (scheduled) Linalg on tensors to the LLVM dialect for the CPU: "
      "bufferize, hoist loop-invariant transfers, scf.forall to OpenMP, "
      "vector/math lowering, LLVM conversion",
      buildLowerCpuPipeline);
  PassPipelineRegistration<LowerGpuOptions>(
      "cwm-lower-gpu",
      "Lower a module with scheduled gpu.launch kernels for NVIDIA GPUs: "
      "outline kernels, lower host and device code through GPU/NVVM, embed "
      "PTX (format=isa) or a cubin in gpu.binary",
      buildLowerGpuPipeline);
}

} // namespace cwm
