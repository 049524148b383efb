#!/usr/bin/python3
"""Audits a rule of the CPU search space against measured records: how the
candidates that cut a contraction's vectorized output loop into parallel
pieces smaller than T ran, and what excluding them would cost each workload's
best. It backs CpuSearchSpace's rule that this loop is never cut into single
iterations where a larger piece divides it (T = 2).

The vectorized loop is the root's last parallel loop when the root is a
contraction or pooling anchor ending in its reduction (a matmul's n, a
convolution's filters, a depthwise convolution's channels), and the filters
of Winograd's batch matmul (p, t, f, c) after a `winograd` action. A piece
below T is excluded only where the extent has another divisor in [T, 512]
below itself, as the space does (a prime extent keeps its pieces of 1).

Per threshold T it prints: records excluded, how many of them ran over 5x
and 50x their workload's best (per workload and machine), and for how many
workload and machine pairs the fastest remaining record is more than 5% or
20% slower than the fastest of all (geomean over pairs).

Usage: audit_vector_tiles.py RECORDS.jsonl... (decompressed data/cpu-collect*
sets: `zstd -dcq --long=27 data/X.jsonl.zst > X.jsonl`)
"""
import collections
import json
import math
import sys

CONTRACTIONS = {"matmul", "batch_matmul", "conv2d", "depthwise2d",
                "group_conv2d"}


def load(paths):
    tasks = {}
    records = collections.defaultdict(list)
    for path in paths:
        with open(path) as lines:
            for line in lines:
                if line.startswith('{"kind":"claim"'):
                    continue
                entry = json.loads(line)
                if entry.get("kind") == "workload":
                    tasks[entry["key"]] = entry["task"]
                elif (entry.get("kind") == "record"
                      and entry["result"].get("status") == "ok"):
                    records[(entry["workload"], entry["hardware"])].append(
                        (entry["result"]["median"], entry["trace"]))
    return tasks, records


def vector_loop_piece(task, trace):
    """(piece, extent) of the vectorized loop's parallel tile, or None."""
    actions = trace["actions"]
    parallel = [a for a in actions if a["kind"] == "parallelize"]
    if not parallel:
        return None
    sizes = parallel[0]["decisions"]["sizes"]
    if any(a["kind"] == "winograd" for a in actions):
        filters = task["ops"][task["anchor"]]["extents"][3]
        loop, extent = 2, filters
        if len(sizes) != 4:
            return None
    else:
        if task["root"] != task["anchor"]:
            return None
        root = task["ops"][task["root"]]
        iterators = root["iterators"]
        pooling = task["op_class"] == "reduction" and "pool" in root["name"]
        if not (task["op_class"] in CONTRACTIONS or pooling):
            return None
        if len(sizes) != len(iterators) or iterators[-1] != "r":
            return None
        loop = max(i for i, it in enumerate(iterators) if it == "p")
        extent = root["extents"][loop]
    piece = sizes[loop]
    if piece == 0 or piece >= extent:
        return None
    return piece, extent


def excluded(task, trace, threshold):
    found = vector_loop_piece(task, trace)
    if found is None:
        return False
    piece, extent = found
    other = any(extent % d == 0 for d in range(threshold, min(extent, 513)))
    return piece < threshold and other


def main():
    tasks, records = load(sys.argv[1:])
    print(f"{sum(map(len, records.values()))} ok records, "
          f"{len(records)} workload and machine pairs")
    for threshold in (2, 4, 8, 16):
        removed = over5 = over50 = 0
        losses = []
        for (workload, _), measured in records.items():
            task = tasks.get(workload)
            if task is None:
                continue
            best = min(median for median, _ in measured)
            kept = []
            for median, trace in measured:
                if excluded(task, trace, threshold):
                    removed += 1
                    over5 += median > 5 * best
                    over50 += median > 50 * best
                else:
                    kept.append(median)
            losses.append(min(kept) / best if kept else math.inf)
        finite = [loss for loss in losses if loss < math.inf]
        geomean = math.exp(sum(map(math.log, finite)) / len(finite))
        print(f"T={threshold}: {removed} excluded ({over5} over 5x, {over50} "
              f"over 50x the best); pairs losing over 5%: "
              f"{sum(loss > 1.05 for loss in losses)}, over 20%: "
              f"{sum(loss > 1.2 for loss in losses)}, left with none: "
              f"{len(losses) - len(finite)}; geomean loss {geomean:.4f}")


if __name__ == "__main__":
    main()
