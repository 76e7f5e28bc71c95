#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Writes tiny_cnn.onnx, the example model of the README: a small MNIST-like
# classifier (Conv, Relu, MaxPool, Flatten, Gemm, Softmax) with deterministic
# weights, plus a reference input (input_0.pb) and ONNX Runtime's output for
# it (output_0.pb).
#
#   python3 make_model.py [OUTPUT_DIR]

import os
import sys

import numpy as np
import onnx
import onnxruntime
from onnx import TensorProto, helper, numpy_helper


def make_model() -> onnx.ModelProto:
    rng = np.random.RandomState(0)
    conv_w = (rng.randn(4, 1, 3, 3) * 0.5).astype(np.float32)
    conv_b = (rng.randn(4) * 0.1).astype(np.float32)
    fc_w = (rng.randn(10, 4 * 8 * 8) * 0.1).astype(np.float32)
    fc_b = (rng.randn(10) * 0.1).astype(np.float32)

    nodes = [
        helper.make_node("Conv", ["input", "conv_w", "conv_b"], ["conv"],
                         name="conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["conv"], ["relu"], name="relu"),
        helper.make_node("MaxPool", ["relu"], ["pool"], name="pool",
                         kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Flatten", ["pool"], ["flat"], name="flatten"),
        helper.make_node("Gemm", ["flat", "fc_w", "fc_b"], ["logits"],
                         name="fc", transB=1),
        helper.make_node("Softmax", ["logits"], ["probs"], name="softmax",
                         axis=1),
    ]
    graph = helper.make_graph(
        nodes, "tiny_cnn",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT,
                                       [1, 1, 16, 16])],
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT, [1, 10])],
        initializer=[
            numpy_helper.from_array(conv_w, "conv_w"),
            numpy_helper.from_array(conv_b, "conv_b"),
            numpy_helper.from_array(fc_w, "fc_w"),
            numpy_helper.from_array(fc_b, "fc_b"),
        ])
    model = helper.make_model(
        graph, producer_name="kiln-example",
        opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def main() -> None:
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.abspath(__file__))
    model_path = os.path.join(out_dir, "tiny_cnn.onnx")
    onnx.save(make_model(), model_path)
    x = np.random.RandomState(1).rand(1, 1, 16, 16).astype(np.float32)
    with open(os.path.join(out_dir, "input_0.pb"), "wb") as f:
        f.write(numpy_helper.from_array(x, "input").SerializeToString())

    session = onnxruntime.InferenceSession(
        model_path, providers=["CPUExecutionProvider"])
    (y,) = session.run(None, {"input": x})
    with open(os.path.join(out_dir, "output_0.pb"), "wb") as f:
        f.write(numpy_helper.from_array(y, "probs").SerializeToString())


if __name__ == "__main__":
    main()
