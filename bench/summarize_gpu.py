#!/usr/bin/env python3
"""Table of the GPU suite benchmark (bench/gpu-suite.sh summary OUT).

For every workload: records in its database (every round), how many were
correct, the best of them, the best of this run's candidates (those measured
beside the peers), its TFLOP/s, PyTorch eager and torch.compile from the same
run (OUT/gpu_peers.json), and the ratio of the faster peer's time to this
run's best (above 1: cwm is faster). Geomean of the ratios at the end.
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
    # This run's candidates: those of the current batches (the peers were
    # timed in the same run); earlier rounds' records are in the databases.
    this_run = {}
    # RESULTS names another results file (an archived round's).
    results_path = os.environ.get("RESULTS") or os.path.join(out, "results.jsonl")
    # Candidate ids start with the workload's key.
    current = {}
    for name in names:
        workload, _ = records(os.path.join(out, "db", name + ".jsonl"))
        if workload is not None:
            current[workload["key"]] = name
    if os.path.exists(results_path):
        for line in open(results_path):
            r = json.loads(line)
            name = current.get(r.get("id", "").split("-")[0])
            if name and r.get("status") == "ok":
                this_run[name] = min(this_run.get(name, float("inf")), r["median"])
    print("Ratios use the best of this run's candidates (measured beside the peers);")
    print("'best µs (all)' is the best record of every round in the database.")
    print()
    print("'% peak': TFLOP/s over the nominal peak at the device's maximum clock (SMs x 128 f32 FMA")
    print("x 2 x GHz; f16 inputs: SMs x 4096 tensor-core flops x GHz); '% BW': the task's bytes")
    print("(inputs and outputs once) per second over the nominal memory bandwidth.")
    print()
    print("| workload | measured | ok | best µs (all) | best µs (this run) | TFLOP/s | % peak | % BW | eager µs | compile µs | peer/cwm |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    ratios = []
    for name in names:
        workload, recs = records(os.path.join(out, "db", name + ".jsonl"))
        if workload is None:
            print(f"| {name} | - | - | - | - | - | - | - | - | - | - |")
            continue
        flops = workload["task"]["flops"]
        ok = [r for r in recs if r["result"].get("status") == "ok"]
        best = min((r["result"]["median"] for r in ok), default=None)
        peer = peers.get(name, {})
        eager = peer.get("eager_ms")
        compiled = peer.get("compile_ms")
        fastest = min([t for t in (eager, compiled) if t is not None], default=None)
        ratio = None
        run_best = this_run.get(name)
        if run_best is not None and fastest is not None:
            ratio = fastest * 1e-3 / run_best
            ratios.append(ratio)
        fmt = lambda v, scale=1.0, digits=1: "-" if v is None else f"{v * scale:.{digits}f}"
        tflops = None if run_best is None else flops / run_best / 1e12
        info = next((r.get("hardware_info") for r in ok if r.get("hardware_info")), None) or {}
        sms, ghz, bandwidth = info.get("sms"), info.get("ghz"), info.get("bandwidth_gbs")
        f16 = "xf16>" in workload.get("ir", "").split("->")[0]
        peak = None if not (sms and ghz) else sms * ghz * 1e9 * (4096 if f16 else 256) / 1e12
        peak_pct = None if tflops is None or not peak else 100 * tflops / peak
        bytes_ = workload["task"].get("bytes")
        bw_pct = (None if run_best is None or not bandwidth or not bytes_
                  else 100 * bytes_ / run_best / (bandwidth * 1e9))
        print(f"| {name} | {len(recs)} | {len(ok)} | {fmt(best, 1e6)} | {fmt(run_best, 1e6)} "
              f"| {fmt(tflops, 1, 2)} | {fmt(peak_pct, 1, 1)} | {fmt(bw_pct, 1, 1)} "
              f"| {fmt(eager, 1e3)} | {fmt(compiled, 1e3)} | {fmt(ratio, 1, 3)} |")
    if ratios:
        geomean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print()
        print(f"geomean peer/cwm over {len(ratios)} workloads: {geomean:.3f}")


if __name__ == "__main__":
    main()
