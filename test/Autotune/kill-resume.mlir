// A tuning run killed with SIGKILL resumes from its database without
// measuring again anything it had recorded.
// RUN: bash %S/Inputs/kill-and-resume.sh %s %t.jsonl 12 | FileCheck %s

// CHECK: first run exit: 137
// CHECK: killed mid-run: yes
// CHECK: second run exit: 0
// CHECK: resuming: (all recorded) trials already in the database
// CHECK: baselines measured again: 0
// One baseline + twelve trials.
// CHECK: records at the end: 13
// CHECK: traces measured twice: 0
func.func @mm_64(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x64xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>) outs(%C : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %R : tensor<64x64xf32>
}
