// RUN: cwm-opt %s --cwm-extract-tasks --split-input-file | FileCheck %s

// A matmul with its fill: one task, the fill fused as a producer.
// CHECK-LABEL: func.func @mm
// CHECK-SAME: cwm.anchor = 1 : i64
// CHECK-SAME: cwm.flops = 6.553600e+04 : f64
// CHECK-SAME: cwm.op_class = "matmul"
// CHECK: linalg.fill {cwm.op = 0 : i64, cwm.task = 1 : i64}
// CHECK: linalg.matmul {cwm.op = 1 : i64, cwm.task = 1 : i64}
func.func @mm(%A: tensor<64x32xf32>, %B: tensor<32x16xf32>) -> tensor<64x16xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x16xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x16xf32>) -> tensor<64x16xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x32xf32>, tensor<32x16xf32>) outs(%C : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %R : tensor<64x16xf32>
}

// -----

// Two matmuls in a chain are two tasks; the relu epilogue joins the second.
// CHECK-LABEL: func.func @chain_0
// CHECK-SAME: cwm.op_class = "matmul"
// CHECK-LABEL: func.func @chain_1
// CHECK: linalg.matmul {cwm.op = 0 : i64
// CHECK: linalg.generic
// CHECK-SAME: cwm.op = 1 : i64
#id = affine_map<(i, j) -> (i, j)>
func.func @chain(%A: tensor<8x8xf32>, %B: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x8xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %M = linalg.matmul ins(%A, %B : tensor<8x8xf32>, tensor<8x8xf32>) outs(%C : tensor<8x8xf32>) -> tensor<8x8xf32>
  %N = linalg.matmul ins(%M, %B : tensor<8x8xf32>, tensor<8x8xf32>) outs(%C : tensor<8x8xf32>) -> tensor<8x8xf32>
  %R = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%N : tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = arith.maximumf %x, %z : f32
    linalg.yield %y : f32
  } -> tensor<8x8xf32>
  return %R : tensor<8x8xf32>
}

// -----

// linalg.softmax is decomposed; its generics form one reduction task.
// CHECK-LABEL: func.func @softmax
// CHECK-SAME: cwm.op_class = "reduction"
// CHECK-NOT: linalg.softmax
func.func @softmax(%S: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %e = tensor.empty() : tensor<4x16xf32>
  %R = linalg.softmax dimension(1) ins(%S : tensor<4x16xf32>) outs(%e : tensor<4x16xf32>) -> tensor<4x16xf32>
  return %R : tensor<4x16xf32>
}
