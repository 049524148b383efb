#!/usr/bin/env bash
# Sets everything up, builds, and runs every test (lit + gtest through lit).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
build="${CWM_BUILD_DIR:-$root/build}"
log=$(mktemp)
status=0
/usr/lib/llvm-22/bin/lit -sv "$build/test" "$build/test/Unit" 2>&1 | tee "$log" || status=$?
# Sum a lit summary field over both suites (awk: no extra package needed).
count() { awk -v pat="$1" '$0 ~ "^ *(" pat ") *:" { split($0, f, ":"); split(f[2], n, " "); s += n[1] } END { print s + 0 }' "$log"; }
passed=$(count "Passed")
failed=$(count "Failed")
skipped=$(count "Unsupported|Skipped")
rm -f "$log"
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit $status
