func.func @maxpool2x2s2_28x28x128(%arg0: tensor<1x28x28x128xf32>) -> tensor<1x14x14x128xf32> {
  %c0 = arith.constant 0xFF800000 : f32
  %v1 = tensor.empty() : tensor<2x2xf32>
  %v2 = tensor.empty() : tensor<1x14x14x128xf32>
  %v3 = linalg.fill ins(%c0 : f32) outs(%v2 : tensor<1x14x14x128xf32>) -> tensor<1x14x14x128xf32>
  %v4 = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%arg0, %v1 : tensor<1x28x28x128xf32>, tensor<2x2xf32>) outs(%v3 : tensor<1x14x14x128xf32>) -> tensor<1x14x14x128xf32>
  return %v4 : tensor<1x14x14x128xf32>
}
