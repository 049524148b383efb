// Attention's context product with V as [tokens, heads, 64] and the heads
// merged after it: for the GPU both transposes are folded into the
// contraction (one linalg.generic reading V in place and writing the merged
// [tokens, heads, 64] result through its output map); the softmax before it
// is a task of its own (GPU extraction splits it off, so it does not stop
// the fold). The block tile keeps the batch (heads) loop outermost.
// RUN: cwm-opt %s --cwm-extract-tasks=target=cuda | FileCheck %s --check-prefix=CUDA
// RUN: cwm-opt %s --cwm-apply-trace="target=cuda task=1 trace-file=%S/Inputs/permuted-output-staged.json" | FileCheck %s --check-prefix=IR
// A thread tile of one row and a k step of 1 makes the vector patterns
// rewrite each other's results without end: the script's pattern
// applications are bounded, so the schedule fails in seconds (it exhausted
// 4 GB before) and the tuner passes it over.
// RUN: not cwm-opt %s --cwm-apply-trace="target=cuda task=1 trace-file=%S/Inputs/permuted-output-unconverging.json" 2>&1 | FileCheck %s --check-prefix=BOUNDED
// RUN: cwm-opt %S/Inputs/permuted-output-reshaped-v.mlir --cwm-extract-tasks=target=cuda | FileCheck %s --check-prefix=RESHAPED

// CUDA-DAG: #[[V:.*]] = affine_map<(d0, d1, d2, d3) -> (d3, d0, d2)>
// CUDA-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, d2)>
// CUDA-LABEL: func.func @context_0(
// CUDA-SAME: cwm.op_class = "reduction"
// CUDA-LABEL: func.func @context_1(
// CUDA-SAME: -> tensor<32x2x16xf32>
// CUDA-SAME: cwm.op_class = "batch_matmul"
// CUDA-NOT: linalg.transpose
// CUDA: linalg.fill {{.*}} -> tensor<32x2x16xf32>
// CUDA: linalg.generic {indexing_maps = [#{{.*}}, #[[V]], #[[OUT]]]
// CUDA-SAME: cwm.permuted_operands
// CUDA-NOT: linalg.transpose
// CUDA: return {{.*}} : tensor<32x2x16xf32>

// IR: gpu.launch
// IR-NOT: gpu.launch

// BOUNDED: error: greedy pattern application failed

// RESHAPED-NOT: cwm.permuted_operands
// RESHAPED: linalg.batch_matmul
// RESHAPED-NOT: cwm.permuted_operands

func.func @context(%scores: tensor<2x32x32xf32>, %heads: tensor<32x2x16xf32>) -> tensor<32x2x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<2x32x16xf32>
  %vt = linalg.transpose ins(%heads : tensor<32x2x16xf32>) outs(%e0 : tensor<2x32x16xf32>) permutation = [1, 0, 2]
  %e1 = tensor.empty() : tensor<2x32x32xf32>
  %p = linalg.softmax dimension(2) ins(%scores : tensor<2x32x32xf32>) outs(%e1 : tensor<2x32x32xf32>) -> tensor<2x32x32xf32>
  %e2 = tensor.empty() : tensor<2x32x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e2 : tensor<2x32x16xf32>) -> tensor<2x32x16xf32>
  %ctx = linalg.batch_matmul ins(%p, %vt : tensor<2x32x32xf32>, tensor<2x32x16xf32>) outs(%acc : tensor<2x32x16xf32>) -> tensor<2x32x16xf32>
  %e3 = tensor.empty() : tensor<32x2x16xf32>
  %merged = linalg.transpose ins(%ctx : tensor<2x32x16xf32>) outs(%e3 : tensor<32x2x16xf32>) permutation = [1, 0, 2]
  return %merged : tensor<32x2x16xf32>
}
