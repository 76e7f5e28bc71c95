// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Sizes and names of the element types (ONNX's TensorProto.DataType).

#include "kiln_rt/kiln_rt.h"

/// Returns the byte size of one element of `type`, 0 when unknown.
extern "C" size_t kiln_rt_element_size(kiln_rt_element_type_t type) {
  switch (type) {
  case KILN_RT_UINT8:
  case KILN_RT_INT8:
  case KILN_RT_BOOL:
    return 1;
  case KILN_RT_UINT16:
  case KILN_RT_INT16:
  case KILN_RT_FLOAT16:
  case KILN_RT_BFLOAT16:
    return 2;
  case KILN_RT_FLOAT32:
  case KILN_RT_INT32:
  case KILN_RT_UINT32:
    return 4;
  case KILN_RT_INT64:
  case KILN_RT_FLOAT64:
  case KILN_RT_UINT64:
    return 8;
  }
  return 0;
}

/// Returns a static name for `type` (NumPy's spelling), "unknown" otherwise.
extern "C" const char *
kiln_rt_element_type_string(kiln_rt_element_type_t type) {
  switch (type) {
  case KILN_RT_FLOAT32:
    return "float32";
  case KILN_RT_UINT8:
    return "uint8";
  case KILN_RT_INT8:
    return "int8";
  case KILN_RT_UINT16:
    return "uint16";
  case KILN_RT_INT16:
    return "int16";
  case KILN_RT_INT32:
    return "int32";
  case KILN_RT_INT64:
    return "int64";
  case KILN_RT_BOOL:
    return "bool";
  case KILN_RT_FLOAT16:
    return "float16";
  case KILN_RT_FLOAT64:
    return "float64";
  case KILN_RT_UINT32:
    return "uint32";
  case KILN_RT_UINT64:
    return "uint64";
  case KILN_RT_BFLOAT16:
    return "bfloat16";
  }
  return "unknown";
}
