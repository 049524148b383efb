#!/usr/bin/env bash
# Measures how the cost models guide search on work none of them was trained
# on: the CPU workloads of heldout-v1 (bench/heldout/; their records can never
# train a model, cwm-train drops them). One command, resumable: rerun it after
# an interruption and it goes on where it stopped.
#
#   bench/eval-generalization.sh [OUT_DIR]      (default out/eval-generalization)
#
# Steps:
#  1. models: the shipped world model (models/cpu-world.pt); the same network
#     with the transition ablated and the pre-trained snapshot model, both
#     trained here on the shipped model's training data (the five
#     data/cpu-collect*.jsonl.zst sets, 60 epochs, no consistency loss);
#  2. search: for every workload, method and seed, one search of MAX_TRIALS
#     (default 128) candidates in rounds of 8; the budgets 8, 16, 32, 64 and
#     128 are its prefixes, in measurement order (a search asked for 32 trials
#     makes the same first four rounds);
#  3. retime: the best schedule of every method, seed and budget measured
#     again, back to back, RETIME_PASSES times (bench/eval_retime.py and
#     `cwm-autotune remeasure=N`);
#  4. rank: ranking quality (top-1, top-5, pairwise accuracy, Kendall tau) of
#     each model on the held-out records of the random searches (unbiased
#     samples of each workload's space), second half of each workload's
#     records (the cold snapshot model, and the world model in each online
#     mode, learn from the first half);
#  5. summary (bench/summarize_generalization.py): geomean of best latency per
#     budget against the best known (best of everything, re-timed), the worst
#     workload, world against random and cold snapshot per workload, the
#     spread across seeds, trials and wall time to reach 95% of the best
#     known.
#
# Environment: SET (a folder of workloads instead of heldout-v1, e.g. the
# training generator's validation workloads, on which search options may be
# chosen; give WORKLOADS then), WORLD_MODEL (default models/cpu-world.pt), SEEDS (default
# "1 2 3"), MAX_TRIALS (default 128), METHODS
# (default "world world-ablated snapshot-cold snapshot random"; also
# world-diverse: the world model with the search's novelty bonus diversity=
# DIVERSITY (default 1, as world by default), and world-greedy: without it,
# diversity=0), world-coverage and world-rarest: the novelty bonus measured
# over decision atoms (novelty=coverage, rarest; docs/world-model.md),
# world-transfer: the first round's first TRANSFER picks (default 4) carried
# over from the schedule library LIBRARY (cwm-train --write-library: the
# fastest schedules of the nearest training shapes), world-library: those
# schedules only join the population the model ranks (transfer=0), world-g0: picks from the rules' samples (and the best measured traces'
# mutants) without evolving them, generations=0, world-first0: so only in
# a workload's first round, first-generations=0 (the world model's default
# from the seventh to the tenth session), world-first3: evolving the first
# round too (the default), world-nopack: without pack_weights for grouped
# convolutions (pack-weights=false), world-nopackb: without pack_b for
# matmuls (pack-b=false: the search as before the twenty-seventh session),
# world-noragged / random-noragged: without padded register tiles for matmuls
# whose rows or columns have no good divisor (ragged-tiles=false: the search
# as before the twenty-eighth session), world-nosplit: without tile_reduction
# for row reductions (tile-reduction=false), world-mustN: N members of each must-try
# family (Winograd tile sizes, the direct schedules beside them, pack_weights, ...)
# measured before the ranking alone decides (must-try=N; the default, -1, is
# each family's own number, SearchSpace::mustTryMembers), world-nowinograd: without Winograd (winograd=false),
# world-nodirect: without the direct schedules' must-try members beside Winograd's
# (must-try-direct=false, the default before the twentieth session), world-wide: the world model scoring a larger population for
# longer, population=WIDE_POPULATION (default 1024) generations=
# WIDE_GENERATIONS (default 5)), world-new: the world model of NEW_MODEL
# (a candidate for shipping, searched beside the shipped one; copy it out of
# the tree first), world-base: the shipped world model searched by BASE_BIN's cwm-opt (a copy
# of bin/ built from the commit before a change that has no option of its own, e.g. a
# search-space rule; re-timed with the rest), hybrid: the world model joined by a cold snapshot model
# once 8 candidates are measured (cost-model=hybrid), world-ensemble: a seed ensemble,
# model=ENSEMBLE_MODELS (comma-separated model files), WORKLOADS
# (names in bench/heldout/v1, default every CPU workload but the whole
# models), THREADS (default all cores), STEPS (default "models search retime
# rank summary"), EPOCHS (default 60), RETIME_PASSES (default 3),
# METHOD_TRIALS (fewer trials for some methods, e.g. "world=32
# snapshot-cold=32": budgets above a method's trials are left out of its
# rows), ONLINE_MODES (world's online modes ranked after learning from the first
# half of each workload's records; default "finetune linear both").
# Time: about 1-3 s per candidate on a 2-core VM: the default (41 workloads x
# 5 methods x 3 seeds x 128) is days of measuring; WORKLOADS, SEEDS and
# MAX_TRIALS make smaller runs. Do not build or run anything else while it
# measures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/out/eval-generalization}
set_dir=${SET:-$root/bench/heldout/v1}
seeds=${SEEDS:-1 2 3}
max_trials=${MAX_TRIALS:-128}
methods=${METHODS:-world world-ablated snapshot-cold snapshot random}
threads=${THREADS:-$(nproc)}
steps=${STEPS:-models search retime rank summary}
passes=${RETIME_PASSES:-3}
epochs=${EPOCHS:-60}
online_modes=${ONLINE_MODES:-finetune linear both}
mkdir -p "$out/search" "$out/rank" "$out/bin" "$out/models"
"$root/scripts/build.sh" cwm-opt cwm-worker cwm-train >/dev/null
# A private copy of the tools: rebuilding the tree while this runs must not
# change the binaries it starts.
bin=$out/bin
[ -x "$bin/cwm-opt" ] || cp "$root/build/bin/cwm-opt" "$root/build/bin/cwm-worker" \
  "$root/build/bin/cwm-train" "$bin/"

if [ -n "${WORKLOADS:-}" ]; then
  read -r -a workloads <<< "${WORKLOADS//$'\n'/ }" # spaces or newlines
else
  mapfile -t workloads < <(/usr/bin/python3 -c "
import json
m = json.load(open('$set_dir/manifest.json'))
print('\n'.join(w['name'] for w in m['workloads']
                if 'cpu' in w['targets'] and not w['name'].startswith('model_')))")
fi

run_once() { # MARK LOG WHAT COMMAND...: once; a failure is reported, not fatal
  local mark=$1 log=$2 what=$3
  shift 3
  [ -f "$mark" ] && return 0
  echo "eval-generalization: $what" >&2
  if "$@" > "$log" 2>&1; then touch "$mark"; else
    echo "eval-generalization: $what failed (see $log)" >&2
  fi
}

world=${WORLD_MODEL:-$root/models/cpu-world.pt}
ablated=$out/models/world-ablated.pt
snapshot=$out/models/snapshot.json
if [[ " $steps " == *" models "* ]]; then
  # The shipped model's training data (models/README.md): the five CPU
  # datasets, each with its manifest's held-out workloads kept out.
  data=()
  sets="cpu-collect cpu-collect-v2 cpu-collect-v2b cpu-collect-v2c cpu-collect-v2d"
  for set in $sets; do
    [ -f "$out/models/$set.jsonl" ] ||
      zstd -dc --long=27 "$root/data/$set.jsonl.zst" > "$out/models/$set.jsonl"
    data+=("$out/models/$set.jsonl")
  done
  manifest=$out/models/manifest.json
  /usr/bin/python3 -c "
import json, sys
json.dump(sum((json.load(open(f)) for f in sys.argv[2:]), []), open(sys.argv[1], 'w'))" \
    "$manifest" $(for set in $sets; do echo "$root/data/$set-manifest.json"; done)
  run_once "$ablated.done" "$out/models/world-ablated.log" "training the ablated world model" \
    "$bin/cwm-train" "${data[@]}" -o "$ablated" --heldout="$manifest" --ablate-transition \
    --epochs="$epochs" --seed=1 --target=cpu --consistency=false
  run_once "$snapshot.done" "$out/models/snapshot.log" "training the snapshot model" \
    "$bin/cwm-train" --kind=snapshot "${data[@]}" -o "$snapshot" --heldout="$manifest" --seed=1
fi

options_for() {
  case $1 in
    world) echo "cost-model=world model=$world" ;;
    world-diverse) echo "cost-model=world model=$world diversity=${DIVERSITY:-1}" ;;
    world-greedy) echo "cost-model=world model=$world diversity=0" ;;
    world-transfer) echo "cost-model=world model=$world library=${LIBRARY:?world-transfer needs LIBRARY=library.jsonl} transfer=${TRANSFER:-4}" ;;
    world-library) echo "cost-model=world model=$world library=${LIBRARY:?world-library needs LIBRARY=library.jsonl}" ;;
    world-coverage) echo "cost-model=world model=$world diversity=${DIVERSITY:-1} novelty=coverage" ;;
    world-rarest) echo "cost-model=world model=$world diversity=${DIVERSITY:-1} novelty=rarest" ;;
    world-g0) echo "cost-model=world model=$world generations=0" ;;
    world-first0) echo "cost-model=world model=$world first-generations=0" ;;
    world-first3) echo "cost-model=world model=$world first-generations=3" ;;
    world-nopack) echo "cost-model=world model=$world pack-weights=false" ;;
    world-nopackb) echo "cost-model=world model=$world pack-b=false" ;;
    world-noragged) echo "cost-model=world model=$world ragged-tiles=false" ;;
    random-noragged) echo "cost-model=random ragged-tiles=false" ;;
    world-nosplit) echo "cost-model=world model=$world tile-reduction=false" ;;
    world-must[0-9]*) echo "cost-model=world model=$world must-try=${1#world-must}" ;;
    world-nowinograd) echo "cost-model=world model=$world winograd=false" ;;
    world-nodirect) echo "cost-model=world model=$world must-try-direct=false" ;;
    world-wide) echo "cost-model=world model=$world population=${WIDE_POPULATION:-1024} generations=${WIDE_GENERATIONS:-5}" ;;
    world-ensemble) echo "cost-model=world model=${ENSEMBLE_MODELS:?world-ensemble needs ENSEMBLE_MODELS=a.pt,b.pt,...}" ;;
    world-ablated) echo "cost-model=world model=$ablated" ;;
    world-new) echo "cost-model=world model=${NEW_MODEL:?world-new needs NEW_MODEL=model.pt}" ;;
    world-base) echo "cost-model=world model=$world" ;;
    hybrid) echo "cost-model=hybrid model=$world" ;;
    snapshot) echo "cost-model=snapshot model=$snapshot population=64 generations=1" ;;
    snapshot-cold) echo "cost-model=snapshot population=64 generations=1" ;;
    random) echo "cost-model=random" ;;
    *) echo "eval-generalization: unknown method $1" >&2; exit 2 ;;
  esac
}

# Trials of one method's searches: MAX_TRIALS unless METHOD_TRIALS says
# otherwise ("world=32 snapshot-cold=32": those stop at 32, random goes on).
trials_for() {
  local entry
  for entry in ${METHOD_TRIALS:-}; do
    if [ "${entry%%=*}" = "$1" ]; then echo "${entry#*=}"; return; fi
  done
  echo "$max_trials"
}

if [[ " $steps " == *" search "* ]]; then
  total=$(( ${#workloads[@]} * $(wc -w <<< "$seeds") * $(wc -w <<< "$methods") ))
  done_runs=0
  for name in "${workloads[@]}"; do
    for seed in $seeds; do
      for method in $methods; do
        done_runs=$((done_runs + 1))
        run=$out/search/$method-s$seed
        mkdir -p "$run"
        trials=$(trials_for "$method")
        opt=$bin/cwm-opt
        if [ "$method" = world-base ]; then
          opt=${BASE_BIN:?world-base needs BASE_BIN=a bin/ folder of another build}/cwm-opt
        fi
        run_once "$run/$name.done$trials" "$run/$name.log" \
          "[$done_runs/$total] search $name $method seed $seed ($trials trials)" \
          "$opt" "$set_dir/$name.mlir" -o /dev/null \
          --cwm-autotune="target=cpu $(options_for "$method") trials=$trials batch=8 seed=$seed threads=$threads flush-cache=false db=$run/$name.jsonl report=$run/$name.json quiet=true"
      done
    done
  done
fi

if [[ " $steps " == *" retime "* ]]; then
  for name in $(/usr/bin/python3 "$root/bench/eval_retime.py" "$out" 8 16 32 64 "$max_trials"); do
    for pass in $(seq 1 "$passes"); do
      run_once "$out/retime/$name.pass$pass.done" "$out/retime/$name.pass$pass.log" \
        "retime $name pass $pass" "$bin/cwm-opt" "$set_dir/$name.mlir" -o /dev/null \
        --cwm-autotune="target=cpu cost-model=random trials=1 remeasure=1000000 threads=$threads flush-cache=false db=$out/retime/$name.jsonl quiet=true"
    done
  done
fi

if [[ " $steps " == *" rank "* ]]; then
  refs=()
  for db in "$out"/search/random-s*/*.jsonl; do
    [ -f "$db" ] && refs+=("--eval-db=$db")
  done
  if [ ${#refs[@]} -gt 0 ]; then
    for method in $methods; do
      case $method in
        world) args=(--model="$world" --epochs=0) ;;
        world-new) args=(--model="${NEW_MODEL:?world-new needs NEW_MODEL}" --epochs=0) ;;
        world-ensemble)
          args=(--model="${ENSEMBLE_MODELS%%,*}" --ensemble="${ENSEMBLE_MODELS#*,}" --epochs=0) ;;
        world-ablated) [ -f "$ablated" ] || continue; args=(--model="$ablated" --epochs=0) ;;
        snapshot) [ -f "$snapshot" ] || continue; args=(--kind=snapshot --model="$snapshot") ;;
        snapshot-cold) args=(--kind=snapshot-cold) ;;
        *) continue ;; # random: its figures come with every model's
      esac
      run_once "$out/rank/$method.done" "$out/rank/$method.txt" "ranking $method" \
        "$bin/cwm-train" "${args[@]}" "${refs[@]}" --eval-second-half --seed=1 \
        --report="$out/rank/$method.json"
      # The world model as the tuner uses it: learning online from the
      # first half of each workload's records (each of ONLINE_MODES).
      if [ "$method" = world ]; then
        for mode in $online_modes; do
          run_once "$out/rank/world-$mode.done" "$out/rank/world-$mode.txt" \
            "ranking world+$mode" "$bin/cwm-train" "${args[@]}" "${refs[@]}" \
            --eval-second-half --online="$mode" --seed=1 \
            --report="$out/rank/world-$mode.json"
        done
      fi
    done
  fi
fi

if [[ " $steps " == *" summary "* ]]; then
  /usr/bin/python3 "$root/bench/summarize_generalization.py" "$out" "$max_trials" | tee "$out/summary.md"
fi
