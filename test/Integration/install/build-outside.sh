#!/usr/bin/env bash
# Configures and builds a CMake project outside Kiln's tree against the Kiln
# installed at PREFIX, found the way users find it (CMAKE_PREFIX_PATH), and
# checks that it found that one:
#   build-outside.sh PREFIX SOURCE_DIR BUILD_DIR [CMAKE_ARGS...]
set -euo pipefail
prefix="$1" source="$2" build="$3"
shift 3
rm -rf "$build"
cmake -G Ninja -S "$source" -B "$build" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" "$@" >"$build.configure.log" ||
  { cat "$build.configure.log"; exit 1; }
found="$(sed -n 's/^Kiln_DIR:PATH=//p' "$build/CMakeCache.txt")"
if [[ "$found" != "$prefix/lib/cmake/Kiln" ]]; then
  echo "build-outside: found Kiln in '$found', not in $prefix"
  exit 1
fi
cmake --build "$build"
