func.func @mm(%a: tensor<0x16xf32>, %b: tensor<16x32xf32>) -> tensor<0x32xf32> {
  %c0 = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<0x32xf32>
  %f = linalg.fill ins(%c0 : f32) outs(%e : tensor<0x32xf32>) -> tensor<0x32xf32>
  %r = linalg.matmul ins(%a, %b : tensor<0x16xf32>, tensor<16x32xf32>) outs(%f : tensor<0x32xf32>) -> tensor<0x32xf32>
  return %r : tensor<0x32xf32>
}
