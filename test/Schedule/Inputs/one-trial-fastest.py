"""Rewrites a tuning database so that one successful trial of each workload,
chosen without regard to time (the one whose trace's JSON sorts first), is
its fastest record: which schedule wins by time is not what the export tests
check, and under load random schedules' times (and the order in which a
round's results arrive) differ from run to run. Only schedules a Transform
script expresses whole are chosen (the export passes over the others:
winograd, pack_weights, pack_b).
Usage: one-trial-fastest.py DB (rewritten in place)."""
import json
import sys

path = sys.argv[1]
records = [json.loads(line) for line in open(path).read().splitlines()]
chosen = {}
for index, record in enumerate(records):
    if (record.get("kind") == "record" and not record.get("baseline")
            and record["result"].get("status") == "ok"
            and not any(action["kind"] in ("winograd", "pack_weights", "pack_b")
                        for action in record["trace"]["actions"])):
        order = json.dumps(record["trace"], sort_keys=True)
        best = chosen.get(record["workload"])
        if best is None or order < best[0]:
            chosen[record["workload"]] = (order, index)
for _, index in chosen.values():
    records[index]["result"]["median"] = 1e-9
    records[index]["result"]["seconds"] = [1e-9]
with open(path, "w") as out:
    for record in records:
        out.write(json.dumps(record, separators=(",", ":")) + "\n")
