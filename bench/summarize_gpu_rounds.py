#!/usr/bin/python3
"""Summarizes bench/eval-gpu-rounds.sh: how close each method's search gets
to the best known time of each held-out workload after each round.

Reads OUT/runs/METHOD-sSEED/db/NAME.jsonl (the databases bench/gpu-suite.sh
keeps; records in measurement order). For a budget of B trials a run's best
is the fastest of its first B measured candidates (failed ones count as
trials); the best known time of a workload is the fastest recorded by any
run. Prints, for docs/benchmarks.md: the share of the best known speed per
method and budget (geomean over workloads of the geomean over seeds; the
worst workload in brackets), then per workload at the largest budget every
run reached, each method's share and world over each other method.

MAX (optional) caps the budgets: with runs of different numbers of rounds
(a later seed measured one round so far) the larger budgets would compare
unequal searches.

Usage: summarize_gpu_rounds.py OUT ROUND [MAX]
"""
import glob
import json
import math
import os
import sys


def geomean(values):
    values = [v for v in values if v > 0]
    if not values:
        return 0.0
    return math.exp(sum(math.log(v) for v in values) / len(values))


def measured(path):
    """The times of the database's measured candidates, in order (None: failed)."""
    times = []
    with open(path) as f:
        for line in f:
            try:
                r = json.loads(line)
            except ValueError:
                continue
            if r.get("kind") != "record" or r.get("baseline") or r.get("remeasured"):
                continue
            result = r.get("result", {})
            times.append(result.get("median") if result.get("status") == "ok" else None)
    return times


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.strip().splitlines()[-1])
    out, step = sys.argv[1], int(sys.argv[2])
    cap = int(sys.argv[3]) if len(sys.argv) == 4 else None
    runs = {}  # (method, seed) -> {workload: [times]}
    for run_dir in sorted(glob.glob(os.path.join(out, "runs", "*-s*"))):
        method, _, seed = os.path.basename(run_dir).rpartition("-s")
        if not seed.isdigit() or not os.path.isdir(os.path.join(run_dir, "db")):
            continue  # METHOD-sSEED-tools, bundles
        dbs = glob.glob(os.path.join(run_dir, "db", "*.jsonl"))
        runs[(method, seed)] = {os.path.basename(p)[:-6]: measured(p) for p in dbs}
    if not runs:
        sys.exit(f"summarize_gpu_rounds: no runs in {out}/runs")
    workloads = sorted(set.intersection(*(set(w for w, t in r.items() if t) for r in runs.values())))
    if not workloads:
        sys.exit("summarize_gpu_rounds: no workload was measured by every run")
    best = {w: min(t for r in runs.values() for t in r[w] if t is not None) for w in workloads}
    # The budget every run reached; a workload with fewer candidates than a
    # budget ran out of distinct schedules (a tiny space), and its best over
    # all of them counts at every larger budget.
    reached = min(max(len(r[w]) for w in workloads) for r in runs.values())
    if cap is not None:
        reached = min(reached, cap)
    budgets = list(range(step, reached + 1, step)) or [reached]
    methods = sorted({m for m, _ in runs}, key=lambda m: (m != "world", m))

    def share(method, workload, budget):
        values = []
        for (m, _), r in runs.items():
            if m != method:
                continue
            found = [t for t in r[workload][:budget] if t is not None]
            values.append(best[workload] / min(found) if found else 0.0)
        return geomean(values) if all(values) else 0.0

    print(f"{len(workloads)} workloads measured by all {len(runs)} runs; at most {reached} "
          "trials each. Share of the best known speed (geomean over workloads of the geomean "
          "over seeds; worst workload in brackets):\n")
    print("| method | " + " | ".join(f"{b} trials" for b in budgets) + " |")
    print("| --- |" + " ---: |" * len(budgets))
    for method in methods:
        cells = []
        for b in budgets:
            shares = [share(method, w, b) for w in workloads]
            cells.append(f"{geomean(shares):.3f} ({min(shares):.2f})")
        print(f"| {method} | " + " | ".join(cells) + " |")
    last = budgets[-1]
    others = [m for m in methods if m != "world"]
    print(f"\nPer workload at {last} trials (share of the best known; world over each other "
          "method: above 1 world is faster):\n")
    print("| workload | " + " | ".join(methods) + " | " +
          " | ".join(f"world / {m}" for m in others if "world" in methods) + " |")
    print("| --- |" + " ---: |" * (len(methods) + (len(others) if "world" in methods else 0)))
    ratios = {m: [] for m in others}
    for w in workloads:
        shares = {m: share(m, w, last) for m in methods}
        cells = [f"{shares[m]:.3f}" for m in methods]
        if "world" in methods:
            for m in others:
                ratio = shares["world"] / shares[m] if shares[m] else 0.0
                ratios[m].append(ratio)
                cells.append(f"{ratio:.2f}x")
        print(f"| {w} | " + " | ".join(cells) + " |")
    if "world" in methods:
        for m in others:
            print(f"\nworld over {m} at {last} trials: geomean {geomean(ratios[m]):.3f}x, "
                  f"worst {min(ratios[m]):.2f}x, {sum(r < 0.95 for r in ratios[m])} of "
                  f"{len(workloads)} below 0.95x")


if __name__ == "__main__":
    main()
