#!/usr/bin/env bash
# Builds the Kiln runtime alone as a static library with -Os (CMake's
# MinSizeRel, no tests) and prints its code size: `size` on every archive
# member, summed. Goal: at most 16 KB (16384 bytes) of text.
#   tools/dev/runtime-size.sh [build-dir]     (default: a temporary folder)
# Extra CMake arguments can come through KILN_RT_SIZE_CMAKE_ARGS, e.g.
# "-DCMAKE_CXX_COMPILER=clang++-22".
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-}"
if [[ -z "$build" ]]; then
  build="$(mktemp -d)"
  trap 'rm -rf "$build"' EXIT
fi

# shellcheck disable=SC2086
cmake -G Ninja -S "$root/runtime" -B "$build" -DCMAKE_BUILD_TYPE=MinSizeRel \
  -DKILN_RT_BUILD_TESTS=OFF ${KILN_RT_SIZE_CMAKE_ARGS:-} >/dev/null
ninja -C "$build" kiln_rt >/dev/null
archive="$build/libkiln_rt.a"

# Berkeley format: text (code and read-only data), data, bss per member.
echo "Per member (size -B, $archive):"
size -B "$archive" | sed 's/^/  /'
text=$(size -B "$archive" | awk 'NR > 1 { sum += $1 } END { print sum }')
# System V format: the .text sections alone (one per function with
# -ffunction-sections).
code=$(size -A "$archive" | awk '$1 ~ /^\.text/ { sum += $2 } END { print sum }')
echo "text (code + read-only data): $text bytes"
echo ".text sections only:          $code bytes"
if (( text > 16384 )); then
  echo "over the 16 KB goal"
  exit 1
fi
