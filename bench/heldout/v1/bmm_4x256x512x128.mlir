func.func @bmm_4x256x512x128(%arg0: tensor<4x256x128xf32>, %arg1: tensor<4x128x512xf32>) -> tensor<4x256x512xf32> {
  %c0 = arith.constant 0.0 : f32
  %v1 = tensor.empty() : tensor<4x256x512xf32>
  %v2 = linalg.fill ins(%c0 : f32) outs(%v1 : tensor<4x256x512xf32>) -> tensor<4x256x512xf32>
  %v3 = linalg.batch_matmul ins(%arg0, %arg1 : tensor<4x256x128xf32>, tensor<4x128x512xf32>) outs(%v2 : tensor<4x256x512xf32>) -> tensor<4x256x512xf32>
  return %v3 : tensor<4x256x512xf32>
}
