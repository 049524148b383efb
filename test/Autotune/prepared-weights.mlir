// A task whose filter is a model's weight (cwm.weight) is measured as the
// compiled model runs it: a Winograd candidate's filter transform is made once
// by task_prepare and task_prepared is timed; its record says
// weights_prepared, and its outputs are checked against the reference like
// every other. Direct schedules compute nothing from the weights alone and
// are timed as before.
// RUN: rm -f %t.jsonl
// RUN: cwm-opt %S/Inputs/conv3x3-weights.mlir --cwm-autotune="trials=6 batch=6 cost-model=random seed=1 min-time=0.01 threads=1 must-try=1 db=%t.jsonl" -o /dev/null
// RUN: grep '"kind":"record"' %t.jsonl | grep '"kind":"winograd"' | FileCheck %s --check-prefix=PREPARED
// RUN: grep '"baseline":false,.*"kind":"record"' %t.jsonl | grep -v '"kind":"winograd"' | FileCheck %s --check-prefix=DIRECT
// The same computation without the marks is the same workload (one key), but
// a record timed without the filter transform is not its time: with only
// such records the unmarked convolution keeps the default lowering, while
// the marked one takes the Winograd schedule and prepares its filter.
// RUN: cp %t.jsonl %t.both.jsonl
// RUN: cwm-opt %S/../Schedule/winograd.mlir --cwm-autotune="trials=7 batch=1 cost-model=random seed=1 min-time=0.01 threads=1 db=%t.both.jsonl" -o /dev/null
// RUN: grep '"kind":"workload"' %t.both.jsonl | grep -o '"key":"[0-9a-f]*"' | sort -u | grep -c . | FileCheck %s --check-prefix=ONE
// RUN: /usr/bin/python3 -c "import json,sys; lines=[json.loads(l) for l in open(sys.argv[1])]; keep=[r for r in lines if r.get('kind')!='record' or r['result'].get('weights_prepared')]; keep[-1]['result']['median']=1e-9; open(sys.argv[2],'w').write(''.join(json.dumps(r)+chr(10) for r in keep))" %t.jsonl %t.prepared.jsonl
// RUN: cwm-opt %S/Inputs/conv3x3-weights.mlir --cwm-apply-best="db=%t.prepared.jsonl" --cwm-prepare-weights | FileCheck %s --check-prefix=MARKED
// RUN: cwm-opt %S/../Schedule/winograd.mlir --cwm-apply-best="db=%t.prepared.jsonl" --cwm-prepare-weights | FileCheck %s --check-prefix=UNMARKED

// PREPARED: "status":"ok"{{.*}}"weights_prepared":true{{.*}}"kind":"winograd"
// PREPARED-NOT: "status":"{{invalid_trace|transform_error|lowering_error|compile_error|crash|timeout|out_of_memory|wrong_result|runner_error}}"

// DIRECT: "status":"ok"
// DIRECT-NOT: weights_prepared

// ONE: {{^}}1{{$}}

// MARKED: func.func @conv_bias_relu(
// MARKED: call @conv_bias_relu_prepare(
// MARKED: func.func @conv_bias_relu_prepare(

// UNMARKED-NOT: _prepare
// UNMARKED: linalg.conv_2d_nhwc_hwcf
// UNMARKED-NOT: _prepare
