// The CPU through a batch folder, as CUDA: candidates are built here into
// shared objects (export=), measured by cwm-run --cpu (on this machine in the
// test; on any machine of the same CPU kind in use), imported once, applied.
// The same loop and options as local tuning: trials counts records plus the
// candidates waiting in the folder.
// RUN: rm -rf %t && mkdir -p %t
// RUN: cwm-opt %s --cwm-autotune="target=cpu trials=3 threads=1 cost-model=random seed=3 db=%t/db.jsonl export=%t/batch" -o %t/unchanged.mlir 2>&1 | FileCheck %s --check-prefix=EXPORT
// RUN: cwm-opt %s --cwm-autotune="target=cpu trials=3 threads=1 cost-model=random seed=3 db=%t/db.jsonl export=%t/batch" -o /dev/null 2>&1 | FileCheck %s --check-prefix=PENDING --allow-empty
// RUN: env OMP_NUM_THREADS=1 cwm-run --cpu %t/batch/manifest.txt -o %t/results.jsonl --min-time=0.01 2>&1 | FileCheck %s --check-prefix=RAN
// RUN: cwm-opt %s --cwm-autotune="target=cpu trials=3 threads=1 cost-model=random db=%t/db.jsonl export=%t/batch import=%t/results.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=IMPORT
// RUN: cwm-opt %s --cwm-autotune="target=cpu trials=3 threads=1 cost-model=random db=%t/db.jsonl export=%t/batch import=%t/results.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=AGAIN
// RUN: grep '"kind":"record"' %t/db.jsonl | grep -c '"target":"cpu"' | FileCheck %s --check-prefix=RECORDS
// RUN: cwm-opt %s --cwm-apply-best="db=%t/db.jsonl" | FileCheck %s --check-prefix=APPLIED
// RUN: not cwm-opt %s --cwm-autotune="budget=8 db=%t/db.jsonl export=%t/batch" 2>&1 | FileCheck %s --check-prefix=BUDGET

// EXPORT: exported 1/3
// EXPORT: exported 3/3
// EXPORT: run `cwm-run --cpu {{.*}}/batch/manifest.txt
// PENDING-NOT: exported
// RAN: [3/3] {{.*}} (CPU): "status": "ok"
// IMPORT: imported 3 CPU results
// AGAIN: imported 0 CPU results
// RECORDS: 3
// APPLIED: {cwm.loop_
// BUDGET: error: budget= (the task scheduler) needs the results of each step
func.func @mm(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x64xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>) outs(%C : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %R : tensor<64x64xf32>
}
