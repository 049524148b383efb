// Each picked schedule is applied to the task in the tuner before it is
// measured: one that does not apply (here: unrolls refused on a tensor
// accumulator, which random picks of this 64^3 matmul often are) is passed
// over for the next pick instead of costing a trial. precheck=false measures
// every pick, and the refused ones are recorded as transform errors.
// RUN: rm -rf %t && mkdir -p %t
// RUN: cwm-opt %s --cwm-autotune="trials=8 batch=4 cost-model=random seed=2 min-time=0.01 db=%t/on.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=ON
// RUN: cwm-opt %s --cwm-autotune="trials=8 batch=4 cost-model=random seed=2 min-time=0.01 precheck=false db=%t/off.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=OFF
// A checking helper that fails every request (the test hook CWM_CHECK_FAULT
// crashes it each time) is given up after five in a row: the later picks go
// to the worker unchecked and all 8 trials are still measured.
// RUN: env CWM_CHECK_FAULT=crash cwm-opt %s --cwm-autotune="trials=8 batch=4 cost-model=random seed=2 min-time=0.01 db=%t/broken.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BROKEN
// BROKEN: 4 of {{[0-9]+}} picks did not apply here and were passed over
// BROKEN: 5 checks crashed the checking helper{{.*}}(last: killed by SIGSEGV
// BROKEN: the checking helper failed five picks in a row, so the checks stopped
// BROKEN: mm {{.*}} 8 {{none|transform_error=}}
// ON: {{[1-9][0-9]*}} of {{[0-9]+}} picks did not apply here and were passed over
// ON: mm {{.*}} 8 none
// OFF-NOT: did not apply here
// OFF: mm {{.*}} 8 transform_error=

func.func @mm(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x64xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>) outs(%C : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %R : tensor<64x64xf32>
}
