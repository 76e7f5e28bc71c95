#!/usr/bin/env bash
# README command (2): installs every dependency, builds Kiln and runs all of
# its tests (lit, unit). Exits non-zero on any failure.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${KILN_BUILD_DIR:-$root/build}"

bash "$root/tools/dev/setup.sh"
bash "$root/tools/dev/build.sh"
cd "$build"
ctest --output-on-failure -j "$(nproc)"
