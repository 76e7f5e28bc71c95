#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Imports every ONNX model given (files, or folders searched for *.onnx) with
# `kiln-translate --import-onnx`, each under a time limit, and reports how
# many import, how many fail (grouped by error message, names and numbers
# masked) and any that crash or time out.
#
#   tools/dev/import-all.sh [-t KILN_TRANSLATE] [-s SECONDS] PATH...
#
# Exit status: 0 when every model imported or failed with a diagnostic
# (exit 1), 1 when any crashed or timed out.

set -u

translate=build-import/bin/kiln-translate
limit=10
while getopts "t:s:" opt; do
  case $opt in
    t) translate=$OPTARG ;;
    s) limit=$OPTARG ;;
    *) echo "usage: $0 [-t KILN_TRANSLATE] [-s SECONDS] PATH..." >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
if [ $# -eq 0 ]; then
  echo "usage: $0 [-t KILN_TRANSLATE] [-s SECONDS] PATH..." >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

find "$@" -name '*.onnx' -type f | sort > "$work/models"
ok=0 failed=0 bad=0
: > "$work/errors"
: > "$work/bad"
while IFS= read -r model; do
  timeout "$limit" "$translate" --import-onnx --mlir-elide-elementsattrs-if-larger=16 \
    "$model" -o /dev/null 2> "$work/stderr"
  rc=$?
  case $rc in
    0) ok=$((ok + 1)) ;;
    1)
      failed=$((failed + 1))
      # One line per distinct error of this model, with quoted names and
      # numbers masked so that the same problem groups together.
      grep -o 'error: .*' "$work/stderr" \
        | sed -E -e "s/'[^']*'/'_'/g" -e 's/[0-9]+/N/g' | sort -u >> "$work/errors"
      ;;
    *)
      bad=$((bad + 1))
      echo "$model: exit $rc" >> "$work/bad"
      ;;
  esac
done < "$work/models"

total=$(wc -l < "$work/models")
echo "models: $total  imported: $ok  failed (diagnosed): $failed  crashed or timed out: $bad"
if [ -s "$work/errors" ]; then
  echo "errors, by how many models report them:"
  sort "$work/errors" | uniq -c | sort -rn
fi
if [ -s "$work/bad" ]; then
  echo "crashed or timed out:"
  cat "$work/bad"
  exit 1
fi
exit 0
