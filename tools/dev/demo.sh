#!/usr/bin/env bash
# README command (1): installs every dependency, builds Kiln, and runs the
# main job on the example model docs/examples/tiny_cnn/tiny_cnn.onnx: shows
# its kiln IR, compiles it to a shared library and runs it, checking the
# result against ONNX Runtime's.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${KILN_BUILD_DIR:-$root/build}"
example="$root/docs/examples/tiny_cnn"
out="$build/demo"

bash "$root/tools/dev/setup.sh"
bash "$root/tools/dev/build.sh" kiln-compile kiln-run
mkdir -p "$out"

echo "== kiln-compile tiny_cnn.onnx --emit=kiln (weights elided)"
"$build/bin/kiln-compile" "$example/tiny_cnn.onnx" --emit=kiln -o - \
  --mlir-elide-elementsattrs-if-larger=16

echo "== kiln-compile tiny_cnn.onnx -o $out/tiny_cnn.so"
"$build/bin/kiln-compile" "$example/tiny_cnn.onnx" -o "$out/tiny_cnn.so"

echo "== kiln-run tiny_cnn.so on input_0.pb, compared with ONNX Runtime"
"$build/bin/kiln-run" "$out/tiny_cnn.so" --input "$example/input_0.pb" \
  --expect "$example/output_0.pb"
