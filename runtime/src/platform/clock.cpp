// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The monotonic clock compiled code stamps profiling events with.

#include "kiln_rt/kiln_rt_compiled.h"

#include <time.h>

/// Returns CLOCK_MONOTONIC in nanoseconds, or 0 when the clock fails.
extern "C" uint64_t kiln_rt_clock_now_ns(void) {
  struct timespec now;
  if (clock_gettime(CLOCK_MONOTONIC, &now) != 0)
    return 0;
  return static_cast<uint64_t>(now.tv_sec) * 1000000000u +
         static_cast<uint64_t>(now.tv_nsec);
}
