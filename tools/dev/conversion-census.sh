#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Counts how many ONNX models reach the kiln dialect: each model is imported
# (kiln-translate --import-onnx), given static input shapes and converted
# (kiln-opt --kiln-set-input-shapes --convert-kiln-onnx-to-kiln
# --canonicalize), with a time limit per model. Prints the counts and the
# most frequent failure reasons.
#
# Usage: tools/dev/conversion-census.sh [-b BUILD_DIR] [-t SECONDS] [-o LOG_DIR]
#                                       [-n TOP] [MODEL_GLOB]
#   BUILD_DIR   where bin/kiln-translate and bin/kiln-opt are (default: build)
#   SECONDS     time limit per model and step (default: 10)
#   LOG_DIR     keep per-model logs and a summary there (default: a temp dir)
#   TOP         how many failure reasons to print (default: 25)
#   MODEL_GLOB  the models (default: the ONNX backend node tests,
#               /usr/share/libonnx-testdata/data/node/*/model.onnx)

set -u

build=build
limit=10
logdir=
top=25
while getopts "b:t:o:n:h" opt; do
  case "$opt" in
  b) build=$OPTARG ;;
  t) limit=$OPTARG ;;
  o) logdir=$OPTARG ;;
  n) top=$OPTARG ;;
  *)
    sed -n '3,17p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
  esac
done
shift $((OPTIND - 1))
glob=${1:-/usr/share/libonnx-testdata/data/node/*/model.onnx}

translate=$build/bin/kiln-translate
opt=$build/bin/kiln-opt
for tool in "$translate" "$opt"; do
  if [ ! -x "$tool" ]; then
    echo "error: $tool not found; build it or pass -b BUILD_DIR" >&2
    exit 2
  fi
done
if [ -z "$logdir" ]; then
  logdir=$(mktemp -d)
  trap 'rm -rf "$logdir"' EXIT
fi
mkdir -p "$logdir"

# Prints "name=D0xD1x...,..." for the inputs of test data set 0 beside
# MODEL, or nothing.
data_shapes() {
  python3 - "$1" 2>/dev/null <<'PY'
import glob, os, sys
import onnx
folder = os.path.join(os.path.dirname(sys.argv[1]), "test_data_set_0")
specs = []
for path in sorted(glob.glob(os.path.join(folder, "input_*.pb"))):
    tensor = onnx.TensorProto()
    with open(path, "rb") as f:
        tensor.ParseFromString(f.read())
    if tensor.name and tensor.dims:
        specs.append(tensor.name + "=" + "x".join(map(str, tensor.dims)))
print(",".join(specs))
PY
}

total=0 converted=0 import_failed=0 convert_failed=0 timed_out=0 leftover=0
given_shapes=0
: >"$logdir/reasons.txt"
: >"$logdir/results.txt"
for model in $glob; do
  [ -f "$model" ] || continue
  name=$(basename "$(dirname "$model")")
  total=$((total + 1))
  imported=$logdir/$name.onnx.mlir
  errors=$logdir/$name.err
  timeout "$limit" "$translate" --import-onnx "$model" --mlir-print-debuginfo \
    -o "$imported" 2>"$errors"
  rc=$?
  if [ $rc -ne 0 ]; then
    if [ $rc -eq 124 ]; then
      timed_out=$((timed_out + 1)) result="timeout (import)"
    else
      import_failed=$((import_failed + 1)) result="import failed"
    fi
    echo "$name: $result" >>"$logdir/results.txt"
    # One reason per model: its first error line, without the location.
    grep -m1 "error:" "$errors" | sed 's/^.*error: /import: /' >>"$logdir/reasons.txt"
    continue
  fi
  set_shapes=--kiln-set-input-shapes
  if grep -q "kiln_onnx.dim_params" "$imported"; then
    shapes=$(data_shapes "$model")
    if [ -n "$shapes" ]; then
      set_shapes="--kiln-set-input-shapes=shapes=$shapes"
      given_shapes=$((given_shapes + 1))
    fi
  fi
  timeout "$limit" "$opt" "$imported" "$set_shapes" \
    --convert-kiln-onnx-to-kiln --canonicalize -o "$logdir/$name.kiln.mlir" \
    2>"$errors"
  rc=$?
  if [ $rc -eq 124 ]; then
    timed_out=$((timed_out + 1))
    echo "$name: timeout (convert)" >>"$logdir/results.txt"
    echo "timeout" >>"$logdir/reasons.txt"
  elif [ $rc -ne 0 ]; then
    convert_failed=$((convert_failed + 1))
    echo "$name: conversion failed" >>"$logdir/results.txt"
    # Each distinct reason once per model, with node names removed so that
    # the same problem in different models counts together.
    grep "error:" "$errors" |
      sed -e 's/^.*error: //' -e "s/^node '[^']*' /node /" \
        -e "s/^graph \(input\|output\) '[^']*'/graph \1/" |
      sort -u >>"$logdir/reasons.txt"
  elif grep -q "kiln_onnx\.\(node\|constant\|none\)" "$logdir/$name.kiln.mlir"; then
    leftover=$((leftover + 1))
    echo "$name: kiln_onnx ops left" >>"$logdir/results.txt"
    echo "kiln_onnx ops left after conversion" >>"$logdir/reasons.txt"
  else
    converted=$((converted + 1))
    echo "$name: converted" >>"$logdir/results.txt"
  fi
done

percent=0
[ "$total" -gt 0 ] && percent=$((100 * converted / total))
{
  echo "models:            $total"
  echo "reach kiln IR:     $converted ($percent%)"
  echo "import failed:     $import_failed"
  echo "conversion failed: $convert_failed"
  echo "timed out:         $timed_out"
  echo "kiln_onnx left:    $leftover"
  echo "(symbolic input shapes taken from test data: $given_shapes models)"
  echo
  echo "top failure reasons (models per reason):"
  sort "$logdir/reasons.txt" | uniq -c | sort -rn | head -n "$top"
} | tee "$logdir/summary.txt"
