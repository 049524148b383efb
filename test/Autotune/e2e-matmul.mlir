// Tunes a small matmul end to end with 4 trials, then resumes and adds none.
// Generous per-candidate limits: with lit's other tests on both cores a
// 10 s build limit was once hit, and a timeout is not what this test checks.
// RUN: rm -f %t.jsonl %t.json
// RUN: cwm-opt %s --cwm-autotune="trials=4 batch=2 db=%t.jsonl report=%t.json min-time=0.01 threads=1 build-timeout=120 run-timeout=120" -o %t.out.mlir 2>&1 | FileCheck %s --check-prefix=TUNE
// RUN: FileCheck %s --check-prefix=IR < %t.out.mlir
// RUN: FileCheck %s --check-prefix=REPORT < %t.json
// RUN: FileCheck %s --check-prefix=META < %t.json
// RUN: grep -c '"kind":"record"' %t.jsonl | FileCheck %s --check-prefix=COUNT
// RUN: cwm-opt %s --cwm-autotune="trials=4 batch=2 db=%t.jsonl min-time=0.01 threads=1 build-timeout=120 run-timeout=120" -o /dev/null 2>&1 | FileCheck %s --check-prefix=RESUME
// RUN: grep -c '"kind":"record"' %t.jsonl | FileCheck %s --check-prefix=COUNT
// RUN: grep -m1 '"kind":"record"' %t.jsonl | FileCheck %s --check-prefix=LINE
// RUN: grep '"kind":"workload"' %t.jsonl | FileCheck %s --check-prefix=LINE
// RUN: echo 'this is not json' >> %t.jsonl
// RUN: echo '{"kind":"record","schema":99,"workload":"k"}' >> %t.jsonl
// RUN: cwm-opt %s --cwm-apply-best="db=%t.jsonl" 2>&1 | FileCheck %s --check-prefix=CORRUPT

// TUNE: measuring the untuned baseline
// TUNE: trial 4/4
// TUNE: task {{.*}}untuned{{.*}}tuned
// TUNE: mm_128 {{.*}} 4 {{(default kept; )?}}none

// The best schedule applied (tiled loops: parallel ones, or plain ones
// where a schedule with threads=1 drew no parallelize), or, when the untuned
// baseline won (possible under load with 4 trials; TUNE allows it), the
// matmul left as it was.
// IR: {{scf.forall|scf.for|linalg.matmul ins}}
// IR-NOT: cwm.op

// META-DAG: "cwm_version": "{{[0-9.]+}} (commit {{[0-9a-f]+|unknown}}{{.*}})"
// META-DAG: "schema": 1

// REPORT: "baseline_median_s": {{[0-9.e-]+}}
// REPORT: "best_median_s": {{[0-9.e-]+}}
// REPORT: "errors": {}
// REPORT: "flops": 4194304
// REPORT: "trials_measured": 4

// One baseline + four trials, both times: resuming measured nothing new.
// COUNT: 5
// RESUME-NOT: measuring the untuned baseline
// RESUME-NOT: trial 1/4

// Every line says which layout and which cwm wrote it; a newer layout is
// refused by name.
// LINE: "cwm_version":"{{[0-9.]+}} (commit {{[0-9a-f]+|unknown}}{{.*}})"
// LINE-SAME: "schema":1

// CORRUPT: warning: {{.*}}.jsonl:12: skipped corrupt line: not JSON
// CORRUPT: warning: {{.*}}.jsonl:13: skipped corrupt line: line of database schema 99, this cwm reads schema 1 to 1 (written by a newer cwm)
func.func @mm_128(%A: tensor<128x128xf32>, %B: tensor<128x128xf32>) -> tensor<128x128xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128x128xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<128x128xf32>) -> tensor<128x128xf32>
  %R = linalg.matmul ins(%A, %B : tensor<128x128xf32>, tensor<128x128xf32>) outs(%C : tensor<128x128xf32>) -> tensor<128x128xf32>
  return %R : tensor<128x128xf32>
}
