#!/usr/bin/env bash
# Adds wgmma candidates of chosen configurations to a GPU pack (issue 25's
# kernel measurements): each is built through cwm's own pipeline (the trace
# applied, out-params, cwm-lower-gpu, LLVM IR, a shared object) and takes
# the reference, seed and arguments of the pack's first candidate of the
# same workload.
#
#   bench/wgmma-sweep.sh PACK WORKLOAD M N K "STAGES N WARPGROUPS [PRODUCER RASTER]" ...
#
# PACK comes from `bench/gpu-suite.sh pack` (its manifest names WORKLOAD,
# an f16 x f16 -> f32 matmul of M x N x K); the candidates go to
# PACK/batch/wgmma and are appended to PACK/manifest.txt; bundle the pack
# again before carrying it to the GPU machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pack=${1:?usage: bench/wgmma-sweep.sh PACK WORKLOAD M N K "STAGES N WARPGROUPS [PRODUCER RASTER]"...}
workload=${2:?workload}; m=${3:?m}; n=${4:?n}; k=${5:?k}; shift 5
build=${CWM_BUILD_DIR:-$root/build}
llvm=$(llvm-config-22 --bindir 2>/dev/null || echo /usr/lib/llvm-22/bin)
line=$(grep -m1 "^candidate [^ ]* batch/$workload/" "$pack/manifest.txt") ||
  { echo "wgmma-sweep: no candidate of $workload in $pack/manifest.txt" >&2; exit 1; }
read -r -a fields <<< "$line"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$pack/batch/wgmma"
cat > "$work/task.mlir" <<MLIR
func.func @task(%A: tensor<${m}x${k}xf16>, %B: tensor<${k}x${n}xf16>) -> tensor<${m}x${n}xf32> attributes {llvm.emit_c_interface} {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<${m}x${n}xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<${m}x${n}xf32>) -> tensor<${m}x${n}xf32>
  %R = linalg.matmul ins(%A, %B : tensor<${m}x${k}xf16>, tensor<${k}x${n}xf16>) outs(%C : tensor<${m}x${n}xf32>) -> tensor<${m}x${n}xf32>
  return %R : tensor<${m}x${n}xf32>
}
MLIR
for config in "$@"; do
  read -r stages blockn warpgroups producer raster <<< "$config"
  producer=${producer:-0}; raster=${raster:-0}
  name=wgmma-${m}x${n}x${k}-s$stages-n$blockn-w$warpgroups
  [ "$producer" = 0 ] || name=$name-p
  [ "$raster" = 0 ] || name=$name-r$raster
  echo "{\"version\": 1, \"actions\": [{\"kind\": \"wgmma\", \"target\": 1, \"decisions\": {\"stages\": $stages, \"n\": $blockn, \"warpgroups\": $warpgroups, \"producer\": $producer, \"raster\": $raster}}]}" > "$work/$name.json"
  "$build/bin/cwm-opt" "$work/task.mlir" --cwm-apply-trace=trace-file="$work/$name.json" \
    --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" \
    --cwm-lower-gpu="chip=sm_90a" -o "$work/$name.mlir"
  "$llvm/mlir-translate" --mlir-to-llvmir "$work/$name.mlir" -o "$work/$name.ll"
  "$llvm/llc" -O2 -relocation-model=pic -filetype=obj -mcpu=x86-64 "$work/$name.ll" -o "$work/$name.o"
  cc -shared "$work/$name.o" -o "$pack/batch/wgmma/$name.so"
  echo "candidate $name batch/wgmma/$name.so ${fields[3]} ${fields[4]} ${fields[*]:5}" >> "$pack/manifest.txt"
  echo "wgmma-sweep: $name" >&2
done
