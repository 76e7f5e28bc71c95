// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The runtime's view of an instance: its header, and logging through it.

#ifndef KILN_RT_SRC_INSTANCE_H
#define KILN_RT_SRC_INSTANCE_H

#include "kiln_rt/kiln_rt_compiled.h"

/// An instance as the runtime sees it: the header, then the model's state
/// at `KILN_RT_INSTANCE_STATE_OFFSET` (kiln_rt_compiled.h).
struct kiln_rt_instance_t {
  kiln_rt_instance_header_t header;
};

static_assert(sizeof(kiln_rt_instance_header_t) <= KILN_RT_INSTANCE_HEADER_SIZE,
              "the instance header must fit before the model's state");
static_assert(KILN_RT_INSTANCE_STATE_OFFSET >= KILN_RT_INSTANCE_HEADER_SIZE,
              "the model's state must not overlap the header");
static_assert(alignof(kiln_rt_instance_header_t) <=
                  KILN_RT_INSTANCE_MIN_ALIGNMENT,
              "the minimum instance alignment must suit the header");

namespace kiln_rt {

/// Returns true when `instance` is not NULL and carries the live magic.
inline bool isLiveInstance(const kiln_rt_instance_t *instance) {
  return instance && instance->header.magic == KILN_RT_INSTANCE_MAGIC;
}

/// Returns true when `value` is 0 or a power of two.
inline bool isPowerOfTwoOrZero(size_t value) {
  return (value & (value - 1)) == 0;
}

/// Returns true when `pointer` is aligned to `alignment` (0 or 1: always).
inline bool isAligned(const void *pointer, size_t alignment) {
  return alignment <= 1 ||
         (reinterpret_cast<uintptr_t>(pointer) & (alignment - 1)) == 0;
}

/// Formats a message printf-style into a bounded stack buffer and sends it
/// to `log` at `level`; does nothing when `log` is NULL. Never allocates.
void logFormatted(kiln_rt_log_fn_t log, void *userData,
                  kiln_rt_log_level_t level, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

} // namespace kiln_rt

#endif // KILN_RT_SRC_INSTANCE_H
