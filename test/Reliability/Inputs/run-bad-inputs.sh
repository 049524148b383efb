#!/usr/bin/env bash
# Feeds every file of the bad-input corpus (Inputs/bad-input/) and a list of
# bad pass options to the command that reads that kind of input, and prints
# for each: the exit status and whether it crashed (a signal, an LLVM stack
# dump), was diagnosed (an error or warning naming the problem), or neither.
# File prefixes: ir-* (payloads, tuned), trace-* (cwm-apply-trace), db-*
# (cwm-apply-best and cwm-train), model-* (cwm-autotune cost-model=world).
# Usage: run-bad-inputs.sh WORKDIR
set -u
work=$1
here=$(cd "$(dirname "$0")" && pwd)
corpus=$here/bad-input
task=$here/mm64.mlir
rm -rf "$work" && mkdir -p "$work"
crashes=0 silent=0 total=0
classify() { # name, exit status, log
  local name=$1 status=$2 log=$3 verdict
  if [ "$status" -ge 128 ] || grep -q "Stack dump:\|PLEASE submit a bug report" "$log"; then
    verdict=CRASH; crashes=$((crashes + 1))
  elif grep -q "error:\|warning:\|Error:\|Warning:" "$log"; then
    verdict=diagnosed
  else
    verdict=SILENT; silent=$((silent + 1))
  fi
  total=$((total + 1))
  echo "$name: exit $status, $verdict"
}
run() { # name, command...
  local name=$1; shift
  timeout 120 "$@" >"$work/$name.log" 2>&1
  classify "$name" $? "$work/$name.log"
}
# A truncated copy of a real model file, made here.
head -c 3000 "$here/../../../models/cpu-world.pt" > "$work/model-truncated.pt"
for file in "$corpus"/* "$work/model-truncated.pt"; do
  name=$(basename "$file")
  case "$name" in
    ir-*) run "$name" cwm-opt "$file" --cwm-autotune="trials=1 batch=1 db=$work/$name.jsonl cost-model=random min-time=0.005 timeout=30 memory-limit=4" -o /dev/null ;;
    trace-*) run "$name" cwm-opt "$task" --cwm-apply-trace="trace-file=$file" -o /dev/null ;;
    db-*) cp "$file" "$work/$name"
          run "$name.apply-best" cwm-opt "$task" --cwm-apply-best="db=$work/$name" -o /dev/null
          run "$name.train" cwm-train "$work/$name" -o "$work/$name.pt" ;;
    model-*) run "$name" cwm-opt "$task" --cwm-autotune="cost-model=world model=$file trials=0" -o /dev/null ;;
  esac
done
# Bad pass options.
i=0
for options in "threads=100000" "threads=-1" "trials=-5" "timeout=0" "timeout=-3" \
               "memory-limit=-1" "batch=0" "population=0" "target=fpga" \
               "cost-model=oracle" "budget=-1" "scheduler=fastest" "seed=abc" \
               "trials=1e400" "db=/proc/cwm-cannot-write.jsonl trials=1" "bogus-option=1"; do
  i=$((i + 1))
  echo "option-$i is: $options"
  run "option-$i" cwm-opt "$task" --cwm-autotune="$options" -o /dev/null
done
# Another target's model: the shipped CUDA model given to target=cpu.
run "model-other-target" cwm-opt "$task" --cwm-autotune="cost-model=world model=$here/../../../models/cuda-world.pt trials=0" -o /dev/null
echo "inputs: $total"
echo "crashes: $crashes"
echo "silent: $silent"
