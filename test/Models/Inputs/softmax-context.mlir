// Attention's context product after a softmax of an argument: one task on the
// CPU; on the GPU the softmax (row reductions) is a task of its own before the
// product, because no GPU schedule applies to the two together.
func.func @context(%S: tensor<64x64xf32>, %V: tensor<64x32xf32>) -> tensor<64x32xf32> {
  %z = arith.constant 0.0 : f32
  %es = tensor.empty() : tensor<64x64xf32>
  %P = linalg.softmax dimension(1) ins(%S : tensor<64x64xf32>) outs(%es : tensor<64x64xf32>) -> tensor<64x64xf32>
  %e = tensor.empty() : tensor<64x32xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x32xf32>) -> tensor<64x32xf32>
  %R = linalg.matmul ins(%P, %V : tensor<64x64xf32>, tensor<64x32xf32>) outs(%C : tensor<64x32xf32>) -> tensor<64x32xf32>
  return %R : tensor<64x32xf32>
}
