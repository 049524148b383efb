#!/usr/bin/python3
"""Prepares the re-timing step of bench/eval-cost-models.sh.

The search databases were measured over many hours, on a machine whose load
changed: one schedule can time 2.5 ms in one hour and 8 ms in another. To
compare the models' findings under the same conditions, this writes for each
workload a database (OUT/retime/NAME.jsonl) holding the workload, its
baseline and, once per distinct trace, the best record of every model and
seed at each budget. `cwm-autotune remeasure=N` then measures those
schedules again, back to back (summarize_eval.py reads the new records).

Usage: eval_retime.py OUT_DIR BUDGET... (prints the workload names)
"""
import functools
import glob
import json
import os
import sys
import time


def trace_key(record):
    """Schedules are the same when their actions are (Trace::fingerprint)."""
    return json.dumps(record["trace"]["actions"], sort_keys=True)


@functools.lru_cache(maxsize=None)
def search_records(jsonl):
    """(workload line, baseline record, tuning records in order); read once
    per file (summarize_eval.py asks for every budget). Not to be mutated."""
    workload, baseline, records = None, None, []
    for line in open(jsonl):
        try:
            r = json.loads(line)
        except ValueError:
            continue
        if r.get("kind") == "workload":
            workload = workload or line
        elif r.get("kind") == "record":
            if r.get("baseline"):
                baseline = baseline or line
            elif not r.get("remeasured"):
                records.append((r, line))
    return workload, baseline, records


def retimed_keys(path):
    """The schedules a re-timing database holds."""
    keys = set()
    for line in open(path):
        try:
            r = json.loads(line)
        except ValueError:
            continue
        if r.get("kind") == "record" and not r.get("baseline"):
            keys.add(trace_key(r))
    return keys


def pick(records, budget):
    """The best successful record among the first `budget` (None if none)."""
    best = None
    for r, line in records[:budget]:
        res = r["result"]
        if res["status"] == "ok" and res["median"] > 0 and (
                best is None or res["median"] < best[0]["result"]["median"]):
            best = (r, line)
    return best


def main():
    out, budgets = sys.argv[1], [int(b) for b in sys.argv[2:]]
    runs = sorted(d for d in glob.glob(os.path.join(out, "search", "*-s*")) if os.path.isdir(d))
    names = sorted({os.path.basename(f)[:-6] for d in runs for f in glob.glob(os.path.join(d, "*.jsonl"))})
    os.makedirs(os.path.join(out, "retime"), exist_ok=True)
    for name in names:
        path = os.path.join(out, "retime", name + ".jsonl")
        head, lines, seen = [], [], set()
        for d in runs:
            db = os.path.join(d, name + ".jsonl")
            if not os.path.exists(db):
                continue
            workload, baseline, records = search_records(db)
            if not head and workload and baseline:
                head = [workload, baseline]
            for budget in budgets:
                best = pick(records, budget)
                if best and trace_key(best[0]) not in seen:
                    seen.add(trace_key(best[0]))
                    lines.append(best[1])
        if not head or not lines:
            continue
        if os.path.exists(path):
            # Resumable: a database whose schedules are all there is kept with
            # its measurements. When a method or seed was added since, every
            # schedule is timed again together (the old database is kept
            # beside it: no measured record is lost).
            if seen <= retimed_keys(path):
                print(name)
                continue
            kept = path + ".before-" + time.strftime("%Y%m%dT%H%M%S")
            os.replace(path, kept)
            for done in glob.glob(os.path.join(out, "retime", name + ".pass*.done")):
                os.remove(done)
            print(f"eval_retime: {name}: new schedules to re-time; all are timed again "
                  f"(earlier re-timing kept in {kept})", file=sys.stderr)
        with open(path + ".tmp", "w") as f:
            for line in head + lines:
                f.write(line if line.endswith("\n") else line + "\n")
        os.replace(path + ".tmp", path)
        print(name)


if __name__ == "__main__":
    main()
