#!/usr/bin/env bash
# Runs PROGRAM on the zoo's reference data for each MODEL, converted to raw
# float32: PROGRAM IN_1 REF_1 IN_2 REF_2 ...
#   run-with-models.sh PROGRAM MODELS_DIR WORK_DIR MODEL...
set -euo pipefail
program="$1" models="$2" work="$3"
shift 3
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$work"
args=()
for m in "$@"; do
  python3 "$here/pb_to_bin.py" "$models/$m.input_0.pb" "$work/$m.in.bin" \
    "$models/$m.output_0.pb" "$work/$m.ref.bin"
  args+=("$work/$m.in.bin" "$work/$m.ref.bin")
done
"$program" "${args[@]}"
