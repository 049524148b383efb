// Two tasks for cwm-export-spec: a dense layer with bias and ReLU, and a
// padded 3x3 convolution (its pad a producer of the task).
func.func @layers(%x: tensor<32x48xf32>, %w: tensor<48x64xf32>, %b: tensor<64xf32>,
                  %img: tensor<1x14x14x8xf32>, %f: tensor<3x3x8x16xf32>)
    -> (tensor<32x64xf32>, tensor<1x14x14x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<32x64xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e0 : tensor<32x64xf32>) -> tensor<32x64xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<32x48xf32>, tensor<48x64xf32>) outs(%acc : tensor<32x64xf32>) -> tensor<32x64xf32>
  %e1 = tensor.empty() : tensor<32x64xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mm, %b : tensor<32x64xf32>, tensor<64xf32>) outs(%e1 : tensor<32x64xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<32x64xf32>
  %padded = tensor.pad %img low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %zero : f32
  } : tensor<1x14x14x8xf32> to tensor<1x16x16x8xf32>
  %e2 = tensor.empty() : tensor<1x14x14x16xf32>
  %cacc = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x14x14x16xf32>) -> tensor<1x14x14x16xf32>
  %conv = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%padded, %f : tensor<1x16x16x8xf32>, tensor<3x3x8x16xf32>) outs(%cacc : tensor<1x14x14x16xf32>) -> tensor<1x14x14x16xf32>
  return %r, %conv : tensor<32x64xf32>, tensor<1x14x14x16xf32>
}
