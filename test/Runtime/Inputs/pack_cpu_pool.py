#!/usr/bin/python3
"""Packs the untransformed 3x3/2 max pool of task-pool.mlir (its padding
lowers to a memrefCopy call) for `cwm-run --cpu`: the reference outputs of
seed 3 and the program built into a shared object (cwm-worker build-cpu),
listed three times in a manifest. Usage: pack_cpu_pool.py WORKER TASK OUT"""
import os
import sys

import worker_request

worker, task, out = sys.argv[1:4]
os.makedirs(out, exist_ok=True)


def request(name, body):
    worker_request.request(worker, task, out, name, body)


request("reference", {"mode": "reference", "seed": 3, "time": False,
                      "reference_file": f"{out}/ref3.bin"})
request("pool", {"mode": "build-cpu", "output": f"{out}/pool.so"})
args = "in:f32:1x12x12x8 out:f32:1x6x6x8"
with open(f"{out}/manifest.txt", "w") as f:
    for copy in range(3):
        f.write(f"candidate pool{copy} pool.so 3 ref3.bin {args}\n")
print("packed 3 candidates")
