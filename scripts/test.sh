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
# The Debian package installed into the system, run from /usr/bin and
# removed again (as root; skipped with the reason otherwise): after the
# suites, because an installed cwm is visible to every test running beside
# it (tools look for models in /usr/share/cwm).
install_log=$build/package-install.log
if INSTALL=1 bash "$root/scripts/package-deb.sh" "$build" "$build/package-install" > "$install_log" 2>&1; then
  if grep -q '^install: skipped' "$install_log"; then
    skipped=$((skipped + 1)) # not root, or a cwm package installed already
  else
    passed=$((passed + 1))
  fi
  grep '^install' "$install_log"
else
  failed=$((failed + 1))
  status=1
  echo "FAIL: the Debian package's install check (scripts/package-deb.sh, INSTALL=1):" >&2
  cat "$install_log" >&2
fi
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit $status
