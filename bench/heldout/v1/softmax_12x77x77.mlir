func.func @softmax_12x77x77(%arg0: tensor<12x77x77xf32>) -> tensor<12x77x77xf32> {
  %v2 = tensor.empty() : tensor<12x77x77xf32>
  %v1 = linalg.softmax dimension(2) ins(%arg0 : tensor<12x77x77xf32>) outs(%v2 : tensor<12x77x77xf32>) -> tensor<12x77x77xf32>
  return %v1 : tensor<12x77x77xf32>
}
