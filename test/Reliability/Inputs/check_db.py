#!/usr/bin/python3
"""Checks a cwm tuning database the way the reliability tests need it.

Usage: check_db.py DB [--plan PLAN_FILE] [--expect-trials N]
Prints: whether every line parses, record / baseline / claim counts, traces
measured twice, and with --plan the kind each injected fault was recorded
as (records in order; those that never ran a kernel, such as invalid
traces, take no fault).
"""
import json
import sys

NEVER_RAN = {"invalid_trace", "transform_error", "lowering_error", "compile_error"}
# What each injected fault must be recorded as.
EXPECTED = {
    "segv": ("crash", 11), "abort": ("crash", 6), "kill": ("crash", 9),
    "exit": ("crash", 0), "hang": ("timeout", 0), "oom": ("out_of_memory", 0),
    "nan": ("wrong_result", 0), "wrong": ("wrong_result", 0), "none": ("ok", 0),
}


def main(argv):
    db = argv[1]
    plan = None
    if "--plan" in argv:
        plan = [l.strip() for l in open(argv[argv.index("--plan") + 1]) if l.strip()]
    lines = open(db, "rb").read().split(b"\n")
    bad = 0
    records, claims = [], 0
    for raw in lines:
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except ValueError:
            bad += 1
            continue
        if line.get("kind") == "record":
            records.append(line)
        elif line.get("kind") == "claim":
            claims += 1
    baselines = [r for r in records if r.get("baseline")]
    trials = [r for r in records if not r.get("baseline") and not r.get("remeasured")]
    keys = [(r["workload"], json.dumps(r["trace"]["actions"], sort_keys=True)) for r in trials]
    print(f"unparsable lines: {bad}")
    print(f"records: {len(records)} baselines: {len(baselines)} trials: {len(trials)}")
    print(f"traces measured twice: {len(keys) - len(set(keys))}")
    if plan is not None:
        ran = [r for r in trials if r["result"]["status"] not in NEVER_RAN]
        for fault, record in zip(plan, ran):
            result = record["result"]
            want_status, want_signal = EXPECTED[fault]
            got_signal = result.get("signal", 0)
            ok = result["status"] == want_status and (want_signal == 0 or got_signal == want_signal)
            print(f"fault {fault}: recorded {result['status']}"
                  f"{' signal ' + str(got_signal) if got_signal else ''}"
                  f" -> {'as injected' if ok else 'WRONG KIND'}")
        if len(ran) < len(plan):
            print(f"faults not reached: {len(plan) - len(ran)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
