// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The default allocator: aligned memory from the C library; advice to the
// OS about pages the runtime no longer reads.

#include "platform/memory.h"

#include <stdint.h>
#include <stdlib.h>
#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

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

namespace {

/// Gives `advice` for the whole pages inside `[data, data + size)`.
void advise([[maybe_unused]] const void *data, [[maybe_unused]] size_t size,
            [[maybe_unused]] int advice) {
#if defined(__linux__)
  auto page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  auto begin = reinterpret_cast<uintptr_t>(data);
  uintptr_t first = (begin + page - 1) / page * page;
  uintptr_t last = (begin + size) / page * page;
  if (first < last)
    (void)madvise(reinterpret_cast<void *>(first), last - first, advice);
#endif
}

} // namespace

void releasePages(const void *data, size_t size) {
#if defined(MADV_PAGEOUT)
  advise(data, size, MADV_PAGEOUT);
#else
  (void)data;
  (void)size;
#endif
}

void discardPages(void *data, size_t size) {
#if defined(__linux__)
  advise(data, size, MADV_DONTNEED);
#else
  (void)data;
  (void)size;
#endif
}

} // namespace kiln_rt::platform
