//===- Pipelines.h - Registered lowering pipelines --------------*- C++ -*-===//
//
// cwm-lower-cpu: scheduled (or untouched) Linalg on tensors to the LLVM
// dialect: bufferization, loop-invariant transfer hoisting, Linalg to loops,
// scf.forall to OpenMP, vector and math lowering, conversion to LLVM.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_PIPELINES_PIPELINES_H
#define CWM_PIPELINES_PIPELINES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

#include "cwm/Task/Weights.h" // kWeightArgAttr and the split's names

namespace mlir::cwm {
#define GEN_PASS_DECL
#include "cwm/Pipelines/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "cwm/Pipelines/Passes.h.inc"
} // namespace mlir::cwm

namespace cwm {

/// Runs cwm-prepare-weights on `module` (a model, or a task whose arguments
/// are marked weights): true when it split a function into its `_prepare`
/// and `_prepared` parts.
mlir::FailureOr<bool> prepareWeights(mlir::ModuleOp module);

/// Options of the cwm-lower-cpu pipeline.
struct LowerCpuOptions : public mlir::PassPipelineOptions<LowerCpuOptions> {
  Option<bool> openmp{*this, "openmp",
                      llvm::cl::desc("Lower scf.forall to OpenMP threads"),
                      llvm::cl::init(true)};
  Option<bool> outParams{
      *this, "out-params",
      llvm::cl::desc("Return results through caller-allocated out-params "
                     "(destination-passing style, used by the measurer)"),
      llvm::cl::init(false)};
  Option<bool> recycleBuffers{
      *this, "recycle-buffers",
      llvm::cl::desc("Allocate buffers through _mlir_memref_to_llvm_alloc / "
                     "_free, which cwm's CPU runtime archive "
                     "(cwm_cpu_candidate_runtime) defines to reuse large "
                     "transient buffers across calls instead of faulting "
                     "fresh pages in at every call; the object must be "
                     "linked with that archive"),
      llvm::cl::init(false)};
};

/// Appends cwm-lower-cpu to `pm` (a module-level pass manager).
void buildLowerCpuPipeline(mlir::OpPassManager &pm,
                           const LowerCpuOptions &options);

/// How kernels are embedded in gpu.binary.
enum class GpuBinaryFormat { Isa, Bin, Fatbin };

/// Options of cwm-lower-gpu (NVIDIA, through GPU/NVVM).
struct LowerGpuOptions : public mlir::PassPipelineOptions<LowerGpuOptions> {
  Option<std::string> chip{*this, "chip",
                           llvm::cl::desc("Target chip (sm_90 = H100/H200)"),
                           llvm::cl::init("sm_90")};
  Option<std::string> features{
      *this, "features",
      llvm::cl::desc("PTX features (CUDA 13 needs +ptx80 or newer)"),
      llvm::cl::init("+ptx80")};
  Option<GpuBinaryFormat> format{
      *this, "format", llvm::cl::desc("Embedded kernel format"),
      llvm::cl::init(GpuBinaryFormat::Isa),
      llvm::cl::values(
          clEnumValN(GpuBinaryFormat::Isa, "isa",
                     "PTX, JIT-compiled by the driver at load"),
          clEnumValN(GpuBinaryFormat::Bin, "bin", "cubin (needs ptxas)"),
          clEnumValN(GpuBinaryFormat::Fatbin, "fatbin",
                     "fatbin (needs ptxas and fatbinary)"))};
};

/// Lowers a module whose kernels are already mapped to gpu.launch (by a
/// schedule: forall to blocks and threads, bufferized) to the LLVM dialect
/// with the kernels serialized into gpu.binary ops.
void buildLowerGpuPipeline(mlir::OpPassManager &pm,
                           const LowerGpuOptions &options);

/// Runs cwm-lower-cpu on `module`; diagnostics go to the context's handler.
mlir::LogicalResult lowerToLLVMDialect(mlir::ModuleOp module,
                                       const LowerCpuOptions &options);

/// Registers the cwm lowering passes and the cwm-lower-cpu pipeline.
/// The first stages of cwm-lower-cpu, up to loops over buffers (bufferized,
/// linalg lowered to loops, vector ops kept): the level at which snapshot
/// cost models read a candidate.
std::string lowerForAnalysisPipelineText();

void registerPipelines();

/// Registers every dialect and extension that payloads, schedules and the
/// lowering pipelines use.
void registerDialects(mlir::DialectRegistry &registry);

} // namespace cwm

#endif // CWM_PIPELINES_PIPELINES_H
