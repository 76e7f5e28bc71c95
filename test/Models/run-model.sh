#!/usr/bin/env bash
# Compiles one benchmark-zoo model to a shared library and checks its output
# against ONNX Runtime's reference within the zoo's tolerance (rtol 1e-3,
# atol 1e-4).
#   run-model.sh TOOLS_DIR MODELS_DIR MODEL WORK_DIR
# KILN_COMPILE_ARGS adds kiln-compile flags, e.g. --cpu-backend=onednn.
set -euo pipefail
tools="$1" models="$2" model="$3" work="$4"
mkdir -p "$work"
# shellcheck disable=SC2086
"$tools/kiln-compile" "$models/$model.onnx" ${KILN_COMPILE_ARGS:-} \
  -o "$work/$model.so"
args=()
for f in "$models/$model".input_*.pb; do args+=(--input "$f"); done
for f in "$models/$model".output_*.pb; do args+=(--expect "$f"); done
"$tools/kiln-run" "$work/$model.so" "${args[@]}" --rtol 1e-3 --atol 1e-4
