#!/usr/bin/env bash
# Builds the seed corpus of kiln-onnx-fuzzer in OUT_DIR: the ONNX node tests'
# models (binary, prefixed with 0x00) and the text-format importer tests
# (prefixed with 0x01). The first byte selects the parser.
set -euo pipefail
if [[ $# -ne 1 ]]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 1
fi
out=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
testdata=${ONNX_TESTDATA:-/usr/share/libonnx-testdata/data/node}
mkdir -p "$out"
n=0
for model in "$testdata"/*/model.onnx; do
  [[ -f $model ]] || continue
  name=$(basename "$(dirname "$model")")
  { printf '\x00'; cat "$model"; } > "$out/bin-$name"
  n=$((n + 1))
done
for txt in "$src"/test/Import/Onnx/*.onnxtxt; do
  [[ -f $txt ]] || continue
  { printf '\x01'; cat "$txt"; } > "$out/txt-$(basename "$txt" .onnxtxt)"
  n=$((n + 1))
done
echo "$n seeds in $out"
