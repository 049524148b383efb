// A CUDA round through the batch runner is fixed by its seed: two exports
// with the same seed into fresh folders and databases build the same
// candidates, in the same order, checked on the same reference inputs; another
// seed gives other candidates. (The ids differ: they name the folder's round.)
// RUN: rm -rf %t && mkdir -p %t
// RUN: cwm-opt %s --cwm-autotune="target=cuda trials=6 seed=3 db=%t/a.jsonl export=%t/a" -o /dev/null
// RUN: cwm-opt %s --cwm-autotune="target=cuda trials=6 seed=3 db=%t/b.jsonl export=%t/b" -o /dev/null
// RUN: cwm-opt %s --cwm-autotune="target=cuda trials=6 seed=4 db=%t/c.jsonl export=%t/c" -o /dev/null
// RUN: sed 's/"id":"[^"]*",//' %t/a/pending.jsonl > %t/a.traces
// RUN: sed 's/"id":"[^"]*",//' %t/b/pending.jsonl > %t/b.traces
// RUN: sed 's/"id":"[^"]*",//' %t/c/pending.jsonl > %t/c.traces
// RUN: wc -l < %t/a.traces | FileCheck %s --check-prefix=SIX
// RUN: diff %t/a.traces %t/b.traces
// RUN: not diff -q %t/a.traces %t/c.traces
// SIX: 6

func.func @mm(%A: tensor<128x64xf32>, %B: tensor<64x256xf32>) -> tensor<128x256xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128x256xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<128x256xf32>) -> tensor<128x256xf32>
  %R = linalg.matmul ins(%A, %B : tensor<128x64xf32>, tensor<64x256xf32>) outs(%C : tensor<128x256xf32>) -> tensor<128x256xf32>
  return %R : tensor<128x256xf32>
}
