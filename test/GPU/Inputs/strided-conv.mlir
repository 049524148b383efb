// A 7x7 stride-2 convolution (a small ResNet stem).
func.func @stem(%I: tensor<1x38x38x3xf32>, %W: tensor<7x7x3x16xf32>) -> tensor<1x16x16x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x16x16x16xf32>
  %O = linalg.fill ins(%zero : f32) outs(%e : tensor<1x16x16x16xf32>) -> tensor<1x16x16x16xf32>
  %R = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%I, %W : tensor<1x38x38x3xf32>, tensor<7x7x3x16xf32>) outs(%O : tensor<1x16x16x16xf32>) -> tensor<1x16x16x16xf32>
  return %R : tensor<1x16x16x16xf32>
}
