// simt_gemm: a CUDA-core f32 GEMM kernel built from the matmul's shapes
// (bm x bn block tiles, 8 x 8 register tiles per thread as 2 x 2 quads of
// 4 x 4, k-slices of bk double-buffered in static shared memory with A
// transposed). The schedule marks the matmul and bufferizes;
// cwm-gpu-simt-gemm builds the kernel.
// RUN: cwm-opt %S/Inputs/matmul-f32.mlir --cwm-apply-trace=trace-file=%S/Inputs/simt-gemm.json | FileCheck %s --check-prefix=MARKED
// RUN: cwm-opt %S/Inputs/matmul-f32.mlir --cwm-apply-trace=trace-file=%S/Inputs/simt-gemm.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-gpu-simt-gemm | FileCheck %s --check-prefix=KERNEL
// RUN: cwm-opt %S/Inputs/matmul-f32.mlir --cwm-apply-trace=trace-file=%S/Inputs/simt-gemm.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-lower-gpu | FileCheck %s --check-prefix=PTX
// A 64 x 32 tile with k-slices of 16: 32 threads, each loading two quads of
// A and four of B per slice.
// RUN: sed 's/"bm": 128, "bn": 128, "bk": 8/"bm": 64, "bn": 32, "bk": 16/' %S/Inputs/simt-gemm.json > %t.small.json
// RUN: cwm-opt %S/Inputs/matmul-f32.mlir --cwm-apply-trace=trace-file=%t.small.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-lower-gpu | FileCheck %s --check-prefix=SMALL
// k split among 4 blocks per tile (grid z): C zeroed by a first launch, the
// partial tiles added with atomics.
// RUN: sed 's/"bk": 8/"bk": 8, "split": 4/' %S/Inputs/simt-gemm.json > %t.split.json
// RUN: cwm-opt %S/Inputs/matmul-f32.mlir --cwm-apply-trace=trace-file=%t.split.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-gpu-simt-gemm | FileCheck %s --check-prefix=SPLIT
// RUN: cwm-opt %S/Inputs/matmul-f32.mlir --cwm-apply-trace=trace-file=%t.split.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-lower-gpu | FileCheck %s --check-prefix=SPLITPTX
// Errors, in the checks' own format:
// RUN: not cwm-opt %S/Inputs/matmul-f16-256.mlir --cwm-apply-trace=trace-file=%S/Inputs/simt-gemm.json 2>&1 | FileCheck %s --check-prefix=F16
// RUN: sed 's/"bm": 128/"bm": 96/' %S/Inputs/simt-gemm.json > %t.bm.json
// RUN: not cwm-opt %S/Inputs/matmul-f32.mlir --cwm-apply-trace=trace-file=%t.bm.json 2>&1 | FileCheck %s --check-prefix=BM
// RUN: sed 's/"bm": 128, "bn": 128/"bm": 32, "bn": 32/' %S/Inputs/simt-gemm.json > %t.few.json
// RUN: not cwm-opt %S/Inputs/matmul-f32.mlir --cwm-apply-trace=trace-file=%t.few.json 2>&1 | FileCheck %s --check-prefix=FEW
// RUN: sed 's/"bk": 8/"bk": 32/' %S/Inputs/simt-gemm.json > %t.bk.json
// RUN: not cwm-opt %S/Inputs/matmul-f32.mlir --cwm-apply-trace=trace-file=%t.bk.json 2>&1 | FileCheck %s --check-prefix=BK
// RUN: sed 's/"bk": 8/"bk": 8, "split": 3/' %S/Inputs/simt-gemm.json > %t.split3.json
// RUN: not cwm-opt %S/Inputs/matmul-f32.mlir --cwm-apply-trace=trace-file=%t.split3.json 2>&1 | FileCheck %s --check-prefix=SPLIT3
// RUN: sed 's/"bk": 8/"bk": 16, "split": 8/' %S/Inputs/simt-gemm.json > %t.split8.json
// RUN: not cwm-opt %S/Inputs/matmul-f32-n202.mlir --cwm-apply-trace=trace-file=%t.split8.json 2>&1 | FileCheck %s --check-prefix=SPLITK
// RUN: not cwm-opt %S/Inputs/matmul-f32-n202.mlir --cwm-apply-trace=trace-file=%S/Inputs/simt-gemm.json 2>&1 | FileCheck %s --check-prefix=SHAPE
// Ragged edges: n = 200 in column blocks of 128 (the second block stores
// only the quads inside C), and m = 100 rows (a row past m reads row 99
// and stores nothing).
// RUN: cwm-opt %S/Inputs/matmul-f32-odd.mlir --cwm-apply-trace=trace-file=%S/Inputs/simt-gemm.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-gpu-simt-gemm | FileCheck %s --check-prefix=RAGGED
// RUN: cwm-opt %S/Inputs/matmul-f32-ragged.mlir --cwm-apply-trace=trace-file=%S/Inputs/simt-gemm.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-gpu-simt-gemm | FileCheck %s --check-prefix=ROWS
// RUN: cwm-opt %S/Inputs/matmul-f32-ragged.mlir --cwm-apply-trace=trace-file=%S/Inputs/simt-gemm.json --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" --cwm-lower-gpu | FileCheck %s --check-prefix=PTX
// RUN: sed 's/\]}$/, {"kind": "vectorize", "target": 1}]}/' %S/Inputs/simt-gemm.json > %t.two.json
// RUN: not cwm-opt %S/Inputs/matmul-f32.mlir --cwm-apply-trace=trace-file=%t.two.json 2>&1 | FileCheck %s --check-prefix=ALONE
// RUN: not cwm-opt %s --cwm-gpu-simt-gemm 2>&1 | FileCheck %s --check-prefix=NOFILL

// MARKED: linalg.matmul {cwm.simt_gemm_bk = 8 : i64, cwm.simt_gemm_bm = 128 : i64, cwm.simt_gemm_bn = 128 : i64} ins(%{{.*}}, %{{.*}} : memref<256x256xf32>, memref<256x256xf32>)

// The fill is gone; 2 x 2 blocks of 256 threads with two buffers of A
// (8 x 132) and B (8 x 128) in shared memory; the slice loop carries 16
// quads of accumulators and loads the next slice before it multiplies.
// KERNEL: func.func @mm(
// KERNEL-NOT: linalg.fill
// KERNEL: call @cwm_simt_gemm_256x256x256_128x128x8(
// KERNEL: func.func private @cwm_simt_gemm_256x256x256_128x128x8(
// KERNEL: gpu.launch {{.*}} in (%{{.*}} = %c2{{.*}}, %{{.*}} = %c2{{.*}}, %{{.*}} = %c1{{.*}}) threads({{.*}}) in (%{{.*}} = %c256{{.*}}) workgroup(%{{.*}} : memref<2x8x132xf32, #gpu.address_space<workgroup>>, %{{.*}} : memref<2x8x128xf32, #gpu.address_space<workgroup>>)
// KERNEL: scf.for {{.*}} iter_args({{.*}}) -> (vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>)
// KERNEL: scf.if {{.*}} -> (vector<4xf32>, vector<4xf32>)
// KERNEL: vector.load {{.*}} : memref<256x256xf32>, vector<4xf32>
// KERNEL: vector.fma
// KERNEL: gpu.barrier

// 16-byte global loads and stores, 16-byte shared loads, FMAs.
// PTX-DAG: .maxntid 256, 1, 1
// PTX-DAG: ld.global.v4.b32
// PTX-DAG: ld.shared.v4.b32
// PTX-DAG: st.shared.v4.b32
// PTX-DAG: st.global.v4.b32
// PTX-DAG: fma.rn.f32
// PTX-DAG: bar.sync

// SPLIT: call @cwm_simt_gemm_256x256x256_128x128x8_split4(
// SPLIT: func.func private @cwm_simt_gemm_256x256x256_128x128x8_split4(
// SPLIT: gpu.launch {{.*}} in (%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) threads({{.*}}) in (%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) {
// SPLIT: vector.store %{{.*}}, %{{.*}}[%{{.*}}, %{{.*}}] : memref<256x256xf32>, vector<4xf32>
// SPLIT: gpu.terminator
// SPLIT: gpu.launch blocks(%{{.*}}, %{{.*}}, %[[BZ:.*]]) in (%{{.*}} = %c2{{.*}}, %{{.*}} = %c2{{.*}}, %{{.*}} = %c4{{.*}})
// SPLIT: arith.muli %[[BZ]], %c64{{.*}} : index
// SPLIT: scf.for {{.*}} = %c0{{.*}} to %c8{{.*}} step %c1
// SPLIT-COUNT-64: memref.atomic_rmw addf
// SPLIT-NOT: vector.store {{.*}} memref<256x256xf32>
// SPLIT: gpu.terminator
// SPLITPTX-DAG: .maxntid 256, 1, 1
// SPLITPTX-DAG: {{(atom|red)}}.global.add.f32
// SPLITPTX-DAG: fma.rn.f32
// SMALL: call @cwm_simt_gemm_256x256x256_64x32x16(
// SMALL: .maxntid 32, 1, 1
// F16: simt_gemm needs f32 inputs and an f32 result, have f16 -> f32
// BM: bm = 96 must be 32, 64 or 128
// FEW: bm x bn = 32 x 32 makes 16 threads of 8 x 8 outputs; 32 to 256 are allowed
// BK: bk = 32 must be 8 or 16
// SPLIT3: split = 3 must be 1, 2, 4 or 8
// SPLITK: simt_gemm needs n a multiple of 4 and k of 128 (bk x split), have 256 x 202 x 256
// SHAPE: simt_gemm needs n a multiple of 4 and k of 8, have 256 x 202 x 256

// Two column blocks; B's columns clamped to the last quad (196); each
// quad's stores under its own column check.
// RAGGED: func.func private @cwm_simt_gemm_256x200x256_128x128x8(
// RAGGED-DAG: %[[GX:.*]] = arith.constant 2 : index
// RAGGED-DAG: %[[GY:.*]] = arith.constant 2 : index
// RAGGED: gpu.launch blocks({{.*}}) in ({{.*}} = %[[GX]], {{.*}} = %[[GY]],
// RAGGED: arith.minui %{{.*}}, %c196 : index
// RAGGED: %[[OKC0:.*]] = arith.cmpi ult, %{{.*}}, %c200 : index
// RAGGED: %[[OKC1:.*]] = arith.cmpi ult, %{{.*}}, %c200 : index
// RAGGED-NOT: arith.cmpi ult, %{{.*}}, %c256
// RAGGED: scf.if %[[OKC0]] {
// RAGGED-NEXT: vector.store
// RAGGED: scf.if %[[OKC1]] {
// RAGGED-NEXT: vector.store

// ROWS: func.func private @cwm_simt_gemm_100x200x256_128x128x8(
// ROWS: arith.minui %{{.*}}, %c99 : index
// ROWS: %[[OK:.*]] = arith.cmpi ult, %{{.*}}, %c100 : index
// ROWS-NEXT: scf.if %[[OK]] {
// ROWS-NEXT: scf.if
// ALONE: simt_gemm must be the only action of its trace
// NOFILL: simt_gemm: the matmul's output is not zero-filled right before it

func.func @nofill(%A: memref<128x128xf32>, %B: memref<128x128xf32>, %C: memref<128x128xf32>) {
  linalg.matmul {cwm.simt_gemm_bm = 128 : i64} ins(%A, %B : memref<128x128xf32>, memref<128x128xf32>) outs(%C : memref<128x128xf32>)
  return
}
