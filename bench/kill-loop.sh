#!/usr/bin/env bash
# Durability under SIGKILL: starts a tuning run over and over on one database
# and kills it at a random moment (0.2-2.5 s in: while measuring, while
# writing, while starting), KILLS times, then lets a last run finish. After
# every kill it checks that the database file before the kill is a prefix of
# the file after it (no record written earlier was lost or changed), that
# every line parses (a torn last line is allowed only if the kill came in the
# middle of a write: it is counted), and at the end that no trace was
# measured twice.
# Usage: bench/kill-loop.sh [KILLS] [WORKDIR] [TRIALS]
# Prints: kills, records lost, torn lines, duplicate trials, final records.
set -u
kills=${1:-50} work=${2:-/tmp/cwm-kill-loop} trials=${3:-400}
root=$(cd "$(dirname "$0")/.." && pwd)
opt=${CWM_OPT:-$root/build/bin/cwm-opt}
input=${CWM_KILL_INPUT:-$root/test/Reliability/Inputs/mm64.mlir}
rm -rf "$work" && mkdir -p "$work"
db=$work/db.jsonl
opts="trials=$trials batch=2 db=$db min-time=0.002 threads=1 cost-model=random"
lost=0 torn=0 done_kills=0
touch "$db"
for i in $(seq 1 "$kills"); do
  cp "$db" "$work/before.jsonl"
  "$opt" "$input" --cwm-autotune="$opts" -o /dev/null 2>>"$work/runs.log" &
  pid=$!
  sleep "$(awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.2f", 0.2 + rand() * 2.3 }')"
  if kill -KILL "$pid" 2>/dev/null; then done_kills=$((done_kills + 1)); fi
  wait "$pid" 2>/dev/null
  size=$(stat -c %s "$work/before.jsonl")
  if ! cmp -s -n "$size" "$work/before.jsonl" "$db"; then
    lost=$((lost + 1))
    echo "kill $i: the database before the kill is not a prefix of the one after" >&2
  fi
done
# Lines that do not parse (a write torn by a kill) and duplicates.
"$opt" "$input" --cwm-autotune="trials=0 db=$db cost-model=random" -o /dev/null 2>"$work/final.log"
torn=$(grep -c "skipped corrupt line" "$work/final.log")
report=$(/usr/bin/python3 "$root/test/Reliability/Inputs/check_db.py" "$db")
echo "kills: $done_kills"
echo "runs whose earlier records changed or vanished: $lost"
echo "torn lines: $torn"
echo "$report"
