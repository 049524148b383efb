// V read along n straight from a reshape: its transposes are not folded (the
// schedules' pattern application inside the whole program does not converge).
func.func @context(%scores: tensor<2x32x32xf32>, %v: tensor<32x32xf32>) -> tensor<32x32xf32> {
  %zero = arith.constant 0.0 : f32
  %heads = tensor.expand_shape %v [[0], [1, 2]] output_shape [32, 2, 16] : tensor<32x32xf32> into tensor<32x2x16xf32>
  %e0 = tensor.empty() : tensor<2x32x16xf32>
  %vt = linalg.transpose ins(%heads : tensor<32x2x16xf32>) outs(%e0 : tensor<2x32x16xf32>) permutation = [1, 0, 2]
  %e1 = tensor.empty() : tensor<2x32x32xf32>
  %p = linalg.softmax dimension(2) ins(%scores : tensor<2x32x32xf32>) outs(%e1 : tensor<2x32x32xf32>) -> tensor<2x32x32xf32>
  %e2 = tensor.empty() : tensor<2x32x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e2 : tensor<2x32x16xf32>) -> tensor<2x32x16xf32>
  %ctx = linalg.batch_matmul ins(%p, %vt : tensor<2x32x32xf32>, tensor<2x32x16xf32>) outs(%acc : tensor<2x32x16xf32>) -> tensor<2x32x16xf32>
  %e3 = tensor.empty() : tensor<32x2x16xf32>
  %merged = linalg.transpose ins(%ctx : tensor<2x32x16xf32>) outs(%e3 : tensor<32x2x16xf32>) permutation = [1, 0, 2]
  %out = tensor.collapse_shape %merged [[0], [1, 2]] : tensor<32x2x16xf32> into tensor<32x32xf32>
  return %out : tensor<32x32xf32>
}
