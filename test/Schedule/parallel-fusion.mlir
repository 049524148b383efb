// Fusing a softmax's reductions into an scf.forall that also splits the
// columns: every thread recomputes the row reductions of its tile, so their
// scratch tensors must be private to the thread. Regression test: they used
// to be slices of one shared tensor (and the exp scratch a slice of the
// forall's shared output), and threads overwrote each other's rows.
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/softmax-column-split.json | FileCheck %s --check-prefix=SPLIT
// Identical fused copies of a producer get merged by CSE; the schedule must
// still apply (it used to fail: a handle pointed to one op twice).
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/softmax-whole-rows.json | FileCheck %s --check-prefix=ROWS

// SPLIT-LABEL: func.func @softmax
// SPLIT: scf.forall (%{{.*}}, %{{.*}}) in (4, 4) shared_outs(%[[OUT:.*]] = %{{.*}})
// SPLIT-NOT: tensor.extract_slice %[[OUT]]{{.*}}[16, 32]
// SPLIT-DAG: tensor.empty() : tensor<16xf32>
// SPLIT-DAG: tensor.empty() : tensor<16x32xf32>
// SPLIT-NOT: tensor.extract_slice %[[OUT]]{{.*}}[16, 32]
// SPLIT: tensor.parallel_insert_slice %{{.*}} into %[[OUT]]{{.*}}[16, 8]

// ROWS-LABEL: func.func @softmax
// ROWS: scf.forall (%{{.*}}) in (8)
// ROWS: vector.multi_reduction <maxnumf>
// ROWS: math.exp
// ROWS: vector.multi_reduction <add>
// ROWS: arith.divf
// ROWS: tensor.parallel_insert_slice

#rows = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @softmax(%x: tensor<64x32xf32>) -> tensor<64x32xf32> {
  %ninf = arith.constant 0xFFC00000 : f32
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<64xf32>
  %e2 = tensor.empty() : tensor<64x32xf32>
  %m0 = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<64xf32>) -> tensor<64xf32>
  %m = linalg.generic {indexing_maps = [#rows, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<64x32xf32>) outs(%m0 : tensor<64xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %r = arith.maxnumf %in, %acc : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  %ex = linalg.generic {indexing_maps = [#rows, #row, #rows], iterator_types = ["parallel", "parallel"]}
      ins(%x, %m : tensor<64x32xf32>, tensor<64xf32>) outs(%e2 : tensor<64x32xf32>) {
  ^bb0(%in: f32, %mx: f32, %out: f32):
    %d = arith.subf %in, %mx : f32
    %r = math.exp %d : f32
    linalg.yield %r : f32
  } -> tensor<64x32xf32>
  %s0 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<64xf32>) -> tensor<64xf32>
  %s = linalg.generic {indexing_maps = [#rows, #row], iterator_types = ["parallel", "reduction"]}
      ins(%ex : tensor<64x32xf32>) outs(%s0 : tensor<64xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %r = arith.addf %in, %acc : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  %y = linalg.generic {indexing_maps = [#rows, #row, #rows], iterator_types = ["parallel", "parallel"]}
      ins(%ex, %s : tensor<64x32xf32>, tensor<64xf32>) outs(%e2 : tensor<64x32xf32>) {
  ^bb0(%in: f32, %sum: f32, %out: f32):
    %r = arith.divf %in, %sum : f32
    linalg.yield %r : f32
  } -> tensor<64x32xf32>
  return %y : tensor<64x32xf32>
}
