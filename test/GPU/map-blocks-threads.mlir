// GPU schedule actions: map_blocks tiles the root to thread blocks (innermost
// tiled loop = x) and fuses the fill; map_threads gives each thread its tile;
// the schedule ends in gpu.launch with block_dims from the root's mapping;
// cwm-lower-gpu turns it into a host function and sm_90 PTX.
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/map.json | FileCheck %s --check-prefix=LAUNCH
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/map.json --cwm-lower-gpu | FileCheck %s --check-prefix=PTX
// RUN: cwm-opt %s --cwm-apply-trace="trace-file=%S/Inputs/map.json print-script=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SCRIPT
// Vectorized 4x4 thread tiles: contractions become FMAs, transfers plain
// vector loads and stores on buffers.
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/vectorized.json | FileCheck %s --check-prefix=VEC
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/vectorized.json --cwm-lower-gpu | FileCheck %s --check-prefix=VECPTX
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/unmapped-fill.json 2>&1 | FileCheck %s --check-prefix=UNMAPPED
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/too-many-threads.json 2>&1 | FileCheck %s --check-prefix=THREADS
// Shared memory is checked before a schedule is built: 96 softmax rows per
// block need a 96x128 f32 buffer of exponentials and at least one of 96 row
// scalars (49536 bytes, over 48 KiB); 64 rows (33024 bytes) build and lower.
// RUN: not cwm-opt %S/Inputs/softmax.mlir --cwm-extract-tasks --cwm-apply-trace=trace-file=%S/Inputs/softmax-rows-96.json 2>&1 | FileCheck %s --check-prefix=SHARED
// RUN: cwm-opt %S/Inputs/softmax.mlir --cwm-extract-tasks --cwm-apply-trace=trace-file=%S/Inputs/softmax-rows-64.json --cwm-lower-gpu | FileCheck %s --check-prefix=SHARED64

// 256/64 = 4 blocks along i (y), 256/32 = 8 along j (x); 64/4 = 16 threads
// along i (y), 32/2 = 16 along j (x).
// LAUNCH: gpu.launch blocks({{.*}}) in ({{.*}} = %c8{{.*}}, {{.*}} = %c4{{.*}}, {{.*}} = %c1{{.*}}) threads({{.*}}) in ({{.*}} = %c16{{.*}}, {{.*}} = %c16{{.*}}, {{.*}} = %c1{{.*}})
// LAUNCH-DAG: gpu.block_id x
// LAUNCH-DAG: gpu.thread_id x
// LAUNCH-NOT: scf.forall

// PTX: gpu.launch_func @mm_kernel::@mm_kernel
// PTX: gpu.binary @mm_kernel
// PTX-SAME: .entry mm_kernel

// SCRIPT: %root: !transform.any_op {transform.consumed}
// SCRIPT: tile_using_forall {{.*}} tile_sizes [64, 32, 0] (mapping = [#gpu.block<y>, #gpu.block<x>])
// SCRIPT: fuse_into_containing_op
// SCRIPT: tile_using_forall {{.*}} tile_sizes [4, 2, 0] (mapping = [#gpu.thread<y>, #gpu.thread<x>])
// SCRIPT: transform.bufferization.one_shot_bufferize
// SCRIPT: transform.gpu.map_forall_to_blocks {{.*}} generate_gpu_launch
// SCRIPT: transform.gpu.map_nested_forall_to_threads {{.*}} block_dims = [16, 16, 1]

// VEC: gpu.launch
// VEC: vector.load {{.*}} : memref<256x128xf32>, vector<4xf32>
// VEC: vector.fma {{.*}} : vector<4xf32>
// VEC: vector.store
// VEC-NOT: vector.transfer_read
// VECPTX: gpu.binary @mm_kernel
// VECPTX-SAME: fma.rn.f32

// UNMAPPED: error: invalid trace: GPU schedule leaves op 0 ('linalg.fill') unmapped
// THREADS: error: invalid trace: action 1 (map_threads of op 1): 2048 threads per block; the limit is 1024
// SHARED: error: invalid trace: GPU schedule's block-level buffers (the block tiles of the ops fused into the root's blocks) need 49536 bytes of shared memory; the limit is 49152
// SHARED64: gpu.launch_func
// SHARED64: gpu.binary

func.func @mm(%A: tensor<256x128xf32>, %B: tensor<128x256xf32>) -> tensor<256x256xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<256x256xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<256x256xf32>) -> tensor<256x256xf32>
  %R = linalg.matmul ins(%A, %B : tensor<256x128xf32>, tensor<128x256xf32>) outs(%C : tensor<256x256xf32>) -> tensor<256x256xf32>
  return %R : tensor<256x256xf32>
}
