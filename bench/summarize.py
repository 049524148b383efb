#!/usr/bin/python3
"""Collates bench/cpu.sh reports into a Markdown table (stdout).

Usage: summarize.py OUTDIR PEAK_GFLOPS THREADS
"""
import glob
import json
import math
import os
import sys
from datetime import datetime


def fmt_time(seconds):
    if not seconds:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.3f} ms"
    return f"{seconds:.2f} s"


def record_span(jsonl):
    """Seconds from the first to the last record of a database (the tuning
    wall time, measured from the records themselves so that it survives
    resumed runs; it includes any pause between a kill and the restart)."""
    stamps = []
    for line in open(jsonl):
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("kind") == "record" and "timestamp" in record:
            stamps.append(datetime.strptime(record["timestamp"], "%Y-%m-%dT%H:%M:%SZ"))
    return (max(stamps) - min(stamps)).total_seconds() if stamps else 0


def main():
    out, peak, threads = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    rows, speedups = [], []
    hardware = timestamp = ""
    for path in sorted(glob.glob(os.path.join(out, "*.json"))):
        report = json.load(open(path))
        hardware, timestamp = report["hardware"], report["timestamp"]
        jsonl = path[:-5] + ".jsonl"
        wall = record_span(jsonl) if os.path.exists(jsonl) else 0
        for task in report["tasks"]:
            base = task["baseline_median_s"]
            best = task["best_median_s"]
            applied = base if task.get("keeps_default") else best
            gflops = task["flops"] / applied / 1e9 if applied else 0
            speedup = base / applied if base and applied else 0
            if speedup:
                speedups.append(speedup)
            errors = ", ".join(f"{k}={v}" for k, v in sorted(task["errors"].items()))
            if task.get("keeps_default"):
                errors = "default kept" + (f"; {errors}" if errors else "")
            rows.append(
                f"| {task['name']} | {task['flops'] / 1e9:.3f} | {fmt_time(base)} "
                f"| {fmt_time(applied)} | {gflops:.1f} | {100 * gflops / peak:.1f}% "
                f"| {speedup:.1f}× | {task['trials_measured']} "
                f"| {wall:.0f} s | {errors or 'none'} |")
    geomean = math.exp(sum(map(math.log, speedups)) / len(speedups)) if speedups else 0
    print(f"Machine: {hardware}, {threads} threads; FMA peak (register-only loop) "
          f"{peak:.1f} GFLOP/s; finished {timestamp}.\n")
    print("| workload | GFLOP | untuned | tuned | GFLOP/s | of peak | speedup "
          "| trials | tuning wall | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    print("\n".join(rows))
    print(f"\nGeomean speedup over the untuned lowering: {geomean:.1f}× "
          f"({len(speedups)} workloads).")


if __name__ == "__main__":
    main()
