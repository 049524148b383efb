#!/usr/bin/env bash
# Builds cwm's Debian package from a finished build and checks it from a
# scratch root, without touching the system:
#   scripts/package-deb.sh [BUILD_DIR] [OUT_DIR]   (default build, BUILD_DIR/package)
# Prints the package's name, version and dependencies; fails if a dependency
# is not an installed Debian package here, or if the unpacked tools, models,
# documentation or Python package are missing or do not run. To install it:
#   sudo apt install ./OUT_DIR/cwm_VERSION_amd64.deb
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
out=${2:-$build/package}
mkdir -p "$out"
out=$(cd "$out" && pwd)
[ -f "$build/CPackConfig.cmake" ] || { echo "package-deb: $build is not a configured cwm build" >&2; exit 2; }
rm -f "$out"/cwm_*.deb
(cd "$build" && cpack -G DEB -B "$out" > "$out/cpack.log" 2>&1) ||
  { echo "package-deb: cpack failed (see $out/cpack.log)" >&2; exit 1; }
deb=$(ls "$out"/cwm_*.deb)
echo "package: $(basename "$deb")"
dpkg-deb -f "$deb" Package Version Depends
for dep in $(dpkg-deb -f "$deb" Depends | tr ',' '\n' | awk '{print $1}'); do
  dpkg -s "$dep" > /dev/null 2>&1 ||
    { echo "package-deb: dependency $dep is not an installed package here" >&2; exit 1; }
done
echo "dependencies: all installed"
scratch=$out/root
rm -rf "$scratch"
dpkg-deb -x "$deb" "$scratch"
usr=$scratch/usr
for f in bin/cwm-opt bin/cwm-worker bin/cwm-run bin/cwm-train share/cwm/models/cpu-world.pt \
         share/cwm/models/cuda-world.pt share/doc/cwm/README.md share/doc/cwm/LICENSE \
         share/doc/cwm/docs/architecture.md lib/libcwm_world_model.so; do
  [ -e "$usr/$f" ] || { echo "package-deb: /usr/$f missing from the package" >&2; exit 1; }
done
"$usr/bin/cwm-opt" --version | head -1
python=$(ls -d "$usr"/lib/python3*/dist-packages)
PYTHONPATH=$python PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -c \
  'import cwm, cwm_models; print("python:", cwm.version(), "from", cwm.__file__.split("/usr/", 1)[1])'
# One trial from the unpacked tools alone: the worker and the world-model
# plugin are found beside cwm-opt.
cat > "$out/smoke.mlir" <<'MLIR'
func.func @mm(%A: tensor<64x64xf32>, %B: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x64xf32>
  %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %R = linalg.matmul ins(%A, %B : tensor<64x64xf32>, tensor<64x64xf32>) outs(%C : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %R : tensor<64x64xf32>
}
MLIR
env -u CWM_WORKER -u CWM_MODEL_DIR -u CWM_WORLD_MODEL_PLUGIN "$usr/bin/cwm-opt" "$out/smoke.mlir" \
  --cwm-autotune="trials=1 cost-model=world min-time=0.01 threads=1 db=$out/smoke.jsonl report=$out/smoke.json" \
  -o /dev/null 2> "$out/smoke.log" || { cat "$out/smoke.log" >&2; exit 1; }
grep -o '"model_file": *"[^"]*"' "$out/smoke.json" | sed "s|$scratch||"
echo "smoke: $(grep -c '"kind":"record"' "$out/smoke.jsonl") records"

# INSTALL=1 (CI, as root): install the package into the system with dpkg,
# run the installed tools from /usr/bin (version, one trial with the
# installed world model, the Python package from Debian's own path), then
# remove it again. Skipped, saying why, when not root or when a cwm
# package is installed already (it is never replaced or removed).
if [ "${INSTALL:-0}" = 1 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install: skipped (not root)"
  elif dpkg -s cwm > /dev/null 2>&1; then
    echo "install: skipped (a cwm package is installed already)"
  else
    trap 'dpkg -r cwm > /dev/null 2>&1 || true' EXIT
    dpkg -i "$deb" > "$out/install.log" 2>&1 ||
      { cat "$out/install.log" >&2; echo "package-deb: dpkg -i failed" >&2; exit 1; }
    echo "installed: $(dpkg-query -W -f='${Package} ${Version} ${Status}' cwm)"
    (cd / && /usr/bin/cwm-opt --version | head -1 | sed 's/^/installed /')
    (cd / && env -u PYTHONPATH PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -c \
      'import cwm; print("installed python:", cwm.__file__)')
    rm -f "$out/installed.jsonl"
    (cd / && env -u CWM_WORKER -u CWM_MODEL_DIR -u CWM_WORLD_MODEL_PLUGIN /usr/bin/cwm-opt "$out/smoke.mlir" \
      --cwm-autotune="trials=1 cost-model=world min-time=0.01 threads=1 db=$out/installed.jsonl report=$out/installed.json" \
      -o /dev/null 2> "$out/installed.log") || { cat "$out/installed.log" >&2; exit 1; }
    grep -o '"model_file": *"[^"]*"' "$out/installed.json" | sed 's/^/installed /'
    dpkg -r cwm > "$out/remove.log" 2>&1 || { cat "$out/remove.log" >&2; exit 1; }
    trap - EXIT
    dpkg -s cwm > /dev/null 2>&1 && { echo "package-deb: cwm still installed after dpkg -r" >&2; exit 1; }
    [ -e /usr/bin/cwm-opt ] && { echo "package-deb: /usr/bin/cwm-opt left after dpkg -r" >&2; exit 1; }
    echo "install: installed, ran and removed"
  fi
fi
