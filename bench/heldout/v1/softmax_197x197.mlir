func.func @softmax_197x197(%arg0: tensor<197x197xf32>) -> tensor<197x197xf32> {
  %v2 = tensor.empty() : tensor<197x197xf32>
  %v1 = linalg.softmax dimension(1) ins(%arg0 : tensor<197x197xf32>) outs(%v2 : tensor<197x197xf32>) -> tensor<197x197xf32>
  return %v1 : tensor<197x197xf32>
}
