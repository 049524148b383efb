// Applying a trace to a payload whose only task cannot be scheduled (a zero
// extent, an index operand) is an error naming the problem, not a segfault
// inside MLIR's tile-size computation.
// RUN: not cwm-opt %s --split-input-file --cwm-apply-trace=trace-file=%S/Inputs/parallelize-only.json 2>&1 | FileCheck %s

// CHECK: warning: 'linalg.matmul' is not tuned: it iterates over a zero extent
// CHECK: error: the payload has no task the trace could apply to
func.func @zero_rows(%a: tensor<0x16xf32>, %b: tensor<16x32xf32>) -> tensor<0x32xf32> {
  %c0 = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<0x32xf32>
  %f = linalg.fill ins(%c0 : f32) outs(%e : tensor<0x32xf32>) -> tensor<0x32xf32>
  %r = linalg.matmul ins(%a, %b : tensor<0x16xf32>, tensor<16x32xf32>) outs(%f : tensor<0x32xf32>) -> tensor<0x32xf32>
  return %r : tensor<0x32xf32>
}

// -----

// CHECK: warning: 'linalg.generic' is not tuned: its input tensor<64xindex> has elements of type index
// CHECK: error: the payload has no task the trace could apply to
func.func @gather(%idx: tensor<64xindex>, %src: tensor<128x16xf32>) -> tensor<64x16xf32> {
  %init = tensor.empty() : tensor<64x16xf32>
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

// The rest of a mixed payload is still scheduled.
// CHECK: warning: 'linalg.generic' is not tuned: it iterates over a zero extent
// CHECK-NOT: error
// CHECK: scf.forall
func.func @mixed(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>, %z: tensor<0x8xf32>) -> (tensor<8x8xf32>, tensor<0x8xf32>) {
  %c0 = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x8xf32>
  %f = linalg.fill ins(%c0 : f32) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %r = linalg.matmul ins(%a, %b : tensor<8x8xf32>, tensor<8x8xf32>) outs(%f : tensor<8x8xf32>) -> tensor<8x8xf32>
  %e0 = tensor.empty() : tensor<0x8xf32>
  %n = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
      iterator_types = ["parallel", "parallel"]} ins(%z : tensor<0x8xf32>) outs(%e0 : tensor<0x8xf32>) {
  ^bb0(%v: f32, %o: f32):
    %w = arith.addf %v, %v : f32
    linalg.yield %w : f32
  } -> tensor<0x8xf32>
  return %r, %n : tensor<8x8xf32>, tensor<0x8xf32>
}
