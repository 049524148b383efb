#!/usr/bin/env bash
# Packs a small GPU batch to carry to a machine with an NVIDIA GPU: a
# 256x256x128 matmul task, two GPU schedules built into shared objects
# (cwm-worker build-gpu), the reference outputs computed here on the CPU for
# the inputs of seed 7, a manifest, and cwm-run with its runtime library.
#
#   bench/gpu-pack-smoke.sh [OUT_DIR]          (default out/gpurun)
#   then, on the GPU machine:  OUT_DIR/bin/cwm-run OUT_DIR/manifest.txt -o OUT_DIR/results.jsonl
#
# Expected: both schedules "ok" with max_rel_error ~0, and the third line
# (seed 8 against seed 7's reference) "wrong_result": the check catches it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/out/gpurun}
"$root/scripts/build.sh" cwm-worker cwm-run >/dev/null
mkdir -p "$out/bin" "$out/lib"
cp "$root/build/bin/cwm-run" "$out/bin/"
cp "$root/build/lib/libcwm_cuda_runtime.so" "$out/lib/"
cat > "$out/task.mlir" <<'MLIR'
func.func @task(%A: tensor<256x128xf32>, %B: tensor<128x256xf32>) -> tensor<256x256xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<256x256xf32>
  %C = linalg.fill {cwm.op = 0 : i64, cwm.task = 0 : i64} ins(%z : f32) outs(%e : tensor<256x256xf32>) -> tensor<256x256xf32>
  %R = linalg.matmul {cwm.op = 1 : i64, cwm.task = 0 : i64} ins(%A, %B : tensor<256x128xf32>, tensor<128x256xf32>) outs(%C : tensor<256x256xf32>) -> tensor<256x256xf32>
  return %R : tensor<256x256xf32>
}
MLIR
/usr/bin/python3 - "$root" "$out" <<'PY'
import json, subprocess, sys
root, out = sys.argv[1], sys.argv[2]
worker = root + "/build/bin/cwm-worker"
def request(name, body):
    body.update({"task_file": out + "/task.mlir", "result_file": out + "/" + name + "-result.json"})
    json.dump(body, open(out + "/" + name + "-request.json", "w"))
    subprocess.run([worker, "--request", out + "/" + name + "-request.json"], check=True)
    result = json.load(open(out + "/" + name + "-result.json"))
    if result["status"] != "ok":
        sys.exit(name + ": " + result["status"] + ": " + result.get("message", ""))
request("reference", {"mode": "reference", "seed": 7, "time": False, "reference_file": out + "/ref7.bin",
                      "trace": {"version": 1, "actions": []}})
def gpu(bm, bn, tm, tn):
    return {"version": 1, "actions": [
        {"kind": "map_blocks", "target": 1, "decisions": {"sizes": [bm, bn, 0]}},
        {"kind": "map_threads", "target": 1, "decisions": {"sizes": [tm, tn, 0]}},
        {"kind": "map_threads", "target": 0, "decisions": {"sizes": [tm, tn]}}]}
request("cand1", {"mode": "build-gpu", "output": out + "/cand1.so", "trace": gpu(64, 32, 4, 2)})
request("cand2", {"mode": "build-gpu", "output": out + "/cand2.so", "trace": gpu(32, 64, 2, 4)})
args = "in:f32:256x128 in:f32:128x256 out:f32:256x256"
open(out + "/manifest.txt", "w").write(
    "# id shared-object seed reference arguments\n"
    f"candidate cand1 cand1.so 7 ref7.bin {args}\n"
    f"candidate cand2 cand2.so 7 ref7.bin {args}\n"
    f"candidate cand1-wrong-seed cand1.so 8 ref7.bin {args}\n")
PY
echo "packed $out ($(du -sh "$out" | cut -f1)); run: $out/bin/cwm-run $out/manifest.txt -o $out/results.jsonl"
