#!/usr/bin/python3
"""The local runner's two halves (build-jobs > 1) through cwm-worker by hand:
candidate mode on a shared object built by build-cpu (checked against the
reference and timed, as a JIT-compiled candidate is), the same object on the
wrong seed (caught), and build-cpu on a schedule that cannot apply (recorded
as transform_error, not as a lowering error). Prints one line per request.
Usage: worker_prebuilt.py WORKER TASK.mlir PACKED_DIR (from pack_cpu.py)"""
import json
import subprocess
import sys

worker, task, out = sys.argv[1:4]


def request(name, body):
    body.update({"task_file": task, "result_file": f"{out}/{name}-result.json",
                 "threads": 1})
    with open(f"{out}/{name}-request.json", "w") as f:
        json.dump(body, f)
    subprocess.run([worker, "--request", f"{out}/{name}-request.json"])
    result = json.load(open(f"{out}/{name}-result.json"))
    timed = len(result.get("seconds", []))
    print(f"{name}: {result['status']} timed={timed > 0} "
          f"{result.get('message', '')[:80]}")


prebuilt = {"mode": "candidate", "library": f"{out}/cand1.so",
            "reference_file": f"{out}/ref7.bin", "timing": {"min_seconds": 0.01}}
request("prebuilt", dict(prebuilt, seed=7))
request("prebuilt-wrong-seed", dict(prebuilt, seed=8))
bad = {"version": 1, "actions": [
    {"kind": "tile", "target": 1, "decisions": {"sizes": [8, 8, 8, 8, 8]}}]}
request("bad-build", {"mode": "build-cpu", "output": f"{out}/bad.so", "trace": bad})
