# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""A compiled model loaded from its shared library, run on NumPy arrays."""

import ctypes
import os
import threading
from dataclasses import dataclass
from typing import Any, Callable, Dict, Mapping, Optional, Tuple

import numpy as np

from . import _abi
from ._errors import Error, RunError


@dataclass(frozen=True)
class TensorInfo:
    """One input or output of a compiled model."""

    name: str
    dtype: np.dtype
    shape: Tuple[int, ...]


def _aligned_empty(shape, dtype: np.dtype, alignment: int) -> np.ndarray:
    """Returns an uninitialized C-contiguous array whose data is aligned to
    `alignment` bytes (the runtime rejects misaligned buffers)."""
    alignment = max(alignment, 1)
    nbytes = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    raw = np.empty(nbytes + alignment, dtype=np.uint8)
    offset = -raw.ctypes.data % alignment
    return raw[offset:offset + nbytes].view(dtype).reshape(shape)


def _is_aligned(array: np.ndarray, alignment: int) -> bool:
    return alignment <= 1 or array.ctypes.data % alignment == 0


class CompiledModel:
    """A model compiled by `kiln.compile` (or any `--emit=shared-lib`
    artifact opened with `CompiledModel(path)`), with one instance.

    `run` may be called from several threads at once: the instance is
    read-only after creation and each call has its own workspace.
    """

    def __init__(self, library_path: str, *, _cleanup: Optional[Callable[[], None]] = None):
        self.library_path = os.fspath(library_path)
        self._cleanup = _cleanup
        self._instance = None
        self._messages = threading.local()
        try:
            self._library = ctypes.CDLL(self.library_path, mode=os.RTLD_LOCAL)
        except OSError as e:
            self._release_files()
            raise Error(f"cannot load the compiled model {self.library_path}: {e}") from e
        try:
            self._open()
        except BaseException:
            self.close()
            raise

    # -- loading -----------------------------------------------------------

    def _open(self) -> None:
        try:
            entry_address = ctypes.cast(
                getattr(self._library, _abi.ENTRY_SYMBOL), ctypes.c_void_p).value
        except AttributeError:
            raise Error(f"{self.library_path} has no '{_abi.ENTRY_SYMBOL}' "
                        "entry point; is it a Kiln --emit=shared-lib "
                        "artifact?") from None
        model = _abi.EntryFn(entry_address)()
        if not model:
            raise Error(f"{self.library_path}: {_abi.ENTRY_SYMBOL}() returned NULL")
        self._model = model.contents
        desc = self._model.describe()
        if not desc:
            raise Error(f"{self.library_path}: describe() returned NULL")
        desc = desc.contents
        # The version comes first in every ABI version: check it before
        # trusting any other field.
        if (desc.abi_version_major != _abi.ABI_VERSION_MAJOR
                or desc.abi_version_minor > _abi.ABI_VERSION_MINOR):
            raise Error(
                f"{self.library_path} was compiled for Kiln ABI "
                f"{desc.abi_version_major}.{desc.abi_version_minor}; this "
                f"package reads ABI {_abi.ABI_VERSION_MAJOR}.0 to "
                f"{_abi.ABI_VERSION_MAJOR}.{_abi.ABI_VERSION_MINOR}")
        self._desc = desc
        self.name = desc.name.decode()
        self.target_triple = desc.target_triple.decode()
        self.target_cpu = desc.target_cpu.decode()
        self.kiln_version = desc.kiln_version.decode()
        self.model_hash = desc.model_hash.decode()
        self.inputs = tuple(self._tensor_info(desc.inputs[i], "input")
                            for i in range(desc.num_inputs))
        self.outputs = tuple(self._tensor_info(desc.outputs[i], "output")
                             for i in range(desc.num_outputs))
        self._input_alignment = [desc.inputs[i].alignment for i in range(desc.num_inputs)]
        self._output_alignment = [desc.outputs[i].alignment for i in range(desc.num_outputs)]

        # The runtime logs detail about a failure through this callback, on
        # the failing call's thread; the message becomes the exception's.
        self._log = _abi.LogFn(self._on_log)
        options = _abi.Options(None, self._log, None)
        instance = ctypes.c_void_p()
        self._messages.list = []
        status = self._model.create(ctypes.byref(options), None, ctypes.byref(instance))
        self._check(status, "create")
        self._instance = instance

    def _tensor_info(self, tensor: _abi.TensorDesc, kind: str) -> TensorInfo:
        name = tensor.name.decode()
        dtype = _abi.ELEMENT_TYPES.get(tensor.element_type)
        if dtype is None:
            raise Error(f"{self.library_path}: {kind} '{name}' has element type "
                        f"{tensor.element_type}, which NumPy cannot hold")
        shape = tuple(tensor.shape[d] for d in range(tensor.rank))
        return TensorInfo(name, dtype, shape)

    def _on_log(self, _user_data, _level, message) -> None:
        messages = getattr(self._messages, "list", None)
        if messages is not None:
            messages.append(message.decode(errors="replace"))

    def _check(self, status: int, what: str) -> None:
        messages = getattr(self._messages, "list", None) or []
        self._messages.list = []
        if status == 0:
            return
        name = _abi.STATUS_NAMES.get(status, "unknown status")
        detail = "; ".join(messages) or "no detail was logged"
        raise RunError(f"{self.name}: {what} failed ({name}): {detail}", status, name)

    # -- running -----------------------------------------------------------

    def run(self, inputs: Optional[Mapping[str, Any]] = None, *,
            num_threads: int = 0, **named_inputs: Any) -> Dict[str, np.ndarray]:
        """Runs the model and returns its outputs by name.

        Inputs are given by name, as a mapping or as keyword arguments
        (`model.run({"x": x})` or `model.run(x=x)`). Each must have the
        input's shape exactly; its values are converted to the input's
        element type when NumPy casts them within a kind (float64 to
        float32, say), and refused otherwise. `num_threads` (0: the OpenMP
        default) applies to this call.
        """
        if self._instance is None:
            raise Error(f"{self.library_path}: the model was closed")
        given = dict(inputs or {})
        for key in named_inputs:
            if key in given:
                raise TypeError(f"input '{key}' is given twice")
        given.update(named_inputs)
        expected = {info.name for info in self.inputs}
        unknown = sorted(set(given) - expected)
        missing = [info.name for info in self.inputs if info.name not in given]
        if unknown or missing:
            problems = []
            if missing:
                problems.append("missing " + ", ".join(f"'{n}'" for n in missing))
            if unknown:
                problems.append("unknown " + ", ".join(f"'{n}'" for n in unknown))
            raise ValueError(f"{self.name}: inputs do not match ({'; '.join(problems)}); "
                             f"the model takes {self._signature(self.inputs)}")

        keep = []  # the arrays whose memory the call reads
        input_ptrs = (ctypes.c_void_p * max(len(self.inputs), 1))()
        for i, info in enumerate(self.inputs):
            array = self._prepare_input(info, given[info.name], self._input_alignment[i])
            keep.append(array)
            input_ptrs[i] = array.ctypes.data
        results = {}
        output_ptrs = (ctypes.c_void_p * max(len(self.outputs), 1))()
        for i, info in enumerate(self.outputs):
            array = _aligned_empty(info.shape, info.dtype, self._output_alignment[i])
            results[info.name] = array
            output_ptrs[i] = array.ctypes.data
        workspace = None
        if self._desc.workspace_size:
            workspace = _aligned_empty((self._desc.workspace_size,), np.dtype(np.uint8),
                                       self._desc.workspace_alignment)
        run_options = _abi.RunOptions(int(num_threads), None, None)
        self._messages.list = []
        status = self._model.run(
            self._instance, input_ptrs, output_ptrs,
            None if workspace is None else workspace.ctypes.data,
            ctypes.byref(run_options))
        self._check(status, "run")
        return results

    __call__ = run

    def _prepare_input(self, info: TensorInfo, value: Any, alignment: int) -> np.ndarray:
        array = np.asarray(value)
        if array.shape != info.shape:
            raise ValueError(f"{self.name}: input '{info.name}' has shape "
                             f"{array.shape}; the model takes {info.shape}")
        if array.dtype != info.dtype:
            if not np.can_cast(array.dtype, info.dtype, casting="same_kind"):
                raise TypeError(f"{self.name}: input '{info.name}' is {array.dtype}; "
                                f"the model takes {info.dtype}, and {array.dtype} "
                                "does not convert to it within its kind")
        elif array.flags.c_contiguous and _is_aligned(array, alignment):
            return array
        copy = _aligned_empty(info.shape, info.dtype, alignment)
        np.copyto(copy, array, casting="same_kind")
        return copy

    @staticmethod
    def _signature(tensors) -> str:
        return ", ".join(f"'{t.name}' {t.dtype}{list(t.shape)}" for t in tensors)

    # -- lifetime ----------------------------------------------------------

    def close(self) -> None:
        """Destroys the instance and removes the files `kiln.compile` made.
        The library stays mapped (ctypes cannot unload it)."""
        if self._instance is not None:
            self._model.destroy(self._instance)
            self._instance = None
        self._release_files()

    def _release_files(self) -> None:
        cleanup, self._cleanup = self._cleanup, None
        if cleanup is not None:
            cleanup()

    def __enter__(self) -> "CompiledModel":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        if getattr(self, "_instance", None) is not None or getattr(self, "_cleanup", None):
            self.close()

    def __repr__(self) -> str:
        return (f"<kiln.CompiledModel '{getattr(self, 'name', '?')}' "
                f"inputs: {self._signature(getattr(self, 'inputs', ()))}; "
                f"outputs: {self._signature(getattr(self, 'outputs', ()))}>")
