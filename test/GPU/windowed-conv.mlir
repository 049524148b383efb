// Windowed convolutions on the GPU: each thread computes a tile of output
// columns and channels, walking the window one tap at a time; once the unit
// loops are dropped every step is a small contraction on vectors, its
// accumulators hoisted into registers (loop-carried vectors), and the
// kernels' multiply-adds fuse into fma (cwm-gpu-contract-fp).
// RUN: cwm-opt %S/Inputs/group-conv.mlir --cwm-extract-tasks --cwm-apply-trace=trace-file=%S/Inputs/group-conv-windowed.json | FileCheck %s --check-prefix=IR
// RUN: cwm-opt %S/Inputs/group-conv.mlir --cwm-extract-tasks --cwm-apply-trace=trace-file=%S/Inputs/group-conv-windowed.json --cwm-lower-gpu | FileCheck %s --check-prefix=PTX
// RUN: cwm-opt %S/Inputs/strided-conv.mlir --cwm-extract-tasks --cwm-apply-trace=trace-file=%S/Inputs/strided-conv-windowed.json --cwm-lower-gpu | FileCheck %s --check-prefix=STRIDED
// RUN: not cwm-opt %S/Inputs/strided-conv.mlir --cwm-extract-tasks --cwm-apply-trace=trace-file=%S/Inputs/strided-conv-wide-columns.json 2>&1 | FileCheck %s --check-prefix=WIDE
// The CUDA rules take this route for most grouped-convolution samples, and
// every sample builds.
// RUN: rm -rf %t && mkdir -p %t
// RUN: cwm-opt %S/Inputs/group-conv.mlir --cwm-autotune="target=cuda trials=8 seed=3 cost-model=random db=%t/db.jsonl export=%t/batch" -o /dev/null
// RUN: grep -c drop_unit_dims %t/batch/pending.jsonl | FileCheck %s --check-prefix=SAMPLED
// RUN: not grep build_error %t/batch/pending.jsonl

// The pad gets a grid of its own over rows, columns and channels (the
// groups loop inside each thread), then the convolution's grid: 4 groups x
// 7 column blocks x 14 row blocks, 8 x 4 x 4 threads.
// IR: gpu.launch blocks({{.*}}) in ({{.*}} = %c1{{.*}}, {{.*}} = %c29{{.*}}, {{.*}} = %c29{{.*}}) threads
// IR: gpu.launch blocks({{.*}}) in ({{.*}} = %c4{{.*}}, {{.*}} = %c7{{.*}}, {{.*}} = %c14{{.*}}) threads({{.*}}) in ({{.*}} = %c8{{.*}}, {{.*}} = %c4{{.*}}, {{.*}} = %c4
// IR: scf.for {{.*}} iter_args({{.*}}) -> (vector<2x4xf32>)
// IR: scf.for {{.*}} iter_args({{.*}}) -> (vector<2x4xf32>)
// IR: scf.for {{.*}} iter_args({{.*}}) -> (vector<2x4xf32>)
// IR: vector.load {{.*}} : memref<4x32x3x3x32xf32>, vector<4xf32>

// PTX: ld.global.v4.b32
// PTX: fma.rn.f32
// PTX-NOT: mul.rn.f32

// STRIDED: ld.global.v4.b32
// STRIDED: fma.rn.f32
// STRIDED-NOT: mul.rn.f32

// SAMPLED: {{^[4-8]$}}

// WIDE: strided-conv.mlir:6:8: error: invalid trace: action 4 (drop_unit_dims of op 1): a strided convolution needs an output-column tile of 1
