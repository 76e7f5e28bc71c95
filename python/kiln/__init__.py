# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Kiln: compile ONNX models ahead of time and run them on NumPy arrays.

    import kiln
    model = kiln.compile("model.onnx", input_shapes={"x": (1, 3, 224, 224)})
    outputs = model.run({"x": x})          # {"y": numpy.ndarray, ...}

`compile` runs kiln-compile (found through `compiler=`, the KILN_COMPILE
environment variable, or PATH) and loads the shared library it makes;
errors in the model raise `CompileError` with every diagnostic. See
docs/Python.md.
"""

from ._compiler import CompileError, Diagnostic, compile, find_compiler
from ._errors import Error, RunError
from ._model import CompiledModel, TensorInfo

__version__ = "0.1.0"

__all__ = [
    "CompileError",
    "CompiledModel",
    "Diagnostic",
    "Error",
    "RunError",
    "TensorInfo",
    "compile",
    "find_compiler",
]
