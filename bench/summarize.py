#!/usr/bin/python3
"""Collates bench/cpu.sh reports into a Markdown table (stdout); with
OUTDIR/cpu_peers.json (bench/cpu_peers.py) and OUTDIR/retimed/NAME.json
(cwm's best re-measured right before the peers) a second table sets cwm
against PyTorch and OpenBLAS, measured back to back in the same run.

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
    """Seconds from the first to the last tuning record of a database (the
    tuning wall time, measured from the records themselves so that it
    survives resumed runs; it includes any pause between a kill and the
    restart, not the re-timing records added later)."""
    stamps = []
    for line in open(jsonl):
        try:
            record = json.loads(line)
        except ValueError:
            continue
        # Re-timings (remeasure=, cpu.sh's peer step) come minutes later.
        if (record.get("kind") == "record" and "timestamp" in record
                and not record.get("remeasured")):
            stamps.append(datetime.strptime(record["timestamp"], "%Y-%m-%dT%H:%M:%SZ"))
    return (max(stamps) - min(stamps)).total_seconds() if stamps else 0


def main():
    out, peak, threads = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    rows, speedups = [], []
    hardware = timestamp = ""
    for path in sorted(glob.glob(os.path.join(out, "*.json"))):
        if os.path.basename(path) == "cpu_peers.json":
            continue
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
    peers_table(out)


def applied_seconds(report):
    """The workload's time as compiled: each task's best, or its default
    lowering where that was kept."""
    total = 0
    for task in report["tasks"]:
        seconds = task["baseline_median_s"] if task.get("keeps_default") else task["best_median_s"]
        if not seconds:
            return None
        total += seconds
    return total


def peers_table(out):
    path = os.path.join(out, "cpu_peers.json")
    if not os.path.exists(path):
        return
    peers = json.load(open(path))
    meta = peers["meta"]
    forced = meta.get("openblas_coretypes")
    kernels = f"OpenBLAS's own choice, {meta['openblas_core']}" + (
        f", and OPENBLAS_CORETYPE={'/'.join(forced)}, the faster kept" if forced else "")
    print(f"\nAgainst the peers ({meta['threads']} threads; PyTorch {meta['torch']}, numpy "
          f"{meta['numpy']}; OpenBLAS kernels: {kernels}; copy bandwidth "
          f"{meta.get('copy_gbs', '-')} GB/s): each workload's best re-measured by cwm, then its "
          "peers, back to back. Milliseconds; ratio = the best peer's time over cwm's (above 1: "
          "cwm is faster).\n")
    print("| workload | cwm (re-timed) | PyTorch | OpenBLAS | best peer / cwm |")
    print("| --- | ---: | ---: | ---: | ---: |")
    ratios = []

    def fastest(row, stem):
        """The fastest of a peer's variants (its own OpenBLAS kernels, or a
        forced OPENBLAS_CORETYPE), with what it was."""
        best = None
        for key, value in row.items():
            if key == stem or key.startswith(stem + "_"):
                core = key[len(stem) + 1:]
                if best is None or value < best[0]:
                    layout = row.get("torch_layout" + ("_" + core if core else ""))
                    note = ", ".join(x for x in (layout, core) if x)
                    best = (value, note)
        return best

    for row in peers["rows"]:
        retimed = os.path.join(out, "retimed", row["name"] + ".json")
        cwm = applied_seconds(json.load(open(retimed))) if os.path.exists(retimed) else None
        torch_best, numpy_best = fastest(row, "torch_ms"), fastest(row, "numpy_ms")
        best_peer = min(v[0] for v in (torch_best, numpy_best) if v)
        ratio = best_peer / (cwm * 1e3) if cwm else None
        if ratio:
            ratios.append(ratio)
        cell = lambda b: "-" if not b else f"{b[0]:.3f}" + (f" ({b[1]})" if b[1] else "")
        print(f"| {row['name']} | {cwm * 1e3:.3f} | {cell(torch_best)} | {cell(numpy_best)} "
              f"| {ratio:.2f}x |" if cwm else
              f"| {row['name']} | - | {cell(torch_best)} | {cell(numpy_best)} | - |")
    if ratios:
        geomean = math.exp(sum(map(math.log, ratios)) / len(ratios))
        print(f"\nGeomean best peer / cwm: {geomean:.2f}x over {len(ratios)} workloads "
              f"(worst {min(ratios):.2f}x, best {max(ratios):.2f}x).")


if __name__ == "__main__":
    main()
