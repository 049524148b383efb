func.func @matmul_31x31x31(%arg0: tensor<31x31xf32>, %arg1: tensor<31x31xf32>) -> tensor<31x31xf32> {
  %c0 = arith.constant 0.0 : f32
  %v1 = tensor.empty() : tensor<31x31xf32>
  %v2 = linalg.fill ins(%c0 : f32) outs(%v1 : tensor<31x31xf32>) -> tensor<31x31xf32>
  %v3 = linalg.matmul ins(%arg0, %arg1 : tensor<31x31xf32>, tensor<31x31xf32>) outs(%v2 : tensor<31x31xf32>) -> tensor<31x31xf32>
  return %v3 : tensor<31x31xf32>
}
