// tile with an interchange decision: the reduction loop (k, step 16) becomes
// the outermost of the three tile loops.
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/interchange.json | FileCheck %s
// RUN: cwm-opt %s --cwm-apply-trace="trace-file=%S/Inputs/interchange.json print-script=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SCRIPT
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/bad-interchange.json 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK-LABEL: func.func @mm
// CHECK: %[[C16:.*]] = arith.constant 16 : index
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %[[C16]]
// CHECK: scf.for
// CHECK: scf.for
// CHECK: linalg.matmul {{.*}}tensor<8x16xf32>, tensor<16x32xf32>

// SCRIPT: tile_using_for %{{.*}} tile_sizes [8, 32, 16] interchange = [2, 0, 1]

// BAD: error: invalid trace{{.*}}action 0 (tile of op 1): interchange [0, 0, 1] is not a permutation of the 3 loops
func.func @mm(%A: tensor<64x64xf32>, %B: tensor<64x128xf32>) -> tensor<64x128xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x64xf32>, tensor<64x128xf32>) outs(%C : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %R : tensor<64x128xf32>
}
