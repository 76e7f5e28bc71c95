# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""kiln.compile's errors: every diagnostic of a bad model, symbolic shapes,
finding the compiler, and targets that cannot run here."""

import os

import numpy as np
import pytest
from onnx import TensorProto, helper

import kiln
from conftest import make_model


def test_every_unsupported_op_is_reported():
    f = TensorProto.FLOAT
    model = make_model(
        [helper.make_node("NoSuchOp", ["x"], ["y"], name="first_bad"),
         helper.make_node("AnotherMissingOp", ["y"], ["z"], name="second_bad")],
        [helper.make_tensor_value_info("x", f, [1, 4])],
        [helper.make_tensor_value_info("z", f, [1, 4])])
    with pytest.raises(kiln.CompileError) as info:
        kiln.compile(model)
    error = info.value
    assert error.returncode == 1
    messages = [d.message for d in error.diagnostics if d.severity == "error"]
    assert any("'first_bad' (NoSuchOp" in m for m in messages), messages
    assert any("'second_bad' (AnotherMissingOp" in m for m in messages), messages
    assert "2 errors" in str(error)


def symbolic_model():
    f = TensorProto.FLOAT
    return make_model([helper.make_node("Relu", ["x"], ["y"], name="relu")],
                      [helper.make_tensor_value_info("x", f, ["N", 4])],
                      [helper.make_tensor_value_info("y", f, ["N", 4])])


def test_symbolic_dimension_needs_an_input_shape():
    with pytest.raises(kiln.CompileError, match=r"--input-shape x="):
        kiln.compile(symbolic_model())


def test_input_shapes_fix_symbolic_dimensions():
    with kiln.compile(symbolic_model(), input_shapes={"x": (3, 4)}) as model:
        assert model.inputs[0].shape == (3, 4)
        x = np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4)
        np.testing.assert_array_equal(model.run(x=x)["y"], np.maximum(x, 0))


def test_input_shape_of_an_unknown_input():
    with pytest.raises(kiln.CompileError, match=r"'y', which is not a graph input"):
        kiln.compile(symbolic_model(), input_shapes={"y": (3, 4)})


def test_bad_input_shape_value():
    with pytest.raises(ValueError, match=r"input_shapes\['x'\]"):
        kiln.compile(symbolic_model(), input_shapes={"x": (3, "four")})


def test_missing_model_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        kiln.compile(tmp_path / "absent.onnx")


def test_usage_error_is_a_compile_error(add_relu_model):
    with pytest.raises(kiln.CompileError) as info:
        kiln.compile(add_relu_model, options=["--no-such-flag"])
    assert info.value.returncode != 0 and info.value.diagnostics


def test_target_of_another_architecture_is_refused(add_relu_model):
    other = "x86_64-linux-gnu" if os.uname().machine == "aarch64" else "aarch64-linux-gnu"
    with pytest.raises(ValueError, match="cross-compile with kiln-compile"):
        kiln.compile(add_relu_model, target=other)


def test_target_of_this_machine(add_relu_model):
    triple = f"{os.uname().machine}-unknown-linux-gnu"
    with kiln.compile(add_relu_model, target=triple, mcpu="generic") as model:
        assert model.target_triple == triple
        assert model.target_cpu == "generic"


def test_compiler_from_the_environment(monkeypatch, add_relu_model):
    compiler = kiln.find_compiler()
    monkeypatch.setenv("KILN_COMPILE", os.path.dirname(compiler))
    assert kiln.find_compiler() == compiler
    monkeypatch.setenv("KILN_COMPILE", "/nonexistent/kiln")
    with pytest.raises(kiln.Error, match="KILN_COMPILE names /nonexistent/kiln"):
        kiln.compile(add_relu_model)
    # An explicit compiler= wins over the environment.
    with kiln.compile(add_relu_model, compiler=compiler) as model:
        assert model.outputs


def test_compiler_not_found(monkeypatch, add_relu_model):
    monkeypatch.delenv("KILN_COMPILE", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(kiln.Error, match="cannot find kiln-compile"):
        kiln.compile(add_relu_model)


def test_failed_run_time_check_raises_run_error():
    # The shape of a Reshape arrives at run time: the model is compiled for
    # the declared output shape and checks, at run time, that the given
    # shape gives it. A shape that does not fails the run, not the process.
    f, i64 = TensorProto.FLOAT, TensorProto.INT64
    model = make_model(
        [helper.make_node("Reshape", ["x", "shape"], ["y"], name="to_2x6")],
        [helper.make_tensor_value_info("x", f, [3, 4]),
         helper.make_tensor_value_info("shape", i64, [2])],
        [helper.make_tensor_value_info("y", f, [2, 6])])
    x = np.arange(12, dtype=np.float32).reshape(3, 4)
    with kiln.compile(model) as compiled:
        good = compiled.run(x=x, shape=np.array([2, 6], dtype=np.int64))
        np.testing.assert_array_equal(good["y"], x.reshape(2, 6))
        with pytest.raises(kiln.RunError) as info:
            compiled.run(x=x, shape=np.array([4, 3], dtype=np.int64))
    error = info.value
    assert error.status_name == "invalid argument", error.status_name
    assert "to_2x6" in str(error), str(error)


def test_gather_index_out_of_range_raises_run_error():
    # ONNX leaves an index outside [-size, size) undefined; Kiln's run fails
    # on it, naming the node, rather than reading some other row.
    f, i64 = TensorProto.FLOAT, TensorProto.INT64
    model = make_model(
        [helper.make_node("Gather", ["table", "ids"], ["rows"], name="embed")],
        [helper.make_tensor_value_info("table", f, [4, 3]),
         helper.make_tensor_value_info("ids", i64, [2])],
        [helper.make_tensor_value_info("rows", f, [2, 3])])
    table = np.arange(12, dtype=np.float32).reshape(4, 3)
    with kiln.compile(model) as compiled:
        good = compiled.run(table=table, ids=np.array([-4, 3], dtype=np.int64))
        np.testing.assert_array_equal(good["rows"], table[[0, 3]])
        for bad in ([0, 4], [-5, 1]):
            with pytest.raises(kiln.RunError) as info:
                compiled.run(table=table, ids=np.array(bad, dtype=np.int64))
            error = info.value
            assert error.status_name == "invalid argument", error.status_name
            assert "'embed' (Gather): input 1 ('indices') has an entry " \
                   "outside [-4, 4)" in str(error), str(error)
