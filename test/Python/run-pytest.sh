#!/usr/bin/env bash
# Installs the kiln package with pip, as users do but offline and into a
# folder of the build, and runs its pytest suite against that copy:
#   run-pytest.sh PYTHON PACKAGE_DIR WORK_DIR KILN_COMPILE MODELS_DIR
set -euo pipefail
python="$1" package="$2" work="$3" compiler="$4" models="$5"

# pip builds in the source folder it is given; build from a copy so that the
# checkout stays clean.
rm -rf "$work/src" "$work/site"
mkdir -p "$work"
cp -r "$package" "$work/src"
"$python" -m pip install --quiet --disable-pip-version-check \
  --root-user-action=ignore --no-deps --no-build-isolation \
  --target "$work/site" "$work/src"

# From $work, so that `import kiln` finds the installed copy only.
cd "$work"
export PYTHONPATH="$work/site" KILN_COMPILE="$compiler"
if [[ -f "$models/zoo.json" ]]; then
  export KILN_MODELS_DIR="$models"
fi
exec "$python" -m pytest -q -p no:cacheprovider -rs "$work/src/tests"
