// remeasure-cut=true measures again a success that was timed only once (as
// an earlier cwm cut a candidate after one slow run): the new record is
// marked as a re-measurement, is not a trial of its own, and the old record
// stays in the database. A second such run finds nothing left to measure.
// RUN: rm -f %t.jsonl
// RUN: cwm-opt %s --cwm-autotune="trials=2 batch=1 db=%t.jsonl min-time=0.005 threads=1 cost-model=random" -o /dev/null 2>/dev/null
// Cut the first trial's timing down to one run.
// RUN: awk '!done && /"baseline":false/ && /"status":"ok"/ { sub(/"seconds":\[[^]]*\]/, "\"seconds\":[0.001]"); done = 1 } { print }' %t.jsonl > %t.cut.jsonl
// RUN: cwm-opt %s --cwm-autotune="trials=2 batch=1 db=%t.cut.jsonl min-time=0.005 threads=1 cost-model=random remeasure-cut=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=AGAIN
// RUN: grep -c '"kind":"record"' %t.cut.jsonl | FileCheck %s --check-prefix=RECORDS
// RUN: grep -c '"remeasured":true' %t.cut.jsonl | FileCheck %s --check-prefix=MARKED
// RUN: cwm-opt %s --cwm-autotune="trials=2 batch=1 db=%t.cut.jsonl min-time=0.005 threads=1 cost-model=random remeasure-cut=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOTHING

// AGAIN: measuring again 1 candidates timed fewer than 3 times
// AGAIN: again 1/1
// AGAIN-NOT: trial 3/
// One baseline, two trials and the re-measurement.
// RECORDS: 4
// MARKED: 1
// NOTHING-NOT: measuring again
// NOTHING: mm_32
func.func @mm_32(%A: tensor<32x32xf32>, %B: tensor<32x32xf32>) -> tensor<32x32xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x32xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<32x32xf32>) -> tensor<32x32xf32>
  %R = linalg.matmul ins(%A, %B : tensor<32x32xf32>, tensor<32x32xf32>) outs(%C : tensor<32x32xf32>) -> tensor<32x32xf32>
  return %R : tensor<32x32xf32>
}
