# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""`kiln.compile`: runs kiln-compile on a model and loads what it makes."""

import os
import platform
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from typing import Iterable, List, Mapping, Optional, Sequence, Union

from ._errors import Error
from ._model import CompiledModel

COMPILER_ENV = "KILN_COMPILE"
COMPILER_NAME = "kiln-compile"

# One diagnostic line of kiln-compile: "LOCATION: SEVERITY: MESSAGE", where
# LOCATION is "file:line:col" or the tool's name. Lines that do not match
# continue the diagnostic before them.
_DIAGNOSTIC = re.compile(r"^(?P<location>.*?): (?P<severity>error|warning|note|remark): "
                         r"(?P<message>.*)$")


@dataclass(frozen=True)
class Diagnostic:
    """One message of kiln-compile: severity ("error", "warning", "note",
    "remark"), where (the model file or the tool) and what."""

    severity: str
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


class CompileError(Error):
    """kiln-compile rejected the model or the options.

    `diagnostics` holds every message it printed (all problems of the model
    at once, each naming the ONNX node), `returncode` its exit code (1: a
    problem in the model, 2: a usage or environment error) and `command` the
    command line that ran.
    """

    def __init__(self, diagnostics: List[Diagnostic], returncode: int,
                 command: List[str]):
        errors = [d for d in diagnostics if d.severity == "error"]
        head = (f"kiln-compile failed (exit {returncode}) with "
                f"{len(errors)} error{'s' if len(errors) != 1 else ''}")
        super().__init__("\n".join([head] + [str(d) for d in diagnostics]))
        self.diagnostics = diagnostics
        self.returncode = returncode
        self.command = command


def parse_diagnostics(text: str) -> List[Diagnostic]:
    """Splits kiln-compile's standard error into diagnostics."""
    diagnostics: List[Diagnostic] = []
    for line in text.splitlines():
        match = _DIAGNOSTIC.match(line)
        if match:
            diagnostics.append(Diagnostic(match["severity"], match["location"],
                                          match["message"]))
        elif line.strip() and diagnostics:
            last = diagnostics[-1]
            diagnostics[-1] = Diagnostic(last.severity, last.location,
                                         last.message + "\n" + line)
        elif line.strip():
            diagnostics.append(Diagnostic("error", COMPILER_NAME, line))
    return diagnostics


def _executable_in(path: str) -> Optional[str]:
    """`path` itself when it is an executable file, else kiln-compile in the
    folder `path` or in its bin/ (a build or install tree)."""
    candidates = [path, os.path.join(path, COMPILER_NAME),
                  os.path.join(path, "bin", COMPILER_NAME)]
    for candidate in candidates:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return os.path.abspath(candidate)
    return None


def find_compiler(compiler: Optional[Union[str, os.PathLike]] = None) -> str:
    """Returns the kiln-compile to run: `compiler` when given, else the
    KILN_COMPILE environment variable, else kiln-compile on PATH. The first
    two may name the program or a build or install folder holding it (in
    bin/)."""
    for origin, value in (("compiler=", compiler),
                          (COMPILER_ENV, os.environ.get(COMPILER_ENV))):
        if value:
            found = _executable_in(os.fspath(value))
            if not found:
                raise Error(f"{origin} names {os.fspath(value)}, which is neither "
                            f"{COMPILER_NAME} nor a folder with {COMPILER_NAME} "
                            f"or bin/{COMPILER_NAME} in it")
            return found
    found = shutil.which(COMPILER_NAME)
    if not found:
        raise Error(f"cannot find {COMPILER_NAME}: pass compiler=PATH, set "
                    f"{COMPILER_ENV}=PATH (the program, or a Kiln build or "
                    "install folder), or put it on PATH")
    return found


_HOST_ARCHES = {"x86_64": {"x86_64", "amd64"}, "aarch64": {"aarch64", "arm64"}}


def _check_runnable_target(target: str) -> None:
    """A compiled model is loaded into this process, so it must be for this
    machine's architecture; other targets are for kiln-compile (DESIGN.md)."""
    machine = platform.machine().lower()
    arch = target.split("-", 1)[0].lower()
    if arch not in _HOST_ARCHES.get(machine, {machine}):
        raise ValueError(f"target '{target}' does not run on this {machine} machine; "
                         "kiln.compile loads the model it compiles, so cross-compile "
                         "with kiln-compile --target instead")


def _shape_flag(name: str, shape: Iterable[int]) -> str:
    dims = list(shape)
    if not dims or any(not isinstance(d, int) or isinstance(d, bool) or d < 0 for d in dims):
        raise ValueError(f"input_shapes['{name}'] = {shape!r}: a shape is a non-empty "
                         "sequence of non-negative ints")
    return f"--input-shape={name}=" + "x".join(str(d) for d in dims)


def compile(model, *, input_shapes: Optional[Mapping[str, Sequence[int]]] = None,
            target: Optional[str] = None, mcpu: Optional[str] = None,
            name: Optional[str] = None, options: Sequence[str] = (),
            compiler: Optional[Union[str, os.PathLike]] = None) -> CompiledModel:
    """Compiles an ONNX model for this machine and loads it.

    model:        a path to a .onnx (or .onnxtxt) file, an onnx.ModelProto,
                  or the serialized bytes of one.
    input_shapes: {input name: shape} fixing symbolic dimensions
                  (kiln-compile --input-shape).
    target:       an LLVM target triple; it must be this machine's
                  architecture, since the result runs here.
    mcpu:         the CPU to compile for (default: this one, "host").
    name:         the symbol prefix (default: from the file name).
    options:      further kiln-compile flags, passed as they are.
    compiler:     kiln-compile, or a folder holding it (see find_compiler).

    Raises CompileError with every diagnostic when kiln-compile fails.
    """
    program = find_compiler(compiler)
    if target:
        _check_runnable_target(target)
    workdir = tempfile.mkdtemp(prefix="kiln-")
    try:
        model_path = _model_file(model, workdir)
        stem = name or "model"
        library = os.path.join(workdir, f"{stem}.so")
        command = [program, model_path, "--emit=shared-lib", "-o", library]
        for input_name, shape in (input_shapes or {}).items():
            command.append(_shape_flag(input_name, shape))
        if target:
            command.append(f"--target={target}")
        if mcpu:
            command.append(f"--mcpu={mcpu}")
        if name:
            command.append(f"--name={name}")
        command.extend(options)
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, errors="replace")
        diagnostics = parse_diagnostics(result.stderr)
        if result.returncode != 0:
            raise CompileError(diagnostics, result.returncode, command)
        compiled = CompiledModel(library,
                                 _cleanup=lambda: shutil.rmtree(workdir, ignore_errors=True))
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    compiled.diagnostics = diagnostics
    return compiled


def _model_file(model, workdir: str) -> str:
    """A path kiln-compile can read for `model`: the path itself, or a file
    in `workdir` holding a ModelProto's or bytes' serialization."""
    if isinstance(model, (str, os.PathLike)):
        path = os.fspath(model)
        if not os.path.isfile(path):
            raise FileNotFoundError(f"no ONNX model at {path}")
        return os.path.abspath(path)
    if hasattr(model, "SerializeToString"):
        model = model.SerializeToString()
    if isinstance(model, (bytes, bytearray, memoryview)):
        path = os.path.join(workdir, "model.onnx")
        with open(path, "wb") as f:
            f.write(model)
        return path
    raise TypeError(f"model must be a path, an onnx.ModelProto or bytes, not "
                    f"{type(model).__name__}")
