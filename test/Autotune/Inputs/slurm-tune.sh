#!/usr/bin/env bash
# Starts a one-node Slurm cluster in WORKDIR and tunes INPUT through it
# (runner=slurm): once normally; once with a partition that does not exist
# (submission fails, is tried again, then the candidate is recorded as
# runner_error); once with held jobs that this script cancels as soon as they
# are queued (each array task ends CANCELLED, is submitted again once, then
# recorded as runner_error). Every run must complete. The cluster is stopped
# whatever happens. Usage: slurm-tune.sh SRC_ROOT INPUT WORKDIR
set -u
root=$1 input=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
trap 'bash "$root/scripts/slurm-local.sh" stop "$work/cluster" >/dev/null 2>&1' EXIT
if ! env=$(bash "$root/scripts/slurm-local.sh" start "$work/cluster"); then
  echo "cluster did not start"; exit 1
fi
eval "$env"
echo "cluster: up"
common="runner=slurm target=cpu threads=1 min-time=0.01 cost-model=random poll=0.2"
cwm-opt "$input" --cwm-autotune="$common trials=4 batch=2 partition=local time-limit=10 db=$work/db.jsonl export=$work/batch" -o "$work/tuned.mlir" 2>&1
echo "tune exit: $?"
grep -c '"kind":"record"' "$work/db.jsonl" | sed 's/^/records: /'
grep -c '"status":"ok"' "$work/db.jsonl" | sed 's/^/ok: /'
squeue -h --states=all -o "%P %l" | sort -u | sed 's/^/job limits: /'
cwm-opt "$input" --cwm-autotune="$common trials=1 db=$work/bad.jsonl export=$work/bad partition=nowhere" -o /dev/null 2>&1
echo "bad partition exit: $?"
grep -o '"status":"runner_error"' "$work/bad.jsonl" | head -1
# Held jobs, cancelled from outside while the tuner follows them.
cwm-opt "$input" --cwm-autotune="$common trials=2 batch=2 db=$work/cancel.jsonl export=$work/cancel sbatch=--hold" -o /dev/null > "$work/cancel.log" 2>&1 &
tuner=$!
while kill -0 "$tuner" 2>/dev/null; do
  for job in $(squeue -h -t PENDING -o %A 2>/dev/null | sort -u); do
    scancel "$job" 2>/dev/null
  done
  sleep 0.2
done
wait "$tuner"
echo "cancelled exit: $?"
grep "slurm job" "$work/cancel.log" | grep -c cancelled | sed 's/^/cancel reports: /'
grep -c '"status":"runner_error"' "$work/cancel.jsonl" | sed 's/^/cancelled records: /'
grep -o 'ended CANCELLED without a result' "$work/cancel.jsonl" | head -1
