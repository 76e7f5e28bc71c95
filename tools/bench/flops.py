# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""FLOPs of an ONNX model's Conv, ConvTranspose, Gemm, MatMul and recurrent
(LSTM, GRU, RNN) nodes: 2 * multiply-accumulates, from the shapes ONNX
shape inference gives.

Other ops (elementwise, pooling, softmax) are left out on purpose, as the
zoo's own counts do: the GFLOP/s figure compares a model's dense work with
a GEMM's.
"""

import math

import onnx
from onnx import shape_inference


def _static_shapes(model):
    """Maps every value with a fully known shape to that shape."""
    graph = model.graph
    shapes = {}
    for value in list(graph.input) + list(graph.value_info) + list(
            graph.output):
        dims = value.type.tensor_type.shape.dim
        if dims and all(d.HasField("dim_value") for d in dims):
            shapes[value.name] = [d.dim_value for d in dims]
        elif value.type.tensor_type.HasField("shape") and not dims:
            shapes[value.name] = []
    for initializer in graph.initializer:
        shapes[initializer.name] = list(initializer.dims)
    return shapes


def _attribute(node, name, default):
    for attribute in node.attribute:
        if attribute.name == name:
            return onnx.helper.get_attribute_value(attribute)
    return default


def _conv_macs(node, shapes):
    weight = shapes[node.input[1]]  # [C_out, C_in / group, k...]
    output = shapes[node.output[0]]  # [N, C_out, spatial...]
    return math.prod(output) * math.prod(weight[1:])


def _conv_transpose_macs(node, shapes):
    data = shapes[node.input[0]]  # [N, C_in, spatial...]
    weight = shapes[node.input[1]]  # [C_in, C_out / group, k...]
    return math.prod(data) * math.prod(weight[1:])


def _gemm_macs(node, shapes):
    a = shapes[node.input[0]]
    b = shapes[node.input[1]]
    m, k = (a[1], a[0]) if _attribute(node, "transA", 0) else (a[0], a[1])
    n = b[0] if _attribute(node, "transB", 0) else b[1]
    return m * n * k


def _matmul_macs(node, shapes):
    a = shapes[node.input[0]]
    output = shapes[node.output[0]]  # batch... x M x N, broadcast already
    k = a[-1] if a else 1
    return math.prod(output) * k


def _recurrent_macs(node, shapes):
    # Every step multiplies the input by W and the hidden state by R, for
    # every gate and direction: W is [dirs, gates * hidden, input], R is
    # [dirs, gates * hidden, hidden].
    data = shapes[node.input[0]]  # [seq, batch, input] or [batch, seq, ...]
    steps_times_batch = data[0] * data[1]
    weights = shapes[node.input[1]]
    recurrence = shapes[node.input[2]]
    return steps_times_batch * (math.prod(weights) + math.prod(recurrence))


_COUNTERS = {
    "Conv": _conv_macs,
    "ConvTranspose": _conv_transpose_macs,
    "Gemm": _gemm_macs,
    "MatMul": _matmul_macs,
    "LSTM": _recurrent_macs,
    "GRU": _recurrent_macs,
    "RNN": _recurrent_macs,
}


def count_flops(path):
    """Returns (FLOPs, problems) for the model at `path`; `problems` names
    each counted-kind node whose shapes were not known (left out)."""
    model = shape_inference.infer_shapes(onnx.load(path), strict_mode=True)
    shapes = _static_shapes(model)
    macs = 0
    problems = []
    for node in model.graph.node:
        counter = _COUNTERS.get(node.op_type)
        if counter is None or node.domain not in ("", "ai.onnx"):
            continue
        try:
            macs += counter(node, shapes)
        except KeyError as missing:
            problems.append(f"{node.op_type} '{node.name}': no static shape "
                            f"for {missing}")
    return 2 * macs, problems
