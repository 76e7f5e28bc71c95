# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Shared fixtures: the benchmark zoo and small models built in memory.

kiln-compile is found the way users find it (KILN_COMPILE, else PATH); the
ctest that runs this suite sets KILN_COMPILE to the build's tools. The zoo
is KILN_MODELS_DIR, else ../shared/models beside the repository; when
KILN_MODELS_DIR is set it must exist.
"""

import json
import os
import pathlib

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

REPO = pathlib.Path(__file__).resolve().parents[2]


def models_dir() -> pathlib.Path:
    explicit = os.environ.get("KILN_MODELS_DIR")
    path = pathlib.Path(explicit) if explicit else REPO.parent / "shared" / "models"
    if explicit and not (path / "zoo.json").is_file():
        raise RuntimeError(f"KILN_MODELS_DIR={explicit} holds no zoo.json")
    return path


def zoo() -> dict:
    path = models_dir() / "zoo.json"
    return json.loads(path.read_text()) if path.is_file() else {}


def load_tensor(path: pathlib.Path) -> np.ndarray:
    return numpy_helper.to_array(onnx.load_tensor(str(path)))


@pytest.fixture(scope="session")
def zoo_dir() -> pathlib.Path:
    path = models_dir()
    if not (path / "zoo.json").is_file():
        pytest.skip(f"no model zoo at {path}")
    return path


def make_model(nodes, inputs, outputs, initializers=(), opset=17) -> onnx.ModelProto:
    """A small ONNX model built in memory (IR version 8, which Kiln reads)."""
    graph = helper.make_graph(nodes, "test", inputs, outputs, initializer=list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    return model


@pytest.fixture(scope="session")
def add_relu_model() -> onnx.ModelProto:
    """y = relu(a + b) on float32[2, 3]; z = a * 2 as a second output."""
    f = TensorProto.FLOAT
    two = numpy_helper.from_array(np.array(2.0, dtype=np.float32), "two")
    return make_model(
        [helper.make_node("Add", ["a", "b"], ["s"], name="add"),
         helper.make_node("Relu", ["s"], ["y"], name="relu"),
         helper.make_node("Mul", ["a", "two"], ["z"], name="mul")],
        [helper.make_tensor_value_info("a", f, [2, 3]),
         helper.make_tensor_value_info("b", f, [2, 3])],
        [helper.make_tensor_value_info("y", f, [2, 3]),
         helper.make_tensor_value_info("z", f, [2, 3])],
        [two])
