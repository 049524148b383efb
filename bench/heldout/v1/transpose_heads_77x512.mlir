func.func @transpose_heads_77x512(%arg0: tensor<77x512xf32>) -> tensor<8x77x64xf32> {
  %v1 = tensor.expand_shape %arg0 [[0], [1, 2]] output_shape [77, 8, 64] : tensor<77x512xf32> into tensor<77x8x64xf32>
  %v2 = tensor.empty() : tensor<8x77x64xf32>
  %v3 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d0, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%v1 : tensor<77x8x64xf32>) outs(%v2 : tensor<8x77x64xf32>) {
  ^bb0(%a0: f32, %o: f32):
    linalg.yield %a0 : f32
  } -> tensor<8x77x64xf32>
  return %v3 : tensor<8x77x64xf32>
}
