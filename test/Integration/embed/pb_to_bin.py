#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Writes ONNX TensorProto files as raw little-endian float32, which the
# embedding tests' programs read without protobuf:
#   pb_to_bin.py IN.pb OUT.bin [IN.pb OUT.bin ...]

import sys

import onnx
from onnx import numpy_helper

args = sys.argv[1:]
if not args or len(args) % 2:
    sys.exit("usage: pb_to_bin.py IN.pb OUT.bin [IN.pb OUT.bin ...]")
for src, dst in zip(args[::2], args[1::2]):
    numpy_helper.to_array(onnx.load_tensor(src)).astype("<f4").tofile(dst)
