#!/usr/bin/env bash
# Installs the build to a fresh prefix with `cmake --install` and checks
# that the package is complete and that the installed tools run from there
# (their RPATH reaches libMLIR.so and libLLVM.so):
#   install.sh BUILD_DIR PREFIX EXAMPLE_MODEL_DIR
set -euo pipefail
build="$1" prefix="$2" example="$3"
rm -rf "$prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null

for file in bin/kiln-compile bin/kiln-opt bin/kiln-translate bin/kiln-run \
  bin/kiln-bench lib/libkiln_rt.a include/kiln_rt/kiln_rt.h \
  lib/cmake/Kiln/KilnConfig.cmake lib/cmake/Kiln/KilnConfigVersion.cmake \
  lib/cmake/Kiln/KilnTargets.cmake lib/cmake/Kiln/KilnAddModel.cmake; do
  [[ -e "$prefix/$file" ]] || { echo "install: $file is missing"; exit 1; }
done
for tool in kiln-compile kiln-opt kiln-translate kiln-run kiln-bench; do
  if ldd "$prefix/bin/$tool" | grep -q "not found"; then
    echo "install: $tool cannot find a library:"
    ldd "$prefix/bin/$tool" | grep "not found"
    exit 1
  fi
done

# The installed compiler makes a shared library (linking the installed
# runtime) that the installed kiln-run runs correctly.
work="$prefix.work"
rm -rf "$work" && mkdir -p "$work"
"$prefix/bin/kiln-compile" "$example/tiny_cnn.onnx" -o "$work/tiny_cnn.so"
"$prefix/bin/kiln-run" "$work/tiny_cnn.so" --input "$example/input_0.pb" \
  --expect "$example/output_0.pb"
