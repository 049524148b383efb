#!/usr/bin/env bash
# Whole models on the GPU (issue 25): grow each model's CUDA database by a
# round of world-ranked candidates, compile it, and time it against PyTorch
# eager and torch.compile on the GPU machine.
#
#   bench/models-gpu.sh pack OUT         the next TRIALS candidates of every
#                                        task (databases OUT/db/MODEL.jsonl,
#                                        started from data/models/MODEL-cuda-
#                                        h100.jsonl.zst), bundled as OUT.tar.xz
#   (GPU machine) GPU_PACKS=OUT BUDGET=... bench/device-session.sh
#   bench/models-gpu.sh import OUT DIR   the results (DIR/NAME.tar.gz from
#                                        device-session) into the databases
#   bench/models-gpu.sh compile OUT      OUT/compiled/{shipped,tuned}/MODEL.so
#                                        (cwm-compile --target=cuda with the
#                                        shipped and the grown database) and
#                                        OUT/lib/libcwm_cuda_runtime.so
#   (GPU machine, carry OUT/compiled and OUT/lib)
#     python3 bench/models_gpu.py $OUT/models.json shipped=OUT/compiled/shipped \
#       tuned=OUT/compiled/tuned --models resnet18 --compile-mode reduce-overhead \
#       --cuda-runtime OUT/lib/libcwm_cuda_runtime.so
#
# Environment: MODELS (default "resnet18 mobilenet_v2"), TRIALS (per task and
# round, default 16), SEED (default 1), CWM_BUILD_DIR (default build).
# Rounds: import, then pack again (evolves from the measured candidates).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
usage="usage: bench/models-gpu.sh pack|import|compile OUT [DIR]"
step=${1:?$usage}
out=${2:?$usage}
out=${out%/}
build=${CWM_BUILD_DIR:-$root/build}
read -r -a models <<< "${MODELS:-resnet18 mobilenet_v2}"
mkdir -p "$out/models" "$out/db"
for model in "${models[@]}"; do
  [ -f "$out/models/$model.mlir" ] ||
    PYTHONPATH="$root/python" /usr/bin/python3 -m cwm_models "$model" > "$out/models/$model.mlir"
  shipped=$root/data/models/$model-cuda-h100.jsonl.zst
  [ -f "$out/db/$model.jsonl" ] || [ ! -f "$shipped" ] || zstd -qdc "$shipped" > "$out/db/$model.jsonl"
done
case $step in
pack)
  SUITE=$out/models WORKLOADS="${models[*]}" MODEL=world TRIALS=${TRIALS:-16} SEED=${SEED:-1} \
    OPTIONS="reference-samples=16384" CWM_BUILD_DIR=$build "$root/bench/gpu-suite.sh" pack "$out"
  "$root/bench/gpu-suite.sh" bundle "$out"
  ;;
import)
  dir=${3:?$usage}
  archive=$dir/$(basename "$out").tar.gz
  [ -f "$archive" ] || { echo "models-gpu: no $archive" >&2; exit 1; }
  tar -xzf "$archive" -O "$(basename "$out")/results.jsonl" > "$out/results.jsonl"
  SUITE=$out/models WORKLOADS="${models[*]}" CWM_BUILD_DIR=$build "$root/bench/gpu-suite.sh" import "$out"
  ;;
compile)
  mkdir -p "$out/compiled/shipped" "$out/compiled/tuned" "$out/lib"
  cp "$build/lib/libcwm_cuda_runtime.so" "$out/lib/"
  for model in "${models[@]}"; do
    shipped=$root/data/models/$model-cuda-h100.jsonl.zst
    mkdir -p "$out/shipped-db"
    zstd -qdcf "$shipped" > "$out/shipped-db/$model.jsonl"
    "$build/bin/cwm-compile" --target=cuda --db="$out/shipped-db/$model.jsonl" \
      "$out/models/$model.mlir" -o "$out/compiled/shipped/$model.so"
    "$build/bin/cwm-compile" --target=cuda --db="$out/db/$model.jsonl" \
      "$out/models/$model.mlir" -o "$out/compiled/tuned/$model.so"
    echo "models-gpu: $model compiled (shipped and grown databases)" >&2
  done
  ;;
*) echo "$usage" >&2; exit 2 ;;
esac
