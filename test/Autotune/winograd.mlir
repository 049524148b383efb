// 3x3 stride-1 convolutions are tuned directly and as Winograd's F(2x2, 3x3)
// and F(4x4, 3x3): the Winograd candidates (with the bias + ReLU epilogue in
// the output transform) are checked against the reference outputs like every
// other, one of each tile size is measured in the first round, and
// winograd=false leaves them out.
// RUN: rm -f %t.jsonl %t.off.jsonl
// RUN: cwm-opt %S/../Schedule/winograd.mlir --cwm-autotune="trials=8 batch=8 cost-model=random seed=1 min-time=0.01 threads=1 db=%t.jsonl" -o %t.out.mlir
// RUN: grep '"kind":"record"' %t.jsonl | grep '"tile":2' | FileCheck %s --check-prefix=WINOGRAD
// RUN: grep '"kind":"record"' %t.jsonl | grep '"tile":4' | FileCheck %s --check-prefix=WINOGRAD
// RUN: cwm-opt %S/../Schedule/winograd.mlir --cwm-autotune="trials=4 batch=4 cost-model=random seed=1 min-time=0.01 threads=1 winograd=false db=%t.off.jsonl" -o /dev/null
// RUN: grep -c '"kind":"record"' %t.off.jsonl | FileCheck %s --check-prefix=OFF
// RUN: not grep winograd %t.off.jsonl

// WINOGRAD: "status":"ok"{{.*}}"kind":"winograd"
// WINOGRAD-NOT: "status":"{{invalid_trace|transform_error|lowering_error|compile_error|crash|timeout|out_of_memory|wrong_result|runner_error}}"

// OFF: 5
