#!/usr/bin/env bash
# Runs N tuners at once on one database (same task, same seed, so their
# searches propose the same candidates) and checks the database after them.
# Usage: concurrent-tuners.sh INPUT.mlir WORKDIR N TRIALS
set -u
input=$1 work=$2 n=$3 trials=$4
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work"
pids=()
for i in $(seq 1 "$n"); do
  cwm-opt "$input" --cwm-autotune="trials=$trials batch=2 db=$work/db.jsonl min-time=0.005 threads=1 cost-model=random seed=7" \
    -o /dev/null 2>"$work/tuner$i.log" &
  pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
echo "tuners failed: $failed"
/usr/bin/python3 "$here/check_db.py" "$work/db.jsonl"
got=$(grep -c '"kind":"record"' "$work/db.jsonl")
# Each tuner may finish the batch it started when the others reach the goal.
[ "$got" -ge $((trials + 1)) ] && [ "$got" -le $((trials + 1 + 2 * n)) ] &&
  echo "trial count within [$trials, $trials + 2 x $n]: yes"
# A later run resumes: nothing left to measure.
cwm-opt "$input" --cwm-autotune="trials=$trials batch=2 db=$work/db.jsonl min-time=0.005 threads=1 cost-model=random seed=7" \
  -o /dev/null 2>"$work/resume.log"
echo "resume exit: $?"
grep -c "trial " "$work/resume.log" | sed 's/^/trials measured on resume: /'
