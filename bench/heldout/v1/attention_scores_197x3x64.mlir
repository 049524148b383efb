func.func @attention_scores_197x3x64(%arg0: tensor<197x192xf32>, %arg1: tensor<197x192xf32>) -> tensor<3x197x197xf32> {
  %c0 = arith.constant 0.0 : f32
  %c1 = arith.constant 0.125 : f32
  %v1 = tensor.expand_shape %arg0 [[0], [1, 2]] output_shape [197, 3, 64] : tensor<197x192xf32> into tensor<197x3x64xf32>
  %v2 = tensor.empty() : tensor<3x197x64xf32>
  %v3 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d0, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%v1 : tensor<197x3x64xf32>) outs(%v2 : tensor<3x197x64xf32>) {
  ^bb0(%a0: f32, %o: f32):
    linalg.yield %a0 : f32
  } -> tensor<3x197x64xf32>
  %v4 = tensor.expand_shape %arg1 [[0], [1, 2]] output_shape [197, 3, 64] : tensor<197x192xf32> into tensor<197x3x64xf32>
  %v5 = tensor.empty() : tensor<3x64x197xf32>
  %v6 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d0, d1)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%v4 : tensor<197x3x64xf32>) outs(%v5 : tensor<3x64x197xf32>) {
  ^bb0(%a0: f32, %o: f32):
    linalg.yield %a0 : f32
  } -> tensor<3x64x197xf32>
  %v7 = tensor.empty() : tensor<3x197x197xf32>
  %v8 = linalg.fill ins(%c0 : f32) outs(%v7 : tensor<3x197x197xf32>) -> tensor<3x197x197xf32>
  %v9 = linalg.batch_matmul ins(%v3, %v6 : tensor<3x197x64xf32>, tensor<3x64x197xf32>) outs(%v8 : tensor<3x197x197xf32>) -> tensor<3x197x197xf32>
  %v10 = tensor.empty() : tensor<3x197x197xf32>
  %v11 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%v9 : tensor<3x197x197xf32>) outs(%v10 : tensor<3x197x197xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.mulf %a0, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<3x197x197xf32>
  return %v11 : tensor<3x197x197xf32>
}
