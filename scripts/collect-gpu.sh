#!/usr/bin/env bash
# Collects CUDA training data for the world model: the GPU half of
# scripts/collect.sh. Candidates are built here (no GPU needed) and measured
# on a machine with an NVIDIA GPU through bench/gpu-suite.sh:
#
#   scripts/collect-gpu.sh pack OUT     generates the workloads, builds TRIALS
#                                       candidates for each of FIRST..LAST and
#                                       writes OUT.tar.xz (what the GPU
#                                       machine needs)
#   (GPU machine) tar -xJf OUT.tar.xz && PEERS=0 bash OUT/run.sh
#                                       writes OUT/results.jsonl
#   scripts/collect-gpu.sh import OUT   records the results in OUT/db/*.jsonl
#   scripts/collect-gpu.sh merge OUT    concatenates those databases into
#                                       OUT/cuda.jsonl (cwm-train's input)
#
# The candidates are the search's own proposals: the workloads take
# COST_MODELS in turn (default "world random": the world model's top TRIALS
# of its evolutionary population, then random schedules for coverage).
# Environment: COUNT (workloads generated, default 1000), GEN_SEED (generator
# seed, default 2027: the CPU collection's workloads), FIRST / LAST (which of
# them, 1-based), ONLY (an extended regex: only the workloads whose names
# match, e.g. '_k3s1d1' for the 3x3 stride-1 convolutions Winograd can
# take), TRIALS (default 16), SEARCH_SEED (default 1), OPTIONS (more
# cwm-autotune options; default reference-samples=16384, which keeps the
# bundle small), CWM_BUILD_DIR and CWM_NO_BUILD (as bench/gpu-suite.sh).
#
# Workloads with a task of heldout-v1 (bench/heldout/v1/keys-cuda.txt) or of
# the reference suite (../shared/bench/workloads, when present) are skipped.
#
# TARGET=cpu collects CPU labels the same way: candidates built here as CPU
# shared objects, measured by run.sh on the GPU machine's quiet CPU cores
# (two physical cores per candidate, several at once; docs/distributed.md);
# held-out keys from keys-cpu.txt; merge writes OUT/cpu.jsonl.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
step=${1:?usage: scripts/collect-gpu.sh pack|import|merge OUT}
out=${2:?usage: scripts/collect-gpu.sh pack|import|merge OUT}
out=${out%/}
workloads=$out-workloads
mkdir -p "$(dirname "$out")"
export SUITE=$workloads TRIALS=${TRIALS:-16} SEED=${SEARCH_SEED:-1}
export OPTIONS=${OPTIONS:-reference-samples=16384}
export MODEL=${COST_MODELS:-world random}
export TARGET=${TARGET:-cuda}
case $TARGET in cuda | cpu) ;; *) echo "collect-gpu: TARGET must be cuda or cpu" >&2; exit 2 ;; esac

# The names of FIRST..LAST without a held-out or reference-suite task.
selected() {
  local opt=${CWM_BUILD_DIR:-$root/build}/bin/cwm-opt excluded=$out-excluded-keys.txt
  if [ ! -s "$excluded" ]; then
    {
      cat "$root/bench/heldout/v1/keys-$TARGET.txt"
      local suite=$root/../shared/bench/workloads
      if [ -d "$suite" ]; then
        for f in "$suite"/*.mlir; do
          "$opt" "$f" --cwm-extract-tasks="target=$TARGET" -o - 2>/dev/null |
            grep -o 'cwm.key = "[0-9a-f]*"' | sed 's/cwm.key = "\(.*\)"/\1/' || true
        done
      fi
    } | sort -u > "$excluded.tmp"
    mv "$excluded.tmp" "$excluded"
  fi
  local names name i first=${FIRST:-1}
  mapfile -t names < <(/usr/bin/python3 -c "
import json, sys
for w in json.load(open(sys.argv[1])): print(w['name'])" "$workloads/manifest.json")
  local last=${LAST:-${#names[@]}}
  for ((i = first; i <= last && i <= ${#names[@]}; i++)); do
    name=${names[$((i - 1))]}
    if [ -n "${ONLY:-}" ] && ! grep -qE -- "$ONLY" <<< "$name"; then
      continue
    fi
    if "$opt" "$workloads/$name.mlir" --cwm-extract-tasks="target=$TARGET" -o - 2>/dev/null |
        grep -o 'cwm.key = "[0-9a-f]*"' | sed 's/cwm.key = "\(.*\)"/\1/' |
        grep -qxF -f "$excluded"; then
      echo "collect-gpu: [$i] $name has a held-out or reference task; skipped" >&2
      continue
    fi
    echo "$name"
  done
}

case $step in
pack)
  /usr/bin/python3 "$root/scripts/gen-workloads.py" "$workloads" \
    --count "${COUNT:-1000}" --seed "${GEN_SEED:-2027}"
  [ "${CWM_NO_BUILD:-0}" = 1 ] || "$root/scripts/build.sh" cwm-opt cwm-worker cwm-run >/dev/null
  WORKLOADS="$(selected | tr '\n' ' ')"
  export WORKLOADS
  "$root/bench/gpu-suite.sh" pack "$out"
  "$root/bench/gpu-suite.sh" bundle "$out"
  ;;
import)
  WORKLOADS="$(ls "$out/batch")"
  export WORKLOADS
  "$root/bench/gpu-suite.sh" import "$out"
  ;;
merge)
  cat "$out"/db/*.jsonl > "$out/$TARGET.jsonl"
  echo "collect-gpu: $out/$TARGET.jsonl, $(grep -c '"kind": *"record"' "$out/$TARGET.jsonl") records" >&2
  ;;
*)
  echo "collect-gpu: unknown step '$step' (pack, import or merge)" >&2
  exit 2
  ;;
esac
