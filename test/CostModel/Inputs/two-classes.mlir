// A matmul and an elementwise op: two tasks of two op classes.
func.func @mm_relu(%A: tensor<32x32xf32>, %B: tensor<32x32xf32>, %X: tensor<32x64xf32>) -> (tensor<32x32xf32>, tensor<32x64xf32>) {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x32xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<32x32xf32>) -> tensor<32x32xf32>
  %R = linalg.matmul ins(%A, %B : tensor<32x32xf32>, tensor<32x32xf32>) outs(%C : tensor<32x32xf32>) -> tensor<32x32xf32>
  %e2 = tensor.empty() : tensor<32x64xf32>
  %S = linalg.exp ins(%X : tensor<32x64xf32>) outs(%e2 : tensor<32x64xf32>) -> tensor<32x64xf32>
  return %R, %S : tensor<32x32xf32>, tensor<32x64xf32>
}
