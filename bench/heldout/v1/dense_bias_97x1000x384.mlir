func.func @dense_bias_97x1000x384(%arg0: tensor<97x384xf32>, %arg1: tensor<384x1000xf32>, %arg2: tensor<1000xf32>) -> tensor<97x1000xf32> {
  %c0 = arith.constant 0.0 : f32
  %v1 = tensor.empty() : tensor<97x1000xf32>
  %v2 = linalg.fill ins(%c0 : f32) outs(%v1 : tensor<97x1000xf32>) -> tensor<97x1000xf32>
  %v3 = linalg.matmul ins(%arg0, %arg1 : tensor<97x384xf32>, tensor<384x1000xf32>) outs(%v2 : tensor<97x1000xf32>) -> tensor<97x1000xf32>
  %v4 = tensor.empty() : tensor<97x1000xf32>
  %v5 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v3, %arg2 : tensor<97x1000xf32>, tensor<1000xf32>) outs(%v4 : tensor<97x1000xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<97x1000xf32>
  return %v5 : tensor<97x1000xf32>
}
