// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The default allocator: aligned memory from the C library.

#include "platform/memory.h"

#include <stdlib.h>

namespace kiln_rt::platform {
namespace {

/// Returns `size` bytes aligned to `alignment` (raised to what
/// `posix_memalign` accepts), or NULL when `size` is 0, `alignment` is not
/// a power of two or the C library has no memory.
void *allocateAligned(void * /*userData*/, size_t size, size_t alignment) {
  if (size == 0 || (alignment & (alignment - 1)) != 0)
    return nullptr;
  if (alignment < sizeof(void *))
    alignment = sizeof(void *);
  void *pointer = nullptr;
  if (posix_memalign(&pointer, alignment, size) != 0)
    return nullptr;
  return pointer;
}

/// Frees memory from `allocateAligned`; NULL does nothing.
void deallocateAligned(void * /*userData*/, void *pointer) { free(pointer); }

const kiln_rt_allocator_t kDefaultAllocator = {allocateAligned,
                                               deallocateAligned, nullptr};

} // namespace

const kiln_rt_allocator_t &defaultAllocator() { return kDefaultAllocator; }

} // namespace kiln_rt::platform
