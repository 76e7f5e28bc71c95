#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Writes the binary inputs of the ONNX import tests into this folder:
#   add.onnx       an Add of two float[3,4] inputs and a raw_data initializer
#   external.bin   four little-endian floats 1, 2, 3, 4 (external data)
# Run it with the `python3` that has `onnx` (pip install onnx); the files are
# checked in, so the tests themselves need no onnx.

import os
import struct

import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))


def make_add_model():
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [3, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [3, 4])
    bias = helper.make_tensor(
        "bias", TensorProto.FLOAT, [4], struct.pack("<4f", 1, 2, 3, 4), raw=True
    )
    nodes = [
        helper.make_node("Add", ["x", "bias"], ["biased"], name="add_bias"),
        helper.make_node("Relu", ["biased"], ["y"], name="relu"),
    ]
    graph = helper.make_graph(nodes, "add_graph", [x], [y], initializer=[bias])
    model = helper.make_model(
        graph,
        producer_name="make_inputs.py",
        opset_imports=[helper.make_opsetid("", 17)],
    )
    # Kiln reads IR versions 3..8 (ONNX 1.12); newer onnx packages write more.
    model.ir_version = 8
    return model


def main():
    onnx.save(make_add_model(), os.path.join(HERE, "add.onnx"))
    with open(os.path.join(HERE, "external.bin"), "wb") as f:
        f.write(struct.pack("<4f", 1, 2, 3, 4))


if __name__ == "__main__":
    main()
