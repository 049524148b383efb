#!/usr/bin/env bash
# Starts a one-node Slurm cluster in WORKDIR, tunes INPUT through it
# (runner=slurm), then with a partition that does not exist (every job
# fails: recorded as runner_error, the run completes), and stops the cluster
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
cwm-opt "$input" --cwm-autotune="runner=slurm target=cpu trials=4 batch=2 threads=1 min-time=0.01 cost-model=random db=$work/db.jsonl export=$work/batch" -o "$work/tuned.mlir" 2>&1
echo "tune exit: $?"
grep -c '"kind":"record"' "$work/db.jsonl" | sed 's/^/records: /'
grep -c '"status":"ok"' "$work/db.jsonl" | sed 's/^/ok: /'
cwm-opt "$input" --cwm-autotune="runner=slurm target=cpu trials=1 threads=1 cost-model=random db=$work/bad.jsonl export=$work/bad sbatch=--partition=nowhere" -o /dev/null 2>&1
echo "bad partition exit: $?"
grep -o '"status":"runner_error"' "$work/bad.jsonl" | head -1
