// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The default allocator: aligned memory from the C library.

#ifndef KILN_RT_SRC_PLATFORM_MEMORY_H
#define KILN_RT_SRC_PLATFORM_MEMORY_H

#include "kiln_rt/kiln_rt.h"

namespace kiln_rt::platform {

/// Returns the allocator used when the options name none: aligned `malloc`
/// and `free`. The returned object is static and immutable.
const kiln_rt_allocator_t &defaultAllocator();

} // namespace kiln_rt::platform

#endif // KILN_RT_SRC_PLATFORM_MEMORY_H
