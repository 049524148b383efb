#!/usr/bin/python3
"""Compares the measured packs of two or more methods (bench/gpu-suite.sh pack
with different MODEL=, measured by run.sh in the same device call): per
workload the best correct median of each method, its share of the best of all
of them, and each method's speed against the first one; geomeans at the end.

Usage: compare_packs.py NAME=PACK_DIR[:RESULTS.jsonl] NAME=PACK_DIR ...
(RESULTS defaults to PACK_DIR/results.jsonl). Prints a Markdown table."""
import json
import math
import os
import re
import sys


def load(spec):
    name, _, rest = spec.partition("=")
    pack, _, results = rest.partition(":")
    results = results or os.path.join(pack, "results.jsonl")
    workload_of = {}
    for line in open(os.path.join(pack, "manifest.txt")):
        fields = line.split()
        if len(fields) > 2 and fields[0] == "candidate":
            match = re.match(r"batch/([^/]+)/", fields[2])
            workload_of[fields[1]] = match.group(1) if match else "?"
    best, trials, failed = {}, {}, {}
    for line in open(results):
        try:
            r = json.loads(line)
        except ValueError:
            continue
        w = workload_of.get(r.get("id"))
        if w is None:
            continue
        trials[w] = trials.get(w, 0) + 1
        if r.get("status") != "ok":
            failed[w] = failed.get(w, 0) + 1
            continue
        best[w] = min(best.get(w, math.inf), r["median"])
    return name, best, trials, failed


def geomean(values):
    values = [v for v in values if v > 0]
    return math.exp(sum(map(math.log, values)) / len(values)) if values else float("nan")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    methods = [load(spec) for spec in sys.argv[1:]]
    workloads = sorted(set.intersection(*(set(m[1]) for m in methods)))
    missing = sorted(set.union(*(set(m[2]) for m in methods)) - set(workloads))
    head = "| workload | " + " | ".join(
        f"{m[0]}: trials, best (us), share" for m in methods) + " | " + " | ".join(
        f"{m[0]} / {methods[0][0]} speed" for m in methods[1:]) + " |"
    print(head)
    print("| --- " * (1 + 2 * len(methods) - 1) + "|")
    shares = {m[0]: [] for m in methods}
    speed = {m[0]: [] for m in methods[1:]}
    for w in workloads:
        known = min(m[1][w] for m in methods)
        cells = []
        for name, best, trials, failed in methods:
            share = known / best[w]
            shares[name].append(share)
            bad = f" ({failed[w]} failed)" if failed.get(w) else ""
            cells.append(f"{trials[w]}{bad}, {best[w] * 1e6:.1f}, {share:.3f}")
        for name, best, _, _ in methods[1:]:
            ratio = methods[0][1][w] / best[w]
            speed[name].append(ratio)
            cells.append(f"{ratio:.3f}")
        print(f"| {w} | " + " | ".join(cells) + " |")
    print()
    print(f"{len(workloads)} workloads measured by every method"
          + (f"; left out (not measured by all): {', '.join(missing)}" if missing else ""))
    for name in shares:
        s = shares[name]
        print(f"- {name}: geomean share of the best of all methods {geomean(s):.3f}, "
              f"worst {min(s):.3f}" if s else f"- {name}: nothing measured")
    for name in speed:
        r = speed[name]
        if r:
            print(f"- {name} / {methods[0][0]}: geomean {geomean(r):.3f}x "
                  f"(worst {min(r):.3f}x, best {max(r):.3f}x; "
                  f"{sum(x < 0.95 for x in r)} of {len(r)} below 0.95x)")


if __name__ == "__main__":
    main()
