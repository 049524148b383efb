func.func @rownorm_1000x3000(%arg0: tensor<1000x3000xf32>) -> tensor<1000xf32> {
  %c0 = arith.constant 0.0 : f32
  %v1 = tensor.empty() : tensor<1000xf32>
  %v2 = linalg.fill ins(%c0 : f32) outs(%v1 : tensor<1000xf32>) -> tensor<1000xf32>
  %v3 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%arg0 : tensor<1000x3000xf32>) outs(%v2 : tensor<1000xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %q = arith.mulf %a0, %a0 : f32
    %r = arith.addf %q, %o : f32
    linalg.yield %r : f32
  } -> tensor<1000xf32>
  return %v3 : tensor<1000xf32>
}
