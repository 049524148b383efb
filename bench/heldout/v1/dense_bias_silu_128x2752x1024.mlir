func.func @dense_bias_silu_128x2752x1024(%arg0: tensor<128x1024xf32>, %arg1: tensor<1024x2752xf32>, %arg2: tensor<2752xf32>) -> tensor<128x2752xf32> {
  %c0 = arith.constant 0.0 : f32
  %c1 = arith.constant 1.0 : f32
  %v1 = tensor.empty() : tensor<128x2752xf32>
  %v2 = linalg.fill ins(%c0 : f32) outs(%v1 : tensor<128x2752xf32>) -> tensor<128x2752xf32>
  %v3 = linalg.matmul ins(%arg0, %arg1 : tensor<128x1024xf32>, tensor<1024x2752xf32>) outs(%v2 : tensor<128x2752xf32>) -> tensor<128x2752xf32>
  %v4 = tensor.empty() : tensor<128x2752xf32>
  %v5 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v3, %arg2 : tensor<128x2752xf32>, tensor<2752xf32>) outs(%v4 : tensor<128x2752xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.addf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<128x2752xf32>
  %v6 = tensor.empty() : tensor<128x2752xf32>
  %v7 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v5 : tensor<128x2752xf32>) outs(%v6 : tensor<128x2752xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %n = arith.negf %a0 : f32
    %e = math.exp %n : f32
    %d = arith.addf %c1, %e : f32
    %r = arith.divf %a0, %d : f32
    linalg.yield %r : f32
  } -> tensor<128x2752xf32>
  return %v7 : tensor<128x2752xf32>
}
