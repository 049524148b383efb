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

def FillPadBorders : Pass<"cwm-fill-pad-borders", "func::FuncOp"> {
  let summary = "Fill only the border of a padded buffer whose interior a copy then writes";
  let description = [{
    After bufferization, a tensor.pad is a fill of a new buffer with the
    padding value (linalg.fill, or a linalg.map yielding a value from
    outside) followed by a memref.copy of the input into a unit-stride
    subview of it. When nothing touches memory between the two, this pass
    fills only the complement of the copied subview (two slabs per padded
    dimension, none where a bound is statically zero), so the interior is
    written once instead of twice. A convolution's pad fused into each
    thread's rows wrote its whole slab twice (docs/benchmarks.md, depthwise).
  }];
  let dependentDialects = ["linalg::LinalgDialect", "memref::MemRefDialect",
                           "affine::AffineDialect"];
}

def ParallelCopies : Pass<"cwm-parallel-copies", "func::FuncOp"> {
  let summary = "Split large buffer copies and fills outside parallel loops over the threads";
  let description = [{
    After bufferization, a tensor.pad that no schedule tiled is a fill of a
    new buffer and a memref.copy of the input into its interior: serial code
    between a model's parallel loops (ResNet-18's max pooling spent most of
    its time copying its 3.2 MB input into a padded buffer on one thread,
    the other waiting). This pass rewrites each memref.copy and linalg.fill
    on buffers of at least `min-bytes`, not already inside a parallel loop,
    into an scf.forall over the first dimension of size >= 2 whose body
    copies or fills one slice; convert-scf-to-openmp then runs it on every
    thread.
  }];
  let options = [
    Option<"minBytes", "min-bytes", "int64_t", /*default=*/"262144",
           "Smallest copied or filled buffer (bytes) that is split">,
  ];
  let dependentDialects = ["scf::SCFDialect", "memref::MemRefDialect",
                           "linalg::LinalgDialect"];
}

def GpuDeviceBuffers : Pass<"cwm-gpu-device-buffers", "func::FuncOp"> {
  let summary = "Allocate the buffers that only kernels use in device memory";
  let description = [{
    After a GPU schedule, a buffer that passes between two kernels of a
    function (say, a padded input that one grid writes and the next reads), or
    between two task calls of a compiled GPU model (whose callees run in
    kernels), is a host memref.alloc. This rewrites each such allocation into a gpu.alloc
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

def GpuAlignVectorAccesses : Pass<"cwm-gpu-align-vector-accesses", "ModuleOp"> {
  let summary = "Give GPU kernels' vector loads and stores the alignment their indices prove";
  let description = [{
    A vector.load or vector.store without an alignment attribute is only
    known to be aligned to its element, so the NVPTX backend splits, say, an
    8 x f16 load into eight 16-bit loads. Inside each gpu.launch this pass
    proves, for accesses to memrefs with static strides and offset, the
    power of two that the linearized element index is a multiple of (from
    constants, loop bounds and steps, sums, products and affine maps of
    them; thread and block ids count as arbitrary), and sets the alignment
    to that many elements' bytes, at most the vector's size and at most 16.
    It assumes the base of every buffer a kernel sees is 16-byte aligned:
    device allocations are 256-byte aligned, and cwm's shared-memory
    globals carry alignment 16.
  }];
  let dependentDialects = ["vector::VectorDialect"];
}

def GpuDistributeRows : Pass<"cwm-gpu-distribute-rows", "ModuleOp"> {
  let summary = "Spread a block's row computation over its threads, with block-wide reductions";
  let description = [{
    For a gpu.launch marked `cwm.distribute_rows` (one row per block, every
    thread of the block running the row's ops redundantly, blockDim.x = W):
    each linalg.generic whose innermost loop walks the row (extent N, a
    multiple of W) is rewritten onto strided views, so thread t handles
    elements t, t + W, t + 2W, ... (coalesced, and each thread only reads
    the row elements it wrote itself: no barriers between phases). A
    reduction over the row reduces the thread's slice into a private
    accumulator that starts at the combiner's neutral element, combines the
    partial results of the block with `gpu.all_reduce ... uniform` (warp
    shuffles and a 32-value shared buffer once lowered), and combines the
    result with the output's initial value; every thread stores the same
    value. Row scalars (outputs of one element) are computed by every
    thread, each in its own copy (one-element allocations in the launch
    become private allocas). A launch with any op the pass cannot distribute is left as it
    is (still correct: every thread computes the whole row).
  }];
  let dependentDialects = ["gpu::GPUDialect", "memref::MemRefDialect",
                           "linalg::LinalgDialect", "arith::ArithDialect"];
}

def GpuContractFloatingPoint : Pass<"cwm-gpu-contract-fp", "ModuleOp"> {
  let summary = "Let GPU kernels fuse floating-point multiplies and adds (FMA)";
  let description = [{
    Gives every floating-point arith op and vector.reduction inside a
    gpu.launch the `contract` fast-math flag, so the NVPTX backend may fuse
    a multiply and the add that consumes it into one fma instruction (as
    nvcc does by default, --fmad=true). Without it a multiply-then-reduce
    (a convolution step contracted over its input channels, a dot product)
    is emitted as mul.rn and add.rn: twice the instructions and two
    roundings. Contraction changes results within rounding, never more.
  }];
  let dependentDialects = ["arith::ArithDialect"];
}

def GpuMmaTf32 : Pass<"cwm-gpu-mma-tf32", "ModuleOp"> {
  let summary = "Run f32 nvgpu.mma.sync on tf32 tensor cores";
  let description = [{
    Tensor cores take f32 inputs only as tf32 (10 mantissa bits). An
    nvgpu.mma.sync on f32 operands, which only a schedule that opted into
    tf32 produces (an mma action with tf32 = 1), gets the `tf32Enabled`
    attribute (MLIR's populateMmaSyncF32ToTF32Patterns); without it the
    NVVM conversion leaves the op unconverted. f16 mma.sync is untouched.
  }];
  let dependentDialects = ["nvgpu::NVGPUDialect"];
}

def GpuPipelineStaging : Pass<"cwm-gpu-pipeline-staging", "ModuleOp"> {
  let summary = "Double-buffer a kernel loop's asynchronous shared-memory staging";
  let description = [{
    A tensor-core schedule leaves, in each kernel, a reduction loop whose
    iteration copies the next slices of its inputs into shared-memory
    globals with cp.async (nvgpu.device_async_copy), waits, synchronizes the
    block, and computes from them. This pass gives every such global a
    second buffer and software-pipelines the loop: the first slices are
    copied before the loop; iteration i issues the copies of iteration i+1
    into the other buffer (the last iteration re-copies its own slices, so
    the group count stays regular), waits until only that group is in
    flight, synchronizes, and computes from its own buffer while the next
    copies land. Loops of another shape are left alone.
  }];
  let dependentDialects = ["nvgpu::NVGPUDialect", "arith::ArithDialect"];
}

def GpuLowerTmaKernels : Pass<"cwm-gpu-lower-tma-kernels", "ModuleOp"> {
  let summary = "Lower nvgpu ops to NVVM before outlining in modules that make TMA descriptors";
  let description = [{
    A Tensor Memory Accelerator descriptor (nvgpu.tma.create.descriptor) is
    made on the host and used in a kernel. Outlining would make it a kernel
    argument of nvgpu type, which no later conversion handles. In a module
    that makes such descriptors, this pass runs MLIR's
    convert-nvgpu-to-nvvm before outlining (as MLIR's own GPU pipeline
    does), so the descriptors cross into kernels as LLVM pointers. Modules
    without TMA descriptors are left exactly as they are: their kernels
    keep the lowering order they were tuned with.
  }];
  let dependentDialects = ["LLVM::LLVMDialect", "NVVM::NVVMDialect"];
}

def GpuDropHostSharedGlobals : Pass<"cwm-gpu-drop-host-shared-globals", "ModuleOp"> {
  let summary = "Erase the host's unused copies of shared-memory globals after outlining";
  let description = [{
    Kernels that need more than 48 KB of shared memory declare it as a
    public, uninitialized memref.global in workgroup memory (an `.extern
    .shared` array, the dynamic shared memory of the launch). Outlining
    copies the declaration into the kernel's gpu.module and leaves the
    original behind on the host, where no code uses it and a workgroup
    memory space cannot be lowered (an error, which MLIR reports without
    failing the pipeline). This pass erases such host-level globals when
    nothing on the host uses them.
  }];
}

def GpuSimtGemm : Pass<"cwm-gpu-simt-gemm", "ModuleOp"> {
  let summary = "Build CUDA-core f32 GEMM kernels for matmuls a simt_gemm schedule marked";
  let description = [{
    A linalg.matmul on buffers marked `cwm.simt_gemm_bm` (by a simt_gemm
    schedule) with f32 operands, zero-filled right before, becomes a call to
    a kernel function built from its static shapes: bm x bn output tiles of
    (bm/8) x (bn/8) threads with 8 x 8 register tiles, k-slices of bk
    double-buffered in shared memory, 16-byte global loads and stores. The
    fill is erased.
  }];
  let dependentDialects = ["func::FuncDialect", "gpu::GPUDialect",
    "scf::SCFDialect", "vector::VectorDialect", "memref::MemRefDialect",
    "arith::ArithDialect"];
}

def GpuWgmma : Pass<"cwm-gpu-wgmma", "ModuleOp"> {
  let summary = "Build Hopper TMA + warpgroup-MMA kernels for matmuls a wgmma schedule marked";
  let description = [{
    A linalg.matmul on buffers marked `cwm.wgmma_stages = S` (by a wgmma
    schedule) with f16 inputs and an f32 output, zero-filled right before,
    becomes a call to a kernel function built from its static shapes: 128 x
    128 output tiles, one warpgroup each, k-slices of 64 loaded by TMA into
    S shared-memory stages, wgmma m64n128k16 (sm_90a). The fill is erased.
  }];
  let dependentDialects = ["func::FuncDialect", "gpu::GPUDialect",
    "nvgpu::NVGPUDialect", "NVVM::NVVMDialect", "scf::SCFDialect",
    "vector::VectorDialect", "memref::MemRefDialect", "arith::ArithDialect"];
}

def PrepareWeights : Pass<"cwm-prepare-weights", "ModuleOp"> {
  let summary = "Compute what depends only on a function's weights once, in a function of its own";
  let description = [{
    In a public function whose arguments marked `cwm.weight` are weights
    (the same at every call: a model's parameters), the computations that
    read nothing but weights and constants, a Winograd convolution's filter
    transform or a weight relaid out by a schedule, move into
    `@F_prepare(weights...) -> (prepared...)`; `@F_prepared(arguments...,
    prepared...)` is `@F` taking their results as arguments instead. `@F`
    keeps its signature and calls the two, so a caller that passes
    everything at every call sees no change; one that binds the weights
    (Python's Function.bind) runs `@F_prepare` once. Runs on tensors, after
    the schedules are applied. Only computations (an op with a region, or
    fed by one) are prepared: a weight reshaped or sliced is left where it
    is. `@F` records the split in `cwm.prepare`; functions without marked
    arguments, or with no such computation, are left alone.
  }];
  let dependentDialects = ["func::FuncDialect"];
}

#endif // CWM_PIPELINES_PASSES
