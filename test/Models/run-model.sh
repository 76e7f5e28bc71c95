#!/usr/bin/env bash
# Compiles one benchmark-zoo model to a shared library and checks its output
# against ONNX Runtime's reference within the zoo's tolerance (rtol 1e-3,
# atol 1e-4).
#   run-model.sh TOOLS_DIR MODELS_DIR MODEL WORK_DIR
set -euo pipefail
tools="$1" models="$2" model="$3" work="$4"
mkdir -p "$work"
"$tools/kiln-compile" "$models/$model.onnx" -o "$work/$model.so"
args=()
for f in "$models/$model".input_*.pb; do args+=(--input "$f"); done
for f in "$models/$model".output_*.pb; do args+=(--expect "$f"); done
"$tools/kiln-run" "$work/$model.so" "${args[@]}" --rtol 1e-3 --atol 1e-4
