#!/usr/bin/python3
"""Collates bench/eval-cost-models.sh results into Markdown tables (stdout):
ranking quality per model and evaluation set, best latency found per
workload / cost model at each budget (geomean over seeds), as recorded by the
search and as re-timed back to back (the retime step), geomean ratios, and
evaluator throughput.

Usage: summarize_eval.py OUT_DIR MAX_TRIALS
"""
import glob
import json
import math
import os
import sys

from eval_retime import pick, search_records, trace_key


def geomean(values):
    values = [v for v in values if v and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else 0


def best_at(jsonl, budget):
    """Best median of the first `budget` tuning records (0 if none)."""
    best = pick(search_records(jsonl)[2], budget)
    return best[0]["result"]["median"] if best else 0.0


def fmt(seconds):
    if not seconds:
        return "-"
    return f"{seconds * 1e3:.3f} ms" if seconds < 1 else f"{seconds:.2f} s"


def ranking(out):
    rows = []
    for name, key, label in [("world", "world", "WorldModel"),
                             ("world-ablated", "world", "WorldModel, transition ablated"),
                             ("snapshot", "snapshot", "Snapshot (pre-trained)"),
                             ("snapshot-cold", "snapshot_cold", "Snapshot (cold, learns on the first half)")]:
        path = os.path.join(out, "rank", name + ".json")
        if not os.path.exists(path):
            continue
        report = json.load(open(path))
        for s in report["sets"]:
            if s["set"] == "train":
                continue
            rows.append((label, s, s[key]))
            if name == "world":
                rows.append(("Random", s, s["random"]))
    if not rows:
        return
    # Aggregate the reference-suite sets into one line per model.
    print("### Ranking quality (second half of each group)\n")
    print("| model | set | tasks | pairwise acc. | Kendall tau | top-1 | top-5 |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    agg = {}
    for label, s, m in rows:
        if s["set"] == "held-out":
            print(f"| {label} | held-out generated | {m['groups']} | {m['pairwise_accuracy']:.3f} | "
                  f"{m['kendall_tau']:.3f} | {m['top1']:.3f} | {m['top5']:.3f} |")
        else:
            a = agg.setdefault(label, [0, 0, 0, 0, 0])
            a[0] += m["groups"]
            for i, k in enumerate(["pairwise_accuracy", "kendall_tau", "top1", "top5"]):
                a[i + 1] += m[k] * m["groups"]
    for label, a in agg.items():
        n = max(a[0], 1)
        print(f"| {label} | reference suite (random-search records) | {a[0]} | {a[1]/n:.3f} | "
              f"{a[2]/n:.3f} | {a[3]/n:.3f} | {a[4]/n:.3f} |")
    print()


def search_runs(out):
    """The search step's run directories (MODEL-sSEED) and models, in table order."""
    runs = sorted(d for d in glob.glob(os.path.join(out, "search", "*-s*")) if os.path.isdir(d))
    models = {model_of(d) for d in runs}
    return runs, [m for m in ["world", "snapshot", "snapshot-cold", "random"] if m in models]


def model_of(run):
    return os.path.basename(run).rsplit("-s", 1)[0]


def model_table(title, ratio_label, budget, workloads, order, runs, time_of):
    """One row per workload, one column per model: the geomean over seeds of
    time_of(run, workload) (None or 0: no figure), then the world model's
    geomean speedup over each other model."""
    print(f"### {title}\n")
    print("| workload | " + " | ".join(order) + " |")
    print("| --- |" + " ---: |" * len(order))
    per_model = {m: [] for m in order}
    for w in workloads:
        cells = []
        for m in order:
            times = [t for t in (time_of(d, w) for d in runs if model_of(d) == m) if t]
            g = geomean(times)
            per_model[m].append(g)
            cells.append(f"{fmt(g)} ({len(times)})")
        print(f"| {w} | " + " | ".join(cells) + " |")
    print()
    if "world" in order:
        for m in order:
            if m == "world":
                continue
            ratios = [b / a for a, b in zip(per_model["world"], per_model[m]) if a > 0 and b > 0]
            if ratios:
                print(f"- {ratio_label}geomean speedup of world over {m} at {budget} trials: "
                      f"{geomean(ratios):.3f}x over {len(ratios)} workloads")
        print()


def search(out, max_trials):
    runs, order = search_runs(out)
    if not runs:
        return
    workloads = sorted({os.path.basename(f)[:-6] for d in runs for f in glob.glob(os.path.join(d, "*.jsonl"))})
    budgets = sorted({64, max_trials}) if max_trials >= 64 else [max_trials]

    def recorded(budget):
        def time_of(run, w):
            db = os.path.join(run, w + ".jsonl")
            return best_at(db, budget) if os.path.exists(db) else None
        return time_of

    for budget in budgets:
        model_table(f"Search: best latency after {budget} measured trials (geomean over seeds)",
                    "", budget, workloads, order, runs, recorded(budget))
    throughput = {}
    for d in runs:
        for w in workloads:
            rep = os.path.join(d, w + ".json")
            if not os.path.exists(rep):
                continue
            for t in json.load(open(rep)).get("tasks", []):
                # A rerun that found the budget already spent rewrote the
                # report without searching.
                if not t.get("trials_measured_this_run"):
                    continue
                acc = throughput.setdefault(model_of(d), [0, 0.0, 0])
                acc[0] += t.get("model_scored_candidates", 0)
                acc[1] += t.get("model_score_seconds", 0.0)
                acc[2] += 1
    if throughput:
        print("### Evaluator throughput during search (candidates scored per second)\n")
        print("| model | searches | candidates scored | seconds | per second |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for m, (n, s, runs_counted) in sorted(throughput.items()):
            print(f"| {m} | {runs_counted} | {n} | {s:.1f} | {n / s if s else 0:.0f} |")
        print()


def retimed(out, max_trials):
    """The re-timed best schedule of each model / seed / budget: the fastest
    of its re-measurements in OUT/retime (one per pass)."""
    rdir = os.path.join(out, "retime")
    if not os.path.isdir(rdir):
        return
    runs, order = search_runs(out)
    budgets = sorted({64, max_trials})
    workloads = sorted(os.path.basename(f)[:-6] for f in glob.glob(os.path.join(rdir, "*.jsonl")))
    # Each pass re-measures every schedule of a workload once.
    again, passes = {}, {}
    for w in workloads:
        counts, again[w] = {}, {}
        for line in open(os.path.join(rdir, w + ".jsonl")):
            try:
                r = json.loads(line)
            except ValueError:
                continue
            if r.get("kind") != "record" or not r.get("remeasured"):
                continue
            k = trace_key(r)
            counts[k] = counts.get(k, 0) + 1
            if r["result"]["status"] == "ok":
                again[w][k] = min(again[w].get(k, math.inf), r["result"]["median"])
        passes[w] = min(counts.values()) if counts else 0
    if not workloads or not any(passes.values()):
        return
    low, high = min(passes.values()), max(passes.values())
    pass_range = str(low) if low == high else f"{low}-{high}"

    def retimed_best(budget):
        def time_of(run, w):
            db = os.path.join(run, w + ".jsonl")
            best = pick(search_records(db)[2], budget) if os.path.exists(db) else None
            return again[w].get(trace_key(best[0])) if best else None
        return time_of

    for budget in budgets:
        model_table(f"Search: best schedule after {budget} trials, re-timed back to back "
                    f"(fastest of {pass_range} passes; geomean over seeds)",
                    "re-timed: ", budget, workloads, order, runs, retimed_best(budget))


def main():
    out, max_trials = sys.argv[1], int(sys.argv[2])
    ranking(out)
    search(out, max_trials)
    retimed(out, max_trials)


if __name__ == "__main__":
    main()
