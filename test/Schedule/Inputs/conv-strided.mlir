func.func @conv_strided(%I: tensor<1x17x17x16xf32>, %W: tensor<3x3x16x32xf32>) -> tensor<1x8x8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x8x32xf32>
  %O = linalg.fill ins(%zero : f32) outs(%e : tensor<1x8x8x32xf32>) -> tensor<1x8x8x32xf32>
  %R = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%I, %W : tensor<1x17x17x16xf32>, tensor<3x3x16x32xf32>) outs(%O : tensor<1x8x8x32xf32>) -> tensor<1x8x8x32xf32>
  return %R : tensor<1x8x8x32xf32>
}
