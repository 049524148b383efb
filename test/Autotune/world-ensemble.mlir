// A seed ensemble (model=a.pt,b.pt: the same network from other seeds) scores
// and fine-tunes every member and finishes its trials; explore= spends the
// members' disagreement. Members must read the same features, and the linear
// correction (one network's) is refused for an ensemble, each with a message
// naming the problem. Freshly initialized models keep the test independent of
// trained weights.
// RUN: rm -rf %t && mkdir -p %t
// RUN: cwm-train --init-only --latent=8 --hidden=16 --target=cpu --seed=1 -o %t/a.pt
// RUN: cwm-train --init-only --latent=8 --hidden=16 --target=cpu --seed=2 -o %t/b.pt
// RUN: cwm-train --init-only --latent=8 --hidden=16 --target=cpu --seed=3 --feature-version=5 -o %t/old.pt
// RUN: cwm-opt %s --cwm-autotune="trials=8 batch=4 cost-model=world model=%t/a.pt,%t/b.pt explore=1 seed=3 min-time=0.01 db=%t/e.jsonl report=%t/e.json" -o /dev/null 2>&1 | FileCheck %s
// RUN: /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); t=r['tasks'][0]; print(r['cost_model'], 'trials', t['trials_measured'], 'scored', t['model_scored_candidates'] > 8)" %t/e.json | FileCheck %s --check-prefix=REPORT
// RUN: not cwm-opt %s --cwm-autotune="trials=8 cost-model=world model=%t/a.pt,%t/old.pt" -o /dev/null 2>&1 | FileCheck %s --check-prefix=VERSION
// RUN: not cwm-opt %s --cwm-autotune="trials=8 cost-model=world model=%t/a.pt,%t/b.pt online=linear" -o /dev/null 2>&1 | FileCheck %s --check-prefix=LINEAR
// RUN: not cwm-opt %s --cwm-autotune="trials=8 cost-model=world model=%t/a.pt,%t/missing.pt" -o /dev/null 2>&1 | FileCheck %s --check-prefix=MISSING
// CHECK: cost model: world
// CHECK: mm {{.*}} 8 none
// REPORT: world trials 8 scored True
// VERSION: the members of a seed ensemble must read the same features: '{{.*}}old.pt' is feature version 5
// LINEAR: online=linear corrects one network; a seed ensemble (model=a.pt,b.pt) learns online with finetune or none
// MISSING: missing.pt

func.func @mm(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x64xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>) outs(%C : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %R : tensor<64x64xf32>
}
