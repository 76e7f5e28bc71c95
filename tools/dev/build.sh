#!/usr/bin/env bash
# Configures (once) and builds Kiln in ./build with Ninja.
#   tools/dev/build.sh [ninja targets...]     (default: everything)
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${KILN_BUILD_DIR:-$root/build}"

if [[ ! -f "$build/build.ninja" ]]; then
  cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
fi
ninja -C "$build" "$@"
