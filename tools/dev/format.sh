#!/usr/bin/env bash
# Formats the C/C++ lines changed since the merge base with origin/main (or
# HEAD~1) with clang-format-22, the version CI uses.
set -euo pipefail
base="$(git merge-base HEAD origin/main 2>/dev/null || git rev-parse HEAD~1)"
exec git clang-format-22 --binary clang-format-22 "$base" "$@"
