// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The default allocator: aligned memory from the C library; advice to the
// OS about pages the runtime no longer reads.

#ifndef KILN_RT_SRC_PLATFORM_MEMORY_H
#define KILN_RT_SRC_PLATFORM_MEMORY_H

#include "kiln_rt/kiln_rt.h"

namespace kiln_rt::platform {

/// Returns the allocator used when the options name none: aligned `malloc`
/// and `free`. The returned object is static and immutable.
const kiln_rt_allocator_t &defaultAllocator();

/// Tells the OS that the pages lying wholly inside `[data, data + size)`
/// will not be read again soon, so that it may take them out of the
/// process's resident set (madvise MADV_PAGEOUT on Linux, nothing
/// elsewhere). Their contents are kept: a later read pages them back in.
/// Advice only; a failure changes nothing.
void releasePages(const void *data, size_t size);

/// Gives the OS back the pages lying wholly inside `[data, data + size)`,
/// whose contents the runtime no longer needs (madvise MADV_DONTNEED on
/// Linux, nothing elsewhere): memory about to be freed, which the C
/// library might otherwise keep resident in its heap. Advice only.
void discardPages(void *data, size_t size);

} // namespace kiln_rt::platform

#endif // KILN_RT_SRC_PLATFORM_MEMORY_H
