#!/usr/bin/env bash
# Installs every Debian package cwm builds, tests or benchmarks with, or, given
# package names, just those (scripts/fuzz.sh and scripts/sanitize.sh ask for
# clang and its sanitizer runtimes this way).
# Idempotent: packages already present are skipped; runs apt only when needed.
#   install-deps.sh [PACKAGE...]
set -euo pipefail

packages=(
  # Compiler infrastructure (MLIR/LLVM 22) and the OpenMP runtime for multi-core CPU code.
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools libomp-22-dev
  # Build tools.
  cmake ninja-build ccache g++ pkg-config
  # Tests.
  libgtest-dev libgmock-dev
  # Learned cost models: LibTorch (world model) and XGBoost (snapshot baseline).
  libtorch-dev libxgboost-dev
  # An optimized BLAS behind LibTorch: Debian's default reference BLAS makes
  # world-model rollouts and training about 12x slower.
  libopenblas0-pthread
  # Python bindings and plots (Debian's /usr/bin/python3).
  python3 python3-dev pybind11-dev python3-numpy python3-matplotlib python3-pytest
  # The numerical reference for whole models (PyTorch 1.13, CPU).
  python3-torch
  # Compression of shipped datasets.
  zstd
  # runner=slurm and its one-node test cluster (scripts/slurm-local.sh).
  slurmctld slurmd slurm-client munge
)
if [ $# -gt 0 ]; then packages=("$@"); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
