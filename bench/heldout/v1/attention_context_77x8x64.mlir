func.func @attention_context_77x8x64(%arg0: tensor<8x77x77xf32>, %arg1: tensor<77x512xf32>) -> tensor<77x512xf32> {
  %c0 = arith.constant 0.0 : f32
  %v1 = tensor.expand_shape %arg1 [[0], [1, 2]] output_shape [77, 8, 64] : tensor<77x512xf32> into tensor<77x8x64xf32>
  %v2 = tensor.empty() : tensor<8x77x64xf32>
  %v3 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d0, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%v1 : tensor<77x8x64xf32>) outs(%v2 : tensor<8x77x64xf32>) {
  ^bb0(%a0: f32, %o: f32):
    linalg.yield %a0 : f32
  } -> tensor<8x77x64xf32>
  %v5 = tensor.empty() : tensor<8x77x77xf32>
  %v4 = linalg.softmax dimension(2) ins(%arg0 : tensor<8x77x77xf32>) outs(%v5 : tensor<8x77x77xf32>) -> tensor<8x77x77xf32>
  %v6 = tensor.empty() : tensor<8x77x64xf32>
  %v7 = linalg.fill ins(%c0 : f32) outs(%v6 : tensor<8x77x64xf32>) -> tensor<8x77x64xf32>
  %v8 = linalg.batch_matmul ins(%v4, %v3 : tensor<8x77x77xf32>, tensor<8x77x64xf32>) outs(%v7 : tensor<8x77x64xf32>) -> tensor<8x77x64xf32>
  %v9 = tensor.empty() : tensor<77x8x64xf32>
  %v10 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d0, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%v8 : tensor<8x77x64xf32>) outs(%v9 : tensor<77x8x64xf32>) {
  ^bb0(%a0: f32, %o: f32):
    linalg.yield %a0 : f32
  } -> tensor<77x8x64xf32>
  %v11 = tensor.collapse_shape %v10 [[0], [1, 2]] : tensor<77x8x64xf32> into tensor<77x512xf32>
  return %v11 : tensor<77x512xf32>
}
