// cwm-apply-best rewrites each task with its best record; a best trace that
// does not apply to the payload leaves it untouched, is warned about, and
// gives way to the next best record, then to the default lowering.
// RUN: rm -rf %t && mkdir -p %t
// RUN: cwm-opt %S/../Autotune/Inputs/matmul-48x64x80.mlir --cwm-autotune="trials=2 batch=2 cost-model=random seed=1 min-time=0.01 threads=1 db=%t/db.jsonl" -o /dev/null
// A record faster than any, whose trace names an op the task does not have.
// RUN: /usr/bin/python3 %S/Inputs/broken-best.py %t/db.jsonl %t/broken.jsonl %t/only-broken.jsonl
// RUN: cwm-opt %S/../Autotune/Inputs/matmul-48x64x80.mlir --cwm-apply-best="db=%t/db.jsonl" 2>&1 | FileCheck %s --check-prefix=GOOD
// RUN: cwm-opt %S/../Autotune/Inputs/matmul-48x64x80.mlir --cwm-apply-best="db=%t/broken.jsonl" 2>&1 | FileCheck %s --check-prefix=NEXT
// RUN: cwm-opt %S/../Autotune/Inputs/matmul-48x64x80.mlir --cwm-apply-best="db=%t/only-broken.jsonl" 2>&1 | FileCheck %s --check-prefix=DEFAULT
// cwm-compile says why as well (it compiled with the default lowering).
// RUN: cwm-compile %S/../Autotune/Inputs/matmul-48x64x80.mlir --db=%t/only-broken.jsonl -o %t/mm.so 2>&1 | FileCheck %s --check-prefix=COMPILE

// GOOD-NOT: warning
// GOOD: func.func @mm
// GOOD: scf.forall
// GOOD-NOT: cwm.task

// NEXT: warning: the best trace of '{{.*}}' does not apply to the payload ({{.*}}op 7{{.*}}); trying the next best
// NEXT: func.func @mm
// NEXT: scf.forall
// NEXT-NOT: cwm.task

// COMPILE: warning: the best trace of '{{.*}}' does not apply to the payload ({{.*}}); the task keeps the default lowering
// COMPILE: cwm-compile: 0 of 1 tasks tuned

// DEFAULT: warning: the best trace of '{{.*}}' does not apply to the payload ({{.*}}); the task keeps the default lowering
// DEFAULT-NOT: remark
// DEFAULT: func.func @mm
// DEFAULT-NOT: scf.forall
// DEFAULT: linalg.matmul
