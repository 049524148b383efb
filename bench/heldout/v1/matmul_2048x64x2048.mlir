func.func @matmul_2048x64x2048(%arg0: tensor<2048x2048xf32>, %arg1: tensor<2048x64xf32>) -> tensor<2048x64xf32> {
  %c0 = arith.constant 0.0 : f32
  %v1 = tensor.empty() : tensor<2048x64xf32>
  %v2 = linalg.fill ins(%c0 : f32) outs(%v1 : tensor<2048x64xf32>) -> tensor<2048x64xf32>
  %v3 = linalg.matmul ins(%arg0, %arg1 : tensor<2048x2048xf32>, tensor<2048x64xf32>) outs(%v2 : tensor<2048x64xf32>) -> tensor<2048x64xf32>
  return %v3 : tensor<2048x64xf32>
}
