func.func @maxpool3x3s2_112x112x64(%arg0: tensor<1x112x112x64xf32>) -> tensor<1x56x56x64xf32> {
  %c0 = arith.constant 0xFF800000 : f32
  %v1 = tensor.empty() : tensor<3x3xf32>
  %v2 = tensor.pad %arg0 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %c0 : f32
  } : tensor<1x112x112x64xf32> to tensor<1x114x114x64xf32>
  %v3 = tensor.empty() : tensor<1x56x56x64xf32>
  %v4 = linalg.fill ins(%c0 : f32) outs(%v3 : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  %v5 = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%v2, %v1 : tensor<1x114x114x64xf32>, tensor<3x3xf32>) outs(%v4 : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  return %v5 : tensor<1x56x56x64xf32>
}
