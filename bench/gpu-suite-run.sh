#!/usr/bin/env bash
# Measures the packed candidates (and the peers) on this machine's GPUs.
# Resumable: candidates already in results.jsonl are skipped, so a run cut
# short goes on where it stopped. DEADLINE=SECONDS stops measuring cleanly
# after that long (only complete results are kept); peers run once.
# RUN_OPTIONS: more cwm-run options (e.g. --min-time=0.05).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
touch results.jsonl
unmeasured() { # the manifest's candidates (second field: the id) without a result
  awk 'FILENAME == ARGV[1] {
         if (match($0, /"id": *"[^"]*"/)) {
           id = substr($0, RSTART, RLENGTH); sub(/^"id": *"/, "", id); sub(/"$/, "", id); done[id] = 1
         }
         next
       }
       $1 == "candidate" && !($2 in done)' results.jsonl manifest.txt
}
unmeasured > todo.txt
echo "run.sh: $(grep -c . todo.txt) of $(grep -c '^candidate' manifest.txt) candidates to measure" >&2
gpus=$(ls /proc/driver/nvidia/gpus 2>/dev/null | wc -l)
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > device.txt 2>&1
limit=()
[ -n "${DEADLINE:-}" ] && limit=(timeout "$DEADLINE")
cpu=()
if [ "$(cat target 2>/dev/null)" = cpu ]; then
  # CPU candidates: CPU_THREADS physical cores each (one hardware thread of
  # each core), as many candidates at once as there are such sets.
  sets=$(for d in /sys/devices/system/cpu/cpu[0-9]*; do
           [ -r "$d/topology/thread_siblings_list" ] || continue
           echo "$(cat "$d/topology/thread_siblings_list" | cut -d, -f1 | cut -d- -f1) ${d##*cpu}"
         done | awk '$1 == $2 {print $2}' | sort -n |
         awk -v n="${CPU_THREADS:-2}" '{set = set (c % n ? "," : "") $1; c++}
              c % n == 0 {out = out (out ? "/" : "") set; set = ""} END {print out}')
  cpu=(--cpu-sets="${CPU_SETS:-${sets:-0}}")
  echo "run.sh: CPU candidates on core sets ${cpu[0]#--cpu-sets=}" >&2
  gpus=1 PEERS=0 # no GPU peers
fi
measure() { # [cwm-run options]
  [ -s todo.txt ] || return 0
  local more=()
  read -r -a more <<< "${RUN_OPTIONS:-}"
  "${limit[@]}" ./bin/cwm-run todo.txt -o part.jsonl "${cpu[@]}" "${more[@]}" "$@" >> run.log 2>&1
  grep '}$' part.jsonl >> results.jsonl # a line cut by the deadline is dropped
  rm -f part.jsonl
}
peers() {
  [ "${PEERS:-1}" = 1 ] && [ ! -s gpu_peers.json ] || return 0
  OUT="$here" python3 peers/gpu_peers.py eager,compile > peers.log 2>&1
}
if [ "$gpus" -ge 2 ]; then
  (export CUDA_VISIBLE_DEVICES=0; peers) &
  peer=$!
  measure --devices=1
  wait $peer
else
  measure
  peers
fi
left=$(unmeasured | grep -c . || true)
echo "run.sh: $(grep -c . results.jsonl) results; $left candidates left" >&2
tail -3 run.log 2>/dev/null
