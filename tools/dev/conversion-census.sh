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
#                                       [-n TOP] [-k] [MODEL_GLOB]
#   BUILD_DIR   where bin/kiln-translate and bin/kiln-opt are (default: build)
#   SECONDS     time limit per model and step (default: 10)
#   LOG_DIR     keep per-model logs there (default: a temp dir), with
#               summary.txt (what this prints), counts.txt (the counts as
#               key=value lines, read by test/Conformance/conformance.py)
#               and reasons.txt (each failure reason once per model)
#   TOP         how many failure reasons to print (default: 25)
#   -k          also count the models that fail only because a shape operand
#               (Reshape's shape, Slice's bounds, ...) is a graph input: they
#               are retried with those inputs frozen to their test data
#   MODEL_GLOB  the models (default: the ONNX backend node tests,
#               /usr/share/libonnx-testdata/data/node/*/model.onnx)

set -u

build=build
limit=10
logdir=
top=25
freeze=0
while getopts "b:t:o:n:kh" opt; do
  case "$opt" in
  b) build=$OPTARG ;;
  t) limit=$OPTARG ;;
  o) logdir=$OPTARG ;;
  n) top=$OPTARG ;;
  k) freeze=1 ;;
  *)
    # The comment block at the top, without its markers.
    awk 'NR > 2 && /^#/ { sub(/^# ?/, ""); print; next } NR > 2 { exit }' "$0"
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

# Writes CURRENT (a version of the test model ORIGINAL) with the graph
# inputs that ERRORS (a kiln-opt error log) names as non-constant shape
# operands turned into initializers holding the values of ORIGINAL's test
# data set 0, to OUT. Fails when there is nothing to freeze.
freeze_inputs() {
  python3 - "$@" 2>/dev/null <<'PY'
import os, re, sys
import onnx
original_path, current_path, errors_path, out_path = sys.argv[1:5]
original = onnx.load(original_path)
model = onnx.load(current_path)
errors = open(errors_path).read()
wanted = re.findall(r"node '([^']*)' \([^)]*\): input (\d+) \('[^']*'\) must be "
                    r"a constant", errors)
# Test data files follow the original graph inputs that are not
# initializers.
initialized = {t.name for t in original.graph.initializer}
data_inputs = [i.name for i in original.graph.input if i.name not in initialized]
current = {i.name for i in model.graph.input}
folder = os.path.join(os.path.dirname(original_path), "test_data_set_0")
frozen = set()
for name, index in wanted:
    nodes = [n for i, n in enumerate(model.graph.node)
             if (n.name or f"{n.op_type}_{i}") == name]
    if not nodes or int(index) >= len(nodes[0].input):
        continue
    value = nodes[0].input[int(index)]
    if value not in current or value not in data_inputs or value in frozen:
        continue
    path = os.path.join(folder, f"input_{data_inputs.index(value)}.pb")
    if not os.path.exists(path):
        continue
    tensor = onnx.TensorProto()
    with open(path, "rb") as f:
        tensor.ParseFromString(f.read())
    tensor.name = value
    model.graph.initializer.append(tensor)
    frozen.add(value)
if not frozen:
    sys.exit(1)
kept = [i for i in model.graph.input if i.name not in frozen]
del model.graph.input[:]
model.graph.input.extend(kept)
onnx.save(model, out_path)
PY
}

total=0 converted=0 import_failed=0 convert_failed=0 timed_out=0 leftover=0
given_shapes=0 frozen_converted=0
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
    # Retry with the shape operands frozen when they are all the errors.
    if [ "$freeze" = 1 ] &&
      ! grep "error:" "$errors" | grep -qv "must be a constant"; then
      frozen_model=$model frozen_errors=$errors
      for round in 1 2 3 4; do
        freeze_inputs "$model" "$frozen_model" "$frozen_errors" \
          "$logdir/$name.frozen.onnx" || break
        frozen_model=$logdir/$name.frozen.onnx
        frozen_errors=$logdir/$name.frozen.err
        timeout "$limit" "$translate" --import-onnx "$frozen_model" \
          --mlir-print-debuginfo 2>"$frozen_errors" |
          timeout "$limit" "$opt" --kiln-set-input-shapes \
            --convert-kiln-onnx-to-kiln --canonicalize -o /dev/null \
            2>>"$frozen_errors"
        if [ "${PIPESTATUS[0]}${PIPESTATUS[1]}" = 00 ]; then
          frozen_converted=$((frozen_converted + 1))
          echo "$name: converted with frozen shape inputs" \
            >>"$logdir/results.txt"
          break
        fi
      done
    fi
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
  echo "models=$total"
  echo "converted=$converted"
  echo "import_failed=$import_failed"
  echo "conversion_failed=$convert_failed"
  echo "timed_out=$timed_out"
  echo "kiln_onnx_left=$leftover"
  echo "given_shapes=$given_shapes"
} >"$logdir/counts.txt"
{
  echo "models:            $total"
  echo "reach kiln IR:     $converted ($percent%)"
  echo "import failed:     $import_failed"
  echo "conversion failed: $convert_failed"
  echo "timed out:         $timed_out"
  echo "kiln_onnx left:    $leftover"
  echo "(symbolic input shapes taken from test data: $given_shapes models)"
  if [ "$freeze" = 1 ]; then
    echo "reach kiln IR once their shape inputs are frozen: $frozen_converted more"
  fi
  echo
  echo "top failure reasons (models per reason):"
  sort "$logdir/reasons.txt" | uniq -c | sort -rn | head -n "$top"
} | tee "$logdir/summary.txt"
