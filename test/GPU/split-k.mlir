// split_k: relu(A x W + b) with its 512-long reduction split in 4. The main
// grid (4 x 2 blocks per split, z = the split) computes 128-long partial
// sums of 32x64 tiles into a 4x64x256 device buffer, with the usual staged,
// vectorized thread tiles; a second kernel (one thread per output element)
// adds the 4 partial sums and applies the epilogue.
// RUN: cwm-opt %S/Inputs/dense-small.mlir --cwm-apply-trace=trace-file=%S/Inputs/split-k.json | FileCheck %s --check-prefix=IR
// RUN: cwm-opt %S/Inputs/dense-small.mlir --cwm-apply-trace=trace-file=%S/Inputs/split-k.json --cwm-lower-gpu | FileCheck %s --check-prefix=PTX
// RUN: not cwm-opt %S/Inputs/dense-small.mlir --cwm-apply-trace=trace-file=%S/Inputs/split-k-epilogue-mapped.json 2>&1 | FileCheck %s --check-prefix=EPILOGUE
// RUN: not cwm-opt %S/Inputs/dense-small.mlir --cwm-apply-trace=trace-file=%S/Inputs/split-k-factor.json 2>&1 | FileCheck %s --check-prefix=FACTOR

// IR: memref.alloc() {{.*}} : memref<4x64x256xf32>
// IR: gpu.launch blocks({{.*}}) in ({{.*}} = %c4{{.*}}, {{.*}} = %c2{{.*}}, {{.*}} = %c4{{.*}}) threads({{.*}}) in ({{.*}} = %c16{{.*}}, {{.*}} = %c8{{.*}}, {{.*}} = %c1
// IR: scf.for {{.*}} = %c0 to %c128 step %c16
// IR: gpu.barrier
// IR: gpu.launch blocks({{.*}}) in ({{.*}} = %c1{{.*}}, {{.*}} = %c64{{.*}}, {{.*}} = %c1{{.*}}) threads({{.*}}) in ({{.*}} = %c256
// IR: linalg.generic {{.*}}iterator_types = ["reduction", "parallel", "parallel"]{{.*}} ins({{.*}} : memref<4x1x1xf32
// IR: arith.maximumf

// The combining kernel loads the 4 partial sums 64 x 256 floats apart.
// PTX: .maxntid 16, 8, 1
// PTX: .shared .align 16 .b8
// PTX: fma.rn.f32
// PTX: .maxntid 256, 1, 1
// PTX: ld.global.b32 {{.*}}+65536]
// PTX: ld.global.b32 {{.*}}+131072]
// PTX: ld.global.b32 {{.*}}+196608]
// PTX: max.NaN.f32

// EPILOGUE: action 2 (map_threads of op 2): 'linalg.generic' has no loops to schedule
// FACTOR: action 0 (split_k of op 1): split factor 3 does not divide the reduction extent 512
