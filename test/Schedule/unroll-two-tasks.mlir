// Two tasks of one function scheduled one after the other (as
// --cwm-apply-best does for a whole model): each script finds the loop it
// unrolls by a tag of its own, so the second task's unroll leaves the first
// task's loop alone (the tags once repeated across scripts, and the first
// loop was unrolled twice: step 4 with 32 FMAs instead of step 2 with 16).
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/parallel-vector.json | FileCheck %s
// CHECK-LABEL: func.func @two
// CHECK: scf.forall
// CHECK: scf.for {{.*}} to %c16 step %c2 iter_args({{.*}}vector<8x32xf32>
// CHECK-COUNT-16: vector.fma
// CHECK-NOT: vector.fma
// CHECK: scf.yield {{.*}} : vector<8x32xf32>
// CHECK: scf.forall
// CHECK: scf.for {{.*}} to %c16 step %c2 iter_args({{.*}}vector<8x32xf32>
// CHECK-COUNT-16: vector.fma
// CHECK-NOT: vector.fma
// CHECK: scf.yield {{.*}} : vector<8x32xf32>
func.func @two(%A: tensor<64x64xf32>, %B: tensor<64x128xf32>, %D: tensor<64x64xf32>) -> (tensor<64x128xf32>, tensor<64x128xf32>) {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x64xf32>, tensor<64x128xf32>) outs(%C : tensor<64x128xf32>) -> tensor<64x128xf32>
  %e2 = tensor.empty() : tensor<64x128xf32>
  %C2 = linalg.fill ins(%z : f32) outs(%e2 : tensor<64x128xf32>) -> tensor<64x128xf32>
  %S = linalg.matmul ins(%D, %B : tensor<64x64xf32>, tensor<64x128xf32>) outs(%C2 : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %R, %S : tensor<64x128xf32>, tensor<64x128xf32>
}
