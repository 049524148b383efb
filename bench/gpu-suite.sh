#!/usr/bin/env bash
# GPU benchmark of the reference suite: candidates are built here, measured
# on a machine with an NVIDIA GPU (no MLIR there) beside PyTorch eager and
# torch.compile in the same run, and imported back into the databases.
#
#   bench/gpu-suite.sh pack OUT     build TRIALS candidates per workload into
#                                   OUT/batch/NAME (databases OUT/db/NAME.jsonl),
#                                   one manifest OUT/manifest.txt, cwm-run, its
#                                   runtime and the peers' script
#   (GPU machine) bash OUT/run.sh   measures every candidate (OUT/results.jsonl;
#                                   resumable: run it again after a cut-off and
#                                   it measures only what is missing;
#                                   DEADLINE=SECONDS stops it cleanly)
#                                   and, unless PEERS=0, the peers (OUT/gpu_peers.json;
#                                   on a machine with two or more GPUs the peers
#                                   run on GPU 0 while the candidates run on GPU 1)
#   bench/gpu-suite.sh import OUT   imports OUT/results.jsonl into the databases
#   bench/gpu-suite.sh bundle OUT   writes OUT.tar.xz: what run.sh needs, with
#                                   the results measured so far (not
#                                   the databases), compressed, for machines
#                                   reached through a size-limited copy; on
#                                   the GPU machine unpack it and run run.sh
#   bench/gpu-suite.sh summary OUT  prints the table (best kernel time per
#                                   workload, TFLOP/s, ratio to the faster peer;
#                                   RESULTS=FILE reads this run from an archived
#                                   results file)
#
# Environment: TRIALS (candidates per workload and round, default 24), MODEL
# (cost model ranking the candidates, default random; a list such as
# "world random" takes them in turn, one per workload), SEED (default 1),
# WORKLOADS (names; default the whole suite), CHIP (default sm_90), SUITE
# (a folder of workloads instead of ../shared/bench/workloads, e.g. the
# generated training workloads: then run with PEERS=0), OPTIONS (more
# cwm-autotune options, e.g. reference-samples=16384 for smaller batches),
# TARGET (cuda, the default, or cpu: CPU candidates built here for the GPU
# machine's quiet CPU cores; run.sh measures them CPU_THREADS (default 2)
# physical cores to a candidate, several candidates at once; run with PEERS=0).
# CWM_BUILD_DIR (default build) holds the tools; CWM_NO_BUILD=1 takes them as
# they are instead of building them first (tests).
# Rounds: after an import, `pack` again builds the next TRIALS candidates
# (mutants of the best measured ones among them).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
step=${1:?usage: bench/gpu-suite.sh pack|import|summary OUT}
out=${2:?usage: bench/gpu-suite.sh pack|import|summary OUT}
trials=${TRIALS:-24}
read -r -a models <<< "${MODEL:-random}"
seed=${SEED:-1}
chip=${CHIP:-sm_90}
target=${TARGET:-cuda}
case $target in
cuda) target_options="target=cuda chip=$chip" ;;
cpu) target_options="target=cpu flush-cache=false" ;; # warm labels, as every earlier set
*) echo "gpu-suite: TARGET must be cuda or cpu, not '$target'" >&2; exit 1 ;;
esac
build=${CWM_BUILD_DIR:-$root/build}
suite=${SUITE:-$root/../shared/bench/workloads}
[ -d "$suite" ] || suite=/work/shared/bench/workloads
peers=$root/../shared/bench/peers/gpu_peers.py
[ -f "$peers" ] || peers=/work/shared/bench/peers/gpu_peers.py
if [ -n "${WORKLOADS:-}" ]; then
  read -r -a workloads <<< "${WORKLOADS//$'\n'/ }" # spaces or newlines
else
  workloads=()
  for f in "$suite"/*.mlir; do workloads+=("$(basename "$f" .mlir)"); done
fi
mkdir -p "$out/batch" "$out/db"

# A private copy of the tools: rebuilding the tree while this runs must not
# change (or briefly remove) the binaries it starts.
tools=${out%/}-tools # beside OUT: not carried to the GPU machine
tune() { # NAME TRIALS EXTRA-OPTIONS [MODEL]
  "$tools/cwm-opt" "$suite/$1.mlir" -o /dev/null \
    --cwm-autotune="$target_options cost-model=${4:-${models[0]}} trials=$2 seed=$seed threads=$(nproc) db=$out/db/$1.jsonl export=$out/batch/$1 worker=$tools/cwm-worker quiet=true ${OPTIONS:-} $3"
}

case $step in
pack)
  [ "${CWM_NO_BUILD:-0}" = 1 ] || "$root/scripts/build.sh" cwm-opt cwm-worker cwm-run >/dev/null
  mkdir -p "$out/bin" "$out/lib" "$out/peers" "$tools"
  cp "$build/bin/cwm-opt" "$build/bin/cwm-worker" "$tools/"
  cp "$build/bin/cwm-run" "$out/bin/"
  cp "$build/lib/libcwm_cuda_runtime.so" "$out/lib/"
  cp "$peers" "$out/peers/"
  echo "$target" > "$out/target"
  if [ "$target" = cpu ]; then # the OpenMP runtime the candidates load
    omp=$(ldconfig -p | awk '/libomp\.so\.5 /{found = $NF} END {print found}')
    [ -n "$omp" ] || omp=$(readlink -f /usr/lib/llvm-22/lib/libomp.so.5)
    cp -L "$omp" "$out/lib/libomp.so.5"
  fi
  : > "$out/manifest.txt"
  # The last round's measurements: keep them beside the databases.
  if [ -f "$out/results.jsonl" ]; then
    mv "$out/results.jsonl" "$out/results-$(date -u +%Y%m%dT%H%M%S).jsonl"
  fi
  index=0
  for name in "${workloads[@]}"; do
    model=${models[$((index % ${#models[@]}))]}
    index=$((index + 1))
    start=$(date +%s)
    # Earlier rounds' candidates were measured: start this round's folder
    # afresh (their records are in the database).
    rm -rf "$out/batch/$name"
    # trials= is a per-task goal for the records (as on the CPU): this round
    # asks for TRIALS more than the most-measured task of the database has.
    have=$(/usr/bin/python3 - "$out/db/$name.jsonl" <<'PY'
import collections, json, sys
counts = collections.Counter()
try:
    for line in open(sys.argv[1]):
        try:
            r = json.loads(line)
        except ValueError:
            continue
        if r.get("kind") == "record" and not r.get("baseline") and not r.get("remeasured"):
            counts[r["workload"]] += 1
except FileNotFoundError:
    pass
print(max(counts.values(), default=0))
PY
)
    if ! tune "$name" "$((have + trials))" "" "$model" > "$out/batch-$name.log" 2>&1; then
      echo "gpu-suite: $name: export failed (see $out/batch-$name.log)" >&2
      continue
    fi
    if [ ! -f "$out/batch/$name/manifest.txt" ]; then
      echo "gpu-suite: $name: no new candidate (the space is exhausted at this budget)" >&2
      continue
    fi
    built=$(grep -c '^candidate' "$out/batch/$name/manifest.txt" || true)
    failed=$(grep -c build_error "$out/batch/$name/pending.jsonl" || true)
    echo "gpu-suite: [$index/${#workloads[@]}] $name ($model): $built built, $failed failed to build ($(( $(date +%s) - start )) s)" >&2
    sed -E "s|^candidate ([^ ]+) ([^ ]+) ([^ ]+) ([^ ]+)|candidate \1 batch/$name/\2 \3 batch/$name/\4|" \
      "$out/batch/$name/manifest.txt" | grep '^candidate' >> "$out/manifest.txt" || true
  done
  cp "$root/bench/gpu-suite-run.sh" "$out/run.sh"
  chmod +x "$out/run.sh"
  echo "gpu-suite: packed $(grep -c . "$out/manifest.txt") candidates, $(du -sh "$out" --exclude=db | cut -f1); on the GPU machine: bash $out/run.sh" >&2
  ;;
import)
  [ -x "$tools/cwm-opt" ] || tools=$build/bin
  [ -f "$out/results.jsonl" ] || { echo "gpu-suite: no $out/results.jsonl" >&2; exit 1; }
  for name in "${workloads[@]}"; do
    [ -f "$out/batch/$name/pending.jsonl" ] || continue
    tune "$name" 0 "import=$out/results.jsonl" > "$out/import-$name.log" 2>&1 ||
      echo "gpu-suite: $name: import failed (see $out/import-$name.log)" >&2
  done
  ;;
bundle)
  [ -f "$out/manifest.txt" ] || { echo "gpu-suite: no $out/manifest.txt (pack first)" >&2; exit 1; }
  cp "$root/bench/gpu-suite-run.sh" "$out/run.sh" # the current one, also for older packs
  chmod +x "$out/run.sh"
  tar -C "$(dirname "$out")" -cJf "${out%/}.tar.xz" --exclude=db --exclude='results-*.jsonl' \
    --exclude='batch-*.log' --exclude='import-*.log' --exclude='pending.jsonl' "$(basename "$out")"
  echo "gpu-suite: ${out%/}.tar.xz, $(du -h "${out%/}.tar.xz" | cut -f1)" >&2
  ;;
summary)
  /usr/bin/python3 "$root/bench/summarize_gpu.py" "$out" "${workloads[@]}"
  ;;
*)
  echo "gpu-suite: unknown step '$step' (pack, import, bundle or summary)" >&2
  exit 1
  ;;
esac
