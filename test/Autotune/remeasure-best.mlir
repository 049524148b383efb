// remeasure=N on the CPU measures the N best recorded schedules again before
// searching: a same-run figure for them. The new records are marked as
// re-measurements, are not trials, and the old records stay.
// RUN: rm -f %t.jsonl
// RUN: cwm-opt %s --cwm-autotune="trials=3 batch=1 db=%t.jsonl min-time=0.005 threads=1 cost-model=random" -o /dev/null 2>/dev/null
// RUN: cwm-opt %s --cwm-autotune="trials=3 batch=1 db=%t.jsonl min-time=0.005 threads=1 cost-model=random remeasure=2" -o /dev/null 2>&1 | FileCheck %s --check-prefix=AGAIN
// RUN: grep -c '"kind":"record"' %t.jsonl | FileCheck %s --check-prefix=RECORDS
// RUN: grep -c '"remeasured":true' %t.jsonl | FileCheck %s --check-prefix=MARKED
// More than there are: every success once, the baseline never.
// RUN: cwm-opt %s --cwm-autotune="trials=3 batch=1 db=%t.jsonl min-time=0.005 threads=1 cost-model=random remeasure=50" -o /dev/null 2>&1 | FileCheck %s --check-prefix=ALL
// The task scheduler (budget=) tunes in steps of batch= trials: the best are
// measured again in the first step only (two steps here).
// RUN: cwm-opt %s --cwm-autotune="budget=5 batch=1 db=%t.jsonl min-time=0.005 threads=1 cost-model=random remeasure=1" -o /dev/null 2>&1 | FileCheck %s --check-prefix=ONCE

// AGAIN: measuring again the 2 best candidates
// AGAIN: again 2/2
// AGAIN-NOT: trial 4/
// One baseline, three trials and two re-measurements.
// RECORDS: 6
// MARKED: 2
// ALL: measuring again the 3 best candidates
// ALL-NOT: again 4/
// ONCE: measuring again the 1 best candidates
// ONCE-NOT: measuring again
// ONCE: trial 5/
func.func @mm_32(%A: tensor<32x32xf32>, %B: tensor<32x32xf32>) -> tensor<32x32xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x32xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<32x32xf32>) -> tensor<32x32xf32>
  %R = linalg.matmul ins(%A, %B : tensor<32x32xf32>, tensor<32x32xf32>) outs(%C : tensor<32x32xf32>) -> tensor<32x32xf32>
  return %R : tensor<32x32xf32>
}
