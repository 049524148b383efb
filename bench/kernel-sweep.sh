#!/usr/bin/env bash
# Adds candidates of a kernel-template action (wgmma, simt_gemm) in chosen
# configurations to a GPU pack (issue 25's kernel measurements): each is
# built through cwm's own pipeline (the trace applied, out-params,
# cwm-lower-gpu, LLVM IR, a shared object) and takes the reference, seed and
# arguments of the pack's first candidate of the same workload.
#
#   bench/kernel-sweep.sh wgmma PACK WORKLOAD M N K "STAGES N WARPGROUPS [PRODUCER RASTER]" ...
#   bench/kernel-sweep.sh simt_gemm PACK WORKLOAD M N K "BM BN BK [SPLIT]" ...
#
# PACK comes from `bench/gpu-suite.sh pack` (its manifest names WORKLOAD, a
# matmul of M x N x K: f16 x f16 -> f32 for wgmma, f32 for simt_gemm); the
# candidates go to PACK/batch/KIND and are appended to PACK/manifest.txt;
# bundle the pack again before carrying it to the GPU machine.
# TASK=FILE builds the configurations for that task instead of a plain
# matmul (the pack's batch/WORKLOAD/KEY.mlir, e.g. a dense layer whose
# elementwise epilogue simt_gemm computes in its stores, or a convolution
# simt_gemm computes as an implicit GEMM); TARGET_OP=N names the task's op
# the action targets (default 1: a plain matmul's or dense layer's after its
# fill; a padded convolution's is 2).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
usage='usage: bench/kernel-sweep.sh wgmma|simt_gemm PACK WORKLOAD M N K "CONFIG"...'
kind=${1:?$usage}; pack=${2:?$usage}
workload=${3:?workload}; m=${4:?m}; n=${5:?n}; k=${6:?k}; shift 6
case $kind in
  wgmma) in_type=f16 chip=sm_90a ;;
  simt_gemm) in_type=f32 chip=${CHIP:-sm_90} ;;
  *) echo "kernel-sweep: unknown kind '$kind' (wgmma or simt_gemm)" >&2; exit 2 ;;
esac
build=${CWM_BUILD_DIR:-$root/build}
llvm=$(llvm-config-22 --bindir 2>/dev/null || echo /usr/lib/llvm-22/bin)
line=$(grep -m1 "^candidate [^ ]* batch/$workload/" "$pack/manifest.txt") ||
  { echo "kernel-sweep: no candidate of $workload in $pack/manifest.txt" >&2; exit 1; }
read -r -a fields <<< "$line"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$pack/batch/$kind"
cat > "$work/task.mlir" <<MLIR
func.func @task(%A: tensor<${m}x${k}x${in_type}>, %B: tensor<${k}x${n}x${in_type}>) -> tensor<${m}x${n}xf32> attributes {llvm.emit_c_interface} {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<${m}x${n}xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<${m}x${n}xf32>) -> tensor<${m}x${n}xf32>
  %R = linalg.matmul ins(%A, %B : tensor<${m}x${k}x${in_type}>, tensor<${k}x${n}x${in_type}>) outs(%C : tensor<${m}x${n}xf32>) -> tensor<${m}x${n}xf32>
  return %R : tensor<${m}x${n}xf32>
}
MLIR
if [ -n "${TASK:-}" ]; then
  sed -E 's/^( *func\.func @task\(.*\) -> [^{]*) \{$/\1 attributes {llvm.emit_c_interface} {/' "$TASK" > "$work/task.mlir"
  grep -q 'llvm.emit_c_interface' "$work/task.mlir" ||
    { echo "kernel-sweep: $TASK has no func.func @task(...) -> ... {" >&2; exit 1; }
fi
for config in "$@"; do
  if [ "$kind" = wgmma ]; then
    read -r stages blockn warpgroups producer raster <<< "$config"
    producer=${producer:-0}; raster=${raster:-0}
    name=wgmma-${m}x${n}x${k}-s$stages-n$blockn-w$warpgroups
    [ "$producer" = 0 ] || name=$name-p
    [ "$raster" = 0 ] || name=$name-r$raster
    decisions="\"stages\": $stages, \"n\": $blockn, \"warpgroups\": $warpgroups, \"producer\": $producer, \"raster\": $raster"
  else
    read -r bm bn bk split <<< "$config"
    split=${split:-1}
    name=simt-${m}x${n}x${k}-${bm}x${bn}x${bk}
    [ -z "${TASK:-}" ] || name=$name-$workload
    decisions="\"bm\": $bm, \"bn\": $bn, \"bk\": $bk"
    if [ "$split" != 1 ]; then
      name=$name-s$split
      decisions="$decisions, \"split\": $split"
    fi
  fi
  echo "{\"version\": 1, \"actions\": [{\"kind\": \"$kind\", \"target\": ${TARGET_OP:-1}, \"decisions\": {$decisions}}]}" > "$work/$name.json"
  "$build/bin/cwm-opt" "$work/task.mlir" --cwm-apply-trace=trace-file="$work/$name.json" \
    --buffer-results-to-out-params="hoist-static-allocs modify-public-functions" \
    --cwm-lower-gpu="chip=$chip" -o "$work/$name.mlir"
  "$llvm/mlir-translate" --mlir-to-llvmir "$work/$name.mlir" -o "$work/$name.ll"
  "$llvm/llc" -O2 -relocation-model=pic -filetype=obj -mcpu=x86-64 "$work/$name.ll" -o "$work/$name.o"
  cc -shared "$work/$name.o" -o "$pack/batch/$kind/$name.so"
  echo "candidate $name batch/$kind/$name.so ${fields[3]} ${fields[4]} ${fields[*]:5}" >> "$pack/manifest.txt"
  echo "kernel-sweep: $name" >&2
done
