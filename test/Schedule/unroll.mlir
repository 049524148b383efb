// `unroll` of a loop that still carries its accumulator as a tensor (here a
// batch matmul whose hoist leaves tensor<16x1x256xf32> on tensors) is refused
// when the schedule is applied: unrolled on tensors, bufferization copies the
// tile at every step and the kernel ran 170-19,000 times slower
// (../shared/findings/unroll-on-tensors.md). The same schedule without the
// unroll applies, and so do an unroll of a loop that carries vectors
// (test/Schedule/tile.mlir).
// RUN: not cwm-opt %s --cwm-apply-trace=trace-file=%S/Inputs/unroll-tensor-accumulator.json -o /dev/null 2>&1 | FileCheck %s
// RUN: sed 's/,{"kind":"unroll".*\]/]/' %S/Inputs/unroll-tensor-accumulator.json > %t.json
// RUN: cwm-opt %s --cwm-apply-trace=trace-file=%t.json | FileCheck %s --check-prefix=NOUNROLL
// CHECK: error: unroll refused: the unrolled loop carries tensor<16x1x256xf32> (an accumulator still on tensors: hoist did not move it into vectors) and its steps insert into it side by side
// NOUNROLL-LABEL: func.func @bmm
// NOUNROLL: scf.forall
// NOUNROLL-NOT: error
func.func @bmm(%A: tensor<16x64x128xf32>, %B: tensor<16x128x256xf32>) -> tensor<16x64x256xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x64x256xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<16x64x256xf32>) -> tensor<16x64x256xf32>
  %R = linalg.batch_matmul ins(%A, %B : tensor<16x64x128xf32>, tensor<16x128x256xf32>) outs(%C : tensor<16x64x256xf32>) -> tensor<16x64x256xf32>
  return %R : tensor<16x64x256xf32>
}
