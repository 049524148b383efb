// target=cuda without a GPU here: candidates are built into a batch folder
// for cwm-run; its results are imported into the database (once). trials=
// means what it means on the CPU: the records a task should have, those
// waiting in the batch folder counted.
// RUN: rm -rf %t && mkdir -p %t
// RUN: cwm-opt %s --cwm-autotune="target=cuda trials=2 db=%t/db.jsonl export=%t/batch" -o /dev/null 2>&1 | FileCheck %s --check-prefix=EXPORT
// RUN: FileCheck %s --check-prefix=MANIFEST < %t/batch/manifest.txt
// RUN: awk '{ print "{\"id\": \"" $2 "\", \"status\": \"ok\", \"median\": 0.001, \"spread\": 0, \"seconds\": [0.001]}" }' %t/batch/manifest.txt > %t/results.jsonl
// RUN: cwm-opt %s --cwm-autotune="target=cuda trials=0 db=%t/db.jsonl export=%t/batch import=%t/results.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=IMPORT
// RUN: cwm-opt %s --cwm-autotune="target=cuda trials=0 db=%t/db.jsonl export=%t/batch import=%t/results.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=AGAIN
// RUN: grep -c '"target":"cuda","timestamp"' %t/db.jsonl | FileCheck %s --check-prefix=COUNT
// RUN: not cwm-opt %s --cwm-autotune="target=cuda trials=2" 2>&1 | FileCheck %s --check-prefix=NOEXPORT
// A database in a folder that does not exist yet: the folder is created.
// RUN: cwm-opt %s --cwm-autotune="target=cuda trials=1 db=%t/new/folder/db.jsonl export=%t/new/batch" -o /dev/null
// RUN: test -s %t/new/folder/db.jsonl
// A second round in a fresh folder: its ids differ from the first round's,
// so a results file holding both rounds imports each result once, to the
// candidate that produced it (here the second round's all crash).
// RUN: rm -rf %t/batch
// RUN: cwm-opt %s --cwm-autotune="target=cuda trials=2 seed=5 db=%t/db.jsonl export=%t/batch" -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOTHING
// RUN: cwm-opt %s --cwm-autotune="target=cuda trials=4 seed=5 db=%t/db.jsonl export=%t/batch" -o /dev/null 2>&1 | FileCheck %s --check-prefix=EXPORT
// RUN: awk '{ print "{\"id\": \"" $2 "\", \"status\": \"crash\", \"message\": \"test\"}" }' %t/batch/manifest.txt >> %t/results.jsonl
// RUN: cwm-opt %s --cwm-autotune="target=cuda trials=0 db=%t/db.jsonl export=%t/batch import=%t/results.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=IMPORT
// RUN: grep -c '"status":"crash"' %t/db.jsonl | FileCheck %s --check-prefix=COUNT
// A third round re-measures the best schedule beside one new candidate: both
// import (the re-measurement is a second record of a measured trace), once.
// RUN: rm -rf %t/batch
// RUN: cwm-opt %s --cwm-autotune="target=cuda trials=5 remeasure=1 seed=9 db=%t/db.jsonl export=%t/batch" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMEASURE
// RUN: grep -c '"remeasure":true' %t/batch/pending.jsonl | FileCheck %s --check-prefix=ONE
// RUN: awk '{ print "{\"id\": \"" $2 "\", \"status\": \"ok\", \"median\": 0.002, \"spread\": 0, \"seconds\": [0.002]}" }' %t/batch/manifest.txt >> %t/results.jsonl
// RUN: cwm-opt %s --cwm-autotune="target=cuda trials=0 db=%t/db.jsonl export=%t/batch import=%t/results.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=IMPORT
// RUN: cwm-opt %s --cwm-autotune="target=cuda trials=0 db=%t/db.jsonl export=%t/batch import=%t/results.jsonl" -o /dev/null 2>&1 | FileCheck %s --check-prefix=AGAIN
// RUN: grep -c '"status":"ok"' %t/db.jsonl | FileCheck %s --check-prefix=FOUR
// tf32=true: f32 tensor-core candidates carry their own, looser tolerance.
// RUN: cwm-opt %s --cwm-autotune="target=cuda trials=4 tf32=true seed=3 db=%t/tf32.jsonl export=%t/tf32" -o /dev/null
// RUN: FileCheck %s --check-prefix=TF32 < %t/tf32/manifest.txt
// RUN: grep -c '"tf32":1' %t/tf32/pending.jsonl

// TF32: candidate {{.*}}.ref tolerance=0.005000 timeout=60.00 min-time=0.20 in:f32:64x32 in:f32:32x128 out:f32:64x128
// EXPORT: exported 1/2
// EXPORT: exported 2/2
// EXPORT: run `cwm-run {{.*}}/batch/manifest.txt
// MANIFEST: candidate [[KEY:[0-9a-f]+]]-[[TAG:[0-9a-f]+]]-0 [[KEY]]-[[TAG]]-0.so {{[0-9]+}} [[KEY]]-seed{{[0-9]+}}.ref timeout=60.00 min-time=0.20 in:f32:64x32 in:f32:32x128 out:f32:64x128
// MANIFEST-NEXT: candidate [[KEY]]-[[TAG]]-1 [[KEY]]-[[TAG]]-1.so
// IMPORT: imported 2 GPU results
// AGAIN: imported 0 GPU results
// COUNT: 2
// NOTHING-NOT: exported
// NOTHING-NOT: cwm-run
// REMEASURE: re-exported a best schedule
// REMEASURE: exported 1/1
// ONE: 1
// FOUR: 4
// NOEXPORT: error: target=cuda measures on a GPU through cwm-run: give export=DIR

func.func @mm(%A: tensor<64x32xf32>, %B: tensor<32x128xf32>) -> tensor<64x128xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x32xf32>, tensor<32x128xf32>) outs(%C : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %R : tensor<64x128xf32>
}
