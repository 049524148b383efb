// A 7 x 7 output no Winograd tile divides (2 x 2 and 4 x 4 tiles both
// cover 8 x 8), with a bias and a residual read at each output pixel.
func.func @conv_ragged(%I: tensor<1x9x9x8xf32>, %W: tensor<3x3x8x12xf32>, %B: tensor<12xf32>, %R: tensor<1x7x7x12xf32>) -> tensor<1x7x7x12xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x7x7x12xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x7x7x12xf32>) -> tensor<1x7x7x12xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%I, %W : tensor<1x9x9x8xf32>, tensor<3x3x8x12xf32>) outs(%f : tensor<1x7x7x12xf32>) -> tensor<1x7x7x12xf32>
  %e2 = tensor.empty() : tensor<1x7x7x12xf32>
  %b = linalg.generic {indexing_maps = [affine_map<(n, h, w, f) -> (n, h, w, f)>, affine_map<(n, h, w, f) -> (f)>, affine_map<(n, h, w, f) -> (n, h, w, f)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
         ins(%c, %B : tensor<1x7x7x12xf32>, tensor<12xf32>) outs(%e2 : tensor<1x7x7x12xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<1x7x7x12xf32>
  %e3 = tensor.empty() : tensor<1x7x7x12xf32>
  %r = linalg.add ins(%b, %R : tensor<1x7x7x12xf32>, tensor<1x7x7x12xf32>) outs(%e3 : tensor<1x7x7x12xf32>) -> tensor<1x7x7x12xf32>
  return %r : tensor<1x7x7x12xf32>
}
