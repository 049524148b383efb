// cwm-prepare-weights: what a public function computes from its arguments
// marked cwm.weight alone moves into @F_prepare; @F_prepared takes it as
// arguments; @F keeps its signature and calls both. Weights only reshaped,
// computations that also read an activation, and functions without marked
// arguments stay as they were. The split module still lowers (calls, out-params).
// RUN: cwm-opt %s --cwm-prepare-weights | FileCheck %s
// RUN: cwm-opt %s --cwm-prepare-weights --cwm-lower-cpu="out-params=1" | FileCheck %s --check-prefix=LOWERED

#row = affine_map<(d0, d1) -> (d1)>
#id = affine_map<(d0, d1) -> (d0, d1)>

// The transposed weight is computed once; the bias is read where it was.
// CHECK-LABEL: func.func @dense(%arg0: tensor<8x16xf32>, %arg1: tensor<32x16xf32> {cwm.weight}, %arg2: tensor<32xf32> {cwm.weight}) -> tensor<8x32xf32>
// CHECK-SAME:    attributes {cwm.prepare = {prepare = @dense_prepare, prepared = @dense_prepared, weights = array<i64: 1, 2>}}
// CHECK-NEXT:  %[[P:.*]] = call @dense_prepare(%arg1, %arg2) : (tensor<32x16xf32>, tensor<32xf32>) -> tensor<16x32xf32>
// CHECK-NEXT:  %[[R:.*]] = call @dense_prepared(%arg0, %arg1, %arg2, %[[P]])
// CHECK-NEXT:  return %[[R]]
// CHECK-LABEL: func.func @dense_prepare(%arg0: tensor<32x16xf32> {cwm.weight}, %arg1: tensor<32xf32> {cwm.weight}) -> tensor<16x32xf32>
// CHECK-SAME:    attributes {cwm.role = "prepare"}
// CHECK-NEXT:  %[[E:.*]] = tensor.empty() : tensor<16x32xf32>
// CHECK-NEXT:  %[[T:.*]] = linalg.transpose ins(%arg0 : tensor<32x16xf32>) outs(%[[E]]
// CHECK-NEXT:  return %[[T]] : tensor<16x32xf32>
// CHECK-LABEL: func.func @dense_prepared(%arg0: tensor<8x16xf32>, %arg1: tensor<32x16xf32> {cwm.weight}, %arg2: tensor<32xf32> {cwm.weight}, %arg3: tensor<16x32xf32>) -> tensor<8x32xf32>
// CHECK-SAME:    attributes {cwm.role = "prepared"}
// CHECK-NOT:   linalg.transpose
// CHECK:       linalg.matmul ins(%arg0, %arg3 : tensor<8x16xf32>, tensor<16x32xf32>)
// CHECK:       linalg.generic {{.*}} ins(%{{.*}}, %arg2 : tensor<8x32xf32>, tensor<32xf32>)
// CHECK:       return
func.func @dense(%x: tensor<8x16xf32>, %w: tensor<32x16xf32> {cwm.weight},
                 %b: tensor<32xf32> {cwm.weight}) -> tensor<8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %te = tensor.empty() : tensor<16x32xf32>
  %t = linalg.transpose ins(%w : tensor<32x16xf32>) outs(%te : tensor<16x32xf32>)
         permutation = [1, 0]
  %e = tensor.empty() : tensor<8x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %m = linalg.matmul ins(%x, %t : tensor<8x16xf32>, tensor<16x32xf32>)
         outs(%f : tensor<8x32xf32>) -> tensor<8x32xf32>
  %r = linalg.generic {indexing_maps = [#id, #row, #id],
                       iterator_types = ["parallel", "parallel"]}
         ins(%m, %b : tensor<8x32xf32>, tensor<32xf32>) outs(%e : tensor<8x32xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    linalg.yield %s : f32
  } -> tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}

// A weight only reshaped: nothing worth computing once.
// CHECK-LABEL: func.func @reshaped(
// CHECK-NOT:   cwm.prepare
// CHECK-NOT:   call
// CHECK:       tensor.expand_shape %arg1
func.func @reshaped(%x: tensor<4x8xf32>, %w: tensor<32xf32> {cwm.weight}) -> tensor<4x8xf32> {
  %r = tensor.expand_shape %w [[0, 1]] output_shape [4, 8]
         : tensor<32xf32> into tensor<4x8xf32>
  %e = tensor.empty() : tensor<4x8xf32>
  %s = linalg.add ins(%x, %r : tensor<4x8xf32>, tensor<4x8xf32>)
         outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %s : tensor<4x8xf32>
}

// The computation reads an activation too, or nothing is marked: untouched.
// CHECK-LABEL: func.func @mixed(
// CHECK-NOT:   cwm.prepare
// CHECK-NOT:   call
// CHECK-LABEL: func.func @unmarked(
// CHECK-NOT:   cwm.prepare
// CHECK-NOT:   call
// CHECK-NOT:   func.func @{{.*}}_prepare
func.func @mixed(%x: tensor<4x8xf32>, %w: tensor<4x8xf32> {cwm.weight}) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %s = linalg.add ins(%x, %w : tensor<4x8xf32>, tensor<4x8xf32>)
         outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %s : tensor<4x8xf32>
}
func.func @unmarked(%x: tensor<8x16xf32>, %w: tensor<32x16xf32>) -> tensor<8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %te = tensor.empty() : tensor<16x32xf32>
  %t = linalg.transpose ins(%w : tensor<32x16xf32>) outs(%te : tensor<16x32xf32>)
         permutation = [1, 0]
  %e = tensor.empty() : tensor<8x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %m = linalg.matmul ins(%x, %t : tensor<8x16xf32>, tensor<16x32xf32>)
         outs(%f : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %m : tensor<8x32xf32>
}

// LOWERED-LABEL: llvm.func @dense(
// LOWERED:       llvm.call @dense_prepare(
// LOWERED:       llvm.call @dense_prepared(
// LOWERED-LABEL: llvm.func @dense_prepare(
// LOWERED-LABEL: llvm.func @dense_prepared(
