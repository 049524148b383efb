#!/usr/bin/env bash
# Durability of the GPU import path (cwm-autotune target=cuda import=): the
# import of a cwm-run results file into a database is started KILLS times
# and SIGKILLed after a random 0-80 ms (while it starts, parses or appends).
# After every kill the database before it must be a byte prefix of the one
# after it; at the end one import completes, every line parses, and each
# result is recorded exactly once (the import is idempotent).
# Usage: bench/import-kill-loop.sh EXPORT_DIR RESULTS.jsonl INPUT.mlir [KILLS] [WORKDIR]
set -u
export_dir=$1 results=$2 input=$3 kills=${4:-50} work=${5:-/tmp/cwm-import-kill}
root=$(cd "$(dirname "$0")/.." && pwd)
opt=${CWM_OPT:-$root/build/bin/cwm-opt}
rm -rf "$work" && mkdir -p "$work"
db=$work/db.jsonl
opts="target=cuda trials=0 db=$db export=$export_dir import=$results cost-model=random"
touch "$db"
lost=0 landed=0 partial=0
total=$(grep -c . "$results")
for i in $(seq 1 "$kills"); do
  cp "$db" "$work/before.jsonl"
  "$opt" "$input" --cwm-autotune="$opts" -o /dev/null 2>>"$work/runs.log" &
  pid=$!
  sleep "$(awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.3f", rand() * 0.08 }')"
  kill -KILL "$pid" 2>/dev/null && landed=$((landed + 1))
  wait "$pid" 2>/dev/null
  size=$(stat -c %s "$work/before.jsonl")
  cmp -s -n "$size" "$work/before.jsonl" "$db" || lost=$((lost + 1))
  n=$(grep -c '"kind":"record"' "$db")
  [ "$n" -gt 0 ] && [ "$n" -lt "$total" ] && partial=$((partial + 1))
done
"$opt" "$input" --cwm-autotune="$opts" -o /dev/null 2>"$work/final.log"
echo "final import exit: $?"
echo "kills that landed before the import ended: $landed of $kills"
echo "kills that left a partial import (finished by a later run): $partial"
echo "runs whose earlier records changed or vanished: $lost"
echo "results in the file: $(grep -c . "$results")"
/usr/bin/python3 "$root/test/Reliability/Inputs/check_db.py" "$db"
