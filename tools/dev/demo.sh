#!/usr/bin/env bash
# README command (1): installs every dependency, builds Kiln, and runs the
# main job on the example model docs/examples/tiny_cnn/tiny_cnn.onnx.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${KILN_BUILD_DIR:-$root/build}"
model="$root/docs/examples/tiny_cnn/tiny_cnn.onnx"

bash "$root/tools/dev/setup.sh"
bash "$root/tools/dev/build.sh" kiln-compile

echo "== kiln-compile $model --emit=kiln"
"$build/bin/kiln-compile" "$model" --emit=kiln -o -
