// A matmul of another shape than schedule-library.mlir's: the task the
// library's schedules are carried over to.
func.func @mm(%A: tensor<48x80xf32>, %B: tensor<80x64xf32>) -> tensor<48x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<48x64xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<48x64xf32>) -> tensor<48x64xf32>
  %R = linalg.matmul ins(%A, %B : tensor<48x80xf32>, tensor<80x64xf32>) outs(%C : tensor<48x64xf32>) -> tensor<48x64xf32>
  return %R : tensor<48x64xf32>
}
