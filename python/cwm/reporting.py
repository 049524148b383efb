"""A Markdown report of a tuning database: per task the default lowering's
time, the best schedule's, speed-up, GFLOP/s, trials and failures by kind,
the tuning curve (log axes, PNG) and the best schedule as the
Transform-dialect script cwm applies; peers' times as columns when given.

    python3 -m cwm report tune.jsonl report/ [--peers peers.json] [--title T]

peers.json: {"PyTorch": {"<task name>": seconds, ...}, ...}.
"""

import collections
import json
import os
import re

from . import Database, transform_script, tuning_curve_of, version


def _ms(seconds):
    return "-" if seconds is None else f"{seconds * 1e3:.4g} ms"


def _ok(record):
    result = record["result"]
    return result["status"] == "ok" and result.get("median", 0) > 0


def _file_name(text):
    return re.sub(r"[^A-Za-z0-9_.-]", "_", text)


def write(database, output, peers=None, title=None):
    """Writes OUTPUT/index.md and OUTPUT/curve-<task>.png; returns the path
    of index.md. A task without a successful trial gets no curve; a best
    schedule whose script cannot be emitted says why instead."""
    from . import plots  # matplotlib only when a report is written

    if not os.path.isfile(database):
        raise FileNotFoundError(f"no database file {database}")
    db = Database(database)
    os.makedirs(output, exist_ok=True)
    peers = peers or {}
    versions, hardware = collections.Counter(), collections.Counter()
    rows, sections = [], []
    total_trials = 0
    for workload in db.workloads():
        key, task = workload["key"], workload["task"]
        name = task["name"]
        records = db.records(key)
        for r in records:
            versions[r.get("cwm_version", "not recorded (before 2026-12-05)")] += 1
            hardware[r.get("hardware", "?")] += 1
        baseline = [r["result"]["median"] for r in records if r["baseline"] and _ok(r)]
        default_s = min(baseline) if baseline else None
        trials = [r for r in records if not r["baseline"] and not r.get("remeasured")]
        total_trials += len(trials)
        failures = collections.Counter(r["result"]["status"] for r in trials if not _ok(r))
        best = db.best(key, 1)
        best_s = best[0]["result"]["median"] if best else None
        speedup = default_s / best_s if default_s and best_s else None
        gflops = task.get("flops", 0) / best_s / 1e9 if best_s else None
        row = [name, task.get("op_class", "?"), f"{task.get('flops', 0) / 1e9:.3g}",
               _ms(default_s), _ms(best_s), f"{speedup:.2f}x" if speedup else "-",
               f"{gflops:.1f}" if gflops else "-", str(len(trials)),
               ", ".join(f"{n} {s}" for s, n in sorted(failures.items())) or "none"]
        for peer in peers:
            seconds = peers[peer].get(name)
            row.append(f"{seconds / best_s:.2f}x" if seconds and best_s else "-")
        rows.append(row)

        lines = [f"## {name}", "",
                 f"Workload `{key}`, {task.get('op_class', '?')}, target "
                 f"{workload.get('target', '?')}; {len(trials)} trials, default "
                 f"lowering {_ms(default_s)}, best {_ms(best_s)}.", ""]
        curve = [(t, s * 1e3) for t, s in tuning_curve_of(records) if s is not None]
        if curve:
            png = f"curve-{_file_name(name)}-{key}.png"
            plots.plot_curves({"best so far": curve}, os.path.join(output, png),
                              name, log_scale=True)
            lines += [f"![tuning curve of {name}]({png})", ""]
        if not best:
            lines += ["No successful measurement.", ""]
        elif best[0]["baseline"]:
            lines += ["No schedule beat the default lowering: "
                      "`--cwm-apply-best` keeps it for this task.", ""]
        else:
            record = best[0]
            actions = ", ".join(a["kind"] for a in record["trace"].get("actions", []))
            lines += [f"Best schedule (measured {record.get('timestamp', '?')} on "
                      f"{record.get('hardware', '?')}): {actions}.", ""]
            try:
                script = transform_script(record["trace"], task)
                lines += ["The Transform-dialect script cwm applies (the task's ops "
                          "tagged `cwm.task = 0`, `cwm.op = i`, as in the database's "
                          "workload IR):", "", "```mlir", script.rstrip(), "```", ""]
            except RuntimeError as error:
                lines += [f"(The script cannot be emitted: {error}.)", ""]
        sections.append("\n".join(lines))

    header = ["task", "class", "GFLOP", "default", "best", "speed-up", "GFLOP/s",
              "trials", "failures"] + [f"vs {peer}" for peer in peers]
    out = [f"# {title or 'Tuning report: ' + os.path.basename(str(database))}", "",
           f"Database `{database}`: {len(rows)} tasks, {total_trials} trials. "
           f"Report by cwm {version()}.", "",
           "Measured on: " + "; ".join(f"{h} ({n} records)" for h, n in hardware.most_common())
           + ".", "",
           "Written by: " + "; ".join(f"cwm {v} ({n} records)" for v, n in versions.most_common())
           + ".", ""]
    if db.warnings:
        out += [f"Skipped {len(db.warnings)} corrupt line(s) (left in the file): "
                + "; ".join(db.warnings[:5]) + (" ..." if len(db.warnings) > 5 else ""), ""]
    if peers:
        out += ["`vs PEER`: the peer's time over cwm's best (above 1: cwm is faster).", ""]
    out += ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    out += [""] + sections
    path = os.path.join(output, "index.md")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")
    return path
