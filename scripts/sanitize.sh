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

# clang and its sanitizer runtimes (idempotent, as scripts/install-deps.sh).
missing=()
for p in clang-22 libclang-rt-22-dev; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -ne 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "sanitize: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

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
if [ ! -f "$support/librlimit-shim.so" ] ||
   [ "$root/scripts/sanitizer-support/rlimit-shim.c" -nt "$support/librlimit-shim.so" ]; then
  clang-22 -O2 -shared -fPIC -o "$support/librlimit-shim.so" \
    "$root/scripts/sanitizer-support/rlimit-shim.c" -ldl
  clang-22 -O1 -fsanitize=address,undefined -o "$support/asan-probe" \
    "$root/scripts/sanitizer-support/asan-probe.c"
fi
overhead=$("$support/asan-probe")
if [ "$build_only" = 1 ]; then
  echo "sanitize: built $build (ASan address-space overhead $overhead bytes)"
  exit 0
fi

supp="$root/scripts/sanitizer-suppressions"
export ASAN_SYMBOLIZER_PATH=$llvm/bin/llvm-symbolizer
export UBSAN_SYMBOLIZER_PATH=$llvm/bin/llvm-symbolizer
# detect_leaks=0: leaks at exit are LibTorch's and MLIR's global registries
# and caches (never freed by design) and would fail every tool run; leak
# checking of cwm code is left to the fuzzers (scripts/fuzz.sh).
# allocator_may_return_null=1: a failed allocation returns null as in a normal
# build, which the worker turns into an out_of_memory record (its kernels'
# malloc) instead of an ASan out-of-memory report (exit 1, a crash).
asan_common="halt_on_error=1:detect_leaks=0:allocator_may_return_null=1:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1"
export ASAN_OPTIONS="$asan_common:handle_segv=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp"
export CWM_ASAN_VA_OVERHEAD_BYTES="$overhead"
export LD_PRELOAD="$support/librlimit-shim.so${LD_PRELOAD:+:$LD_PRELOAD}"

# Excluded from the main run (lit --filter-out), with why:
#  - Embedding/: the out-of-tree embedding examples (build-asan/examples) are
#    built only by scripts/build.sh for the main build; here they are absent.
#  - Python/: pytest runs Debian's /usr/bin/python3, which has no ASan
#    runtime; importing the instrumented extension _cwm needs the ASan
#    runtime preloaded, and a preloaded shared runtime then clashes with the
#    static one of every instrumented cwm tool the tests spawn.
#  - Reliability/fault-injection.test runs in a second pass below with
#    handle_segv=0: with ASan's SIGSEGV handler a worker's injected segv
#    becomes an ASan report and exit status 1, which the runner records as a
#    crash without signal 11 (the test checks for the signal).
exclude='Embedding/|Python/|Reliability/fault-injection'
log="$build/sanitize-lit.log"
status=0
$llvm/bin/lit -sv --filter-out "$exclude" "$@" "$build/test" "$build/test/Unit" \
  2>&1 | tee "$log" || status=1
log2="$build/sanitize-lit-faults.log"
ASAN_OPTIONS="$asan_common:handle_segv=0" \
  $llvm/bin/lit -sv --filter 'Reliability/fault-injection' "$@" "$build/test" \
  2>&1 | tee "$log2" || status=1

# One line: passed / failed / skipped (unsupported) / excluded.
summary=$(python3 - "$log" "$log2" <<'EOF'
import re, sys
counts = {}
for path in sys.argv[1:]:
    for line in open(path, errors="replace"):
        m = re.match(r"\s*(Passed|Failed|Unsupported|Excluded|Skipped|Expectedly Failed|Unresolved|Timed Out|Unexpectedly Passed)\s*:\s*(\d+)", line)
        if m:
            counts[m.group(1)] = counts.get(m.group(1), 0) + int(m.group(2))
# The second pass excludes everything but the one test the first excluded.
excluded = counts.get("Excluded", 0)
failed = sum(counts.get(k, 0) for k in ("Failed", "Unresolved", "Timed Out", "Unexpectedly Passed"))
print(f"passed {counts.get('Passed', 0) + counts.get('Expectedly Failed', 0)} / "
      f"failed {failed} / skipped {counts.get('Unsupported', 0) + counts.get('Skipped', 0)}")
EOF
)
echo "sanitize: $summary (excluded: Embedding/, Python/; logs: $log $log2)"
exit $status
