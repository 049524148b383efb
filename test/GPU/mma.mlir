// mma: an f16 x f16 -> f32 matmul on tensor cores. Blocks of 128x128 with
// 2x2 warps of 64x64; k-slices of 32 staged in shared memory by 16-byte
// cp.async, double-buffered (the copies of slice i+1 fly while slice i is
// computed: wait_group 1), fragments loaded with ldmatrix, mma.sync m16n8k16
// with f32 accumulators kept in registers.
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/mma.json | FileCheck %s --check-prefix=IR
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/mma.json --cwm-lower-gpu | FileCheck %s --check-prefix=PTX
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/mma.json --canonicalize --cwm-gpu-pipeline-staging | FileCheck %s --check-prefix=PIPE
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/mma-unpromoted.json 2>&1 | FileCheck %s --check-prefix=UNPROMOTED
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/mma-bad-warp.json 2>&1 | FileCheck %s --check-prefix=WARP
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/mma-registers.json 2>&1 | FileCheck %s --check-prefix=REGISTERS
// RUN: not cwm-opt %S/Inputs/matmul-f32.mlir --cwm-apply-trace=trace-file=%S/Inputs/mma.json 2>&1 | FileCheck %s --check-prefix=F32
// An f32 matmul opted into tf32 (tf32 = 1; cwm-autotune tf32=true): k slices
// of 16 floats, mma.sync m16n8k8 on tf32 operands, 16-byte cp.async staging
// padded by 16 bytes per row (2 x 128 x 20 x 4 bytes of A, 2 x 16 x 132 x 4
// of B). The same trace on f16 inputs is refused.
// RUN: cwm-opt %S/Inputs/matmul-f32.mlir --cwm-apply-trace=trace-file=%S/Inputs/mma-tf32.json --cwm-lower-gpu | FileCheck %s --check-prefix=TF32
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/mma-tf32.json 2>&1 | FileCheck %s --check-prefix=TF32F16

// IR: gpu.launch
// IR-SAME: threads({{.*}}) in ({{.*}} = %c32{{.*}}, {{.*}} = %c4{{.*}}, {{.*}} = %c1
// IR: scf.for
// IR: nvgpu.device_async_copy {{.*}}, 8 {bypassL1}
// IR: nvgpu.ldmatrix {{.*}}transpose = false
// IR: nvgpu.ldmatrix {{.*}}transpose = true
// IR: nvgpu.mma.sync({{.*}}) {mmaShape = [16, 8, 16]} : (vector<4x2xf16>, vector<2x2xf16>, vector<2x2xf32>) -> vector<2x2xf32>

// PIPE: nvgpu.device_async_create_group
// PIPE: scf.for
// PIPE: arith.minsi
// PIPE: nvgpu.device_async_copy
// PIPE: %[[GROUP:.*]] = nvgpu.device_async_create_group
// PIPE-NEXT: nvgpu.device_async_wait %[[GROUP]] {numGroups = 1 : i32}
// PIPE-NEXT: gpu.barrier
// PIPE: nvgpu.mma.sync
// PIPE: gpu.barrier
// PIPE-NEXT: scf.yield
// PIPE: nvgpu.device_async_wait {{.*}} {numGroups = 0 : i32}
// Two stages of each staged slice (2 x 128 rows of A, 2 x 32 rows of B),
// each row padded by 8 halves against ldmatrix bank conflicts.
// PIPE-DAG: memref.global "private" @{{.*}} : memref<256x40xf16, #gpu.address_space<workgroup>> {alignment = 16 : i64}
// PIPE-DAG: memref.global "private" @{{.*}} : memref<64x136xf16, #gpu.address_space<workgroup>> {alignment = 16 : i64}

// PTX-DAG: .shared .align 16 .b8
// PTX-DAG: cp.async.cg.shared.global
// PTX-DAG: cp.async.wait_group \091;
// PTX-DAG: ldmatrix.sync.aligned.m8n8.x4.shared.b16
// PTX-DAG: ldmatrix.sync.aligned.m8n8.x2.trans.shared.b16
// PTX-DAG: mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32
// PTX-DAG: st.global.v4.b32

// UNPROMOTED: mma comes after promote and replaces the op's map_threads
// 16 warps of 64x64 tiles: 128 accumulators per thread, about 160 registers
// for each of 512 threads, more than a block's 65536.
// REGISTERS: GPU schedule needs about 160 registers for each of 512 threads, 81920 per block; the limit is 65536
// WARP: warp tile m = 24 must be a multiple of 16 dividing the block tile 128
// F32: mma on f32 inputs rounds them to tf32: it needs the decision tf32 = 1
// TF32-DAG: .shared .align 16 .b8 {{.*}}[20480]
// TF32-DAG: .shared .align 16 .b8 {{.*}}[16896]
// TF32-DAG: cp.async.cg.shared.global [{{.*}}], [{{.*}}], 16;
// TF32-DAG: mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32
// TF32F16: tf32 mma needs f32 inputs and an f32 result, have f16 -> f32

func.func @mm(%A: tensor<256x256xf16>, %B: tensor<256x256xf16>) -> tensor<256x256xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<256x256xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<256x256xf32>) -> tensor<256x256xf32>
  %R = linalg.matmul ins(%A, %B : tensor<256x256xf16>, tensor<256x256xf16>) outs(%C : tensor<256x256xf32>) -> tensor<256x256xf32>
  return %R : tensor<256x256xf32>
}
