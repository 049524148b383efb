func.func @matmul_1x4096x1024(%arg0: tensor<1x1024xf32>, %arg1: tensor<1024x4096xf32>) -> tensor<1x4096xf32> {
  %c0 = arith.constant 0.0 : f32
  %v1 = tensor.empty() : tensor<1x4096xf32>
  %v2 = linalg.fill ins(%c0 : f32) outs(%v1 : tensor<1x4096xf32>) -> tensor<1x4096xf32>
  %v3 = linalg.matmul ins(%arg0, %arg1 : tensor<1x1024xf32>, tensor<1024x4096xf32>) outs(%v2 : tensor<1x4096xf32>) -> tensor<1x4096xf32>
  return %v3 : tensor<1x4096xf32>
}
