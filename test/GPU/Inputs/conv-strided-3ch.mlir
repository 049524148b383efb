// A stride-2 convolution of 3 channels without a pad: 1x16x16x3 -> 1x7x7x32.
func.func @conv3(%x: tensor<1x16x16x3xf32>, %w: tensor<3x3x3x32xf32>) -> tensor<1x7x7x32xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x7x7x32xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x7x7x32xf32>) -> tensor<1x7x7x32xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%x, %w : tensor<1x16x16x3xf32>, tensor<3x3x3x32xf32>) outs(%f : tensor<1x7x7x32xf32>) -> tensor<1x7x7x32xf32>
  return %c : tensor<1x7x7x32xf32>
}
