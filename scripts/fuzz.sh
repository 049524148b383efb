#!/usr/bin/env bash
# Builds cwm's libFuzzer targets (fuzz/) and runs them.
# Usage: scripts/fuzz.sh [seconds-per-target] [targets...]
#   seconds-per-target: fuzzing time of each target (default 60; 0 = only
#   the regression inputs); targets: default all of them:
#   fuzz-trace-json fuzz-database-lines fuzz-task-extraction fuzz-trace-apply
#   fuzz-model-file
# The fuzzers are built in their own tree, ./build-fuzz (or
# $CWM_FUZZ_BUILD_DIR): clang-22, -DCWM_SANITIZE=address,undefined
# -DCWM_FUZZ=ON, RelWithDebInfo. A tree of its own because CWM_FUZZ adds
# coverage instrumentation (-fsanitize=fuzzer-no-link) to every cwm object,
# which would slow down build-asan's test run; only the fuzzers and what they
# link are built. (The model seed fuzz/corpus/fuzz-model-file/init-only-tiny.pt
# was written by `build-asan/bin/cwm-train --init-only --latent=4 --hidden=4`.)
# For each target it
#   1. runs every input of fuzz/regressions/<target>/ once (must not crash);
#   2. fuzzes for the given time from a fresh copy of fuzz/corpus/<target>/
#      in build-fuzz/corpus/<target>/, with artifacts (crash-*, leak-*,
#      timeout-*, oom-*) kept in build-fuzz/artifacts/<target>/ and the log in
#      build-fuzz/logs/<target>.log. libFuzzer stops at the first crash; the
#      script then starts it again on the grown corpus for the rest of the
#      time (at most $CWM_FUZZ_MAX_CRASHES crashes per target, default 5).
#      CWM_FUZZ_SKIP_KNOWN=1 is set while fuzzing (not for the regression
#      inputs): inputs that hit an already reported cwm bug are skipped
#      (fuzz/LinalgProgram.h ProgramWriter::knownIssues, and the infinite
#      timings of fuzz-database-lines), so that the time goes to new bugs.
# and prints one line per target: `target executions crashes` (executions
# summed over libFuzzer's stat::number_of_executed_units; crashes = runs that
# exited non-zero or left an artifact), then the rate of each target.
# Environment: CWM_FUZZ_BUILD_DIR, CWM_BUILD_JOBS, CWM_FUZZ_MAX_CRASHES,
# CWM_FUZZ_ARGS (extra libFuzzer arguments), CCACHE_* (as build.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${CWM_FUZZ_BUILD_DIR:-$root/build-fuzz}"
llvm=/usr/lib/llvm-22
seconds="${1:-60}"
[ $# -gt 0 ] && shift
all_targets=(fuzz-trace-json fuzz-database-lines fuzz-task-extraction
  fuzz-trace-apply fuzz-model-file)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi
for t in "${targets[@]}"; do
  case " ${all_targets[*]} " in *" $t "*) ;; *)
    echo "fuzz: unknown target '$t' (known: ${all_targets[*]})" >&2; exit 2;; esac
done
max_crashes="${CWM_FUZZ_MAX_CRASHES:-5}"

# clang and its sanitizer/libFuzzer runtimes.
bash "$root/scripts/install-deps.sh" clang-22 libclang-rt-22-dev

export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true CCACHE_COMPRESS=true
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DCWM_SANITIZE=address,undefined -DCWM_FUZZ=ON \
    -DCWM_BUILD_UNITTESTS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMLIR_DIR=$llvm/lib/cmake/mlir \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
fi
jobs="${CWM_BUILD_JOBS:-$(nproc)}"
nice -n 10 cmake --build "$build" -j "$jobs" -- cwm-fuzzers

supp="$root/scripts/sanitizer-suppressions"
export ASAN_SYMBOLIZER_PATH=$llvm/bin/llvm-symbolizer
export UBSAN_SYMBOLIZER_PATH=$llvm/bin/llvm-symbolizer
# Leak checking is on here (libFuzzer's -detect_leaks=1): leaks during one
# input are cwm's; LibTorch's start-up allocations are made before fuzzing
# (fuzz-model-file loads $CWM_FUZZ_MODEL_WARMUP in LLVMFuzzerInitialize).
# lsan.supp holds the leaks of uninstrumented libraries, with why.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:strict_string_checks=1"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export CWM_FUZZ_MODEL_WARMUP="$root/fuzz/corpus/fuzz-model-file/init-only-tiny.pt"

# Per-target libFuzzer limits: seconds per input before a timeout artifact,
# and memory (LibTorch alone maps several hundred MB). fuzz-model-file: the
# archive reader of LibTorch trusts the length fields of a corrupt file and
# asks for GBs at once (std::string::reserve of 4 GiB); such an allocation
# may fail (null, then LibTorch throws and cwm returns an error) instead of
# ending the run, so that fuzzing goes on past this LibTorch weakness.
options_for() {
  case "$1" in
    fuzz-trace-apply) echo "-timeout=120 -rss_limit_mb=4096" ;;
    fuzz-model-file) echo "-timeout=60 -rss_limit_mb=6144 -malloc_limit_mb=65536" ;;
    *) echo "-timeout=30 -rss_limit_mb=2048" ;;
  esac
}
asan_options_for() {
  case "$1" in
    fuzz-model-file) echo "$ASAN_OPTIONS:allocator_may_return_null=1" ;;
    *) echo "$ASAN_OPTIONS" ;;
  esac
}

mkdir -p "$build/logs"
summary=()
details=()
status=0
for t in "${targets[@]}"; do
  bin="$build/bin/$t"
  # 1. Regression inputs: each must run without crashing.
  regressions=("$root/fuzz/regressions/$t"/*)
  if [ -e "${regressions[0]}" ]; then
    if ! ASAN_OPTIONS=$(asan_options_for "$t") "$bin" $(options_for "$t") \
        "${regressions[@]}" \
        > "$build/logs/$t.regressions.log" 2>&1; then
      echo "fuzz: $t crashes on a regression input (log: $build/logs/$t.regressions.log)"
      status=1
    else
      echo "fuzz: $t: ${#regressions[@]} regression inputs pass"
    fi
  fi
  [ "$seconds" -gt 0 ] || continue

  # 2. Fuzzing from a fresh copy of the seed corpus.
  corpus="$build/corpus/$t"
  artifacts="$build/artifacts/$t"
  rm -rf "$corpus"
  mkdir -p "$corpus" "$artifacts"
  cp "$root/fuzz/corpus/$t"/* "$corpus"/ 2>/dev/null || true
  log="$build/logs/$t.log"
  : > "$log"
  executions=0
  crashes=0
  start=$(date +%s)
  while :; do
    left=$(( seconds - ($(date +%s) - start) ))
    [ "$left" -gt 0 ] || break
    before=$(ls "$artifacts" | wc -l)
    rc=0
    CWM_FUZZ_SKIP_KNOWN=1 ASAN_OPTIONS=$(asan_options_for "$t") \
      "$bin" -max_total_time="$left" -print_final_stats=1 \
      -artifact_prefix="$artifacts/" $(options_for "$t") \
      ${CWM_FUZZ_ARGS:-} "$corpus" > "$log.run" 2>&1 || rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log.run" |
      tail -1 | grep -o '[0-9]*$' || true)
    after=$(ls "$artifacts" | wc -l)
    if [ "$rc" -ne 0 ] || [ "$after" -gt "$before" ]; then
      crashes=$((crashes + 1))
    fi
    executions=$((executions + ${runs:-0}))
    { cat "$log.run"; echo "=== fuzz.sh: run ended with status $rc ==="; } >> "$log"
    rm -f "$log.run"
    [ "$rc" -ne 0 ] || break
    [ "$crashes" -lt "$max_crashes" ] || break
  done
  elapsed=$(( $(date +%s) - start ))
  [ "$elapsed" -gt 0 ] || elapsed=1
  summary+=("$t $executions $crashes")
  details+=("$t: $executions executions in ${elapsed}s ($((executions / elapsed))/s), $crashes crashes, artifacts in $artifacts, log $log")
  [ "$crashes" -eq 0 ] || status=1
done

if [ "$seconds" -gt 0 ]; then
  echo "target executions crashes"
  printf '%s\n' "${summary[@]}"
  printf '%s\n' "${details[@]}" | sed 's/^/  /'
fi
exit $status
