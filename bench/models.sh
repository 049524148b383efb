#!/usr/bin/env bash
# End-to-end CPU benchmark of whole models (ResNet-18, MobileNet-v2, one
# BERT-base layer): tune each with the task scheduler, compile the tuned
# model with cwm-compile, check it against PyTorch and time both.
#
#   bench/models.sh OUT            all three models
#   MODELS="bert_layer" BUDGET=400 bench/models.sh OUT
#
# BUDGET: measured trials per model (default 1000), spread over its tasks
# by the gradient scheduler (SCHEDULER=round-robin for the other policy).
# Tuning resumes from OUT/MODEL-cpu.jsonl. Results: OUT/models.md and
# OUT/models.json; the databases are what data/models ships.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: bench/models.sh OUT}
build=${CWM_BUILD_DIR:-$root/build}
models=${MODELS:-resnet18 mobilenet_v2 bert_layer}
budget=${BUDGET:-1000}
scheduler=${SCHEDULER:-gradient}
mkdir -p "$out"
for model in $models; do
  PYTHONPATH="$root/python" /usr/bin/python3 -m cwm_models "$model" > "$out/$model.mlir"
  echo "== $model: tuning ($budget trials, $scheduler scheduler)" >&2
  "$build/bin/cwm-opt" "$out/$model.mlir" \
    --cwm-autotune="budget=$budget scheduler=$scheduler db=$out/$model-cpu.jsonl report=$out/$model-report.json" \
    -o /dev/null 2> "$out/$model-tune.log" || { tail -20 "$out/$model-tune.log"; exit 1; }
  sed -n '/^task /,$p' "$out/$model-tune.log" >&2
  "$build/bin/cwm-compile" "$out/$model.mlir" --db="$out/$model-cpu.jsonl" -o "$out/$model.so"
done
/usr/bin/python3 "$root/bench/models.py" "$out" $models
