// build-jobs=2: a round's candidates are built into shared objects two at a
// time, then checked and timed one at a time; each result is recorded as it
// comes (progress lines, database) and the payload gets the best schedule.
// (The worker's two halves: test/Runtime/worker-prebuilt.test.)
// RUN: rm -rf %t && mkdir -p %t
// RUN: cwm-opt %s --cwm-autotune="trials=4 batch=4 build-jobs=2 cost-model=random seed=1 min-time=0.01 db=%t/db.jsonl" 2>&1 -o %t/tuned.mlir | FileCheck %s
// RUN: grep -c '"status":"ok"' %t/db.jsonl | FileCheck %s --check-prefix=FIVE
// RUN: FileCheck %s --check-prefix=TUNED --implicit-check-not=linalg.matmul < %t/tuned.mlir
// CHECK: submitted 4/4
// CHECK: trial 4/4
// CHECK: mm {{.*}} 4 none
// FIVE: 5
// The payload carries a measured schedule (every one vectorizes; the fastest
// may keep the loops whole, with no scf.forall left).
// TUNED: vector.transfer_read
// A build past build-timeout is recorded as a timeout naming the phase, with
// one build job or several.
// RUN: cwm-opt %s --cwm-autotune="trials=2 batch=2 build-jobs=2 build-timeout=0.001 cost-model=random db=%t/slow2.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SLOW
// RUN: cwm-opt %s --cwm-autotune="trials=2 batch=2 build-jobs=1 build-timeout=0.001 cost-model=random db=%t/slow1.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SLOW
// RUN: grep -c '"message":"building took longer than' %t/slow1.jsonl | FileCheck %s --check-prefix=TWO
// SLOW: mm {{.*}} 2 default kept; timeout=2
// TWO: 2
// Bad values are refused.
// RUN: not cwm-opt %s --cwm-autotune="build-jobs=-1" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: build-jobs=-1 is outside 0..1024
// RUN: not cwm-opt %s --cwm-autotune="must-try=-2" -o /dev/null 2>&1 | FileCheck %s --check-prefix=MUSTTRY
// MUSTTRY: must-try=-2 is outside 0..64

func.func @mm(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x64xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>) outs(%C : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %R : tensor<64x64xf32>
}
