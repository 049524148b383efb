// Grouped convolutions are tuned with and without pack_weights (weights
// relaid out G x KH x KW x C x F before the schedule): the packed candidates
// are checked against the reference outputs like every other, and
// pack-weights=false leaves them out.
// RUN: rm -f %t.jsonl %t.off.jsonl
// RUN: cwm-opt %S/../Schedule/pack-weights.mlir --cwm-autotune="trials=8 batch=8 cost-model=random seed=1 min-time=0.01 threads=1 db=%t.jsonl" -o %t.out.mlir
// RUN: grep '"kind":"record"' %t.jsonl | grep pack_weights | FileCheck %s --check-prefix=PACKED
// RUN: FileCheck %s --check-prefix=IR < %t.out.mlir
// RUN: cwm-opt %S/../Schedule/pack-weights.mlir --cwm-autotune="trials=4 batch=4 cost-model=random seed=1 min-time=0.01 threads=1 pack-weights=false db=%t.off.jsonl" -o /dev/null
// RUN: grep -c '"kind":"record"' %t.off.jsonl | FileCheck %s --check-prefix=OFF
// RUN: not grep pack_weights %t.off.jsonl

// PACKED: "status":"ok"{{.*}}"kind":"pack_weights"
// PACKED-NOT: "status":"{{invalid_trace|transform_error|lowering_error|compile_error|crash|timeout|out_of_memory|wrong_result|runner_error}}"

// IR: func.func @gconv
// IR-NOT: linalg.conv_2d_nhwgc_gfhwc

// OFF: 5
