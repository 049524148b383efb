// winograd rewrites a 3x3 stride-1 convolution into Winograd's F(4x4, 3x3)
// before the schedule: the filter and input transforms as vectorized
// parallel loops, a batch matmul of 36 products (which the later actions
// tile and vectorize), and the output transform with the bias + ReLU
// epilogue applied to each output vector.
// RUN: cwm-opt --cwm-extract-tasks %s | cwm-opt --cwm-apply-trace=trace-file=%S/Inputs/winograd-f4.json | FileCheck %s
// RUN: cwm-opt --cwm-extract-tasks %s | cwm-opt --cwm-apply-trace="trace-file=%S/Inputs/winograd-f4.json print-script=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SCRIPT
// RUN: cwm-opt --cwm-extract-tasks %S/../Autotune/Inputs/conv3x3-ragged.mlir | cwm-opt --cwm-apply-trace=trace-file=%S/Inputs/winograd-ragged.json | FileCheck %s --check-prefix=RAGGED
// RUN: cwm-opt --cwm-extract-tasks %s | not cwm-opt --cwm-apply-trace=trace-file=%S/Inputs/winograd-late.json 2>&1 | FileCheck %s --check-prefix=LATE
// RUN: cwm-opt --cwm-extract-tasks %S/Inputs/conv-strided.mlir | not cwm-opt --cwm-apply-trace=trace-file=%S/Inputs/winograd-strided.json 2>&1 | FileCheck %s --check-prefix=STRIDED

// The filter transform: 9 filter vectors in, 36 out per channel.
// CHECK-LABEL: func.func @conv_bias_relu
// CHECK: scf.forall ({{.*}}) in (16, 2) shared_outs({{.*}}) -> (tensor<36x16x32xf32>)
// CHECK-COUNT-9: vector.transfer_read %arg1
// CHECK: math.fma
// CHECK: tensor.parallel_insert_slice {{.*}} into {{.*}}[0, %{{.*}}, %{{.*}}] [36, 1, 16] [1, 1, 1] : tensor<36x1x16xf32> into tensor<36x16x32xf32>
// The input transform of each 6 x 6 patch (4 tiles of 4 x 4 outputs), read
// from the pad's result (unit loops folded away).
// CHECK: scf.forall ({{.*}}) in (2, 2) shared_outs({{.*}}) -> (tensor<36x4x16xf32>)
// CHECK-COUNT-36: vector.transfer_read %padded
// CHECK: tensor.parallel_insert_slice {{.*}} [36, 1, 16] [1, 1, 1] : tensor<36x1x16xf32> into tensor<36x4x16xf32>
// The 36 products, scheduled: tiled over the 36 in 6 threads, vectorized.
// CHECK: scf.forall ({{.*}}) in (6) shared_outs({{.*}}) -> (tensor<36x4x32xf32>)
// CHECK: vector.fma {{.*}} : vector<16xf32>
// The output transform, bias added and ReLU applied before each store.
// CHECK: scf.forall ({{.*}}) in (2, 2, 2) shared_outs({{.*}}) -> (tensor<1x8x8x32xf32>)
// CHECK: vector.transfer_read %arg2{{.*}} : tensor<32xf32>, vector<16xf32>
// CHECK: arith.addf {{.*}} : vector<16xf32>
// CHECK: arith.maximumf {{.*}} : vector<16xf32>
// CHECK: tensor.parallel_insert_slice {{.*}} [1, 4, 4, 16] [1, 1, 1, 1] : tensor<1x4x4x16xf32> into tensor<1x8x8x32xf32>
// CHECK-NOT: linalg.conv_2d_nhwc_hwcf
// CHECK-NOT: linalg.generic

// Ragged tiles: a 7 x 7 output in 2 x 2 tiles of 4 x 4; the input padded
// with zeros to cover their 10 x 10 patches, the output transform writing
// 8 x 8 (the residual read at the nearest real pixel), the 7 x 7 slice
// returned.
// RAGGED-LABEL: func.func @conv_ragged
// RAGGED: tensor.pad %arg0 low[0, 0, 0, 0] high[0, 1, 1, 0]
// RAGGED: -> (tensor<36x4x8xf32>)
// RAGGED: -> (tensor<1x8x8x12xf32>)
// RAGGED: arith.minsi {{.*}} : index
// RAGGED: vector.transfer_read %arg3
// RAGGED: tensor.extract_slice {{.*}}[0, 0, 0, 0] [1, 7, 7, 12] [1, 1, 1, 1] : tensor<1x8x8x12xf32> to tensor<1x7x7x12xf32>

// SCRIPT: // winograd: op 2 is the batch matmul of F(4x4, 3x3)

// LATE: error: invalid trace{{.*}}action 1 (winograd of op 2): winograd must be the first action
// STRIDED: error: invalid trace{{.*}}action 0 (winograd of op 1): winograd needs stride 1
func.func @conv_bias_relu(%I: tensor<1x8x8x16xf32>, %W: tensor<3x3x16x32xf32>, %B: tensor<32xf32>) -> tensor<1x8x8x32xf32> {
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
