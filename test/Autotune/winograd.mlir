// 3x3 stride-1 convolutions are tuned directly and as Winograd's F(2x2, 3x3)
// and F(4x4, 3x3): the Winograd candidates (with the bias + ReLU epilogue in
// the output transform) are checked against the reference outputs like every
// other, one of each tile size is measured in the first round with
// must-try=1 (five of each by default), and winograd=false leaves them out.
// RUN: rm -f %t.jsonl %t.off.jsonl
// RUN: cwm-opt %S/../Schedule/winograd.mlir --cwm-autotune="trials=8 batch=8 cost-model=random seed=1 min-time=0.01 threads=1 must-try=1 db=%t.jsonl" -o %t.out.mlir
// RUN: grep '"kind":"record"' %t.jsonl | grep '"tile":2' | FileCheck %s --check-prefix=WINOGRAD
// RUN: grep '"kind":"record"' %t.jsonl | grep '"tile":4' | FileCheck %s --check-prefix=WINOGRAD
// RUN: cwm-opt %S/../Schedule/winograd.mlir --cwm-autotune="trials=4 batch=4 cost-model=random seed=1 min-time=0.01 threads=1 winograd=false db=%t.off.jsonl" -o /dev/null
// RUN: grep -c '"kind":"record"' %t.off.jsonl | FileCheck %s --check-prefix=OFF
// RUN: not grep winograd %t.off.jsonl
// By default five of each tile size and five direct schedules are measured
// first: ten Winograd and five direct in a round of fifteen.
// RUN: rm -f %t.five.jsonl
// RUN: cwm-opt %S/../Schedule/winograd.mlir --cwm-autotune="trials=15 batch=15 cost-model=random seed=2 min-time=0.01 threads=1 db=%t.five.jsonl" -o /dev/null
// RUN: grep '"kind":"record"' %t.five.jsonl | grep -c '"kind":"winograd"' | FileCheck %s --check-prefix=FIVE
// RUN: grep '"baseline":false,.*"kind":"record"' %t.five.jsonl | grep -vc '"kind":"winograd"' | FileCheck %s --check-prefix=DIRECT
// FIVE: {{^}}10{{$}}
// DIRECT: {{^}}5{{$}}
// Without the direct family (must-try-direct=false): ten Winograd in a round of ten.
// RUN: rm -f %t.nodirect.jsonl
// RUN: cwm-opt %S/../Schedule/winograd.mlir --cwm-autotune="trials=10 batch=10 cost-model=random seed=2 min-time=0.01 threads=1 must-try-direct=false db=%t.nodirect.jsonl" -o /dev/null
// RUN: grep '"kind":"record"' %t.nodirect.jsonl | grep -c '"kind":"winograd"' | FileCheck %s --check-prefix=FIVE
// Ragged tiles (7 x 7 outputs in 2 x 2 and 4 x 4 tiles), a residual read
// at each pixel: every Winograd candidate matches the reference.
// RUN: rm -f %t.ragged.jsonl
// RUN: cwm-opt %S/Inputs/conv3x3-ragged.mlir --cwm-autotune="trials=8 batch=8 cost-model=random seed=1 min-time=0.01 threads=1 db=%t.ragged.jsonl" -o /dev/null
// RUN: grep '"kind":"record"' %t.ragged.jsonl | grep '"tile":2' | FileCheck %s --check-prefix=WINOGRAD
// RUN: grep '"kind":"record"' %t.ragged.jsonl | grep '"tile":4' | FileCheck %s --check-prefix=WINOGRAD
// A spec for stock mlir-opt passes over a Winograd best (the payload rewrite
// is cwm's own) for the fastest schedule a script expresses whole.
// RUN: /usr/bin/python3 -c "import json,sys; lines=[json.loads(l) for l in open(sys.argv[1])]; w=[r for r in lines if r.get('kind')=='record' and r['trace']['actions'] and r['trace']['actions'][0]['kind']=='winograd' and r['result']['status']=='ok'][0]; w['result']['median']=1e-9; open(sys.argv[2],'w').write(''.join(json.dumps(r)+chr(10) for r in lines))" %t.jsonl %t.fast.jsonl
// RUN: cwm-opt %S/../Schedule/winograd.mlir -o /dev/null --cwm-export-spec="db=%t.fast.jsonl spec=%t.spec.mlir"
// RUN: FileCheck %s --check-prefix=SPEC < %t.spec.mlir

// WINOGRAD: "status":"ok"{{.*}}"kind":"winograd"
// WINOGRAD-NOT: "status":"{{invalid_trace|transform_error|lowering_error|compile_error|crash|timeout|out_of_memory|wrong_result|runner_error}}"

// OFF: 5

// SPEC: best that a script expresses whole
// SPEC-NOT: winograd
