#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Tests of tools/bench/flops.py on small models whose FLOPs are worked out
by hand, and, given --models-dir, on the zoo against zoo.json's counts.

    flops_test.py [--models-dir DIR]
"""

import argparse
import json
import os
import sys
import tempfile

import onnx
from onnx import TensorProto, helper

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from flops import count_flops  # noqa: E402

FLOAT = TensorProto.FLOAT


def value(name, shape):
    return helper.make_tensor_value_info(name, FLOAT, shape)


def weight(name, shape):
    size = 1
    for d in shape:
        size *= d
    return helper.make_tensor(name, FLOAT, shape, [0.0] * size)


def flops_of(nodes, inputs, outputs, initializers):
    graph = helper.make_graph(nodes, "g", inputs, outputs, initializers)
    model = helper.make_model(graph, ir_version=8,
                              opset_imports=[helper.make_opsetid("", 17)])
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.onnx")
        onnx.save(model, path)
        return count_flops(path)


def expect(name, got, want):
    flops, problems = got
    if problems or flops != want:
        raise AssertionError(f"{name}: {flops} FLOPs, problems {problems}; "
                             f"expected {want}")
    print(f"{name}: {flops} FLOPs, as expected")


def test_conv_grouped_strided():
    # 8 -> 16 channels in 2 groups, 3x3, stride 2, pad 1, 32x32 -> 16x16:
    # every output element takes (8 / 2) * 3 * 3 MACs.
    node = helper.make_node("Conv", ["x", "w"], ["y"], group=2,
                            strides=[2, 2], pads=[1, 1, 1, 1])
    got = flops_of([node], [value("x", [1, 8, 32, 32])],
                   [value("y", [1, 16, 16, 16])],
                   [weight("w", [16, 4, 3, 3])])
    expect("Conv", got, 2 * (16 * 16 * 16) * (4 * 3 * 3))


def test_gemm_trans_b():
    # [4, 32] x [64, 32]^T: 4 * 64 outputs of 32 MACs.
    node = helper.make_node("Gemm", ["a", "b"], ["y"], transB=1)
    got = flops_of([node], [value("a", [4, 32])], [value("y", [4, 64])],
                   [weight("b", [64, 32])])
    expect("Gemm", got, 2 * 4 * 64 * 32)


def test_matmul_broadcast():
    # [2, 3, 5, 7] x [7, 11]: 2 * 3 * 5 * 11 outputs of 7 MACs.
    node = helper.make_node("MatMul", ["a", "b"], ["y"])
    got = flops_of([node], [value("a", [2, 3, 5, 7])],
                   [value("y", [2, 3, 5, 11])], [weight("b", [7, 11])])
    expect("MatMul", got, 2 * 2 * 3 * 5 * 11 * 7)


def test_lstm():
    # 10 steps, batch 2, input 8, hidden 16, one direction: each step
    # multiplies by W [1, 64, 8] and R [1, 64, 16].
    node = helper.make_node("LSTM", ["x", "w", "r"], ["y"], hidden_size=16)
    got = flops_of([node], [value("x", [10, 2, 8])],
                   [value("y", [10, 1, 2, 16])],
                   [weight("w", [1, 64, 8]), weight("r", [1, 64, 16])])
    expect("LSTM", got, 2 * 10 * 2 * (64 * 8 + 64 * 16))


def test_other_ops_not_counted():
    node = helper.make_node("Relu", ["x"], ["y"])
    got = flops_of([node], [value("x", [1, 1000])], [value("y", [1, 1000])],
                   [])
    expect("Relu", got, 0)


def test_zoo(models_dir):
    with open(os.path.join(models_dir, "zoo.json")) as f:
        zoo = json.load(f)
    for name, entry in zoo.items():
        got = count_flops(os.path.join(models_dir, entry["file"]))
        expect(f"zoo {name}", got, entry["flops_total"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models-dir", default=None,
                        help="also check the zoo's models against zoo.json")
    args = parser.parse_args()
    test_conv_grouped_strided()
    test_gemm_trans_b()
    test_matmul_broadcast()
    test_lstm()
    test_other_ops_not_counted()
    if args.models_dir:
        test_zoo(args.models_dir)
    print("flops_test.py: passed")


if __name__ == "__main__":
    main()
