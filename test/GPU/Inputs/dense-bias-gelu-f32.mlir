// A dense layer: gelu(A . W + b) (tanh approximation), f32; used by
// simt-gemm-epilogue.mlir.
#bias = affine_map<(d0, d1) -> (d1)>
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @dense(%A: tensor<256x512xf32>, %W: tensor<512x256xf32>, %b: tensor<256xf32>) -> tensor<256x256xf32> {
  %zero = arith.constant 0.0 : f32
  %half = arith.constant 0.5 : f32
  %e = tensor.empty() : tensor<256x256xf32>
  %C = linalg.fill ins(%zero : f32) outs(%e : tensor<256x256xf32>) -> tensor<256x256xf32>
  %M = linalg.matmul ins(%A, %W : tensor<256x512xf32>, tensor<512x256xf32>) outs(%C : tensor<256x256xf32>) -> tensor<256x256xf32>
  %R = linalg.generic {indexing_maps = [#id, #bias, #id], iterator_types = ["parallel", "parallel"]}
      ins(%M, %b : tensor<256x256xf32>, tensor<256xf32>) outs(%e : tensor<256x256xf32>) {
  ^bb0(%x: f32, %bias: f32, %out: f32):
    %one = arith.constant 1.0 : f32
    %k0 = arith.constant 0.7978845608 : f32
    %k1 = arith.constant 0.044715 : f32
    %v = arith.addf %x, %bias : f32
    %v2 = arith.mulf %v, %v : f32
    %v3 = arith.mulf %v2, %v : f32
    %t0 = arith.mulf %k1, %v3 : f32
    %t1 = arith.addf %v, %t0 : f32
    %t2 = arith.mulf %k0, %t1 : f32
    %t3 = math.tanh %t2 : f32
    %t4 = arith.addf %one, %t3 : f32
    %t5 = arith.mulf %half, %v : f32
    %y = arith.mulf %t5, %t4 : f32
    linalg.yield %y : f32
  } -> tensor<256x256xf32>
  return %R : tensor<256x256xf32>
}
