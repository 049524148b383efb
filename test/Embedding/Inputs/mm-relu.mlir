func.func @mm_relu(%A: tensor<64x96xf32>, %B: tensor<96x80xf32>) -> tensor<64x80xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x80xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x80xf32>) -> tensor<64x80xf32>
  %M = linalg.matmul ins(%A, %B : tensor<64x96xf32>, tensor<96x80xf32>) outs(%C : tensor<64x80xf32>) -> tensor<64x80xf32>
  %R = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%M : tensor<64x80xf32>) outs(%e : tensor<64x80xf32>) {
  ^bb0(%x: f32, %o: f32):
    %r = arith.maximumf %x, %z : f32
    linalg.yield %r : f32
  } -> tensor<64x80xf32>
  return %R : tensor<64x80xf32>
}
