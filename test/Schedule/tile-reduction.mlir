// tile_reduction keeps each row whole and accumulates it into `lanes`
// partial sums with whole vectors; the lanes are added up once per row.
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/tile-reduction.json | FileCheck %s
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/tile-reduction-bad.json 2>&1 | FileCheck %s --check-prefix=LANES
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/tile-reduction-then-tile.json 2>&1 | FileCheck %s --check-prefix=AFTER

// The loop over the row carries 2 x 32 partial sums as a vector (hoisted
// out of the tensor) and adds x * x to them; the horizontal reduction
// comes after it.
// CHECK-LABEL: func.func @rownorm
// CHECK: scf.forall
// CHECK: scf.for {{.*}} iter_args({{.*}}) -> (vector<2x32xf32>)
// CHECK: arith.mulf {{.*}} : vector<2x32xf32>
// CHECK: arith.addf {{.*}} : vector<2x32xf32>
// CHECK: scf.yield {{.*}} : vector<2x32xf32>
// CHECK: vector.multi_reduction <add>, {{.*}} [1] : vector<2x32xf32> to vector<2xf32>
// CHECK: math.sqrt {{.*}} : vector<2xf32>

// LANES: error: invalid trace{{.*}}action 1 (tile_reduction of op 1): tile_reduction lanes 48 must be at least 2, below and dividing the reduction's extent 256
// AFTER: error: invalid trace{{.*}}action 2 (tile of op 1): only vectorize and hoist may follow tile_reduction on the same op
#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>
func.func @rownorm(%X: tensor<64x256xf32>) -> tensor<64xf32> {
  %zero = arith.constant 0.0 : f32
  %er = tensor.empty() : tensor<64xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%er : tensor<64xf32>) -> tensor<64xf32>
  %ss = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%X : tensor<64x256xf32>) outs(%acc : tensor<64xf32>) {
  ^bb0(%x: f32, %s: f32):
    %x2 = arith.mulf %x, %x : f32
    %t = arith.addf %x2, %s : f32
    linalg.yield %t : f32
  } -> tensor<64xf32>
  %er2 = tensor.empty() : tensor<64xf32>
  %R = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      ins(%ss : tensor<64xf32>) outs(%er2 : tensor<64xf32>) {
  ^bb0(%s: f32, %o: f32):
    %r = math.sqrt %s : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  return %R : tensor<64xf32>
}
