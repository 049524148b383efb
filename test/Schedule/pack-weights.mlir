// pack_weights relays out a grouped convolution's weights (G x F x KH x KW x
// C -> G x KH x KW x C x F) once, before the schedule, so the output-channel
// vectors the vectorized tile reads are contiguous; the later actions
// schedule the same eight loops.
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/group-conv-packed.json | FileCheck %s
// RUN: cwm-opt %S/Inputs/gconv-constant-weights.mlir --cwm-apply-trace=trace-file=%S/Inputs/group-conv-packed.json | FileCheck %s --check-prefix=CONST
// RUN: cwm-opt %s --cwm-apply-trace="trace-file=%S/Inputs/group-conv-packed.json print-script=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SCRIPT
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/pack-weights-late.json 2>&1 | FileCheck %s --check-prefix=LATE

// The transpose runs once, before the parallel loop; the tile reads 16
// output channels of the relaid-out weights (f innermost), not 16 rows.
// CHECK-LABEL: func.func @gconv
// CHECK: linalg.transpose ins(%{{.*}} : tensor<2x16x3x3x8xf32>) outs(%{{.*}} : tensor<2x3x3x8x16xf32>) permutation = [0, 2, 3, 4, 1]
// CHECK: scf.forall
// CHECK: vector.transfer_read {{.*}} : tensor<2x3x3x8x16xf32>, vector<8x16xf32>
// CHECK-NOT: linalg.conv_2d_nhwgc_gfhwc
// CHECK-NOT: linalg.generic

// Constant weights are relaid out when the schedule is applied: no
// transpose is left to run. Weight [g][f][kh][kw][c] = f here, so every
// row of the packed constant counts 0 to 15 (printed as hex: 0.0, 1.0,
// 2.0, 3.0, ...; the unpacked rows are eight equal values).
// CONST-LABEL: func.func @gconv_constant
// CONST: arith.constant dense<"0x000000000000803F0000004000004040{{[0-9A-F]*}}"> : tensor<2x3x3x8x16xf32>
// CONST-NOT: linalg.transpose
// CONST: scf.forall

// SCRIPT: // pack_weights: op 1 reads its weights as G x KH x KW x C x F

// LATE: error: invalid trace{{.*}}action 1 (pack_weights of op 1): pack_weights must be the first action
func.func @gconv(%I: tensor<1x10x10x2x8xf32>, %W: tensor<2x16x3x3x8xf32>) -> tensor<1x8x8x2x16xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x8x2x16xf32>
  %O = linalg.fill ins(%z : f32) outs(%e : tensor<1x8x8x2x16xf32>) -> tensor<1x8x8x2x16xf32>
  %R = linalg.conv_2d_nhwgc_gfhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%I, %W : tensor<1x10x10x2x8xf32>, tensor<2x16x3x3x8xf32>) outs(%O : tensor<1x8x8x2x16xf32>) -> tensor<1x8x8x2x16xf32>
  return %R : tensor<1x8x8x2x16xf32>
}
