func.func @dynamic(%A: tensor<?x32xf32>, %B: tensor<32x16xf32>, %C: tensor<?x16xf32>) -> tensor<?x16xf32> {
  %R = linalg.matmul ins(%A, %B : tensor<?x32xf32>, tensor<32x16xf32>) outs(%C : tensor<?x16xf32>) -> tensor<?x16xf32>
  return %R : tensor<?x16xf32>
}
