// test/Schedule/winograd.mlir's convolution with its filter and bias marked
// as a model's weights (cwm.weight): the same task key, timed with the
// weights prepared.
func.func @conv_bias_relu(%I: tensor<1x8x8x16xf32>, %W: tensor<3x3x16x32xf32> {cwm.weight}, %B: tensor<32xf32> {cwm.weight}) -> tensor<1x8x8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %P = tensor.pad %I low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x8x8x16xf32> to tensor<1x10x10x16xf32>
  %e = tensor.empty() : tensor<1x8x8x32xf32>
  %O = linalg.fill ins(%zero : f32) outs(%e : tensor<1x8x8x32xf32>) -> tensor<1x8x8x32xf32>
  %R = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%P, %W : tensor<1x10x10x16xf32>, tensor<3x3x16x32xf32>) outs(%O : tensor<1x8x8x32xf32>) -> tensor<1x8x8x32xf32>
  %e2 = tensor.empty() : tensor<1x8x8x32xf32>
  %Y = linalg.generic {indexing_maps = [affine_map<(n, h, w, f) -> (n, h, w, f)>, affine_map<(n, h, w, f) -> (f)>, affine_map<(n, h, w, f) -> (n, h, w, f)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%R, %B : tensor<1x8x8x32xf32>, tensor<32xf32>) outs(%e2 : tensor<1x8x8x32xf32>) {
  ^bb0(%x: f32, %b: f32, %o: f32):
    %s = arith.addf %x, %b : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<1x8x8x32xf32>
  return %Y : tensor<1x8x8x32xf32>
}
