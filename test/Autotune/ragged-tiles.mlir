// A matmul of 37 rows (prime: no register tile of 4 to 16 rows divides it)
// is also tried with tiles of 4 or 8 rows padded to full tiles (`pad`, a
// must-try family: one is measured in the first round); every padded
// candidate is checked against the reference outputs like every other (none
// is wrong), and ragged-tiles=false leaves them out.
// RUN: rm -f %t.jsonl %t.off.jsonl
// RUN: cwm-opt %s --cwm-autotune="trials=6 batch=6 cost-model=random seed=1 min-time=0.01 threads=1 db=%t.jsonl" -o /dev/null
// RUN: grep '"kind":"record"' %t.jsonl | grep '"kind":"pad"' | FileCheck %s --check-prefix=PADDED
// RUN: not grep '"status":"wrong_result"' %t.jsonl
// RUN: cwm-opt %s --cwm-autotune="trials=4 batch=4 cost-model=random seed=1 min-time=0.01 threads=1 ragged-tiles=false db=%t.off.jsonl" -o /dev/null
// RUN: grep -c '"status":"ok"' %t.off.jsonl | FileCheck %s --check-prefix=OFF
// RUN: not grep '"kind":"pad"' %t.off.jsonl
// PADDED: "status":"ok"
// OFF: {{^}}5{{$}}
func.func @mm(%A: tensor<37x96xf32>, %B: tensor<96x64xf32>) -> tensor<37x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<37x64xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<37x64xf32>) -> tensor<37x64xf32>
  %R = linalg.matmul ins(%A, %B : tensor<37x96xf32>, tensor<96x64xf32>) outs(%C : tensor<37x64xf32>) -> tensor<37x64xf32>
  return %R : tensor<37x64xf32>
}
