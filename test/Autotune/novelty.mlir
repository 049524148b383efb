// Every way of measuring the novelty bonus (novelty=mean, rarest, coverage)
// finishes a world-guided search and records its trials; unit tests
// (SearchStrategyTest) check what each one picks. A freshly initialized model
// keeps the test independent of trained weights.
// RUN: rm -rf %t && mkdir -p %t
// RUN: cwm-train --init-only --latent=8 --hidden=16 --target=cpu -o %t/m.pt
// RUN: for mode in mean rarest coverage; do cwm-opt %s --cwm-autotune="trials=8 batch=4 cost-model=world model=%t/m.pt novelty=$mode diversity=1 seed=3 min-time=0.01 db=%t/$mode.jsonl report=%t/$mode.json" -o /dev/null 2>&1 | FileCheck %s; done
// RUN: for mode in mean rarest coverage; do /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); t=r['tasks'][0]; print(sys.argv[2], 'trials', t['trials_measured'], 'scored', t['model_scored_candidates'] > 8)" %t/$mode.json $mode; done | FileCheck %s --check-prefix=REPORT
// CHECK: cost model: world
// CHECK: mm {{.*}} 8 none
// REPORT: mean trials 8 scored True
// REPORT: rarest trials 8 scored True
// REPORT: coverage trials 8 scored True

func.func @mm(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x64xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>) outs(%C : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %R : tensor<64x64xf32>
}
