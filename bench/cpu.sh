#!/usr/bin/env bash
# CPU benchmark over the reference suite (a command that prints figures, not a
# test). For every workload not marked "GPU only" it tunes with cwm-opt
# (TRIALS trials, default 64), then prints and writes a Markdown table: untuned
# and tuned median time, GFLOP/s, fraction of this machine's FMA peak (measured
# with bench/fma_peak.cpp), tuning wall time, and the geomean speedup. Then,
# unless PEERS=0, the peers in the same run (bench/cpu_peers.py: PyTorch eager
# and numpy/OpenBLAS, the OpenBLAS kernel named, the copy bandwidth): for each
# workload cwm's best is measured again (remeasure=1) and its peers right
# after, and a second table sets them side by side.
#
# Usage: bench/cpu.sh [OUTDIR]      env: TRIALS, THREADS, WORKLOADS (regex), PEERS
# Databases and reports stay in OUTDIR (default out/bench-cpu-DATE); rerunning
# with the same OUTDIR resumes instead of re-measuring.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${CWM_BUILD_DIR:-$root/build}"
trials=${TRIALS:-64}
threads=${THREADS:-$(nproc)}
out=${1:-$root/out/bench-cpu-$(date +%F)}
suite="$root/../shared/bench/workloads"
[ -d "$suite" ] || suite="${CWM_WORKLOADS:-$root/bench/workloads}"
mkdir -p "$out"
"$root/scripts/build.sh" cwm-opt cwm-worker cwm-fma-peak >/dev/null

# GPU-only workloads (too slow to tune on a small CPU), per shared/bench.
gpu_only='^(matmul_4096x4096x4096_f32|matmul_4096x4096x4096_f16|conv2d_b16_28x28x128x128_k3)$'

echo "measuring the FMA peak ($threads threads)..." >&2
"$build/bin/cwm-fma-peak" "$threads" | tee "$out/fma-peak.txt" >&2
peak=$(awk -v t="$threads" '$2 == "threads=" t { split($3, f, "="); print f[2] }' "$out/fma-peak.txt")

for file in "$suite"/*.mlir; do
  name=$(basename "$file" .mlir)
  [[ $name =~ $gpu_only ]] && continue
  [[ -n ${WORKLOADS:-} && ! $name =~ $WORKLOADS ]] && continue
  echo "== $name ($trials trials)" >&2
  "$build/bin/cwm-opt" "$file" \
    --cwm-autotune="target=cpu trials=$trials threads=$threads db=$out/$name.jsonl report=$out/$name.json" \
    -o /dev/null 2> >(tee "$out/$name.log" | grep -v ' trial ' >&2)
done

if [ "${PEERS:-1}" = 1 ]; then
  mkdir -p "$out/retimed"
  for file in "$suite"/*.mlir; do
    name=$(basename "$file" .mlir)
    [ -f "$out/$name.json" ] || continue
    [[ -n ${WORKLOADS:-} && ! $name =~ $WORKLOADS ]] && continue
    echo "== $name: cwm's best again, then the peers" >&2
    "$build/bin/cwm-opt" "$file" \
      --cwm-autotune="target=cpu trials=$trials remeasure=1 threads=$threads db=$out/$name.jsonl report=$out/retimed/$name.json quiet=true" \
      -o /dev/null 2> "$out/retimed/$name.log" || { echo "cpu.sh: re-timing $name failed (see $out/retimed/$name.log)" >&2; continue; }
    /usr/bin/python3 "$root/bench/cpu_peers.py" --threads "$threads" --out "$out/cpu_peers.json" "$name" > /dev/null ||
      echo "cpu.sh: no peer figure for $name" >&2
    # OpenBLAS 0.3.21 takes newer AVX-512 CPUs (Zen 4/5) for Haswell: time
    # its AVX-512 kernels too, so the peer is at its best.
    if grep -qw avx512f /proc/cpuinfo; then
      /usr/bin/python3 "$root/bench/cpu_peers.py" --threads "$threads" --coretype SkylakeX \
        --out "$out/cpu_peers.json" "$name" > /dev/null || echo "cpu.sh: no SkylakeX peer figure for $name" >&2
    fi
  done
fi
/usr/bin/python3 "$root/bench/summarize.py" "$out" "$peak" "$threads" | tee "$out/summary.md"
