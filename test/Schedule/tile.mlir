// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/tile.json | FileCheck %s --check-prefix=TILE
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/parallel-vector.json | FileCheck %s --check-prefix=VEC
// RUN: cwm-opt %s --cwm-apply-trace="trace-file=%S/Inputs/parallel-vector.json print-script=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SCRIPT

// TILE-LABEL: func.func @mm
// TILE: scf.for
// TILE: scf.for
// TILE: scf.for
// TILE: linalg.matmul {{.*}}tensor<8x4xf32>, tensor<4x32xf32>
// TILE-NOT: cwm.op

// VEC-LABEL: func.func @mm
// VEC: scf.forall (%{{.*}}, %{{.*}}) in (2, 2)
// VEC: vector.fma {{.*}} : vector<32xf32>
// VEC-NOT: linalg.matmul

// SCRIPT: transform.structured.tile_using_forall %{{.*}} tile_sizes [32, 64, 0]
// SCRIPT: transform.structured.fuse_into_containing_op
// SCRIPT: transform.structured.tile_using_for %{{.*}} tile_sizes [8, 32, 1]
// SCRIPT: transform.structured.vectorize
// SCRIPT: transform.loop.hoist_loop_invariant_subsets
// SCRIPT: transform.loop.unroll %{{.*}} {factor = 2 : i64}
// SCRIPT: lowering_strategy = "outerproduct"
func.func @mm(%A: tensor<64x64xf32>, %B: tensor<64x128xf32>) -> tensor<64x128xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x64xf32>, tensor<64x128xf32>) outs(%C : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %R : tensor<64x128xf32>
}
