func.func @group_conv_14x14x192_g6_k3(%arg0: tensor<1x14x14x192xf32>, %arg1: tensor<6x32x3x3x32xf32>) -> tensor<1x14x14x6x32xf32> {
  %c0 = arith.constant 0.0 : f32
  %v1 = tensor.expand_shape %arg0 [[0], [1], [2], [3, 4]] output_shape [1, 14, 14, 6, 32] : tensor<1x14x14x192xf32> into tensor<1x14x14x6x32xf32>
  %v2 = tensor.pad %v1 low[0, 1, 1, 0, 0] high[0, 1, 1, 0, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index, %i4: index):
    tensor.yield %c0 : f32
  } : tensor<1x14x14x6x32xf32> to tensor<1x16x16x6x32xf32>
  %v3 = tensor.empty() : tensor<1x14x14x6x32xf32>
  %v4 = linalg.fill ins(%c0 : f32) outs(%v3 : tensor<1x14x14x6x32xf32>) -> tensor<1x14x14x6x32xf32>
  %v5 = linalg.conv_2d_nhwgc_gfhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%v2, %arg1 : tensor<1x16x16x6x32xf32>, tensor<6x32x3x3x32xf32>) outs(%v4 : tensor<1x14x14x6x32xf32>) -> tensor<1x14x14x6x32xf32>
  return %v5 : tensor<1x14x14x6x32xf32>
}
