//===- GpuDropHostSharedGlobals.cpp - Host copies of shared globals -------===//
//
// After gpu-kernel-outlining a kernel's shared-memory globals live in its
// gpu.module; a public declaration (dynamic shared memory) also stays on the
// host, where its workgroup memory space cannot be lowered. It is erased
// there when host code does not use it.
//
//===----------------------------------------------------------------------===//

#include "cwm/Pipelines/Pipelines.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::cwm {

#define GEN_PASS_DEF_GPUDROPHOSTSHAREDGLOBALS
#include "cwm/Pipelines/Passes.h.inc"

namespace {

struct GpuDropHostSharedGlobals final
    : impl::GpuDropHostSharedGlobalsBase<GpuDropHostSharedGlobals> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<memref::GlobalOp> unused;
    for (memref::GlobalOp global : module.getOps<memref::GlobalOp>()) {
      auto space = dyn_cast_if_present<gpu::AddressSpaceAttr>(
          global.getType().getMemorySpace());
      if (space && space.getValue() == gpu::AddressSpace::Workgroup &&
          SymbolTable::symbolKnownUseEmpty(global, module))
        unused.push_back(global);
    }
    for (memref::GlobalOp global : unused)
      global.erase();
  }
};

} // namespace
} // namespace mlir::cwm
