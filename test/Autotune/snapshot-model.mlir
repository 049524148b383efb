// The snapshot baseline (applies and lowers every candidate it scores),
// cold, over two workloads in one module: each workload keeps its own
// featurizer and feature cache.
// RUN: rm -f %t.jsonl
// RUN: cwm-opt %s --cwm-autotune="cost-model=snapshot trials=4 batch=2 db=%t.jsonl min-time=0.01 threads=1 population=16 generations=1" -o /dev/null 2>&1 | FileCheck %s
// CHECK: cost model snapshot: scored {{[1-9][0-9]*}} candidates
// CHECK: cost model snapshot: scored {{[1-9][0-9]*}} candidates
// CHECK: mm_a {{.*}} 4 
// CHECK: mm_b {{.*}} 4 

func.func @mm_a(%A: tensor<64x32xf32>, %B: tensor<32x64xf32>) -> tensor<64x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x64xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x32xf32>, tensor<32x64xf32>) outs(%C : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %R : tensor<64x64xf32>
}
func.func @mm_b(%A: tensor<32x64xf32>, %B: tensor<64x128xf32>) -> tensor<32x128xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x128xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<32x128xf32>) -> tensor<32x128xf32>
  %R = linalg.matmul ins(%A, %B : tensor<32x64xf32>, tensor<64x128xf32>) outs(%C : tensor<32x128xf32>) -> tensor<32x128xf32>
  return %R : tensor<32x128xf32>
}
