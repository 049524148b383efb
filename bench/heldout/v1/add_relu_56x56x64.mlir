func.func @add_relu_56x56x64(%arg0: tensor<1x56x56x64xf32>, %arg1: tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32> {
  %c0 = arith.constant 0.0 : f32
  %v1 = tensor.empty() : tensor<1x56x56x64xf32>
  %v2 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%arg0, %arg1 : tensor<1x56x56x64xf32>, tensor<1x56x56x64xf32>) outs(%v1 : tensor<1x56x56x64xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %s = arith.addf %a0, %a1 : f32
    %r = arith.maximumf %s, %c0 : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x64xf32>
  return %v2 : tensor<1x56x56x64xf32>
}
