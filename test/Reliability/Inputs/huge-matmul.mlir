func.func @huge(%A: tensor<40000x40000xf32>, %B: tensor<40000x40000xf32>) -> tensor<40000x40000xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<40000x40000xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<40000x40000xf32>) -> tensor<40000x40000xf32>
  %R = linalg.matmul ins(%A, %B : tensor<40000x40000xf32>, tensor<40000x40000xf32>) outs(%C : tensor<40000x40000xf32>) -> tensor<40000x40000xf32>
  return %R : tensor<40000x40000xf32>
}
