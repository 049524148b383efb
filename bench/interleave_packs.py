#!/usr/bin/python3
"""Joins the manifests of several packs of the same workloads
(bench/gpu-suite.sh pack, one per method) into one manifest that alternates
the methods within each workload, so that one cwm-run measures them in turn
and a slow drift of a shared machine hits every method alike.

Usage: interleave_packs.py OUT_DIR PACK_DIR...
Writes OUT_DIR/manifest.txt (paths relative to OUT_DIR); then
`cwm-run --cpu OUT_DIR/manifest.txt -o OUT_DIR/results.jsonl` (from OUT_DIR)
and `bench/compare_packs.py a=PACK_A:OUT_DIR/results.jsonl b=PACK_B:...`."""
import collections
import itertools
import os
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, packs = sys.argv[1], sys.argv[2:]
    os.makedirs(out, exist_ok=True)
    per_pack = []
    for pack in packs:
        manifest = os.path.join(pack, "manifest.txt")
        if not os.path.exists(manifest):
            sys.exit(f"interleave_packs: no manifest in {pack}")
        rel = os.path.relpath(pack, out)
        by_workload = collections.OrderedDict()
        for line in open(manifest):
            fields = line.split()
            if len(fields) < 5 or fields[0] != "candidate":
                continue
            # fields: candidate ID OBJECT SEED REFERENCE options...
            workload = fields[2].split("/")[1]
            fields[2] = os.path.join(rel, fields[2])
            fields[4] = os.path.join(rel, fields[4])
            by_workload.setdefault(workload, []).append(" ".join(fields))
        per_pack.append(by_workload)
    lines = []
    workloads = list(per_pack[0])
    for other in per_pack[1:]:
        workloads += [w for w in other if w not in workloads]
    for workload in workloads:
        rows = [pack.get(workload, []) for pack in per_pack]
        for turn in itertools.zip_longest(*rows):
            lines += [line for line in turn if line]
    with open(os.path.join(out, "manifest.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"interleave_packs: {len(lines)} candidates of {len(workloads)} "
          f"workloads from {len(packs)} packs in {out}/manifest.txt")


if __name__ == "__main__":
    main()
