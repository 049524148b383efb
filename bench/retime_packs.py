#!/usr/bin/python3
"""Re-times each method's best candidate per workload, back to back, after
the packs were measured together (bench/interleave_packs.py): writes
OUT/retime.txt (every best, the methods alternating within a workload), runs
`cwm-run --cpu` on it PASSES times, and prints per workload the median of
each best's re-timed medians and each method's speed against the first
method's; geomeans at the end.

Usage: retime_packs.py [--passes N] [--target cpu|gpu] [--cwm-run PATH] OUT_DIR NAME=PACK_DIR ...
(OUT_DIR holds the interleaved manifest and its results.jsonl)."""
import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser(usage=__doc__)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--target", choices=["cpu", "gpu"], default="cpu",
                        help="where the candidates run (gpu: the pack's own cwm-run, no --cpu)")
    parser.add_argument("--cwm-run", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "build", "bin", "cwm-run"))
    parser.add_argument("out")
    parser.add_argument("packs", nargs="+")
    args = parser.parse_args()
    lines = {}
    for line in open(os.path.join(args.out, "manifest.txt")):
        fields = line.split()
        if len(fields) > 2 and fields[0] == "candidate":
            lines[fields[1]] = line.rstrip("\n")
    results = {}
    for line in open(os.path.join(args.out, "results.jsonl")):
        try:
            r = json.loads(line)
        except ValueError:
            continue
        if r.get("status") == "ok":
            results[r["id"]] = r["median"]
    methods, best = [], {}  # best[(method, workload)] = (median, id)
    for spec in args.packs:
        name, _, pack = spec.partition("=")
        methods.append(name)
        for line in open(os.path.join(pack, "manifest.txt")):
            fields = line.split()
            if len(fields) < 3 or fields[0] != "candidate":
                continue
            workload = re.match(r"batch/([^/]+)/", fields[2]).group(1)
            if fields[1] in results and fields[1] in lines:
                key = (name, workload)
                if key not in best or results[fields[1]] < best[key][0]:
                    best[key] = (results[fields[1]], fields[1])
    workloads = sorted({w for (_, w) in best
                        if all((m, w) in best for m in methods)})
    with open(os.path.join(args.out, "retime.txt"), "w") as f:
        for w in workloads:
            for m in methods:
                f.write(lines[best[(m, w)][1]] + "\n")
    times = {}
    for p in range(1, args.passes + 1):
        out = os.path.join(args.out, f"retime-{p}.jsonl")
        if not os.path.exists(out):
            where = ["--cpu"] if args.target == "cpu" else []
            subprocess.run([args.cwm_run, *where, "retime.txt", "-o", f"retime-{p}.jsonl"],
                           cwd=args.out, check=True, stdout=subprocess.DEVNULL,
                           stderr=open(os.path.join(args.out, f"retime-{p}.log"), "w"))
        for line in open(out):
            r = json.loads(line)
            if r.get("status") == "ok":
                times.setdefault(r["id"], []).append(r["median"])
    print("| workload | " + " | ".join(f"{m} (us)" for m in methods) + " | " +
          " | ".join(f"{m} / {methods[0]}" for m in methods[1:]) + " |")
    print("| --- " * (2 * len(methods)) + "|")
    ratios = {m: [] for m in methods[1:]}
    spreads = []
    for w in workloads:
        med = {}
        for m in methods:
            t = times.get(best[(m, w)][1], [])
            med[m] = statistics.median(t) if t else math.inf
            if len(t) > 1:
                spreads.append(max(t) / min(t))
        row = [f"{med[m] * 1e6:.1f}" for m in methods]
        for m in methods[1:]:
            ratio = med[methods[0]] / med[m] if med[m] < math.inf else 0
            ratios[m].append(ratio)
            row.append(f"{ratio:.3f}")
        print(f"| {w} | " + " | ".join(row) + " |")
    print()
    for m, r in ratios.items():
        good = [x for x in r if x > 0]
        g = math.exp(sum(map(math.log, good)) / len(good)) if good else 0
        print(f"- {m} / {methods[0]} (re-timed bests): geomean {g:.3f}x, "
              f"{sum(x < 0.95 for x in r)} of {len(r)} below 0.95x, worst {min(r):.3f}x, "
              f"best {max(r):.3f}x")
    if spreads:
        spreads.sort()
        print(f"- re-timing spread of one schedule (max/min of {args.passes}): median "
              f"{statistics.median(spreads):.2f}x, p90 {spreads[int(0.9 * (len(spreads) - 1))]:.2f}x")


if __name__ == "__main__":
    main()
