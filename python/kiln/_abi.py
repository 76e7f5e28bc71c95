# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""ctypes mirrors of the runtime's C ABI (runtime/include/kiln_rt/kiln_rt.h).

Only what a loader needs: the `kiln_model` entry point of a shared library,
the descriptors, the options and the status names. The layouts must follow
kiln_rt.h field for field; the ABI version check in `_model` refuses any
library compiled for a version these mirrors do not describe.
"""

import ctypes

import numpy as np

# The ABI versions these mirrors read: major equal, minor not newer
# (docs/Runtime.md, "Compatibility of compiled artifacts").
ABI_VERSION_MAJOR = 0
ABI_VERSION_MINOR = 1

ENTRY_SYMBOL = "kiln_model"

STATUS_NAMES = {
    0: "ok",
    1: "invalid argument",
    2: "out of memory",
    3: "unsupported",
    4: "incompatible",
    5: "library error",
    6: "internal error",
}

# kiln_rt_element_type_t (ONNX's TensorProto.DataType numbers) -> NumPy.
# bfloat16 (16) has no NumPy type; a model using it is refused by name.
ELEMENT_TYPES = {
    1: np.dtype(np.float32),
    2: np.dtype(np.uint8),
    3: np.dtype(np.int8),
    4: np.dtype(np.uint16),
    5: np.dtype(np.int16),
    6: np.dtype(np.int32),
    7: np.dtype(np.int64),
    9: np.dtype(np.bool_),
    10: np.dtype(np.float16),
    11: np.dtype(np.float64),
    12: np.dtype(np.uint32),
    13: np.dtype(np.uint64),
}


class TensorDesc(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("element_type", ctypes.c_int),
        ("rank", ctypes.c_int32),
        ("shape", ctypes.POINTER(ctypes.c_int64)),
        ("byte_size", ctypes.c_size_t),
        ("alignment", ctypes.c_size_t),
    ]


class ModelDesc(ctypes.Structure):
    _fields_ = [
        ("abi_version_major", ctypes.c_uint32),
        ("abi_version_minor", ctypes.c_uint32),
        ("name", ctypes.c_char_p),
        ("producer", ctypes.c_char_p),
        ("opset", ctypes.c_int64),
        ("model_hash", ctypes.c_char_p),
        ("kiln_version", ctypes.c_char_p),
        ("target_triple", ctypes.c_char_p),
        ("target_cpu", ctypes.c_char_p),
        ("num_inputs", ctypes.c_int32),
        ("inputs", ctypes.POINTER(TensorDesc)),
        ("num_outputs", ctypes.c_int32),
        ("outputs", ctypes.POINTER(TensorDesc)),
        ("workspace_size", ctypes.c_size_t),
        ("workspace_alignment", ctypes.c_size_t),
        ("instance_size", ctypes.c_size_t),
        ("instance_alignment", ctypes.c_size_t),
    ]


LogFn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p)


class Options(ctypes.Structure):
    _fields_ = [
        ("allocator", ctypes.c_void_p),  # NULL: the runtime's aligned malloc
        ("log", LogFn),
        ("log_user_data", ctypes.c_void_p),
    ]


class RunOptions(ctypes.Structure):
    _fields_ = [
        ("num_threads", ctypes.c_int32),
        ("profile", ctypes.c_void_p),  # NULL: no profiling
        ("profile_user_data", ctypes.c_void_p),
    ]


# ctypes releases the GIL around calls through CFUNCTYPE pointers, so
# several Python threads can run one instance at once, as the ABI allows.
DescribeFn = ctypes.CFUNCTYPE(ctypes.POINTER(ModelDesc))
CreateFn = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(Options),
                            ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p))
RunFn = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p,
                         ctypes.POINTER(ctypes.c_void_p),
                         ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p,
                         ctypes.POINTER(RunOptions))
DestroyFn = ctypes.CFUNCTYPE(None, ctypes.c_void_p)


class Model(ctypes.Structure):
    _fields_ = [
        ("describe", DescribeFn),
        ("create", CreateFn),
        ("run", RunFn),
        ("destroy", DestroyFn),
    ]


EntryFn = ctypes.CFUNCTYPE(ctypes.POINTER(Model))
