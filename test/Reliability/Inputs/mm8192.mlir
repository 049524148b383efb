func.func @mm(%A: tensor<8192x8192xf32>, %B: tensor<8192x8192xf32>) -> tensor<8192x8192xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8192x8192xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<8192x8192xf32>) -> tensor<8192x8192xf32>
  %R = linalg.matmul ins(%A, %B : tensor<8192x8192xf32>, tensor<8192x8192xf32>) outs(%C : tensor<8192x8192xf32>) -> tensor<8192x8192xf32>
  return %R : tensor<8192x8192xf32>
}
