func.func @f(%a: tensor<2097152x2097152xf32>, %b: tensor<2097152x2097152xf32>) -> tensor<2097152x2097152xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2097152x2097152xf32>
  %c = linalg.fill ins(%z : f32) outs(%e : tensor<2097152x2097152xf32>) -> tensor<2097152x2097152xf32>
  %r = linalg.matmul ins(%a, %b : tensor<2097152x2097152xf32>, tensor<2097152x2097152xf32>) outs(%c : tensor<2097152x2097152xf32>) -> tensor<2097152x2097152xf32>
  return %r : tensor<2097152x2097152xf32>
}
