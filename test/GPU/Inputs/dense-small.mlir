// A small dense layer, relu(A x W + b): the split-K tests' payload.
#map_bias = affine_map<(d0, d1) -> (d1)>
#map_id = affine_map<(d0, d1) -> (d0, d1)>
func.func @dense(%A: tensor<64x512xf32>, %W: tensor<512x256xf32>, %b: tensor<256xf32>) -> tensor<64x256xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x256xf32>
  %C = linalg.fill ins(%zero : f32) outs(%e : tensor<64x256xf32>) -> tensor<64x256xf32>
  %M = linalg.matmul ins(%A, %W : tensor<64x512xf32>, tensor<512x256xf32>) outs(%C : tensor<64x256xf32>) -> tensor<64x256xf32>
  %R = linalg.generic {indexing_maps = [#map_id, #map_bias, #map_id], iterator_types = ["parallel", "parallel"]}
      ins(%M, %b : tensor<64x256xf32>, tensor<256xf32>) outs(%e : tensor<64x256xf32>) {
  ^bb0(%x: f32, %bias: f32, %out: f32):
    %v = arith.addf %x, %bias : f32
    %r = arith.maximumf %v, %zero : f32
    linalg.yield %r : f32
  } -> tensor<64x256xf32>
  return %R : tensor<64x256xf32>
}
