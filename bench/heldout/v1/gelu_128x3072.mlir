func.func @gelu_128x3072(%arg0: tensor<128x3072xf32>) -> tensor<128x3072xf32> {
  %c0 = arith.constant 0.5 : f32
  %c1 = arith.constant 1.0 : f32
  %c2 = arith.constant 0.7978845608028654 : f32
  %c3 = arith.constant 0.044715 : f32
  %v1 = tensor.empty() : tensor<128x3072xf32>
  %v2 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%arg0 : tensor<128x3072xf32>) outs(%v1 : tensor<128x3072xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %x2 = arith.mulf %a0, %a0 : f32
    %x3 = arith.mulf %x2, %a0 : f32
    %t0 = arith.mulf %c3, %x3 : f32
    %t1 = arith.addf %a0, %t0 : f32
    %t2 = arith.mulf %c2, %t1 : f32
    %t3 = math.tanh %t2 : f32
    %t4 = arith.addf %c1, %t3 : f32
    %t5 = arith.mulf %c0, %a0 : f32
    %r = arith.mulf %t5, %t4 : f32
    linalg.yield %r : f32
  } -> tensor<128x3072xf32>
  return %v2 : tensor<128x3072xf32>
}
