#!/usr/bin/env bash
# Fault injection for the GPU runner: packs a batch where each misbehaving
# candidate (bench/gpu-faults/fault_candidate.cpp: illegal address, hung
# kernel, NaN and wrong outputs, host segfault and abort) is followed by a
# healthy schedule of the same matmul, to run with cwm-run on a GPU machine.
# Every fault must be recorded with its kind and every healthy candidate
# after a fault must still be correct (a fresh process and CUDA context per
# candidate).
#
#   bench/gpu-faults.sh pack [OUT_DIR]     (default out/gpufault; here)
#   OUT_DIR/bin/cwm-run OUT_DIR/manifest.txt -o OUT_DIR/results.jsonl --timeout=20   (there)
#   bench/gpu-faults.sh check OUT_DIR/results.jsonl
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
case "${1:-}" in
pack)
  out=${2:-$root/out/gpufault}
  bash "$root/bench/gpu-pack-smoke.sh" "$out" >/dev/null
  args="in:f32:256x128 in:f32:128x256 out:f32:256x256"
  manifest="# id shared-object seed reference arguments
candidate healthy-first cand1.so 7 ref7.bin $args"
  for fault in ILLEGAL_ADDRESS HANG NAN WRONG SEGV ABORT; do
    name=$(echo "$fault" | tr 'A-Z_' 'a-z-')
    g++ -O1 -shared -fPIC -DFAULT_$fault -o "$out/fault-$name.so" \
      "$root/bench/gpu-faults/fault_candidate.cpp"
    manifest+="
candidate fault-$name fault-$name.so 7 ref7.bin $args
candidate healthy-after-$name cand2.so 7 ref7.bin $args"
  done
  echo "$manifest" > "$out/manifest.txt"
  echo "packed $out: $(grep -c '^candidate' "$out/manifest.txt") candidates"
  ;;
check)
  /usr/bin/python3 - "$2" <<'PY'
import json, sys
expected = {"illegal-address": "crash", "hang": "timeout", "nan": "wrong_result",
            "wrong": "wrong_result", "segv": "crash", "abort": "crash"}
results = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
bad = 0
for r in results:
    name, status = r["id"], r["status"]
    if name.startswith("fault-"):
        want = expected[name[len("fault-"):]]
    else:
        want = "ok"
    verdict = "as expected" if status == want else "UNEXPECTED"
    bad += status != want
    print(f"{name}: {status} ({r.get('message', '')[:80]}) -> {verdict}")
print(f"candidates: {len(results)}, unexpected: {bad}")
PY
  ;;
*) echo "usage: $0 pack [OUT_DIR] | check RESULTS.jsonl" >&2; exit 2 ;;
esac
