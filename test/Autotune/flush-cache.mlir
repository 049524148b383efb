// flush-cache=auto (the default) times the tasks of a CPU module of several
// tasks, as in a model, with the caches flushed before every run, and marks
// their records cache_flushed; a single task is timed warm. Cold and warm
// times do not compare: a task is ranked by the cache state of its latest
// measurement, and a run in the other state first measures the three
// fastest schedules of the old state again in its own. A bad value is an
// error naming it.
// RUN: rm -rf %t && mkdir -p %t
// RUN: cwm-opt %s --cwm-autotune="trials=2 batch=2 cost-model=random seed=1 min-time=0.01 db=%t/model.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=AUTO
// AUTO: 2 tasks: timing each with the caches flushed, as in a model
// AUTO-NOT: timed warm
// RUN: grep -c '"cache_flushed":true' %t/model.jsonl | FileCheck %s --check-prefix=FLUSHED
// The reference (baseline) and two trials of each task.
// FLUSHED: 6
// RUN: cwm-opt %s --cwm-autotune="trials=3 batch=1 cost-model=random seed=1 min-time=0.01 flush-cache=false db=%t/model.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=MIXED
// MIXED-NOT: timing each with the caches flushed
// MIXED: two.0] 2 schedules of this task were timed cold and this run times warm: measuring the 2 fastest again, then ranking by warm times
// MIXED: two.0] measuring the untuned baseline again
// MIXED: two.0] again 2/2
// MIXED: two.1] 2 schedules of this task were timed cold
// MIXED: two.1] again 2/2
// RUN: grep -c '"cache_flushed"' %t/model.jsonl | FileCheck %s --check-prefix=FLUSHED
// The four re-measurements and the two baselines, warm.
// RUN: grep '"remeasured":true' %t/model.jsonl | grep -vc cache_flushed | FileCheck %s --check-prefix=AGAIN
// AGAIN: 6
// RUN: not cwm-opt %s --cwm-autotune="trials=1 flush-cache=sometimes db=%t/bad.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: flush-cache must be true, false or auto, got 'sometimes'
// RUN: cwm-opt %S/precheck.mlir --cwm-autotune="trials=1 cost-model=random seed=1 min-time=0.01 db=%t/one.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=ONE
// ONE-NOT: caches flushed
// RUN: not grep -q cache_flushed %t/one.jsonl

func.func @two(%A: tensor<64x64xf32>, %B: tensor<64x32xf32>, %C: tensor<32x16xf32>) -> tensor<64x16xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x32xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<64x32xf32>) -> tensor<64x32xf32>
  %m = linalg.matmul ins(%A, %B : tensor<64x64xf32>, tensor<64x32xf32>) outs(%f : tensor<64x32xf32>) -> tensor<64x32xf32>
  %e2 = tensor.empty() : tensor<64x16xf32>
  %f2 = linalg.fill ins(%z : f32) outs(%e2 : tensor<64x16xf32>) -> tensor<64x16xf32>
  %r = linalg.matmul ins(%m, %C : tensor<64x32xf32>, tensor<32x16xf32>) outs(%f2 : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}
