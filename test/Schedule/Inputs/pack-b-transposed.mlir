// B given as N x K (PyTorch's Linear weight): read along k, not packable.
func.func @mm_bt(%A: tensor<64x96xf32>, %B: tensor<128x96xf32>) -> tensor<64x128xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %R = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%A, %B : tensor<64x96xf32>, tensor<128x96xf32>) outs(%C : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %R : tensor<64x128xf32>
}
