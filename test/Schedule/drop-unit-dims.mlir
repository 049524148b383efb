// drop_unit_dims turns a grouped-convolution tile with unit group, row and
// window loops into a contraction the vectorizer handles.
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/group-conv.json | FileCheck %s
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/group-conv-bad.json 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK-LABEL: func.func @gconv
// CHECK: scf.forall
// CHECK: vector.transfer_read {{.*}} : tensor<2x16x3x3x8xf32>, vector<16x8xf32>
// CHECK: vector.transpose {{.*}} : vector<16x8xf32> to vector<8x16xf32>
// CHECK: vector.fma {{.*}} : vector<16xf32>
// CHECK-NOT: linalg.conv_2d_nhwgc_gfhwc
// CHECK-NOT: linalg.generic

// BAD: error: invalid trace{{.*}}action 1 (drop_unit_dims of op 1): needs unit output-row and window tiles, have [1, 2, 4, 1, 16, 1, 1, 8]
func.func @gconv(%I: tensor<1x10x10x2x8xf32>, %W: tensor<2x16x3x3x8xf32>) -> tensor<1x8x8x2x16xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x8x2x16xf32>
  %O = linalg.fill ins(%z : f32) outs(%e : tensor<1x8x8x2x16xf32>) -> tensor<1x8x8x2x16xf32>
  %R = linalg.conv_2d_nhwgc_gfhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%I, %W : tensor<1x10x10x2x8xf32>, tensor<2x16x3x3x8xf32>) outs(%O : tensor<1x8x8x2x16xf32>) -> tensor<1x8x8x2x16xf32>
  return %R : tensor<1x8x8x2x16xf32>
}
