// RUN: not cwm-opt %s --cwm-autotune="target=tpu" 2>&1 | FileCheck %s --check-prefix=TARGET
// RUN: not cwm-opt %s --cwm-autotune="cost-model=oracle" 2>&1 | FileCheck %s --check-prefix=MODEL
// RUN: not cwm-opt %s --cwm-autotune="trials=-3" 2>&1 | FileCheck %s --check-prefix=TRIALS
// RUN: not cwm-opt %s --cwm-apply-best="db=%t.does-not-exist.jsonl" 2>&1 | FileCheck %s --check-prefix=NODB
// TARGET: error: unsupported target 'tpu' (supported: cpu, cuda)
// RUN: not cwm-opt %s --cwm-autotune="cost-model=world model=%t.missing.pt" 2>&1 | FileCheck %s --check-prefix=NOMODEL
// RUN: echo "not a model" > %t.corrupt.pt
// RUN: not cwm-opt %s --cwm-autotune="cost-model=world model=%t.corrupt.pt" 2>&1 | FileCheck %s --check-prefix=CORRUPT
// MODEL: error: unknown cost model 'oracle' (known: random, world, snapshot, hybrid)
// NOMODEL: error: world model file '{{.*}}.missing.pt' does not exist
// CORRUPT: error: world model file '{{.*}}.corrupt.pt' cannot be read (corrupt or not a model file)
// TRIALS: error: trials must be >= 0, got -3
// RUN: not cwm-opt %s --cwm-autotune="target=cuda export=%t.batch remeasure=-1" 2>&1 | FileCheck %s --check-prefix=REMEASURE
// RUN: not cwm-opt %s --cwm-autotune="target=cuda export=%t.batch reference-samples=10" 2>&1 | FileCheck %s --check-prefix=SAMPLES
// REMEASURE: error: remeasure must be >= 0, got -1
// SAMPLES: error: reference-samples must be >= 1024, got 10
// RUN: not cwm-opt %s --cwm-autotune="build-timeout=0" 2>&1 | FileCheck %s --check-prefix=PHASES
// RUN: not cwm-opt %s --cwm-autotune="run-timeout=-1" 2>&1 | FileCheck %s --check-prefix=PHASES
// PHASES: error: build-timeout and run-timeout must be positive
// RUN: not cwm-opt %s --cwm-autotune="partition=gpu" 2>&1 | FileCheck %s --check-prefix=SLURMONLY
// SLURMONLY: error: partition= needs runner=slurm
// RUN: not cwm-opt %s --cwm-autotune="threads=100000" 2>&1 | FileCheck %s --check-prefix=THREADS
// RUN: not cwm-opt %s --cwm-autotune="threads=-1" 2>&1 | FileCheck %s --check-prefix=THREADS
// THREADS: error: threads must be between 0 (all cores) and {{[0-9]+}} (4 per core), got
// RUN: not cwm-opt %s --cwm-autotune="memory-limit=-2" 2>&1 | FileCheck %s --check-prefix=MEMORY
// RUN: not cwm-opt %s --cwm-autotune="memory-limit=0.2" 2>&1 | FileCheck %s --check-prefix=MEMORY
// MEMORY: error: memory-limit must be 0 (three quarters of physical memory) or at least 1 GB, got
// RUN: mkdir -p %t.folder.jsonl
// RUN: not cwm-opt %s --cwm-autotune="db=%t.folder.jsonl" 2>&1 | FileCheck %s --check-prefix=FOLDER
// FOLDER: error: {{.*}}it is a folder
// RUN: not cwm-opt %s --cwm-autotune="online=gossip" 2>&1 | FileCheck %s --check-prefix=ONLINE
// RUN: not cwm-opt %s --cwm-autotune="explore=-0.5" 2>&1 | FileCheck %s --check-prefix=EXPLORE
// ONLINE: error: unknown online mode 'gossip' (known: finetune, linear, both, none)
// EXPLORE: error: explore must be between 0 and 100, got -0.50
// RUN: not cwm-opt %s --cwm-autotune="diversity=-2" 2>&1 | FileCheck %s --check-prefix=DIVERSITY
// DIVERSITY: error: diversity must be between 0 and 100 (or -1: the default for the cost model), got -2.00
// RUN: not cwm-opt %s --cwm-autotune="novelty=loud" 2>&1 | FileCheck %s --check-prefix=NOVELTY
// NOVELTY: error: unknown novelty 'loud' (known: mean, rarest, coverage)
// RUN: not cwm-opt %s --cwm-autotune="first-generations=-2" 2>&1 | FileCheck %s --check-prefix=FIRSTGEN
// FIRSTGEN: error: first-generations must be >= 0 (or -1: the default for the cost model), got -2
// NODB: error: tuning database '{{.*}}' does not exist
func.func @f(%A: tensor<4x4xf32>) -> tensor<4x4xf32> {
  return %A : tensor<4x4xf32>
}
