func.func @bmm_16x100x100x32(%arg0: tensor<16x100x32xf32>, %arg1: tensor<16x32x100xf32>) -> tensor<16x100x100xf32> {
  %c0 = arith.constant 0.0 : f32
  %v1 = tensor.empty() : tensor<16x100x100xf32>
  %v2 = linalg.fill ins(%c0 : f32) outs(%v1 : tensor<16x100x100xf32>) -> tensor<16x100x100xf32>
  %v3 = linalg.batch_matmul ins(%arg0, %arg1 : tensor<16x100x32xf32>, tensor<16x32x100xf32>) outs(%v2 : tensor<16x100x100xf32>) -> tensor<16x100x100xf32>
  return %v3 : tensor<16x100x100xf32>
}
