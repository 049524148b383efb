#!/usr/bin/env bash
# One call on the GPU machine lent through `device`: measures packs made by
# bench/gpu-suite.sh / scripts/collect-gpu.sh (pack steps) in one lease, the
# GPU packs on the GPU and the CPU packs (TARGET=cpu) on the machine's CPU
# cores at the same time, and copies every result to $OUT.
#
#   GPU_PACKS="out/gc5" CPU_PACKS="out/cc3" BUDGET=480 bash bench/device-session.sh
#
# Each pack is PACK.tar.xz (what the pack step wrote; carry it). BUDGET
# (seconds, default 480) is the deadline of each side; packs of one side run
# one after the other until it is spent. RUN_OPTIONS go to cwm-run (default
# --min-time=0.05 for GPU packs). Results: $OUT/NAME.tar.gz holding
# NAME/{results.jsonl,run.log,device.txt,session.log} (gpu_peers.json and
# peers.log when PEERS=1 measured the peers; after-out/ of a
# pack with an after.sh; one file per pack: the device tool brings back at
# most 8); resumable (a pack whose results come back here is re-bundled
# with them by the pack's bundle step).
set -uo pipefail
out=${OUT:?device-session: OUT must name the folder whose files come back}
budget=${BUDGET:-480}
start=$(date +%s)
work=${TMPDIR:-/tmp}/device-session
mkdir -p "$work"

unpack() { # PACK -> the folder it unpacked to (on stdout)
  local pack=$1 name
  name=$(basename "$pack")
  if [ ! -f "$pack.tar.xz" ]; then
    echo "device-session: $pack.tar.xz not found" >&2
    return 1
  fi
  rm -rf "${work:?}/$name"
  if ! tar -xJf "$pack.tar.xz" -C "$work" 2> "$work/$name.tar.log"; then
    echo "device-session: $pack.tar.xz does not unpack: $(tail -1 "$work/$name.tar.log")" >&2
    return 1
  fi
  [ -f "$work/$name/run.sh" ] || { echo "device-session: $pack.tar.xz holds no $name/run.sh" >&2; return 1; }
  echo "$work/$name"
}

side() { # KIND PACK...: measures the packs in turn until the budget is spent
  local kind=$1 pack dir left
  shift
  for pack in "$@"; do
    left=$((budget - ($(date +%s) - start)))
    if [ "$left" -le 10 ]; then
      echo "device-session: $kind budget spent before $pack" >&2
      break
    fi
    dir=$(unpack "$pack") || continue
    echo "device-session: $kind $pack, ${left}s left" >&2
    (cd "$dir" && DEADLINE=$left PEERS=${PEERS:-0} RUN_OPTIONS=${RUN_OPTIONS:-$([ "$kind" = gpu ] && echo --min-time=0.05)} bash run.sh) \
      > "$work/$(basename "$pack").log" 2>&1
    # A pack's own follow-up (bench/gemm-pack.sh: a second pass and the
    # peers), within the budget.
    left=$((budget - ($(date +%s) - start)))
    if [ -f "$dir/after.sh" ] && [ "$left" -gt 10 ]; then
      (cd "$dir" && DEADLINE=$left RUN_OPTIONS=${RUN_OPTIONS:-$([ "$kind" = gpu ] && echo --min-time=0.05)} \
        timeout "$left" bash after.sh) >> "$work/$(basename "$pack").log" 2>&1
    fi
    # One file per pack: the device tool brings back at most 8 files.
    local name=$(basename "$pack") keep=()
    cp "$work/$name.log" "$dir/session.log"
    for f in results.jsonl run.log device.txt session.log after-out gpu_peers.json peers.log; do
      [ -e "$dir/$f" ] && keep+=("$name/$f")
    done
    tar -C "$work" -czf "$out/$name.tar.gz" "${keep[@]}"
    tail -2 "$work/$(basename "$pack").log" >&2
  done
}

read -r -a gpu_packs <<< "${GPU_PACKS:-}"
read -r -a cpu_packs <<< "${CPU_PACKS:-}"
side gpu "${gpu_packs[@]}" &
gpu=$!
side cpu "${cpu_packs[@]}" &
cpu=$!
wait $gpu $cpu
echo "device-session: done in $(($(date +%s) - start)) s" >&2
