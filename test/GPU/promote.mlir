// promote: the matmul's k-slices of A (64x16) and B (16x64) are copied by all
// 256 threads of the block into 16-byte aligned shared memory (128-bit
// stores), with barriers, and the 4x4 vectorized thread tiles compute from
// there with their accumulators in registers.
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/promoted.json | FileCheck %s --check-prefix=IR
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/promoted.json --cwm-lower-gpu | FileCheck %s --check-prefix=PTX
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/promote-late.json 2>&1 | FileCheck %s --check-prefix=LATE
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/promote-too-big.json 2>&1 | FileCheck %s --check-prefix=SHARED

// IR: gpu.launch
// IR: scf.for
// IR: gpu.barrier
// IR-DAG: memref.global "private" @{{.*}} : memref<64x16xf32, #gpu.address_space<workgroup>> {alignment = 16 : i64}
// IR-DAG: memref.global "private" @{{.*}} : memref<16x64xf32, #gpu.address_space<workgroup>> {alignment = 16 : i64}
// PTX-DAG: .shared .align 16 .b8
// PTX-DAG: st.shared.v4.b32
// PTX-DAG: ld.shared.v4.b32
// PTX-DAG: bar.sync
// PTX-DAG: fma.rn.f32
// LATE: promote comes before the op's map_threads
// (256 + 256) x 32 floats = 65536 bytes:
// SHARED: staging needs 65536 bytes of shared memory per block; the limit is 49152

func.func @mm(%A: tensor<256x128xf32>, %B: tensor<128x256xf32>) -> tensor<256x256xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<256x256xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<256x256xf32>) -> tensor<256x256xf32>
  %R = linalg.matmul ins(%A, %B : tensor<256x128xf32>, tensor<128x256xf32>) outs(%C : tensor<256x256xf32>) -> tensor<256x256xf32>
  return %R : tensor<256x256xf32>
}
