#!/usr/bin/env bash
# Builds cwm with AddressSanitizer + UndefinedBehaviorSanitizer (clang-22) in
# ./build-asan (or $CWM_ASAN_BUILD_DIR) and runs the whole lit + gtest suite
# under it. Prints one summary line at the end; exits non-zero if any test
# failed.
# Usage: scripts/sanitize.sh [--build-only] [extra lit arguments...]
# Environment: CWM_ASAN_BUILD_DIR, CWM_BUILD_JOBS (default: nproc),
# CCACHE_DIR / CCACHE_MAXSIZE (as scripts/build.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${CWM_ASAN_BUILD_DIR:-$root/build-asan}"
llvm=/usr/lib/llvm-22
build_only=0
if [ "${1:-}" = "--build-only" ]; then build_only=1; shift; fi

# clang and its sanitizer runtimes.
bash "$root/scripts/install-deps.sh" clang-22 libclang-rt-22-dev

# ccache hits across fresh clones only with a base dir and no hashed cwd.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true CCACHE_COMPRESS=true
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DCWM_SANITIZE=address,undefined \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMLIR_DIR=$llvm/lib/cmake/mlir \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
fi
jobs="${CWM_BUILD_JOBS:-$(nproc)}"
nice -n 10 cmake --build "$build" -j "$jobs"

# The worker memory cap. Measuring workers run under RLIMIT_AS (memory-limit=,
# default 3/4 of physical memory), but an ASan process reserves tens of TB of
# address space for its shadow at start-up and dies under any such cap. This
# shim (LD_PRELOADed into every process of the run, no sanitizer itself) adds
# ASan's own start-up reservation, measured once by an ASan probe, to every
# finite RLIMIT_AS that a process sets, so the cap keeps meaning "this much
# memory beyond what ASan reserved": large allocations still fail at the cap.
support="$build/sanitizer-support"
mkdir -p "$support"
clang-22 -O1 -fsanitize=address,undefined -o "$support/asan-probe" \
  "$root/scripts/sanitizer-support/asan-probe.c"
overhead=$("$support/asan-probe")
clang-22 -O2 -shared -fPIC -DCWM_ASAN_VA_OVERHEAD_BYTES="${overhead}ULL" \
  -o "$support/librlimit-shim.so" "$root/scripts/sanitizer-support/rlimit-shim.c" -ldl
if [ "$build_only" = 1 ]; then
  echo "sanitize: built $build (ASan address-space overhead $overhead bytes)"
  exit 0
fi

supp="$root/scripts/sanitizer-suppressions"
export ASAN_SYMBOLIZER_PATH=$llvm/bin/llvm-symbolizer
export UBSAN_SYMBOLIZER_PATH=$llvm/bin/llvm-symbolizer
# Leak checking is on (detect_leaks=1): in this tree's runs (tools, workers,
# the LibTorch plugin) it reports nothing at exit; should LibTorch or MLIR
# start leaking at exit, suppress that in lsan.supp (with why), not here.
# allocator_may_return_null=1: a failed allocation returns null as in a normal
# build, which the worker turns into an out_of_memory record (its kernels'
# malloc) instead of an ASan out-of-memory report (exit 1, a crash).
asan_common="halt_on_error=1:detect_leaks=1:allocator_may_return_null=1:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1"
export ASAN_OPTIONS="$asan_common:handle_segv=1"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
# UBSan checks cannot be suppressed here: -fno-sanitize-recover=undefined
# makes every check fatal, and fatal checks ignore suppression files.
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LD_PRELOAD="$support/librlimit-shim.so${LD_PRELOAD:+:$LD_PRELOAD}"

# Excluded from the main run (lit --filter-out), with why:
#  - Embedding/: the out-of-tree embedding examples (build-asan/examples) are
#    built only by scripts/build.sh for the main build; here they are absent.
#  - Python/: pytest runs Debian's /usr/bin/python3, which has no ASan
#    runtime; importing the instrumented extension _cwm needs the ASan
#    runtime preloaded, and a preloaded shared runtime then clashes with the
#    static one of every instrumented cwm tool the tests spawn.
#  - Reliability/fault-injection.test, Reliability/reference-failure.test
#    and CostModel/corrupt-model.test run in a second pass below with
#    handle_segv=0: their workers (or the child that first reads a world
#    model file) raise or hit SIGSEGV on purpose, which ASan's SIGSEGV
#    handler turns into a report and exit status 1; cwm then reports a crash
#    without the signal, and the tests check for the signal.
segv_tests='Reliability/(fault-injection|reference-failure)|CostModel/corrupt-model'
exclude="Embedding/|Python/|$segv_tests"
log="$build/sanitize-lit.log"
status=0
$llvm/bin/lit -sv --filter-out "$exclude" "$@" "$build/test" "$build/test/Unit" \
  2>&1 | tee "$log" || status=1
log2="$build/sanitize-lit-faults.log"
ASAN_OPTIONS="$asan_common:handle_segv=0" \
  $llvm/bin/lit -sv --filter "$segv_tests" "$@" "$build/test" \
  2>&1 | tee "$log2" || status=1

# A sanitizer report from a cwm-worker (spawned by the tuner) does not fail
# the tuner: it becomes that candidate's crash record (exit status 1, the
# report's first lines as its message), and a test fails only if it checks
# that candidate. So list every database or output under the tests' Output
# folders that holds such a report.
reports=$(grep -rlE "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:" \
  "$build/test" --include='*' 2>/dev/null | grep '/Output/' || true)
if [ -n "$reports" ]; then
  echo "sanitize: sanitizer reports inside test outputs (worker crashes):"
  echo "$reports" | sed 's/^/  /'
  status=1
fi

# One line: passed / failed / skipped (unsupported) / excluded, over both
# passes (the second runs the tests that the first excludes).
summarize() {
  python3 - "$@" <<'EOF'
import re, sys
totals, ran_second = {}, 0
for index, path in enumerate(sys.argv[1:]):
    for line in open(path, errors="replace"):
        m = re.match(r"\s*(Passed|Failed|Unsupported|Skipped|Excluded|"
                     r"Expectedly Failed|Unresolved|Timed Out|"
                     r"Unexpectedly Passed)\s*:\s*(\d+)", line)
        if not m:
            continue
        kind, count = m.group(1), int(m.group(2))
        if kind == "Excluded":
            if index == 0:
                totals["Excluded"] = totals.get("Excluded", 0) + count
            continue
        totals[kind] = totals.get(kind, 0) + count
        if index == 1:
            ran_second += count
failed = sum(totals.get(k, 0) for k in
             ("Failed", "Unresolved", "Timed Out", "Unexpectedly Passed"))
passed = totals.get("Passed", 0) + totals.get("Expectedly Failed", 0)
skipped = totals.get("Unsupported", 0) + totals.get("Skipped", 0)
excluded = totals.get("Excluded", 0) - ran_second
print(f"passed {passed} / failed {failed} / skipped {skipped} / "
      f"excluded {excluded}")
EOF
}
echo "sanitize: $(summarize "$log" "$log2") (excluded: Embedding/, Python/;" \
  "logs: $log $log2)"
exit $status
