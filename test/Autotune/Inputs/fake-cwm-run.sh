#!/usr/bin/env bash
# A stand-in for cwm-run (no GPU here) to test run.sh's bookkeeping: it
# "measures" every candidate of the manifest it is given, in order, and
# stops after FAKE_STOP_AFTER of them when that is set (as a deadline would,
# leaving the last line cut short).
manifest=$1
out=$3
n=0
: > "$out"
while read -r word id rest; do
  [ "$word" = candidate ] || continue
  if [ -n "${FAKE_STOP_AFTER:-}" ] && [ "$n" -ge "$FAKE_STOP_AFTER" ]; then
    printf '{"id": "%s", "status": "o' "$id" >> "$out" # cut mid-line
    exit 124
  fi
  printf '{"id": "%s", "status": "ok", "median": 0.001, "spread": 0, "seconds": [0.001]}\n' "$id" >> "$out"
  n=$((n + 1))
done < "$manifest"
echo "fake cwm-run: measured $n"
