#!/usr/bin/env bash
# Configures and builds cwm in ./build (Release, Ninja, ccache).
# Usage: scripts/build.sh [ninja targets...]
# With no targets it also installs cwm into $CWM_INSTALL_PREFIX (default
# build/install) and builds the out-of-tree embedding examples against that
# installed package (build/examples; docs/embedding.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${CWM_BUILD_DIR:-$root/build}"
# ccache hits across fresh clones only with a base dir and no hashed cwd.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true CCACHE_COMPRESS=true
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="${CWM_INSTALL_PREFIX:-$build/install}" \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
fi
jobs="${CWM_BUILD_JOBS:-$(nproc)}"
cmake --build "$build" -j "$jobs" -- "$@"
if [ $# -eq 0 ]; then
  cmake --install "$build" > "$build/install.log"
  prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
  if [ ! -f "$build/examples/build.ninja" ]; then
    cmake -G Ninja -S "$root/examples/embedding" -B "$build/examples" \
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" \
      -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
      -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
  fi
  cmake --build "$build/examples" -j "$jobs"
fi
