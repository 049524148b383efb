#!/usr/bin/env bash
# Collects training data for the cost models: generates the training
# workloads (scripts/gen-workloads.py) and tunes each for TRIALS candidates
# into one database. The candidates are the search's own proposals: each
# workload is tuned with one of COST_MODELS in turn (by default the world
# model, whose evolutionary populations ranked by the current model are
# what it must learn to rank, near-best schedules included, and random
# search, for coverage). Resumable: rerun the same command after an
# interruption and recorded candidates are not measured again.
#
#   scripts/collect.sh [OUT_DIR]     (default out/collect-cpu)
#
# Environment: TRIALS (default 32), COUNT (workloads, default 1000), SEED
# (generator seed, default 2027), FIRST / LAST (tune only workloads FIRST..LAST
# of the list, 1-based: split a collection over sessions or machines),
# COST_MODELS (default "world random"), GENERATOR (v2, or v1: the generator of
# the datasets of 2026-11-22), THREADS (default: all cores), MIN_TIME (seconds
# of measurement per candidate, default 0.1), NICE (priority of the
# measurements, default 0), REMEASURE_CUT=1 (first measure again the
# successes timed fewer than 3 times: cut as too slow after a single run by
# earlier versions of cwm, when one hiccup of the machine could cut a schedule),
# ONLY (an extended regex: tune only the workloads whose names match, e.g.
# '_k3s1d1' for the 3x3 stride-1 convolutions Winograd can take).
#
# Workloads with a task of heldout-v1 (bench/heldout/v1/keys-cpu.txt) or of
# the reference suite (../shared/bench/workloads, when present) are skipped:
# no training record is measured on the work models are judged on.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/out/collect-cpu}
trials=${TRIALS:-32}
threads=${THREADS:-$(nproc)}
read -r -a models <<< "${COST_MODELS:-world random}"
mkdir -p "$out"
case ${GENERATOR:-v2} in
  v2) /usr/bin/python3 "$root/scripts/gen-workloads.py" "$out/workloads" \
        --count "${COUNT:-1000}" --seed "${SEED:-2027}" ;;
  v1) /usr/bin/python3 "$root/scripts/gen-workloads-v1.py" "$out/workloads" \
        --count "${COUNT:-160}" --seed "${SEED:-2026}" ;;
  *) echo "collect: GENERATOR must be v1 or v2" >&2; exit 2 ;;
esac
"$root/scripts/build.sh" cwm-opt cwm-worker >/dev/null
# Measure with a private copy of the tools, so rebuilding the tree while a
# long collection runs does not change them under it.
mkdir -p "$out/bin"
cp "$root/build/bin/cwm-opt" "$root/build/bin/cwm-worker" "$out/bin/"
opt=$out/bin/cwm-opt

# The key of every task of a workload file, as bench/heldout/keys.sh lists them.
task_keys() {
  "$opt" "$1" --cwm-extract-tasks="target=cpu" -o - 2>/dev/null |
    grep -o 'cwm.key = "[0-9a-f]*"' | sed 's/cwm.key = "\(.*\)"/\1/' || true
}

# Task keys never to measure: heldout-v1's and the reference suite's.
excluded=$out/excluded-keys.txt
if [ ! -s "$excluded" ]; then
  {
    cat "$root/bench/heldout/v1/keys-cpu.txt"
    suite=$root/../shared/bench/workloads
    if [ -d "$suite" ]; then
      for f in "$suite"/*.mlir; do task_keys "$f"; done
    fi
  } | sort -u > "$excluded.tmp"
  mv "$excluded.tmp" "$excluded"
fi

mapfile -t names < <(/usr/bin/python3 -c "
import json, sys
for w in json.load(open(sys.argv[1])): print(w['name'])" "$out/workloads/manifest.json")
first=${FIRST:-1}
last=${LAST:-${#names[@]}}
# The ETA counts only workloads tuned in this run (a resumed run skips the
# finished ones in no time).
spent=0
done_count=0
for ((i = first; i <= last && i <= ${#names[@]}; i++)); do
  name=${names[$((i - 1))]}
  file=$out/workloads/$name.mlir
  if [ -n "${ONLY:-}" ] && ! grep -qE -- "$ONLY" <<< "$name"; then
    continue
  fi
  if task_keys "$file" | grep -qxF -f "$excluded"; then
    echo "collect: [$i/$last] $name has a held-out or reference task; skipped" >&2
    continue
  fi
  model=${models[$(((i - 1) % ${#models[@]}))]}
  eta=""
  if [ "$done_count" -gt 0 ]; then
    eta=", about $(( spent * (last - i + 1) / done_count / 60 )) min left"
  fi
  began=$(date +%s)
  echo "collect: [$i/$last] $name ($model$eta)" >&2
  # A workload that fails as a whole (for example its baseline cannot be
  # built) is reported and skipped; its records so far are kept.
  nice -n "${NICE:-0}" "$opt" "$file" -o /dev/null \
    --cwm-autotune="target=cpu cost-model=$model trials=$trials threads=$threads seed=$i min-time=${MIN_TIME:-0.1} flush-cache=false remeasure-cut=${REMEASURE_CUT:-0} db=$out/cpu.jsonl quiet=true" \
    || echo "collect: $name failed (see above); continuing" >&2
  took=$(( $(date +%s) - began ))
  if [ "$took" -ge 2 ]; then
    spent=$((spent + took))
    done_count=$((done_count + 1))
  fi
done
echo "collect: done; database $out/cpu.jsonl" >&2
