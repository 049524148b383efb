#!/usr/bin/env bash
# SIGKILLs a tuner while its worker hangs, then checks that the worker died
# with it (no orphan left running without a deadline) and that the next cwm
# run removes the dead tuner's temporary files.
# Usage: kill-orphans.sh INPUT.mlir WORKDIR
set -u
input=$1 work=$2
rm -rf "$work" && mkdir -p "$work/tmp"
export TMPDIR="$work/tmp"
printf 'hang\nhang\nhang\n' > "$work/plan"
CWM_WORKER_FAULT_PLAN="$work/plan" cwm-opt "$input" \
  --cwm-autotune="trials=3 batch=3 db=$work/db.jsonl min-time=0.005 threads=1 timeout=120 cost-model=random" \
  -o /dev/null 2>"$work/first.log" &
tuner=$!
# Wait (at most 120 s) for a worker that hangs: the plan file loses a line.
for _ in $(seq 1 1200); do
  [ "$(wc -l < "$work/plan")" -lt 3 ] && break
  sleep 0.1
done
workers() { pgrep -f "cwm-worker --request $TMPDIR" | wc -l; }
echo "workers while tuning: $(workers)"
kill -KILL "$tuner"
wait "$tuner" 2>/dev/null
for _ in $(seq 1 50); do
  [ "$(workers)" -eq 0 ] && break
  sleep 0.1
done
echo "workers after the kill: $(workers)"
# Not this user's or not cwm's: never touched.
mkdir -p "$TMPDIR/cwm-scratch-999999999x" "$TMPDIR/cwm-12345"
echo "scratch folders after the kill: $(ls -d "$TMPDIR"/cwm-scratch-[0-9]* 2>/dev/null | grep -c '[0-9]$')"
# A later run sweeps the dead tuner's folder and removes its own at exit.
cwm-opt "$input" --cwm-autotune="trials=1 db=$work/db2.jsonl min-time=0.005 threads=1 cost-model=random" \
  -o /dev/null 2>"$work/second.log"
echo "second run exit: $?"
echo "scratch folders after the next run: $(ls -d "$TMPDIR"/cwm-scratch-[0-9]* 2>/dev/null | grep -c '[0-9]$')"
echo "other folders kept: $(ls -d "$TMPDIR/cwm-scratch-999999999x" "$TMPDIR/cwm-12345" 2>/dev/null | wc -l)"
echo "files left in TMPDIR: $(find "$TMPDIR" -type f | wc -l)"
