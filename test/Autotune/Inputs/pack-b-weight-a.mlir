// A matmul whose weight is A (64 x 96), not B: pack_b would pack B at every
// call, so it is not drawn (test/Autotune/pack-b.mlir).
func.func @mm(%A: tensor<64x96xf32> {cwm.weight}, %B: tensor<96x128xf32>) -> tensor<64x128xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x96xf32>, tensor<96x128xf32>) outs(%C : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %R : tensor<64x128xf32>
}
