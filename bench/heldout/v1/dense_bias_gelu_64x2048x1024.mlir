func.func @dense_bias_gelu_64x2048x1024(%arg0: tensor<64x1024xf32>, %arg1: tensor<1024x2048xf32>, %arg2: tensor<2048xf32>) -> tensor<64x2048xf32> {
  %c0 = arith.constant 0.0 : f32
  %c1 = arith.constant 0.5 : f32
  %c2 = arith.constant 1.0 : f32
  %c3 = arith.constant 0.7978845608028654 : f32
  %c4 = arith.constant 0.044715 : f32
  %v1 = tensor.empty() : tensor<64x2048xf32>
  %v2 = linalg.fill ins(%c0 : f32) outs(%v1 : tensor<64x2048xf32>) -> tensor<64x2048xf32>
  %v3 = linalg.matmul ins(%arg0, %arg1 : tensor<64x1024xf32>, tensor<1024x2048xf32>) outs(%v2 : tensor<64x2048xf32>) -> tensor<64x2048xf32>
  %v4 = tensor.empty() : tensor<64x2048xf32>
  %v5 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v3, %arg2 : tensor<64x2048xf32>, tensor<2048xf32>) outs(%v4 : tensor<64x2048xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<64x2048xf32>
  %v6 = tensor.empty() : tensor<64x2048xf32>
  %v7 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v5 : tensor<64x2048xf32>) outs(%v6 : tensor<64x2048xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %x2 = arith.mulf %a0, %a0 : f32
    %x3 = arith.mulf %x2, %a0 : f32
    %t0 = arith.mulf %c4, %x3 : f32
    %t1 = arith.addf %a0, %t0 : f32
    %t2 = arith.mulf %c3, %t1 : f32
    %t3 = math.tanh %t2 : f32
    %t4 = arith.addf %c2, %t3 : f32
    %t5 = arith.mulf %c1, %a0 : f32
    %r = arith.mulf %t5, %t4 : f32
    linalg.yield %r : f32
  } -> tensor<64x2048xf32>
  return %v7 : tensor<64x2048xf32>
}
