// pad: a register tile of 12 rows does not divide 64; padding the partial
// tiles with zeros gives them a static 12x32 shape, so they vectorize.
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/pad.json | FileCheck %s
// RUN: cwm-opt %s --cwm-apply-trace="trace-file=%S/Inputs/pad.json print-script=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SCRIPT

// CHECK-LABEL: func.func @mm
// CHECK: scf.for
// CHECK: tensor.pad
// CHECK: vector.transfer_read {{.*}} : tensor<12x32xf32>, vector<12x32xf32>
// CHECK-NOT: linalg.matmul

// SCRIPT: transform.structured.pad %{{.*}} pad_to_multiple_of [12, 32, 1] {padding_dimensions = [0, 1, 2], padding_values = [0.0 : f32, 0.0 : f32, 0.0 : f32], copy_back_op = "none"}
func.func @mm(%A: tensor<64x64xf32>, %B: tensor<64x128xf32>) -> tensor<64x128xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x64xf32>, tensor<64x128xf32>) outs(%C : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %R : tensor<64x128xf32>
}
