// Matmuls are tuned with and without pack_b (B read from packed panels):
// one pack_b schedule is measured in the first round (a must-try family),
// every pack_b candidate is checked against the reference outputs like
// every other (none is wrong), and pack-b=false leaves them out. B here is
// a weight, so its packing runs once, before the timed calls
// (weights_prepared), as it does in a compiled model. Where the weight is A
// and B an activation, pack_b is not drawn (B would be packed every call).
// RUN: rm -f %t.jsonl %t.off.jsonl
// RUN: cwm-opt %S/../Schedule/pack-b.mlir --cwm-autotune="trials=6 batch=6 cost-model=random seed=1 min-time=0.01 threads=1 db=%t.jsonl" -o /dev/null
// RUN: grep '"kind":"record"' %t.jsonl | grep '"kind":"pack_b"' | FileCheck %s --check-prefix=PACKED
// RUN: not grep '"status":"wrong_result"' %t.jsonl
// RUN: cwm-opt %S/../Schedule/pack-b.mlir --cwm-autotune="trials=4 batch=4 cost-model=random seed=1 min-time=0.01 threads=1 pack-b=false db=%t.off.jsonl" -o /dev/null
// RUN: grep -c '"kind":"record"' %t.off.jsonl | FileCheck %s --check-prefix=OFF
// RUN: not grep pack_b %t.off.jsonl
// RUN: rm -f %t.a.jsonl
// RUN: cwm-opt %S/Inputs/pack-b-weight-a.mlir --cwm-autotune="trials=6 batch=6 cost-model=random seed=1 min-time=0.01 threads=1 db=%t.a.jsonl" -o /dev/null
// RUN: grep -c '"status":"ok"' %t.a.jsonl | FileCheck %s --check-prefix=WEIGHT-A
// RUN: not grep pack_b %t.a.jsonl
// PACKED: "status":"ok"
// PACKED-SAME: "weights_prepared":true
// OFF: {{^}}5{{$}}
// WEIGHT-A: {{^}}7{{$}}
