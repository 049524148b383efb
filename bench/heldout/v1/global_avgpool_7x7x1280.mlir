func.func @global_avgpool_7x7x1280(%arg0: tensor<1x7x7x1280xf32>) -> tensor<1x1280xf32> {
  %c0 = arith.constant 0.0 : f32
  %c1 = arith.constant 0.02040816326530612 : f32
  %v1 = tensor.empty() : tensor<1x1280xf32>
  %v2 = linalg.fill ins(%c0 : f32) outs(%v1 : tensor<1x1280xf32>) -> tensor<1x1280xf32>
  %v3 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d3)>], iterator_types = ["parallel", "reduction", "reduction", "parallel"]} ins(%arg0 : tensor<1x7x7x1280xf32>) outs(%v2 : tensor<1x1280xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.addf %a0, %o : f32
    linalg.yield %r : f32
  } -> tensor<1x1280xf32>
  %v4 = tensor.empty() : tensor<1x1280xf32>
  %v5 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v3 : tensor<1x1280xf32>) outs(%v4 : tensor<1x1280xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.mulf %a0, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<1x1280xf32>
  return %v5 : tensor<1x1280xf32>
}
