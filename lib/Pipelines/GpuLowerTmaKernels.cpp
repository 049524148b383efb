//===- GpuLowerTmaKernels.cpp - nvgpu to NVVM before outlining for TMA ----===//
//
// A TMA descriptor is made on the host and read in the kernel. MLIR's
// nvgpu-to-NVVM conversion knows the descriptor type only as a value it
// converts in place, so it must run while host and kernel code still share
// one function (before gpu-kernel-outlining). cwm's other kernels were tuned
// with the conversion after outlining; they keep it (this pass does nothing
// in a module without TMA descriptors).
//
//===----------------------------------------------------------------------===//

#include "cwm/Pipelines/Pipelines.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

namespace mlir::cwm {

#define GEN_PASS_DEF_GPULOWERTMAKERNELS
#include "cwm/Pipelines/Passes.h.inc"

namespace {

struct GpuLowerTmaKernels final
    : impl::GpuLowerTmaKernelsBase<GpuLowerTmaKernels> {
  using Base::Base;

  void runOnOperation() override {
    bool makesDescriptors =
        getOperation()
            .walk([](nvgpu::TmaCreateDescriptorOp) {
              return WalkResult::interrupt();
            })
            .wasInterrupted();
    if (!makesDescriptors)
      return;
    OpPassManager pm(ModuleOp::getOperationName());
    if (failed(parsePassPipeline("convert-nvgpu-to-nvvm", pm))) {
      getOperation().emitError("internal error: convert-nvgpu-to-nvvm");
      return signalPassFailure();
    }
    if (failed(runPipeline(pm, getOperation())))
      signalPassFailure();
  }
};

} // namespace
} // namespace mlir::cwm
