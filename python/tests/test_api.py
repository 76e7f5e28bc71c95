# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""kiln.CompiledModel: what it describes, how it takes inputs by name, what
it refuses, and that runs from several threads at once agree."""

import os
import threading

import numpy as np
import pytest

import kiln


@pytest.fixture(scope="module")
def model(add_relu_model):
    with kiln.compile(add_relu_model, name="add_relu") as compiled:
        yield compiled


def inputs():
    a = np.arange(6, dtype=np.float32).reshape(2, 3) - 2.5
    b = np.full((2, 3), 0.5, dtype=np.float32)
    return a, b


def test_describes_inputs_and_outputs(model):
    assert model.name == "add_relu"
    assert model.inputs == (kiln.TensorInfo("a", np.dtype(np.float32), (2, 3)),
                            kiln.TensorInfo("b", np.dtype(np.float32), (2, 3)))
    assert [o.name for o in model.outputs] == ["y", "z"]
    assert len(model.model_hash) == 64


def test_runs_by_name(model):
    a, b = inputs()
    by_dict = model.run({"b": b, "a": a})
    by_keyword = model(a=a, b=b)
    np.testing.assert_array_equal(by_dict["y"], np.maximum(a + b, 0))
    np.testing.assert_array_equal(by_dict["z"], a * 2)
    for key in by_dict:
        np.testing.assert_array_equal(by_dict[key], by_keyword[key])


def test_outputs_are_fresh_arrays(model):
    a, b = inputs()
    first = model.run(a=a, b=b)
    second = model.run(a=-a, b=b)
    assert not np.shares_memory(first["y"], second["y"])
    np.testing.assert_array_equal(first["z"], a * 2)


def test_converts_within_a_kind_and_misaligned_views(model):
    a, b = inputs()
    # float64 and a non-contiguous view are copied into aligned float32.
    wide = np.zeros((2, 6))
    wide[:, ::2] = a
    got = model.run(a=wide[:, ::2], b=b.astype(np.float64))
    np.testing.assert_array_equal(got["y"], np.maximum(a + b, 0))


def test_refuses_missing_and_unknown_inputs(model):
    a, _ = inputs()
    with pytest.raises(ValueError, match=r"missing 'b'; unknown 'c'"):
        model.run(a=a, c=a)


def test_refuses_a_wrong_shape(model):
    a, b = inputs()
    with pytest.raises(ValueError, match=r"input 'b' has shape \(3, 2\)"):
        model.run(a=a, b=b.reshape(3, 2))


def test_refuses_a_conversion_across_kinds(model):
    a, _ = inputs()
    with pytest.raises(TypeError, match=r"input 'b' is complex128"):
        model.run(a=a, b=np.ones((2, 3), dtype=np.complex128))


def test_threads_share_one_instance(model):
    # Each thread runs its own input many times; every result must equal
    # the one a single call gives for that input.
    rng = np.random.default_rng(0)
    cases = [(rng.standard_normal((2, 3), dtype=np.float32),
              rng.standard_normal((2, 3), dtype=np.float32)) for _ in range(8)]
    expected = [model.run(a=a, b=b) for a, b in cases]
    failures = []

    def work(index):
        a, b = cases[index]
        for _ in range(200):
            got = model.run(a=a, b=b)
            if any(not np.array_equal(got[k], expected[index][k]) for k in got):
                failures.append(index)
                return

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_closed_model_refuses_to_run(add_relu_model):
    compiled = kiln.compile(add_relu_model)
    library = compiled.library_path
    compiled.close()
    a, b = inputs()
    with pytest.raises(kiln.Error, match="closed"):
        compiled.run(a=a, b=b)
    assert not os.path.exists(library)


def test_opens_a_library_that_is_not_a_model(tmp_path):
    not_a_library = tmp_path / "model.so"
    not_a_library.write_text("not an ELF file")
    with pytest.raises(kiln.Error, match="cannot load the compiled model"):
        kiln.CompiledModel(str(not_a_library))
