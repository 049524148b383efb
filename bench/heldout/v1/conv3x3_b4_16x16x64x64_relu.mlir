func.func @conv3x3_b4_16x16x64x64_relu(%arg0: tensor<4x16x16x64xf32>, %arg1: tensor<3x3x64x64xf32>, %arg2: tensor<64xf32>) -> tensor<4x16x16x64xf32> {
  %c0 = arith.constant 0.0 : f32
  %v1 = tensor.pad %arg0 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<4x16x16x64xf32> to tensor<4x18x18x64xf32>
  %v2 = tensor.empty() : tensor<4x16x16x64xf32>
  %v3 = linalg.fill ins(%c0 : f32) outs(%v2 : tensor<4x16x16x64xf32>) -> tensor<4x16x16x64xf32>
  %v4 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v1, %arg1 : tensor<4x18x18x64xf32>, tensor<3x3x64x64xf32>) outs(%v3 : tensor<4x16x16x64xf32>) -> tensor<4x16x16x64xf32>
  %v5 = tensor.empty() : tensor<4x16x16x64xf32>
  %v6 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4, %arg2 : tensor<4x16x16x64xf32>, tensor<64xf32>) outs(%v5 : tensor<4x16x16x64xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<4x16x16x64xf32>
  %v7 = tensor.empty() : tensor<4x16x16x64xf32>
  %v8 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v6 : tensor<4x16x16x64xf32>) outs(%v7 : tensor<4x16x16x64xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.maximumf %a0, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<4x16x16x64xf32>
  return %v8 : tensor<4x16x16x64xf32>
}
