#!/usr/bin/env bash
# Sets everything up, builds, and tunes examples/matmul.mlir on the CPU,
# printing the before/after table.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" cwm-opt cwm-worker
mkdir -p "$root/out"
"$root/build/bin/cwm-opt" "$root/examples/matmul.mlir" \
  --cwm-autotune="target=cpu trials=${TRIALS:-64} db=$root/out/matmul.jsonl report=$root/out/matmul-report.json" \
  --cwm-lower-cpu -o "$root/out/matmul.llvm.mlir"
echo "tuned LLVM-dialect module: out/matmul.llvm.mlir; records: out/matmul.jsonl"
