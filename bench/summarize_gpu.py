#!/usr/bin/env python3
"""Table of the GPU suite benchmark (bench/gpu-suite.sh summary OUT).

For every workload: candidates measured, how many were correct, the best
kernel time, its TFLOP/s, PyTorch eager and torch.compile from the same run
(OUT/gpu_peers.json), and the ratio of the faster peer's time to ours
(above 1: cwm is faster). Geomean of the ratios at the end.
"""
import json
import math
import os
import sys


def records(path):
    result = []
    workload = None
    if not os.path.exists(path):
        return None, result
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            r = json.loads(line)
            if r.get("kind") == "workload":
                workload = r
            elif r.get("kind") == "record" and r.get("target") == "cuda":
                result.append(r)
    return workload, result


def main():
    out = sys.argv[1]
    names = sys.argv[2:]
    peers = {}
    peers_path = os.path.join(out, "gpu_peers.json")
    if os.path.exists(peers_path):
        for row in json.load(open(peers_path)):
            peers[row["name"]] = row
    device = ""
    if os.path.exists(os.path.join(out, "device.txt")):
        device = open(os.path.join(out, "device.txt")).read().strip()
    print(f"device: {device or 'unknown'}")
    print()
    print("| workload | measured | ok | best µs | TFLOP/s | eager µs | compile µs | peer/cwm |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    ratios = []
    for name in names:
        workload, recs = records(os.path.join(out, "db", name + ".jsonl"))
        if workload is None:
            print(f"| {name} | - | - | - | - | - | - | - |")
            continue
        flops = workload["task"]["flops"]
        ok = [r for r in recs if r["result"].get("status") == "ok"]
        best = min((r["result"]["median"] for r in ok), default=None)
        peer = peers.get(name, {})
        eager = peer.get("eager_ms")
        compiled = peer.get("compile_ms")
        fastest = min([t for t in (eager, compiled) if t is not None], default=None)
        ratio = None
        if best is not None and fastest is not None:
            ratio = fastest * 1e-3 / best
            ratios.append(ratio)
        fmt = lambda v, scale=1.0, digits=1: "-" if v is None else f"{v * scale:.{digits}f}"
        tflops = None if best is None else flops / best / 1e12
        print(f"| {name} | {len(recs)} | {len(ok)} | {fmt(best, 1e6)} | {fmt(tflops, 1, 2)} "
              f"| {fmt(eager, 1e3)} | {fmt(compiled, 1e3)} | {fmt(ratio, 1, 3)} |")
    if ratios:
        geomean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print()
        print(f"geomean peer/cwm over {len(ratios)} workloads: {geomean:.3f}")


if __name__ == "__main__":
    main()
