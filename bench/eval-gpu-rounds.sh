#!/usr/bin/env bash
# Held-out search on the GPU in rounds (issue 24): each method and seed
# searches every workload of a held-out set ROUND candidates at a time; the
# candidates are built here (bench/gpu-suite.sh pack: the next round evolves
# from the measured ones, and the world model learns from them online) and
# measured on the GPU machine between rounds.
#
#   bench/eval-gpu-rounds.sh pack OUT          the next round of every run
#                                              (OUT/runs/METHOD-sSEED), bundled
#                                              as OUT/runs/METHOD-sSEED.tar.xz
#   (GPU machine, one call for all runs)
#     GPU_PACKS="OUT/runs/world-s1 ..." BUDGET=... bench/device-session.sh
#   bench/eval-gpu-rounds.sh import OUT DIR    each run's results from DIR
#                                              (device-session's NAME.tar.gz)
#   bench/eval-gpu-rounds.sh summary OUT       share of the best known time per
#                                              method and budget (MAX_TRIALS caps
#                                              it), world against the others per
#                                              workload (bench/summarize_gpu_rounds.py)
#
# Environment: METHODS (default "world random"; also snapshot-cold: a snapshot
# model fit only to the workload's own measurements; world-base: the world
# model of BASE_MODEL, e.g. the one a retrained model replaces, copied out
# of the tree: `git show COMMIT:models/cuda-world.pt > out/base.pt`), SEEDS (default "1"),
# ROUND (candidates per workload and round, default 16), SET (default
# bench/heldout/v1), WORKLOADS (default: the set's single workloads for cuda
# in its manifest.json), TARGET (cuda; cpu measures the CPU singles, e.g. a
# local test), CWM_NO_BUILD as bench/gpu-suite.sh.
# The best known time of a workload is the fastest recorded by any run; GPU
# timings move by a few percent between calls, so compare runs measured in
# the same calls (every round measures every run).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
usage="usage: bench/eval-gpu-rounds.sh pack|import|summary OUT [DIR]"
step=${1:?$usage}
out=${2:?$usage}
out=${out%/}
set_dir=${SET:-$root/bench/heldout/v1}
target=${TARGET:-cuda}
read -r -a methods <<< "${METHODS:-world random}"
read -r -a seeds <<< "${SEEDS:-1}"
round=${ROUND:-16}
if [ -n "${WORKLOADS:-}" ]; then
  workloads=${WORKLOADS//$'\n'/ }
else
  workloads=$(/usr/bin/python3 - "$set_dir/manifest.json" "$target" <<'PY'
import json, sys
manifest = json.load(open(sys.argv[1]))
print(" ".join(w["name"] for w in manifest["workloads"]
               if sys.argv[2] in w.get("targets", []) and not w["name"].startswith("model_")))
PY
)
fi
mkdir -p "$out/runs"

method_options() { # METHOD -> "MODEL|OPTIONS" for bench/gpu-suite.sh
  case $1 in
  world) echo "world|" ;;
  random) echo "random|" ;;
  snapshot-cold) echo "snapshot|population=64 generations=1" ;;
  world-base)
    [ -f "${BASE_MODEL:-}" ] || { echo "eval-gpu-rounds: world-base needs BASE_MODEL=a CUDA world model file" >&2; exit 2; }
    echo "world|model=$BASE_MODEL" ;;
  *) echo "eval-gpu-rounds: unknown method '$1' (world, world-base, random, snapshot-cold)" >&2; exit 2 ;;
  esac
}

case $step in
pack)
  for method in "${methods[@]}"; do
    spec=$(method_options "$method")
    for seed in "${seeds[@]}"; do
      run=$out/runs/$method-s$seed
      echo "eval-gpu-rounds: $method seed $seed: next round of $round" >&2
      SUITE=$set_dir WORKLOADS=$workloads TRIALS=$round MODEL=${spec%%|*} SEED=$seed TARGET=$target \
        OPTIONS="reference-samples=16384 ${spec#*|}" bash "$root/bench/gpu-suite.sh" pack "$run"
      bash "$root/bench/gpu-suite.sh" bundle "$run"
      CWM_NO_BUILD=1 # the tools are built once
      export CWM_NO_BUILD
    done
  done
  echo "eval-gpu-rounds: on the GPU machine: GPU_PACKS=\"$(for m in "${methods[@]}"; do for s in "${seeds[@]}"; do printf '%s ' "$out/runs/$m-s$s"; done; done)\" bench/device-session.sh" >&2
  ;;
import)
  dir=${3:?$usage}
  for method in "${methods[@]}"; do
    for seed in "${seeds[@]}"; do
      run=$out/runs/$method-s$seed name=$method-s$seed
      if [ -f "$dir/$name.tar.gz" ]; then
        tmp=$(mktemp -d)
        tar -xzf "$dir/$name.tar.gz" -C "$tmp"
        cp "$tmp/$name/results.jsonl" "$run/results.jsonl"
        rm -rf "$tmp"
      elif [ ! -f "$run/results.jsonl" ]; then
        echo "eval-gpu-rounds: no results for $name in $dir" >&2
        continue
      fi
      SUITE=$set_dir WORKLOADS=$workloads TARGET=$target bash "$root/bench/gpu-suite.sh" import "$run"
    done
  done
  ;;
summary)
  /usr/bin/python3 "$root/bench/summarize_gpu_rounds.py" "$out" "$round" ${MAX_TRIALS:-}
  ;;
*) echo "$usage" >&2; exit 2 ;;
esac
