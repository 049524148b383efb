"""apply-best.mlir's databases: DB with a record faster than every other
whose trace tiles op 7 (the task has none) -> BROKEN; BROKEN without the
other tuned records -> ONLY_BROKEN."""
import json
import sys

source, broken, only_broken = sys.argv[1:4]
lines = [json.loads(line) for line in open(source)]
records = [r for r in lines if r.get("kind") == "record"]
tuned = [r for r in records if r["result"]["status"] == "ok" and
         not r.get("baseline") and r["trace"]["actions"]]
assert tuned, "the search measured no tuned record"
bad = json.loads(json.dumps(tuned[0]))
bad["trace"]["actions"] = [{"kind": "tile", "target": 7,
                            "decisions": {"sizes": [4, 4, 4]}}]
bad["result"]["median"] = 1e-12
for name, keep in ((broken, lines),
                   (only_broken, [r for r in lines if r not in tuned])):
    with open(name, "w") as out:
        for record in keep + [bad]:
            out.write(json.dumps(record) + "\n")
