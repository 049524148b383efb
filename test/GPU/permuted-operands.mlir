// Transposes before a batch matmul (Q K^T of attention, here with Q and K as
// [tokens, heads, 64]) are folded into the contraction's operand maps for the
// GPU: the task is one linalg.generic that reads Q and K where they are
// (classed batch_matmul, marked cwm.permuted_operands), so no transpose
// kernel runs. The CPU keeps the transposes in the task (fused into its
// tiles; its task keys do not change).
// RUN: cwm-opt %s --cwm-extract-tasks=target=cuda | FileCheck %s --check-prefix=CUDA
// RUN: cwm-opt %s --cwm-extract-tasks=target=cpu | FileCheck %s --check-prefix=CPU
// RUN: cwm-opt %s --cwm-apply-trace="target=cuda trace-file=%S/Inputs/permuted-promoted.json" | FileCheck %s --check-prefix=IR
// RUN: cwm-opt %s --cwm-apply-trace="target=cuda trace-file=%S/Inputs/permuted-promoted.json" --cwm-lower-gpu | FileCheck %s --check-prefix=PTX
// RUN: not cwm-opt %s --cwm-apply-trace="target=cuda trace-file=%S/Inputs/permuted-unpromoted.json" 2>&1 | FileCheck %s --check-prefix=UNSTAGED
// RUN: not cwm-opt %s --cwm-apply-trace="target=tpu trace-file=%S/Inputs/permuted-promoted.json" 2>&1 | FileCheck %s --check-prefix=TARGET
// RUN: cwm-opt %S/Inputs/permuted-a-along-m.mlir --cwm-extract-tasks=target=cuda | FileCheck %s --check-prefix=KEPT

// CUDA-DAG: #[[Q:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, d3)>
// CUDA-DAG: #[[K:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, d0, d3)>
// CUDA-LABEL: func.func @scores
// CUDA-SAME: cwm.op_class = "batch_matmul"
// CUDA-NOT: linalg.transpose
// CUDA: linalg.generic {indexing_maps = [#[[Q]], #[[K]], {{.*}}ins(%arg0, %arg1 : tensor<128x12x64xf32>, tensor<128x12x64xf32>)
// CUDA-SAME: cwm.permuted_operands
// CUDA-NOT: linalg.transpose

// CPU-LABEL: func.func @scores
// CPU-SAME: cwm.op_class = "batch_matmul"
// CPU: linalg.transpose
// CPU: linalg.transpose
// CPU: linalg.batch_matmul

// One kernel; the staged slices keep the operands' layout: A as [m, 1, k]
// (32 rows of Q), B as [n, 1, k] (64 rows of K).
// IR: gpu.launch
// IR-NOT: gpu.launch
// IR-DAG: memref.global "private" @{{.*}} : memref<32x1x32xf32, #gpu.address_space<workgroup>>
// IR-DAG: memref.global "private" @{{.*}} : memref<64x1x32xf32, #gpu.address_space<workgroup>>
// The copies read 16 bytes along k, contiguous in Q and K.
// PTX-DAG: ld.global.v4.b32
// PTX-DAG: st.shared.v4.b32
// PTX-DAG: bar.sync
// UNSTAGED: vectorized only from staged (promoted) slices
// TARGET: unsupported target 'tpu' (supported: cpu, cuda)
// Only layouts the staged schedules were checked on are folded: A contiguous
// along k, B along k or n. A contiguous along m (here [k, b, m]) keeps its
// transposes, and so does B, since the contraction folds all or nothing.
// KEPT-NOT: cwm.permuted_operands
// KEPT: linalg.transpose
// KEPT: linalg.transpose
// KEPT: linalg.batch_matmul
// KEPT-NOT: cwm.permuted_operands

func.func @scores(%Q: tensor<128x12x64xf32>, %K: tensor<128x12x64xf32>) -> tensor<12x128x128xf32> {
  %zero = arith.constant 0.0 : f32
  %eq = tensor.empty() : tensor<12x128x64xf32>
  %ek = tensor.empty() : tensor<12x64x128xf32>
  %Qt = linalg.transpose ins(%Q : tensor<128x12x64xf32>) outs(%eq : tensor<12x128x64xf32>) permutation = [1, 0, 2]
  %Kt = linalg.transpose ins(%K : tensor<128x12x64xf32>) outs(%ek : tensor<12x64x128xf32>) permutation = [1, 2, 0]
  %e = tensor.empty() : tensor<12x128x128xf32>
  %C = linalg.fill ins(%zero : f32) outs(%e : tensor<12x128x128xf32>) -> tensor<12x128x128xf32>
  %R = linalg.batch_matmul ins(%Qt, %Kt : tensor<12x128x64xf32>, tensor<12x64x128xf32>) outs(%C : tensor<12x128x128xf32>) -> tensor<12x128x128xf32>
  return %R : tensor<12x128x128xf32>
}
