func.func @matmul_silu_mul_64x1408x512(%arg0: tensor<64x512xf32>, %arg1: tensor<512x1408xf32>, %arg2: tensor<512x1408xf32>) -> tensor<64x1408xf32> {
  %c0 = arith.constant 0.0 : f32
  %c1 = arith.constant 1.0 : f32
  %v1 = tensor.empty() : tensor<64x1408xf32>
  %v2 = linalg.fill ins(%c0 : f32) outs(%v1 : tensor<64x1408xf32>) -> tensor<64x1408xf32>
  %v3 = linalg.matmul ins(%arg0, %arg1 : tensor<64x512xf32>, tensor<512x1408xf32>) outs(%v2 : tensor<64x1408xf32>) -> tensor<64x1408xf32>
  %v4 = tensor.empty() : tensor<64x1408xf32>
  %v5 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v3 : tensor<64x1408xf32>) outs(%v4 : tensor<64x1408xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %n = arith.negf %a0 : f32
    %e = math.exp %n : f32
    %d = arith.addf %c1, %e : f32
    %r = arith.divf %a0, %d : f32
    linalg.yield %r : f32
  } -> tensor<64x1408xf32>
  %v6 = tensor.empty() : tensor<64x1408xf32>
  %v7 = linalg.fill ins(%c0 : f32) outs(%v6 : tensor<64x1408xf32>) -> tensor<64x1408xf32>
  %v8 = linalg.matmul ins(%arg0, %arg2 : tensor<64x512xf32>, tensor<512x1408xf32>) outs(%v7 : tensor<64x1408xf32>) -> tensor<64x1408xf32>
  %v9 = tensor.empty() : tensor<64x1408xf32>
  %v10 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v5, %v8 : tensor<64x1408xf32>, tensor<64x1408xf32>) outs(%v9 : tensor<64x1408xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.mulf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<64x1408xf32>
  return %v10 : tensor<64x1408xf32>
}
