func.func @f(%a: tensor<4611686018427387904x4xf32>) -> tensor<4611686018427387904x4xf32> {
  %e = tensor.empty() : tensor<4611686018427387904x4xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<4611686018427387904x4xf32>) outs(%e : tensor<4611686018427387904x4xf32>) {
  ^bb0(%v: f32, %o: f32):
    %w = arith.addf %v, %v : f32
    linalg.yield %w : f32
  } -> tensor<4611686018427387904x4xf32>
  return %r : tensor<4611686018427387904x4xf32>
}
