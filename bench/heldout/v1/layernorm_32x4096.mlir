func.func @layernorm_32x4096(%arg0: tensor<32x4096xf32>, %arg1: tensor<4096xf32>, %arg2: tensor<4096xf32>) -> tensor<32x4096xf32> {
  %c0 = arith.constant 0.000244140625 : f32
  %c1 = arith.constant 0.0 : f32
  %c2 = arith.constant 1.0e-12 : f32
  %v1 = tensor.empty() : tensor<32xf32>
  %v2 = linalg.fill ins(%c1 : f32) outs(%v1 : tensor<32xf32>) -> tensor<32xf32>
  %v3 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%arg0 : tensor<32x4096xf32>) outs(%v2 : tensor<32xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %r = arith.addf %a0, %o : f32
    linalg.yield %r : f32
  } -> tensor<32xf32>
  %v4 = tensor.empty() : tensor<32xf32>
  %v5 = linalg.fill ins(%c1 : f32) outs(%v4 : tensor<32xf32>) -> tensor<32xf32>
  %v6 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%arg0, %v3 : tensor<32x4096xf32>, tensor<32xf32>) outs(%v5 : tensor<32xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %m = arith.mulf %a1, %c0 : f32
    %d = arith.subf %a0, %m : f32
    %q = arith.mulf %d, %d : f32
    %r = arith.addf %q, %o : f32
    linalg.yield %r : f32
  } -> tensor<32xf32>
  %v7 = tensor.empty() : tensor<32x4096xf32>
  %v8 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%arg0, %v3, %v6, %arg1, %arg2 : tensor<32x4096xf32>, tensor<32xf32>, tensor<32xf32>, tensor<4096xf32>, tensor<4096xf32>) outs(%v7 : tensor<32x4096xf32>) {
  ^bb0(%a0: f32, %a1: f32, %a2: f32, %a3: f32, %a4: f32, %o: f32):
    %m = arith.mulf %a1, %c0 : f32
    %v = arith.mulf %a2, %c0 : f32
    %ve = arith.addf %v, %c2 : f32
    %s = math.rsqrt %ve : f32
    %d = arith.subf %a0, %m : f32
    %n = arith.mulf %d, %s : f32
    %g = arith.mulf %n, %a3 : f32
    %r = arith.addf %g, %a4 : f32
    linalg.yield %r : f32
  } -> tensor<32x4096xf32>
  return %v8 : tensor<32x4096xf32>
}
