func.func @dense_bias_relu_256x1536x512(%arg0: tensor<256x512xf32>, %arg1: tensor<512x1536xf32>, %arg2: tensor<1536xf32>) -> tensor<256x1536xf32> {
  %c0 = arith.constant 0.0 : f32
  %v1 = tensor.empty() : tensor<256x1536xf32>
  %v2 = linalg.fill ins(%c0 : f32) outs(%v1 : tensor<256x1536xf32>) -> tensor<256x1536xf32>
  %v3 = linalg.matmul ins(%arg0, %arg1 : tensor<256x512xf32>, tensor<512x1536xf32>) outs(%v2 : tensor<256x1536xf32>) -> tensor<256x1536xf32>
  %v4 = tensor.empty() : tensor<256x1536xf32>
  %v5 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v3, %arg2 : tensor<256x1536xf32>, tensor<1536xf32>) outs(%v4 : tensor<256x1536xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<256x1536xf32>
  %v6 = tensor.empty() : tensor<256x1536xf32>
  %v7 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v5 : tensor<256x1536xf32>) outs(%v6 : tensor<256x1536xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.maximumf %a0, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<256x1536xf32>
  return %v7 : tensor<256x1536xf32>
}
