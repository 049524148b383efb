func.func @conv1x1_14x14x384x96(%arg0: tensor<1x14x14x384xf32>, %arg1: tensor<1x1x384x96xf32>, %arg2: tensor<96xf32>) -> tensor<1x14x14x96xf32> {
  %c0 = arith.constant 0.0 : f32
  %v1 = tensor.empty() : tensor<1x14x14x96xf32>
  %v2 = linalg.fill ins(%c0 : f32) outs(%v1 : tensor<1x14x14x96xf32>) -> tensor<1x14x14x96xf32>
  %v3 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%arg0, %arg1 : tensor<1x14x14x384xf32>, tensor<1x1x384x96xf32>) outs(%v2 : tensor<1x14x14x96xf32>) -> tensor<1x14x14x96xf32>
  %v4 = tensor.empty() : tensor<1x14x14x96xf32>
  %v5 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v3, %arg2 : tensor<1x14x14x96xf32>, tensor<96xf32>) outs(%v4 : tensor<1x14x14x96xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<1x14x14x96xf32>
  return %v5 : tensor<1x14x14x96xf32>
}
