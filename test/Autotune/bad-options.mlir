// RUN: not cwm-opt %s --cwm-autotune="target=tpu" 2>&1 | FileCheck %s --check-prefix=TARGET
// RUN: not cwm-opt %s --cwm-autotune="cost-model=oracle" 2>&1 | FileCheck %s --check-prefix=MODEL
// RUN: not cwm-opt %s --cwm-autotune="trials=-3" 2>&1 | FileCheck %s --check-prefix=TRIALS
// RUN: not cwm-opt %s --cwm-apply-best="db=%t.does-not-exist.jsonl" 2>&1 | FileCheck %s --check-prefix=NODB
// TARGET: error: unsupported target 'tpu' (supported: cpu)
// MODEL: error: unknown cost model 'oracle' (known: random)
// TRIALS: error: trials must be >= 0, got -3
// NODB: error: tuning database '{{.*}}' does not exist
func.func @f(%A: tensor<4x4xf32>) -> tensor<4x4xf32> {
  return %A : tensor<4x4xf32>
}
