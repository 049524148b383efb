// The schedule library: cwm-train --write-library keeps the fastest
// schedules of each workload of a database as the decision values their
// rules drew; a task of the same structure and another shape takes them
// (moved to the nearest values its rules offer) into its population, and
// with transfer=N as its first round's first N picks. Errors name the
// problem: transfer without a library, a library that is missing or
// malformed, a target without a search space.
// RUN: rm -rf %t && mkdir -p %t
// RUN: cwm-opt %s --cwm-autotune="trials=6 batch=6 cost-model=random seed=3 min-time=0.01 db=%t/source.jsonl" -o /dev/null
// RUN: cwm-train %t/source.jsonl --target=cpu --write-library=%t/library.jsonl | FileCheck %s --check-prefix=WRITE
// WRITE: cwm-train: wrote {{[1-3]}} schedules of 1 workloads to {{.*}}library.jsonl (0 held-out workloads left out, 0 records whose choices no longer replay to their trace)
// RUN: FileCheck %s --check-prefix=LINE < %t/library.jsonl
// LINE: "shape":[64,64,64],"signature":"cpu|matmul|f32|f32|a1|linalg.fill/2f|linalg.matmul/3","values":[{{[-0-9,]+}}],"workload":"mm"
// RUN: cwm-opt %S/Inputs/matmul-48x64x80.mlir --cwm-autotune="trials=2 batch=2 seed=3 min-time=0.01 library=%t/library.jsonl transfer=2 db=%t/target.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=USE
// USE: 2 picks so far carried over from the schedule library
// USE: mm {{.*}} 2 none
// RUN: not cwm-opt %s --cwm-autotune="trials=2 transfer=2 db=%t/x.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOLIB
// NOLIB: transfer=2 needs library= (a schedule library written by cwm-train --write-library)
// RUN: not cwm-opt %s --cwm-autotune="trials=2 library=%t/missing.jsonl db=%t/x.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: cannot read schedule library '{{.*}}missing.jsonl'
// RUN: echo '{"signature": "cpu", "shape": [4], "values": ["x"]}' > %t/bad.jsonl
// RUN: not cwm-opt %s --cwm-autotune="trials=2 library=%t/bad.jsonl db=%t/x.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: schedule library '{{.*}}bad.jsonl' line 1: values holds a non-integer
// RUN: not cwm-train %t/source.jsonl --write-library=%t/l2.jsonl 2>&1 | FileCheck %s --check-prefix=TARGET
// TARGET: --write-library needs --target=cpu or cuda

func.func @mm(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x64xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>) outs(%C : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %R : tensor<64x64xf32>
}
