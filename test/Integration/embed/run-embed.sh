#!/usr/bin/env bash
# Builds main.cpp against two models compiled to objects with generated
# headers (conv_small, resnet18) and the runtime archive, as an application
# would, and runs it.
#   run-embed.sh TOOLS_DIR RUNTIME_ARCHIVE RUNTIME_INCLUDE MODELS_DIR WORK_DIR
set -euo pipefail
tools="$1" runtime="$2" include="$3" models="$4" work="$5"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$work"
for m in conv_small resnet18; do
  "$tools/kiln-compile" "$models/$m.onnx" --emit=obj -o "$work/$m.o"
  "$tools/kiln-compile" "$models/$m.onnx" --emit=header -o "$work/$m.h"
  python3 "$here/pb_to_bin.py" "$models/$m.input_0.pb" "$work/$m.in.bin" \
    "$models/$m.output_0.pb" "$work/$m.ref.bin"
done
c++ -std=c++17 -O2 -I "$work" -I "$include" -I "$here" "$here/main.cpp" \
  "$work/conv_small.o" "$work/resnet18.o" "$runtime" -lgomp -lm \
  -o "$work/embed"
"$work/embed" "$work/conv_small.in.bin" "$work/conv_small.ref.bin" \
  "$work/resnet18.in.bin" "$work/resnet18.ref.bin"
