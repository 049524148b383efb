#!/usr/bin/python3
"""Packs CPU candidates for `cwm-run --cpu`: the reference outputs of seed 7
(cwm-worker reference mode), two schedules of a 64x64x64 matmul and the
untransformed program built into shared objects (cwm-worker build-cpu), and
a manifest; the third line uses seed 8 against seed 7's reference, which
the check must catch. Usage: pack_cpu.py WORKER TASK.mlir OUT_DIR"""
import os
import sys

import worker_request

worker, task, out = sys.argv[1:4]
os.makedirs(out, exist_ok=True)


def request(name, body):
    worker_request.request(worker, task, out, name, body)


def trace(sizes):
    return {"version": 1, "actions": [
        {"kind": "parallelize", "target": 1, "decisions": {"sizes": [sizes[0], 0, 0]}},
        {"kind": "tile", "target": 1, "decisions": {"sizes": [sizes[1], 16, 1]}},
        {"kind": "tile", "target": 0, "decisions": {"sizes": [sizes[1], 16]}},
        {"kind": "vectorize", "target": 1, "decisions": {}},
        {"kind": "vectorize", "target": 0, "decisions": {}}]}


request("reference", {"mode": "reference", "seed": 7, "time": False,
                      "reference_file": f"{out}/ref7.bin"})
request("cand1", {"mode": "build-cpu", "output": f"{out}/cand1.so", "trace": trace([32, 8])})
request("cand2", {"mode": "build-cpu", "output": f"{out}/cand2.so", "trace": trace([16, 4])})
request("default", {"mode": "build-cpu", "output": f"{out}/default.so"})
args = "in:f32:64x64 in:f32:64x64 out:f32:64x64"
with open(f"{out}/manifest.txt", "w") as f:
    f.write(f"candidate cand1 cand1.so 7 ref7.bin {args}\n"
            f"candidate cand2 cand2.so 7 ref7.bin {args}\n"
            f"candidate cand1-wrong-seed cand1.so 8 ref7.bin {args}\n"
            f"candidate default default.so 7 ref7.bin {args}\n")
print("packed 4 candidates")
