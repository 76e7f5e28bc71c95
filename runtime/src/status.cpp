// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Names of the runtime's status codes.

#include "kiln_rt/kiln_rt.h"

/// Returns a static name for `status`; "unknown status" outside the enum.
extern "C" const char *kiln_rt_status_string(kiln_rt_status_t status) {
  switch (status) {
  case KILN_RT_OK:
    return "ok";
  case KILN_RT_INVALID_ARGUMENT:
    return "invalid argument";
  case KILN_RT_OUT_OF_MEMORY:
    return "out of memory";
  case KILN_RT_UNSUPPORTED:
    return "unsupported";
  case KILN_RT_INCOMPATIBLE:
    return "incompatible ABI version";
  case KILN_RT_LIBRARY_ERROR:
    return "library error";
  case KILN_RT_INTERNAL:
    return "internal error";
  }
  return "unknown status";
}
