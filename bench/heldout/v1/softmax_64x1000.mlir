func.func @softmax_64x1000(%arg0: tensor<64x1000xf32>) -> tensor<64x1000xf32> {
  %v2 = tensor.empty() : tensor<64x1000xf32>
  %v1 = linalg.softmax dimension(1) ins(%arg0 : tensor<64x1000xf32>) outs(%v2 : tensor<64x1000xf32>) -> tensor<64x1000xf32>
  return %v1 : tensor<64x1000xf32>
}
