#!/usr/bin/env bash
# Cross-compiles conv_small for aarch64 (--target=aarch64-linux-gnu), links
# it with the runtime built by the aarch64 GNU toolchain into main_one.cpp,
# and runs the program under qemu-aarch64.
#   run-aarch64.sh TOOLS_DIR RUNTIME_SOURCE_DIR MODELS_DIR WORK_DIR
set -euo pipefail
tools="$1" runtime="$2" models="$3" work="$4"
here="$(cd "$(dirname "$0")" && pwd)"
cxx=aarch64-linux-gnu-g++
mkdir -p "$work"
m=conv_small
"$tools/kiln-compile" "$models/$m.onnx" --target=aarch64-linux-gnu \
  --emit=obj -o "$work/$m.o"
"$tools/kiln-compile" "$models/$m.onnx" --emit=header -o "$work/$m.h"
file "$work/$m.o" | grep -q "ARM aarch64" ||
  { echo "$work/$m.o is not an aarch64 object"; exit 1; }
python3 "$here/pb_to_bin.py" "$models/$m.input_0.pb" "$work/$m.in.bin" \
  "$models/$m.output_0.pb" "$work/$m.ref.bin"
# The runtime, as its own build compiles it: C++17, no exceptions or RTTI,
# OpenMP from GNU libgomp. Without its oneDNN shims: cross-compiled models
# are generated code only, and there is no aarch64 oneDNN to link.
mapfile -t sources < <(find "$runtime/src" -name '*.cpp' -not -path '*/onednn/*' | sort)
$cxx -std=c++17 -O2 -fno-exceptions -fno-rtti -fopenmp -I "$runtime/include" \
  -I "$runtime/src" -I "$work" -I "$here" "$here/main_one.cpp" "$work/$m.o" "${sources[@]}" \
  -lm -o "$work/main_one"
qemu-aarch64 -L /usr/aarch64-linux-gnu "$work/main_one" "$work/$m.in.bin" \
  "$work/$m.ref.bin"
