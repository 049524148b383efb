#!/usr/bin/env bash
# Evaluates the cost models: ranking quality, search quality at equal
# measurement budgets, and evaluator throughput. Prints the tables that go
# into docs/benchmarks.md.
#
#   bench/eval-cost-models.sh [OUT_DIR]      (default out/eval-cpu)
#
# Steps (each resumable: rerun the same command after an interruption):
#  1. search: for every CPU reference workload, cost model and seed, tune
#     MAX_TRIALS candidates into its own database (best@64 and best@MAX come
#     from the same run, in measurement order);
#  2. ranking: train the world model (with and without the transition, on the
#     training split of the collected data), the pre-trained snapshot model,
#     and evaluate them with the cold snapshot model and random on the
#     held-out generated workloads and on the random-search records of the
#     reference workloads (step 1), second half of each group;
#  3. retime: the best schedule of every model, seed and budget measured
#     again, back to back, RETIME_PASSES times (default 3; bench/eval_retime.py
#     and `cwm-autotune remeasure=N`): the search databases were measured over
#     hours of changing machine load, and this compares the findings under
#     the same conditions;
#  4. summary (bench/summarize_eval.py).
#
# Environment: DATA (collected database, default out/collect-cpu/cpu.jsonl;
# scripts/collect.sh makes it), MANIFEST (its workload manifest), SEEDS
# (default "1 2 3"), MAX_TRIALS (default 64; 256 gives both budgets),
# MODELS (default "world snapshot-cold snapshot random"), WORKLOADS (names,
# default every CPU workload), THREADS (default all cores), STEPS (default
# "search rank retime summary"), EPOCHS (world model, default 30),
# RETIME_PASSES (default 3).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/out/eval-cpu}
data=${DATA:-$root/out/collect-cpu/cpu.jsonl}
manifest=${MANIFEST:-$(dirname "$data")/workloads/manifest.json}
seeds=${SEEDS:-1 2 3}
max_trials=${MAX_TRIALS:-64}
models=${MODELS:-world snapshot-cold snapshot random}
threads=${THREADS:-$(nproc)}
steps=${STEPS:-search rank retime summary}
passes=${RETIME_PASSES:-3}
epochs=${EPOCHS:-30}
suite=$root/../shared/bench/workloads
[ -d "$suite" ] || suite=/work/shared/bench/workloads
mkdir -p "$out/search" "$out/rank" "$out/bin"
"$root/scripts/build.sh" cwm-opt cwm-worker cwm-train >/dev/null
# A private copy of the tools: rebuilding the tree during the hours this
# runs must not change (or briefly remove) the binaries it starts.
bin=$out/bin
if [ ! -x "$bin/cwm-opt" ]; then
  cp "$root/build/bin/cwm-opt" "$root/build/bin/cwm-worker" "$root/build/bin/cwm-train" "$bin/"
fi
[ -f "$data" ] || { echo "eval: no training data at $data (run scripts/collect.sh)" >&2; exit 1; }

if [ -n "${WORKLOADS:-}" ]; then
  read -r -a workloads <<< "${WORKLOADS//$'\n'/ }" # spaces or newlines
else
  workloads=()
  for f in "$suite"/*.mlir; do
    grep -qi "gpu only" "$f" && continue
    workloads+=("$(basename "$f" .mlir)")
  done
fi

# run_once MARK LOG WHAT COMMAND...: runs COMMAND (output to LOG) unless MARK
# exists, and makes MARK when it succeeds; a failure is reported, not fatal.
run_once() {
  local mark=$1 log=$2 what=$3
  shift 3
  [ -f "$mark" ] && return 0
  echo "eval: $what" >&2
  if "$@" > "$log" 2>&1; then
    touch "$mark"
  else
    echo "eval: $what failed (see $log)" >&2
  fi
}

# The models the search uses are trained once, on the training split.
world=$out/world.pt
snapshot=$out/snapshot.json
if [ ! -f "$world" ]; then
  echo "eval: training the world model" >&2
  "$bin/cwm-train" "$data" -o "$world" --heldout="$manifest" --epochs="$epochs" \
    --seed=1 --report="$out/rank/train-world.json" > "$out/rank/train-world.txt"
fi
if [ ! -f "$snapshot" ]; then
  echo "eval: training the snapshot model" >&2
  "$bin/cwm-train" --kind=snapshot "$data" -o "$snapshot" --heldout="$manifest" \
    --seed=1 --report="$out/rank/train-snapshot.json" > "$out/rank/train-snapshot.txt"
fi

if [[ " $steps " == *" search "* ]]; then
  for name in "${workloads[@]}"; do
    for seed in $seeds; do
      for model in $models; do
        run=$out/search/$model-s$seed
        mkdir -p "$run"
        case $model in
          world) options="cost-model=world model=$world" ;;
          snapshot) options="cost-model=snapshot model=$snapshot population=64 generations=1" ;;
          snapshot-cold) options="cost-model=snapshot population=64 generations=1" ;;
          random) options="cost-model=random" ;;
          *) echo "eval: unknown model $model" >&2; exit 1 ;;
        esac
        # A finished search is not started again: its report (with the
        # cost model's throughput) would be rewritten by a run that only
        # finds the budget spent.
        run_once "$run/$name.done$max_trials" "$run/$name.log" "search $name $model seed $seed" \
          "$bin/cwm-opt" "$suite/$name.mlir" -o /dev/null \
          --cwm-autotune="target=cpu $options trials=$max_trials seed=$seed threads=$threads db=$run/$name.jsonl report=$run/$name.json quiet=true"
      done
    done
  done
fi

if [[ " $steps " == *" rank "* ]]; then
  refs=()
  for db in "$out"/search/random-s*/*.jsonl; do
    [ -f "$db" ] && refs+=("--eval-db=$db")
  done
  common=("$data" --heldout="$manifest" --eval-second-half --seed=1 "${refs[@]}")
  echo "eval: ranking quality" >&2
  "$bin/cwm-train" "${common[@]}" --model="$world" --epochs=0 \
    --report="$out/rank/world.json" > "$out/rank/world.txt" 2>/dev/null || true
  [ -f "$out/world-ablated.pt" ] || "$bin/cwm-train" "${common[@]}" --ablate-transition \
    --epochs="$epochs" -o "$out/world-ablated.pt" --report="$out/rank/world-ablated.json" \
    > "$out/rank/world-ablated.txt"
  "$bin/cwm-train" --kind=snapshot "${common[@]}" --model="$snapshot" \
    --report="$out/rank/snapshot.json" > "$out/rank/snapshot.txt"
  "$bin/cwm-train" --kind=snapshot-cold "${common[@]}" \
    --report="$out/rank/snapshot-cold.json" > "$out/rank/snapshot-cold.txt"
fi

if [[ " $steps " == *" retime "* ]]; then
  # Its own copy of the tools (the search's may predate remeasure= on the CPU).
  rbin=$out/retime/bin
  mkdir -p "$rbin"
  [ -x "$rbin/cwm-opt" ] || cp "$root/build/bin/cwm-opt" "$root/build/bin/cwm-worker" "$rbin/"
  budgets=$(printf '%s\n' 64 "$max_trials" | sort -nu)
  for name in $(/usr/bin/python3 "$root/bench/eval_retime.py" "$out" $budgets); do
    for pass in $(seq 1 "$passes"); do
      run_once "$out/retime/$name.pass$pass.done" "$out/retime/$name.pass$pass.log" \
        "retime $name pass $pass" "$rbin/cwm-opt" "$suite/$name.mlir" -o /dev/null \
        --cwm-autotune="target=cpu cost-model=random trials=1 remeasure=1000000 threads=$threads db=$out/retime/$name.jsonl quiet=true"
    done
  done
fi

if [[ " $steps " == *" summary "* ]]; then
  /usr/bin/python3 "$root/bench/summarize_eval.py" "$out" "$max_trials" | tee "$out/summary.md"
fi
