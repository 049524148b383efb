// Tasks cwm cannot measure are left to the default lowering with a warning
// instead of crashing extraction: operands of element types the measuring
// harness cannot fill or compare (index, complex, i1) and ops that iterate
// over a zero extent (tiling them divides by zero inside MLIR).
// RUN: cwm-opt %s --cwm-extract-tasks --split-input-file -verify-diagnostics | FileCheck %s

// CHECK: module {
// CHECK-NEXT: }
func.func @gather(%idx: tensor<64xindex>, %src: tensor<128x16xf32>) -> tensor<64x16xf32> {
  %init = tensor.empty() : tensor<64x16xf32>
  // expected-warning @+1 {{'linalg.generic' is not tuned: its input tensor<64xindex> has elements of type index, which cwm cannot generate or compare}}
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i)>, affine_map<(i, j) -> (i, j)>],
      iterator_types = ["parallel", "parallel"]} ins(%idx : tensor<64xindex>) outs(%init : tensor<64x16xf32>) {
  ^bb0(%i: index, %o: f32):
    %j = linalg.index 1 : index
    %v = tensor.extract %src[%i, %j] : tensor<128x16xf32>
    linalg.yield %v : f32
  } -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// -----

// CHECK: module {
// CHECK-NEXT: }
func.func @zero_rows(%a: tensor<0x16xf32>, %b: tensor<16x32xf32>) -> tensor<0x32xf32> {
  %c0 = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<0x32xf32>
  %f = linalg.fill ins(%c0 : f32) outs(%e : tensor<0x32xf32>) -> tensor<0x32xf32>
  // expected-warning @+1 {{'linalg.matmul' is not tuned: it iterates over a zero extent: there is nothing to compute}}
  %r = linalg.matmul ins(%a, %b : tensor<0x16xf32>, tensor<16x32xf32>) outs(%f : tensor<0x32xf32>) -> tensor<0x32xf32>
  return %r : tensor<0x32xf32>
}

// -----

// CHECK: module {
// CHECK-NEXT: }
func.func @bool_mask(%m: tensor<8x8xi1>, %x: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %e = tensor.empty() : tensor<8x8xf32>
  // expected-warning @+1 {{its input tensor<8x8xi1> has elements of type i1}}
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
      iterator_types = ["parallel", "parallel"]} ins(%m, %x : tensor<8x8xi1>, tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%b: i1, %v: f32, %o: f32):
    %z = arith.constant 0.0 : f32
    %s = arith.select %b, %v, %z : f32
    linalg.yield %s : f32
  } -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}

// -----

// A zero-extent task among measurable ones: only it is skipped.
// CHECK-LABEL: func.func @mixed_0(
// CHECK: linalg.matmul {cwm.op = 1 : i64, cwm.task = {{[0-9]+}} : i64}
// CHECK-NOT: func.func
func.func @mixed(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>, %z: tensor<0x8xf32>) -> (tensor<8x8xf32>, tensor<0x8xf32>) {
  %c0 = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x8xf32>
  %f = linalg.fill ins(%c0 : f32) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %r = linalg.matmul ins(%a, %b : tensor<8x8xf32>, tensor<8x8xf32>) outs(%f : tensor<8x8xf32>) -> tensor<8x8xf32>
  %e0 = tensor.empty() : tensor<0x8xf32>
  // expected-warning @+1 {{it iterates over a zero extent}}
  %n = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
      iterator_types = ["parallel", "parallel"]} ins(%z : tensor<0x8xf32>) outs(%e0 : tensor<0x8xf32>) {
  ^bb0(%v: f32, %o: f32):
    %w = arith.addf %v, %v : f32
    linalg.yield %w : f32
  } -> tensor<0x8xf32>
  return %r, %n : tensor<8x8xf32>, tensor<0x8xf32>
}

