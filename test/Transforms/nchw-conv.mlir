// An NCHW convolution (PyTorch's layout, as torch-mlir emits it) is tuned as
// an NHWC one: the input transpose joins the convolution's task, the filter
// is relaid out as HWCF by a task of its own (or folded where it is a
// constant), and the result is transposed back to NCHW by a task that takes
// the elementwise ops after it.
// RUN: cwm-opt %s --cwm-extract-tasks --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @conv_nchw_relu
// CHECK-SAME: cwm.op_class = "conv2d"
// CHECK: linalg.transpose {{.*}}permutation = [0, 2, 3, 1] {cwm.op = 0 : i64, cwm.task = 1 : i64}
// CHECK: linalg.fill
// CHECK: linalg.conv_2d_nhwc_hwcf {cwm.op = 2 : i64, cwm.task = 1 : i64, dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME: -> tensor<1x7x7x16xf32>
// CHECK-LABEL: func.func @conv_nchw_relu
// CHECK-SAME: cwm.op_class = "elementwise"
// CHECK: linalg.transpose {{.*}}permutation = [2, 3, 1, 0] {cwm.op = 0 : i64, cwm.relayout, cwm.task = 2 : i64}
// CHECK-LABEL: func.func @conv_nchw_relu
// CHECK-SAME: cwm.op_class = "elementwise"
// CHECK: linalg.transpose {{.*}}permutation = [0, 3, 1, 2] {cwm.op = 0 : i64, cwm.relayout, cwm.task = 3 : i64}
// CHECK: linalg.generic {{.*}}cwm.op = 1 : i64, cwm.task = 3 : i64
// CHECK-NOT: linalg.conv_2d_nchw_fchw
func.func @conv_nchw_relu(%I: tensor<1x8x16x16xf32>, %W: tensor<16x8x3x3xf32>) -> tensor<1x16x7x7xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x16x7x7xf32>
  %O = linalg.fill ins(%z : f32) outs(%e : tensor<1x16x7x7xf32>) -> tensor<1x16x7x7xf32>
  %C = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%I, %W : tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) outs(%O : tensor<1x16x7x7xf32>) -> tensor<1x16x7x7xf32>
  %e2 = tensor.empty() : tensor<1x16x7x7xf32>
  %R = linalg.generic {indexing_maps = [affine_map<(a,b,c,d) -> (a,b,c,d)>, affine_map<(a,b,c,d) -> (a,b,c,d)>], iterator_types = ["parallel","parallel","parallel","parallel"]} ins(%C : tensor<1x16x7x7xf32>) outs(%e2 : tensor<1x16x7x7xf32>) {
  ^bb0(%x: f32, %o: f32):
    %m = arith.maximumf %x, %z : f32
    linalg.yield %m : f32
  } -> tensor<1x16x7x7xf32>
  return %R : tensor<1x16x7x7xf32>
}

// -----

// A constant filter is relaid out at once: filter [f][c][kh][kw] = f, so
// the HWCF constant's innermost rows count 0, 1, 2, 3 (hex: 0.0, 1.0, 2.0,
// 3.0); no transpose of it is left.
// CHECK-LABEL: func.func @conv_nchw_constant
// CHECK-SAME: cwm.op_class = "conv2d"
// CHECK: arith.constant dense<{{\[\[\[\[}}0.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00]{{.*}} : tensor<3x3x2x4xf32>
// CHECK-NOT: permutation = [2, 3, 1, 0]
// CHECK: linalg.conv_2d_nhwc_hwcf
func.func @conv_nchw_constant(%I: tensor<1x2x6x6xf32>) -> tensor<1x4x4x4xf32> {
  %W = arith.constant dense<[[[[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]],
                             [[[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]], [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]],
                             [[[2.0, 2.0, 2.0], [2.0, 2.0, 2.0], [2.0, 2.0, 2.0]], [[2.0, 2.0, 2.0], [2.0, 2.0, 2.0], [2.0, 2.0, 2.0]]],
                             [[[3.0, 3.0, 3.0], [3.0, 3.0, 3.0], [3.0, 3.0, 3.0]], [[3.0, 3.0, 3.0], [3.0, 3.0, 3.0], [3.0, 3.0, 3.0]]]]> : tensor<4x2x3x3xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4x4x4xf32>
  %O = linalg.fill ins(%z : f32) outs(%e : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %C = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%I, %W : tensor<1x2x6x6xf32>, tensor<4x2x3x3xf32>) outs(%O : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %C : tensor<1x4x4x4xf32>
}
