// Ranks schedules with a tiny untrained world model (deterministic for its
// seed), so the test never depends on trained weights.
// RUN: cwm-train --init-only --latent=8 --hidden=16 --seed=1 -o %t.pt
// RUN: cwm-opt %s --cwm-rank-schedules="model=%t.pt candidates=32 top=3" | FileCheck %s --check-prefix=SAMPLED
// Deterministic: a second run gives the same annotations.
// RUN: cwm-opt %s --cwm-rank-schedules="model=%t.pt candidates=32 top=3" > %t.first.mlir
// RUN: cwm-opt %s --cwm-rank-schedules="model=%t.pt candidates=32 top=3" | diff %t.first.mlir -
// Given traces: the one whose tile exceeds the 64-row matmul is left out.
// RUN: cwm-opt %s --cwm-rank-schedules="model=%t.pt traces=%S/Inputs/two-traces.json" | FileCheck %s --check-prefix=GIVEN
// The shipped pre-trained model loads and matches this build's features.
// RUN: cwm-opt %s --cwm-rank-schedules="top=1 candidates=16" | FileCheck %s --check-prefix=SHIPPED
// The ranking is also printed as a table on stderr (print=false: silent).
// RUN: cwm-opt %s --cwm-rank-schedules="model=%t.pt candidates=32 top=2" -o /dev/null 2>&1 | FileCheck %s --check-prefix=TABLE
// RUN: cwm-opt %s --cwm-rank-schedules="model=%t.pt candidates=32 top=2 print=false" -o /dev/null 2>&1 | count 0
// RUN: not cwm-opt %s --cwm-rank-schedules="model=%t.missing.pt" 2>&1 | FileCheck %s --check-prefix=NOMODEL
// RUN: echo '{"not": "a list"}' > %t.bad.json
// RUN: not cwm-opt %s --cwm-rank-schedules="model=%t.pt traces=%t.bad.json" 2>&1 | FileCheck %s --check-prefix=BADLIST

// SAMPLED-LABEL: func.func @mm
// SAMPLED: linalg.matmul {cwm.ranked_from = {{[1-9][0-9]*}} : i64, cwm.ranked_schedules = [{rank = 0 : i64, score = {{.*}} : f64, trace = "{{.*}}"}, {rank = 1 : i64, score = {{.*}}, {rank = 2 : i64, score = {{.*}}}], cwm.ranked_task = "mm"}
// SAMPLED-NOT: rank = 3
// SAMPLED-NOT: cwm.op
// SAMPLED-NOT: cwm.task

// GIVEN: linalg.matmul {cwm.ranked_from = 1 : i64, cwm.ranked_schedules = [{rank = 0 : i64, score = {{.*}}, trace = "{{.*}}parallelize{{.*}}"}], cwm.ranked_task = "mm"}

// SHIPPED: linalg.matmul {cwm.ranked_from = {{[1-9][0-9]*}} : i64, cwm.ranked_schedules = [{rank = 0 : i64, score = {{.*}}}], cwm.ranked_task = "mm"}
// TABLE: cwm-rank-schedules: mm ({{[1-9][0-9]*}} distinct candidates, cpu, {{[0-9]+}} threads)
// TABLE-NEXT: rank     score  schedule
// TABLE-NEXT: 1 {{ *-?[0-9]+\.[0-9]+}}  parallelize@{{[0-9]+}} sizes=[{{.*}}] | tile@
// TABLE-NEXT: 2 {{ *-?[0-9]+\.[0-9]+}}  parallelize@
// TABLE-NOT: {{^ +3 }}
// NOMODEL: error: world model file '{{.*}}.missing.pt' does not exist
// BADLIST: error: traces file '{{.*}}.bad.json' must hold a JSON list of traces

func.func @mm(%A: tensor<64x32xf32>, %B: tensor<32x16xf32>) -> tensor<64x16xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x16xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x16xf32>) -> tensor<64x16xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x32xf32>, tensor<32x16xf32>) outs(%C : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %R : tensor<64x16xf32>
}
