#!/usr/bin/env bash
# A GPU pack for issue 25's convolution measurements: for each convolution
# workload, TRIALS world-ranked candidates of the CUDA rules (the search's
# own view; with DB_FROM, evolved from and re-measuring the REMEASURE best of
# an earlier database), then every simt_gemm implicit-GEMM configuration the
# rules allow (bench/kernel-sweep.sh), and an after.sh that measures the pack
# a second time and times cuDNN (bench/gemm_peers.py conv:..., NCHW and
# channels_last) after each pass.
#
#   bench/conv-pack.sh OUT WORKLOAD...
#   (GPU machine, one call) GPU_PACKS=OUT bench/device-session.sh
#       -> OUT.tar.gz: results.jsonl, after-out/{results1,results2}.jsonl,
#          peers1.json, peers2.json
#
# Environment: SUITE (default ../shared/bench/workloads), DB_FROM (a folder
# of NAME.jsonl databases to start from), TRIALS (default 16), REMEASURE
# (default 3, with DB_FROM), SEED (default 17), BKS (default "8"), SPLITS
# (default "1 2 4 8").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: bench/conv-pack.sh OUT WORKLOAD...}
out=${out%/}
shift
[ $# -gt 0 ] || { echo "conv-pack: no workloads" >&2; exit 2; }
suite=${SUITE:-$root/../shared/bench/workloads}
[ -d "$suite" ] || suite=/work/shared/bench/workloads
mkdir -p "$out/db"
options="reference-samples=16384"
if [ -n "${DB_FROM:-}" ]; then
  for name in "$@"; do
    [ -f "$out/db/$name.jsonl" ] || cp "$DB_FROM/$name.jsonl" "$out/db/"
  done
  options="$options remeasure=${REMEASURE:-3}"
fi
SUITE=$suite WORKLOADS="$*" TRIALS=${TRIALS:-16} MODEL=world SEED=${SEED:-17} OPTIONS="$options" \
  "$root/bench/gpu-suite.sh" pack "$out"
peers=()
for name in "$@"; do
  task=$(ls "$out/batch/$name"/*.mlir | head -1)
  # The convolution's GEMM, op index and cuDNN spec, from the task's IR.
  read -r m n k op spec < <(/usr/bin/python3 - "$task" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
conv = re.search(r"linalg\.conv_2d_nhwc_hwcf \{cwm\.op = (\d+).*?dilations = dense<(\d+)>.*?"
                 r"strides = dense<(\d+)>.*?: tensor<(\d+)x(\d+)x(\d+)x(\d+)xf32>, "
                 r"tensor<(\d+)x(\d+)x(\d+)x(\d+)xf32>\) outs\(%\w+ : tensor<(\d+)x(\d+)x(\d+)x(\d+)xf32>", text)
if not conv:
    sys.exit(f"conv-pack: {sys.argv[1]} has no f32 conv_2d_nhwc_hwcf with square strides and dilations")
op, dil, stride = (int(conv.group(i)) for i in (1, 2, 3))
kh, kw, c, f = (int(conv.group(i)) for i in (8, 9, 10, 11))
n, oh, ow = (int(conv.group(i)) for i in (12, 13, 14))
pad = re.search(r"tensor\.pad %\w+ low\[0, (\d+), (\d+), 0\]", text)
p = int(pad.group(1)) if pad else 0
h = (oh - 1) * stride + dil * (kh - 1) + 1 - 2 * p
w = (ow - 1) * stride + dil * (kw - 1) + 1 - 2 * p
epilogue = ",bias_relu" if "arith.maximumf" in text and "linalg.generic" in text else ""
print(n * oh * ow, f, kh * kw * c, op, f"conv:{n},{h},{w},{c},{f},{kh},{stride},{p},{dil}{epilogue}")
PY
)
  peers+=("$spec")
  # Every configuration the CUDA rules would draw (Validity's limits, and a
  # split only where the tiles make fewer than 264 blocks, k / split >= 128).
  configs=()
  for bm in 32 64 128; do for bn in 32 64 128; do for bk in ${BKS:-8}; do for split in ${SPLITS:-1 2 4 8}; do
    threads=$(( (bm / 8) * (bn / 8) ))
    [ "$threads" -ge 32 ] && [ "$threads" -le 256 ] || continue
    [ $((2 * bk * (bm + 4 + bn) * 4)) -le 49152 ] || continue
    [ $((n % bn)) = 0 ] && [ $((k % (bk * split))) = 0 ] || continue
    blocks=$(( (m + bm - 1) / bm * (n / bn) ))
    if [ "$split" != 1 ]; then
      [ "$blocks" -lt 264 ] && [ $((k / split)) -ge 128 ] || continue
    fi
    configs+=("$bm $bn $bk $split")
  done; done; done; done
  echo "conv-pack: $name (m $m, n $n, k $k): ${#configs[@]} simt_gemm configurations" >&2
  TASK=$task TARGET_OP=$op "$root/bench/kernel-sweep.sh" simt_gemm "$out" "$name" "$m" "$n" "$k" "${configs[@]}"
done
"$root/bench/write-peer-passes.sh" "$out" cuDNN "${peers[@]}"
"$root/bench/gpu-suite.sh" bundle "$out"
echo "conv-pack: $(grep -c '^candidate' "$out/manifest.txt") candidates in ${out}.tar.xz" >&2
