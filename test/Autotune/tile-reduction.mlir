// Row reductions are tuned with and without tile_reduction (rows kept
// whole, accumulated into vectors of partial sums): the split candidates
// are checked against the reference outputs like every other, and
// tile-reduction=false leaves them out.
// RUN: rm -f %t.jsonl %t.off.jsonl
// RUN: cwm-opt %S/../Schedule/tile-reduction.mlir --cwm-autotune="trials=8 batch=8 cost-model=random seed=3 min-time=0.01 threads=1 db=%t.jsonl" -o /dev/null
// RUN: grep '"kind":"record"' %t.jsonl | grep tile_reduction | FileCheck %s --check-prefix=SPLIT
// RUN: cwm-opt %S/../Schedule/tile-reduction.mlir --cwm-autotune="trials=4 batch=4 cost-model=random seed=3 min-time=0.01 threads=1 tile-reduction=false db=%t.off.jsonl" -o /dev/null
// RUN: not grep tile_reduction %t.off.jsonl

// SPLIT: "status":"ok"{{.*}}"kind":"tile_reduction"
// SPLIT-NOT: "status":"{{invalid_trace|transform_error|lowering_error|compile_error|crash|timeout|out_of_memory|wrong_result|runner_error}}"
