// pack_b: after the schedule, the vectorized matmul's reads of B (96 x 128,
// read in vectors of the register tile's 32 columns) read a copy packed as
// 4 x 96 x 32 panels, made by a parallel loop of vector copies before the
// task; A and C are read as before. Where B is a weight, cwm-prepare-weights
// moves the packing into @F_prepare (once per model, not per call). B read
// along k, or pack_b before the anchor is vectorized, is refused.
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/pack-b.json | FileCheck %s
// RUN: cwm-opt %s --cwm-apply-trace="trace-file=%S/Inputs/pack-b.json print-script=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SCRIPT
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/pack-b.json --cwm-prepare-weights | FileCheck %s --check-prefix=PREPARE
// RUN: not cwm-opt %S/Inputs/pack-b-transposed.mlir --cwm-apply-trace=trace-file=%S/Inputs/pack-b.json 2>&1 | FileCheck %s --check-prefix=TRANSPOSED
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/pack-b-early.json 2>&1 | FileCheck %s --check-prefix=EARLY

// CHECK-LABEL: func.func @mm(
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<4x96x32xf32>
// CHECK: %[[PACKED:.*]] = scf.forall (%[[P:.*]]) in (4) shared_outs(%{{.*}} = %[[EMPTY]])
// CHECK: scf.for
// CHECK: vector.transfer_read %arg1[%{{.*}}, %{{.*}}]{{.*}} : tensor<96x128xf32>, vector<32xf32>
// CHECK: vector.transfer_write {{.*}} : vector<32xf32>, tensor<1x96x32xf32>
// CHECK: scf.forall
// CHECK-NOT: vector.transfer_read %arg1[
// CHECK: vector.transfer_read %[[PACKED]][%{{.*}}, %{{.*}}, %c0{{.*}}]{{.*}} : tensor<4x96x32xf32>, vector<32xf32>
// CHECK-NOT: vector.transfer_read %arg1[
// CHECK: return

// SCRIPT: // pack_b: op 1 reads B from packed panels

// PREPARE-LABEL: func.func @mm_prepare(%arg0: tensor<96x128xf32> {cwm.weight}) -> tensor<4x96x32xf32>
// PREPARE: scf.forall
// PREPARE-LABEL: func.func @mm_prepared(
// PREPARE-SAME: tensor<4x96x32xf32>
// PREPARE-NOT: tensor<96x128xf32>
// PREPARE: return

// TRANSPOSED: error: invalid trace: action 8 (pack_b of op 1): pack_b needs B read as K x N rows (n contiguous)
// EARLY: error: invalid trace: action 1 (pack_b of op 1): pack_b must be the last action
func.func @mm(%A: tensor<64x96xf32>, %B: tensor<96x128xf32> {cwm.weight}) -> tensor<64x128xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x96xf32>, tensor<96x128xf32>) outs(%C : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %R : tensor<64x128xf32>
}
