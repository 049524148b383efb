// cwm-gpu-distribute-rows: thread t of a block takes the row elements t,
// t + 32, ...; each row reduction reduces the thread's slice into a private
// partial from the neutral element, then combines the block's partials with
// gpu.all_reduce (warp shuffles once lowered) and folds them into the
// output. A launch the pass cannot fully distribute is left alone.
// RUN: cwm-opt %S/Inputs/softmax-row-per-block.mlir --cwm-gpu-distribute-rows | FileCheck %s
// RUN: cwm-opt %S/Inputs/softmax-row-per-block.mlir --cwm-lower-gpu | FileCheck %s --check-prefix=PTX
// The schedule that produces such a launch: map_blocks of one row, then
// distribute_rows (the launch is marked, 32 threads per block).
// RUN: cwm-opt %S/Inputs/softmax.mlir --cwm-extract-tasks --cwm-apply-trace=trace-file=%S/Inputs/softmax-distribute.json | FileCheck %s --check-prefix=SCHEDULE
// RUN: cwm-opt %S/Inputs/softmax.mlir --cwm-extract-tasks --cwm-apply-trace=trace-file=%S/Inputs/softmax-distribute.json --cwm-lower-gpu | FileCheck %s --check-prefix=PTX
// RUN: not cwm-opt %S/Inputs/softmax.mlir --cwm-extract-tasks --cwm-apply-trace=trace-file=%S/Inputs/softmax-distribute-48.json 2>&1 | FileCheck %s --check-prefix=THREADS
// RUN: not cwm-opt %S/Inputs/softmax.mlir --cwm-extract-tasks --cwm-apply-trace=trace-file=%S/Inputs/softmax-distribute-two-rows.json 2>&1 | FileCheck %s --check-prefix=ROWS
// RUN: sed 's/(%%sx = %%c32/(%%sx = %%c64/' %S/Inputs/softmax-row-per-block.mlir | cwm-opt --cwm-gpu-distribute-rows | FileCheck %s --check-prefix=WIDER
// RUN: sed 's/{cwm.distribute_rows}//' %S/Inputs/softmax-row-per-block.mlir | cwm-opt --cwm-gpu-distribute-rows | FileCheck %s --check-prefix=UNMARKED

// CHECK: gpu.launch blocks({{.*}}) threads(%[[TX:[^,]+]],
// The row maximum: the thread's 4 elements, then the block's maximum.
// CHECK: %[[XS:.*]] = memref.subview %{{.*}}[0, %[[TX]]] [1, 4] [1, 32]
// CHECK: %[[PART:.*]] = memref.alloca() : memref<1xf32>
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[PART]] : memref<1xf32>)
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]{{.*}} ins(%[[XS]] : memref<1x4xf32, strided<[128, 32], offset: ?>>) outs(%[[PART]] : memref<1xf32>)
// CHECK: %[[MINE:.*]] = memref.load %[[PART]]
// CHECK: %[[ALL:.*]] = gpu.all_reduce maximumf %[[MINE]] uniform
// CHECK: arith.maximumf %{{.*}}, %[[ALL]] : f32
// The exponentials on the thread's slice.
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]{{.*}} ins(%{{.*}}, %{{.*}} : memref<1x4xf32, strided<[128, 32], offset: ?>>, memref<1xf32>) outs(%{{.*}} : memref<1x4xf32, strided<[128, 32], offset: ?>>)
// CHECK: gpu.all_reduce add
// CHECK: arith.divf

// PTX: shfl.sync.bfly.b32
// PTX: bar.sync

// SCHEDULE: gpu.launch blocks({{.*}}) in ({{.*}} = %c1536{{.*}}) threads({{.*}}) in ({{.*}} = %c32{{.*}}, {{.*}} = %c1{{.*}}, {{.*}} = %c1{{.*}})
// SCHEDULE: } {cwm.distribute_rows}

// THREADS: error: invalid trace: action 1 (distribute_rows of op 5): threads = 48 must be a multiple of 32 within 1024
// ROWS: error: invalid trace: action 1 (distribute_rows of op 5): needs one row per block (a block tile of 1 on every loop but the row), have [2, 128]

// With 64 threads each takes 2 elements of the 128.
// WIDER: memref.subview %{{.*}}[0, %{{.*}}] [1, 2] [1, 64]

// UNMARKED-NOT: gpu.all_reduce
