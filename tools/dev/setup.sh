#!/usr/bin/env bash
# Installs everything Kiln needs to build and test on Debian 12 (run as root).
# Idempotent: packages already present are skipped by apt and pip.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive

APT_PACKAGES=(
  # Toolchain: LLVM/MLIR 22, clang-22 + lld-22 to build, ccache, Ninja, CMake.
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools llvm-22
  clang-22 lld-22 libclang-rt-22-dev clang-format-22
  cmake ninja-build ccache
  # Front end and CPU back end libraries.
  libonnx-dev libprotobuf-dev protobuf-compiler libdnnl-dev
  # Tests: GoogleTest, the ONNX backend test data, lit's Python; the
  # aarch64 cross toolchain and user-mode QEMU for the cross-target test.
  libgtest-dev libonnx-testdata python3 file
  gcc-aarch64-linux-gnu g++-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$pkg")
done
if ((${#missing[@]})); then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The python3 on PATH (not Debian's) runs Kiln's scripts and the Python tests.
python3 -m pip install -q --disable-pip-version-check -r "$(dirname "$0")/requirements.txt"
