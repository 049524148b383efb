#!/usr/bin/env bash
# Collects training data for the cost models: generates the training
# workloads (scripts/gen-workloads.py) and measures TRIALS sampled schedules
# of each into one database. Resumable: rerun the same command after an
# interruption and recorded candidates are not measured again.
#
#   scripts/collect.sh [OUT_DIR]     (default out/collect-cpu)
#
# Environment: TRIALS (default 48), COUNT (workloads, default 160), SEED
# (generator seed, default 2026), THREADS (default: all cores), MIN_TIME
# (seconds of measurement per candidate, default 0.1), NICE (priority of the
# measurements, default 0), REMEASURE_CUT=1 (first measure again the
# successes timed fewer than 3 times: cut as too slow after a single run by
# earlier versions of cwm, when one hiccup of the machine could cut a schedule).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/out/collect-cpu}
trials=${TRIALS:-48}
threads=${THREADS:-$(nproc)}
mkdir -p "$out"
/usr/bin/python3 "$root/scripts/gen-workloads.py" "$out/workloads" \
  --count "${COUNT:-160}" --seed "${SEED:-2026}"
"$root/scripts/build.sh" cwm-opt cwm-worker >/dev/null
# Measure with a private copy of the tools, so rebuilding the tree while a
# long collection runs does not change them under it.
mkdir -p "$out/bin"
cp "$root/build/bin/cwm-opt" "$root/build/bin/cwm-worker" "$out/bin/"

mapfile -t names < <(/usr/bin/python3 -c "
import json, sys
for w in json.load(open(sys.argv[1])): print(w['name'])" "$out/workloads/manifest.json")
i=0
for name in "${names[@]}"; do
  i=$((i + 1))
  echo "collect: [$i/${#names[@]}] $name" >&2
  # A workload that fails as a whole (for example its baseline cannot be
  # built) is reported and skipped; its records so far are kept.
  nice -n "${NICE:-0}" "$out/bin/cwm-opt" "$out/workloads/$name.mlir" -o /dev/null \
    --cwm-autotune="target=cpu cost-model=random trials=$trials threads=$threads seed=$i min-time=${MIN_TIME:-0.1} remeasure-cut=${REMEASURE_CUT:-0} db=$out/cpu.jsonl quiet=true" \
    || echo "collect: $name failed (see above); continuing" >&2
done
echo "collect: done; database $out/cpu.jsonl" >&2
