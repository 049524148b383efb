#!/usr/bin/env bash
# A GPU pack of f32 GEMMs for issue 25's kernel measurements against cuBLAS in
# the same call: every simt_gemm configuration the checks accept (block tile,
# k-slice, split of k) for each shape, plus a few of the search's own random
# candidates (whose reference and arguments the sweep reuses), and cuBLAS
# through PyTorch (bench/gemm_peers.py) timed between two passes of cwm's
# candidates on the GPU machine.
#
#   bench/gemm-pack.sh OUT "M N K" ...     writes OUT.tar.xz
#   (GPU machine) tar -xJf OUT.tar.xz && bash OUT/run.sh && bash OUT/after.sh
#       -> OUT/after-out/{results1,results2}.jsonl, peers1.json, peers2.json
#   (device-session.sh runs after.sh by itself)
#
# SPLITS (default "1 2 4 8"), BKS (default "8 16") narrow the sweep.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: bench/gemm-pack.sh OUT "M N K" ...}
out=${out%/}
shift
[ $# -gt 0 ] || { echo "gemm-pack: no shapes (\"M N K\")" >&2; exit 2; }
suite=$out-workloads
mkdir -p "$suite"
names=() shapes=()
for shape in "$@"; do
  read -r m n k <<< "$shape"
  [[ "$m$n$k" =~ ^[0-9]+$ ]] || { echo "gemm-pack: '$shape' is not \"M N K\"" >&2; exit 2; }
  name=mm_f32_${m}x${n}x${k}
  names+=("$name") shapes+=("$m,$n,$k,f32")
  cat > "$suite/$name.mlir" <<MLIR
func.func @mm(%A: tensor<${m}x${k}xf32>, %B: tensor<${k}x${n}xf32>) -> tensor<${m}x${n}xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<${m}x${n}xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<${m}x${n}xf32>) -> tensor<${m}x${n}xf32>
  %R = linalg.matmul ins(%A, %B : tensor<${m}x${k}xf32>, tensor<${k}x${n}xf32>) outs(%C : tensor<${m}x${n}xf32>) -> tensor<${m}x${n}xf32>
  return %R : tensor<${m}x${n}xf32>
}
MLIR
done
SUITE=$suite WORKLOADS="${names[*]}" TRIALS=${TRIALS:-2} MODEL=random OPTIONS=${OPTIONS:-reference-samples=16384} \
  "$root/bench/gpu-suite.sh" pack "$out"
for i in "${!names[@]}"; do
  read -r m n k _ <<< "${shapes[$i]//,/ }"
  configs=()
  for bm in 32 64 128; do
    for bn in 32 64 128; do
      threads=$(((bm / 8) * (bn / 8)))
      [ "$threads" -ge 32 ] && [ "$threads" -le 256 ] || continue
      [ $((m % bm)) = 0 ] && [ $((n % bn)) = 0 ] || continue
      for bk in ${BKS:-8 16}; do
        for split in ${SPLITS:-1 2 4 8}; do
          [ $((k % (bk * split))) = 0 ] && [ $((k / split)) -ge 64 ] || continue
          configs+=("$bm $bn $bk $split")
        done
      done
    done
  done
  "$root/bench/kernel-sweep.sh" simt_gemm "$out" "${names[$i]}" "$m" "$n" "$k" "${configs[@]}"
done
"$root/bench/write-peer-passes.sh" "$out" cuBLAS "${shapes[@]}"
"$root/bench/gpu-suite.sh" bundle "$out"
echo "gemm-pack: $(grep -c '^candidate' "$out/manifest.txt") candidates in ${out}.tar.xz" >&2
