# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Every model of the benchmark zoo, compiled once with kiln.compile and run
on its reference inputs, matches ONNX Runtime run in this process on the
same inputs (rtol 1e-3, atol 1e-4, the zoo README's tolerance)."""

import numpy as np
import onnxruntime
import pytest

import kiln
from conftest import load_tensor, zoo

MODELS = sorted(zoo())


def reference_inputs(zoo_dir, name, spec):
    return {i["name"]: load_tensor(zoo_dir / i["file"]) for i in spec["inputs"]}


@pytest.mark.parametrize("name", MODELS)
def test_zoo_model_matches_onnxruntime(zoo_dir, name):
    spec = zoo()[name]
    path = zoo_dir / spec["file"]
    inputs = reference_inputs(zoo_dir, name, spec)

    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    expected = dict(zip([o.name for o in session.get_outputs()],
                        session.run(None, inputs)))

    with kiln.compile(path) as model:
        assert [i.name for i in model.inputs] == [i["name"] for i in spec["inputs"]]
        got = model.run(inputs)

    assert sorted(got) == sorted(expected)
    for out_name, ref in expected.items():
        assert got[out_name].shape == ref.shape, out_name
        assert got[out_name].dtype == ref.dtype, out_name
        np.testing.assert_allclose(got[out_name], ref, rtol=1e-3, atol=1e-4,
                                   err_msg=f"{name}: output '{out_name}'")


def test_zoo_is_listed(zoo_dir):
    # An unreadable zoo.json would leave the parametrized test with no cases.
    assert MODELS and all((zoo_dir / zoo()[m]["file"]).is_file() for m in MODELS)
