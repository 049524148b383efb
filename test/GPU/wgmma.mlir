// wgmma: Hopper's TMA + warpgroup-MMA kernel for an f16 x f16 -> f32 matmul
// (128 x 128 tiles, one warpgroup, k-slices of 64 in `stages` TMA-filled
// shared-memory buffers). The schedule marks the matmul and bufferizes;
// cwm-gpu-wgmma builds the kernel; it compiles for sm_90a only.
// RUN: cwm-opt %S/Inputs/matmul-f16-256.mlir --cwm-apply-trace=trace-file=%S/Inputs/wgmma.json | FileCheck %s --check-prefix=MARKED
// RUN: cwm-opt %S/Inputs/matmul-f16-256.mlir --cwm-apply-trace=trace-file=%S/Inputs/wgmma.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-gpu-wgmma | FileCheck %s --check-prefix=KERNEL
// RUN: cwm-opt %S/Inputs/matmul-f16-256.mlir --cwm-apply-trace=trace-file=%S/Inputs/wgmma.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-lower-gpu="chip=sm_90a" | FileCheck %s --check-prefix=PTX
// RUN: not cwm-opt %S/Inputs/matmul-f16-256.mlir --cwm-apply-trace=trace-file=%S/Inputs/wgmma.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-lower-gpu 2>&1 | FileCheck %s --check-prefix=SM90
// RUN: not cwm-opt %S/Inputs/matmul-f32.mlir --cwm-apply-trace=trace-file=%S/Inputs/wgmma.json 2>&1 | FileCheck %s --check-prefix=F32
// RUN: sed 's/"stages": 4/"stages": 7/' %S/Inputs/wgmma.json > %t.deep.json
// RUN: not cwm-opt %S/Inputs/matmul-f16-256.mlir --cwm-apply-trace=trace-file=%t.deep.json 2>&1 | FileCheck %s --check-prefix=STAGES
// RUN: sed 's/256x256xf32/256x200xf32/g; s/%%B: tensor<256x256xf16>/%%B: tensor<256x200xf16>/; s/tensor<256x256xf16>, tensor<256x256xf16>/tensor<256x256xf16>, tensor<256x200xf16>/' %S/Inputs/matmul-f16-256.mlir | not cwm-opt --cwm-apply-trace=trace-file=%S/Inputs/wgmma.json 2>&1 | FileCheck %s --check-prefix=SHAPE
// RUN: sed 's/\]}$/, {"kind": "vectorize", "target": 1}]}/' %S/Inputs/wgmma.json > %t.two.json
// RUN: not cwm-opt %S/Inputs/matmul-f16-256.mlir --cwm-apply-trace=trace-file=%t.two.json 2>&1 | FileCheck %s --check-prefix=ALONE
// RUN: not cwm-opt %s --cwm-gpu-wgmma 2>&1 | FileCheck %s --check-prefix=NOFILL
// Two warpgroups of 64 x 256 accumulators each (block tile 128 x 256): 256
// threads, one TMA load per warpgroup's rows of A and four of B per stage.
// RUN: sed 's/"stages": 4/"stages": 3, "n": 256, "warpgroups": 2/' %S/Inputs/wgmma.json > %t.wide.json
// RUN: cwm-opt %S/Inputs/matmul-f16-256.mlir --cwm-apply-trace=trace-file=%t.wide.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-lower-gpu="chip=sm_90a" | FileCheck %s --check-prefix=WIDE
// RUN: sed 's/"stages": 4/"stages": 4, "n": 256/' %S/Inputs/wgmma.json > %t.one.json
// RUN: not cwm-opt %S/Inputs/matmul-f16-256.mlir --cwm-apply-trace=trace-file=%t.one.json 2>&1 | FileCheck %s --check-prefix=ONE
// RUN: sed 's/"stages": 4/"stages": 5, "n": 256, "warpgroups": 2/' %S/Inputs/wgmma.json > %t.big.json
// RUN: sed 's/256x256xf16>, %%B: tensor<256x256xf16>/256x512xf16>, %%B: tensor<512x256xf16>/; s/tensor<256x256xf16>, tensor<256x256xf16>/tensor<256x512xf16>, tensor<512x256xf16>/' %S/Inputs/matmul-f16-256.mlir | not cwm-opt --cwm-apply-trace=trace-file=%t.big.json 2>&1 | FileCheck %s --check-prefix=SMEM
// Warp specialization and rasterization: a third warpgroup only loads (384
// threads); the consumers release each stage on an "empty" mbarrier (256
// arrivals) instead of a block barrier per slice and meet on a named
// barrier of their 256 threads before the epilogue; blocks launch in groups
// of 4 block rows.
// RUN: sed 's/"stages": 4/"stages": 3, "n": 256, "warpgroups": 2, "producer": 1, "raster": 4/' %S/Inputs/wgmma.json > %t.spec.json
// RUN: cwm-opt %S/Inputs/matmul-f16-256.mlir --cwm-apply-trace=trace-file=%t.spec.json | FileCheck %s --check-prefix=SPECMARK
// RUN: cwm-opt %S/Inputs/matmul-f16-256.mlir --cwm-apply-trace=trace-file=%t.spec.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-gpu-wgmma | FileCheck %s --check-prefix=SPEC
// RUN: cwm-opt %S/Inputs/matmul-f16-256.mlir --cwm-apply-trace=trace-file=%t.spec.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-lower-gpu="chip=sm_90a" | FileCheck %s --check-prefix=SPECPTX
// RUN: sed 's/"stages": 4/"stages": 4, "producer": 2/' %S/Inputs/wgmma.json > %t.p2.json
// RUN: not cwm-opt %S/Inputs/matmul-f16-256.mlir --cwm-apply-trace=trace-file=%t.p2.json 2>&1 | FileCheck %s --check-prefix=PRODUCER
// RUN: sed 's/"stages": 4/"stages": 4, "raster": 3/' %S/Inputs/wgmma.json > %t.r3.json
// RUN: not cwm-opt %S/Inputs/matmul-f16-256.mlir --cwm-apply-trace=trace-file=%t.r3.json 2>&1 | FileCheck %s --check-prefix=RASTER

// MARKED: linalg.matmul {cwm.wgmma_n = 128 : i64, cwm.wgmma_stages = 4 : i64, cwm.wgmma_warpgroups = 1 : i64} ins(%{{.*}}, %{{.*}} : memref<256x256xf16>, memref<256x256xf16>)

// The fill is gone (the kernel writes all of C); the host makes two TMA
// descriptors and launches 2 x 2 blocks of 128 threads with 4 x 32 KB + 1 KB
// of dynamic shared memory.
// KERNEL: func.func @task(
// KERNEL-NOT: linalg.fill
// KERNEL: call @cwm_wgmma_256x256x256_s4_n128_w1(
// KERNEL: memref.global @cwm_dynamic_smem : memref<0xi8, #gpu.address_space<workgroup>> {alignment = 1024 : i64}
// KERNEL: func.func private @cwm_wgmma_256x256x256_s4_n128_w1(
// KERNEL: nvgpu.tma.create.descriptor {{.*}} box[%c128, %c64] : memref<*xf16> -> <tensor = memref<128x64xf16, 3>, swizzle = swizzle_128b
// KERNEL: gpu.launch {{.*}} in (%{{.*}} = %c2{{.*}}, %{{.*}} = %c2{{.*}}, %{{.*}} = %c1{{.*}}) threads({{.*}}) in (%{{.*}} = %c128{{.*}}) dynamic_shared_memory_size %c132096_i32
// KERNEL: nvgpu.mbarrier.try_wait.parity
// KERNEL: nvgpu.warpgroup.mma {{.*}} {transposeB}
// KERNEL: nvgpu.tma.async.load

// PTX: llvm.call @mgpuTensorMapEncodeTiledMemref
// PTX-DAG: .target sm_90a
// PTX-DAG: .extern .shared .align 1024 .b8 cwm_dynamic_smem[];
// PTX-DAG: mbarrier.arrive.expect_tx.shared.b64
// PTX-DAG: cp.async.bulk.tensor.2d.shared::cluster.global.tile.mbarrier::complete_tx::bytes
// PTX-DAG: mbarrier.try_wait.parity.shared.b64
// PTX-DAG: wgmma.fence.sync.aligned;
// PTX-DAG: wgmma.mma_async.sync.aligned.m64n128k16.f32.f16.f16
// PTX-DAG: wgmma.commit_group.sync.aligned;
// PTX-DAG: wgmma.wait_group.sync.aligned \091;
// PTX-DAG: st.global.v4.b32

// WIDE: call @cwm_wgmma_256x256x256_s3_n256_w2(
// WIDE-DAG: .maxntid 256, 1, 1
// WIDE-DAG: wgmma.mma_async.sync.aligned.m64n256k16.f32.f16.f16
// SPECMARK: linalg.matmul {cwm.wgmma_n = 256 : i64, cwm.wgmma_producer = 1 : i64, cwm.wgmma_raster = 4 : i64, cwm.wgmma_stages = 3 : i64, cwm.wgmma_warpgroups = 2 : i64}

// SPEC: call @cwm_wgmma_256x256x256_s3_n256_w2_p_r4(
// SPEC: func.func private @cwm_wgmma_256x256x256_s3_n256_w2_p_r4(
// SPEC: gpu.launch {{.*}} threads({{.*}}) in (%{{.*}} = %c384{{.*}})
// SPEC: arith.minui
// SPEC: nvgpu.mbarrier.init %[[FULL:[0-9]+]][%{{.*}}], %{{.*}} :
// SPEC-NEXT: nvgpu.mbarrier.init %[[EMPTY:[0-9]+]][%{{.*}}], %c256{{.*}} :
// SPEC: scf.if
// SPEC: nvgpu.mbarrier.try_wait.parity %[[EMPTY]]
// SPEC: nvgpu.tma.async.load
// SPEC: } else {
// SPEC: nvgpu.mbarrier.try_wait.parity %[[FULL]]
// SPEC-NOT: gpu.barrier
// SPEC: nvgpu.warpgroup.mma
// SPEC-NOT: gpu.barrier
// SPEC: nvgpu.mbarrier.arrive %[[EMPTY]]
// SPEC: nvvm.barrier id = %{{.*}} number_of_threads = %c256_i32
// SPEC: nvgpu.warpgroup.mma.store

// SPECPTX-DAG: .maxntid 384, 1, 1
// SPECPTX-DAG: mbarrier.arrive.shared.b64
// SPECPTX-DAG: bar.sync \091, 256;
// SPECPTX-DAG: wgmma.mma_async.sync.aligned.m64n256k16.f32.f16.f16
// PRODUCER: producer = 2 must be 0 or 1
// RASTER: raster = 3 must be 0, 4, 8 or 16 (block rows per group)
// ONE: n = 256 needs two warpgroups
// SMEM: stages = 5 of 49152 bytes need 246784 bytes of shared memory; the limit is 231424
// SM90: 'nvvm.wgmma.fence.aligned' op is not supported on sm_90
// F32: wgmma needs f16 inputs and an f32 result, have f32 -> f32
// STAGES: stages = 7 must be within 2..6
// SHAPE: wgmma needs m a multiple of 128, n of 128 and k of 64, have 256 x 200 x 256
// ALONE: wgmma must be the only action of its trace
// NOFILL: wgmma: the matmul's output is not zero-filled right before it

func.func @nofill(%A: memref<128x128xf16>, %B: memref<128x128xf16>, %C: memref<128x128xf32>) {
  linalg.matmul {cwm.wgmma_stages = 2 : i64} ins(%A, %B : memref<128x128xf16>, memref<128x128xf16>) outs(%C : memref<128x128xf32>)
  return
}
