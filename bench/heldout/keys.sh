#!/usr/bin/env bash
# Prints the sorted workload keys of every task of the held-out workloads in
# DIR for TARGET (cpu: every workload; cuda: those whose manifest lists cuda),
# as cwm-opt --cwm-extract-tasks computes them. The committed lists
# (v1/keys-cpu.txt, v1/keys-cuda.txt) are what cwm-train refuses to train on.
#   keys.sh CWM_OPT DIR TARGET
set -euo pipefail
opt=$1 dir=$2 target=$3
names=$(/usr/bin/python3 -c "
import json, sys
m = json.load(open('$dir/manifest.json'))
print('\n'.join(w['name'] for w in m['workloads'] if '$target' in w['targets']))")
for name in $names; do
  "$opt" "$dir/$name.mlir" --cwm-extract-tasks="target=$target" -o - |
    grep -o 'cwm.key = "[0-9a-f]*"' | sed 's/cwm.key = "\(.*\)"/\1/'
done | sort -u
