#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Runs the example application docs/examples/classify on tiny_cnn's
# reference input and checks every probability it prints against ONNX
# Runtime's output (rtol 1e-3, atol 1e-4), and that it refuses an image of
# the wrong size:
#   check_classify.py CLASSIFY EXAMPLE_MODEL_DIR WORK_DIR

import pathlib
import subprocess
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def main() -> int:
    if len(sys.argv) != 4:
        sys.exit("usage: check_classify.py CLASSIFY EXAMPLE_MODEL_DIR WORK_DIR")
    app, example, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    work.mkdir(parents=True, exist_ok=True)
    image = numpy_helper.to_array(onnx.load_tensor(str(example / "input_0.pb")))
    expected = numpy_helper.to_array(onnx.load_tensor(str(example / "output_0.pb")))[0]
    image_path = work / "image.f32"
    image.astype("<f4").tofile(image_path)

    run = subprocess.run([app, str(image_path)], capture_output=True, text=True)
    print(run.stdout, end="")
    if run.returncode != 0:
        print(f"classify exited {run.returncode}: {run.stderr}")
        return 1
    lines = run.stdout.splitlines()
    top = int(lines[0].rsplit(" ", 1)[1])
    got = np.full(expected.shape, np.nan, dtype=np.float64)
    for line in lines[1:]:
        digit, probability = line.split()
        got[int(digit)] = float(probability)
    if not np.allclose(got, expected, rtol=1e-3, atol=1e-4):
        print(f"MISMATCH: got {got}, expected {expected}")
        return 1
    if top != int(np.argmax(expected)):
        print(f"MISMATCH: top digit {top}, expected {int(np.argmax(expected))}")
        return 1

    short = work / "short.f32"
    short.write_bytes(image.astype("<f4").tobytes()[:-4])
    bad = subprocess.run([app, str(short)], capture_output=True, text=True)
    if bad.returncode != 2 or "is not 256 float32 pixels" not in bad.stderr:
        print(f"a short image gave exit {bad.returncode}: {bad.stderr}")
        return 1
    print("classify: matches ONNX Runtime; refuses a short image")
    return 0


if __name__ == "__main__":
    sys.exit(main())
