//===- Passes.td - cwm lowering passes ---------------------*- tablegen -*-===//

#ifndef CWM_PIPELINES_PASSES
#define CWM_PIPELINES_PASSES

include "mlir/Pass/PassBase.td"

def DecomposeAggregates : Pass<"cwm-decompose-aggregates"> {
  let summary = "Decompose linalg.softmax into the generic ops it stands for";
  let description = [{
    MLIR has no lowering of linalg.softmax; this rewrites it into its max,
    exp, sum and divide generics so the default pipeline can lower it.
  }];
  let dependentDialects = ["linalg::LinalgDialect", "arith::ArithDialect",
                           "math::MathDialect", "tensor::TensorDialect"];
}

def ApproximateMath : Pass<"cwm-approximate-math"> {
  let summary = "Replace math ops by vectorizable polynomial approximations";
  let description = [{
    Rewrites math.tanh, math.exp, math.erf, ... (scalar and vector) into
    polynomial approximations so that vectorized code stays vectorized
    instead of calling libm once per lane.
  }];
  let dependentDialects = ["arith::ArithDialect", "math::MathDialect",
                           "vector::VectorDialect"];
}

def HoistVectorTransfers : Pass<"cwm-hoist-vector-transfers", "func::FuncOp"> {
  let summary = "Hoist loop-invariant vector transfers on buffers";
  let description = [{
    After bufferization, moves vector.transfer_read/write pairs on the same
    buffer out of the loops they do not depend on (accumulators stay in
    registers across reduction loops).
  }];
  let dependentDialects = ["vector::VectorDialect", "scf::SCFDialect"];
}

def GpuDeviceBuffers : Pass<"cwm-gpu-device-buffers", "func::FuncOp"> {
  let summary = "Allocate the buffers that only kernels use in device memory";
  let description = [{
    After a GPU schedule, a buffer that passes between two kernels of a
    function (say, a padded input that one grid writes and the next reads) is
    a host memref.alloc. This rewrites each such allocation into a gpu.alloc
    of device memory on a stream that is synchronized at once, and frees it
    with gpu.dealloc where the memref.dealloc was, or else before every
    return. An allocation that host code also touches is an error.
  }];
  let dependentDialects = ["gpu::GPUDialect"];
}

def GpuBlockBuffers : Pass<"cwm-gpu-block-buffers", "ModuleOp"> {
  let summary = "Put the block-level buffers of GPU kernels in shared memory";
  let description = [{
    A GPU schedule leaves a memref.alloc at the top level of a gpu.launch
    body where the block shares an intermediate tile (say a matmul tile that
    a fused bias+gelu reads, or the row maxima of a softmax block, written
    by some threads and read by all after a barrier). On the device an
    alloc would be a per-thread malloc; this pass turns each into a 16-byte
    aligned shared-memory global (cast to the generic address space, so its
    users keep their types). Fails with a clear error when a block's buffers
    exceed 48 KiB (the static shared-memory limit) or when an allocation is
    nested deeper in the kernel.
  }];
  let dependentDialects = ["memref::MemRefDialect", "gpu::GPUDialect"];
}

#endif // CWM_PIPELINES_PASSES
