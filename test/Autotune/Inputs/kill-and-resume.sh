#!/usr/bin/env bash
# Starts a tuning run, SIGKILLs it once a few records are on disk, restarts it
# with the same options, and prints what the test checks: how the first run
# ended, how many records each stage had, and the traces measured twice.
# Usage: kill-and-resume.sh INPUT.mlir DB.jsonl TRIALS
set -u
input=$1 db=$2 trials=$3
opts="trials=$trials batch=1 db=$db min-time=0.005 threads=1"
records() {
  if [ -f "$db" ]; then grep -c '"kind":"record"' "$db"; else echo 0; fi
  return 0
}
rm -f "$db"

cwm-opt "$input" --cwm-autotune="$opts" -o /dev/null 2>"$db.first.log" &
pid=$!
# Wait for the baseline and at least two trials (at most 120 s).
for _ in $(seq 1 1200); do
  [ "$(records)" -ge 3 ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
echo "first run exit: $?"
before=$(records)
echo "records after kill: $before"
[ "$before" -ge 3 ] && [ "$before" -lt $((trials + 1)) ] && echo "killed mid-run: yes"

cwm-opt "$input" --cwm-autotune="$opts" -o /dev/null 2>"$db.second.log"
echo "second run exit: $?"
grep -o 'resuming: [0-9]* trials already in the database' "$db.second.log" |
  sed "s/resuming: $((before - 1)) /resuming: (all recorded) /"
grep -c 'measuring the untuned baseline' "$db.second.log" |
  sed 's/^/baselines measured again: /'
echo "records at the end: $(records)"
# Each record line ends with its trace and then its workload key.
dups=$(sed -n 's/.*"trace":\(.*\),"workload".*/\1/p' "$db" | sort | uniq -d | wc -l)
echo "traces measured twice: $dups"
