func.func @matmul_513x257x129(%arg0: tensor<513x129xf32>, %arg1: tensor<129x257xf32>) -> tensor<513x257xf32> {
  %c0 = arith.constant 0.0 : f32
  %v1 = tensor.empty() : tensor<513x257xf32>
  %v2 = linalg.fill ins(%c0 : f32) outs(%v1 : tensor<513x257xf32>) -> tensor<513x257xf32>
  %v3 = linalg.matmul ins(%arg0, %arg1 : tensor<513x129xf32>, tensor<129x257xf32>) outs(%v2 : tensor<513x257xf32>) -> tensor<513x257xf32>
  return %v3 : tensor<513x257xf32>
}
