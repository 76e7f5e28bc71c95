// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Instances of compiled models: creation, destruction, state and logging.

#include "instance.h"

#include "platform/memory.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

using namespace kiln_rt;

//===--- Helpers ----------------------------------------------------------===//

void kiln_rt::logFormatted(kiln_rt_log_fn_t log, void *userData,
                           kiln_rt_log_level_t level, const char *format, ...) {
  if (!log)
    return;
  // Long messages are cut rather than allocated.
  char message[256];
  va_list args;
  va_start(args, format);
  vsnprintf(message, sizeof(message), format, args);
  va_end(args);
  log(userData, level, message);
}

namespace {

/// Logs an error about `kiln_rt_instance_create` through the options and
/// returns `status`, so that each check is one statement.
kiln_rt_status_t createError(const kiln_rt_options_t *opts,
                             kiln_rt_status_t status, const char *what,
                             size_t value = 0) {
  if (opts)
    logFormatted(opts->log, opts->log_user_data, KILN_RT_LOG_ERROR,
                 "kiln_rt_instance_create: %s (%zu)", what, value);
  return status;
}

} // namespace

//===--- Public entry points ----------------------------------------------===//

extern "C" kiln_rt_status_t
kiln_rt_instance_create(const kiln_rt_model_desc_t *desc,
                        const kiln_rt_options_t *opts, void *instance_memory,
                        kiln_rt_instance_t **out) {
  if (out)
    *out = nullptr;
  // 1. Arguments.
  if (!desc)
    return createError(opts, KILN_RT_INVALID_ARGUMENT, "NULL descriptor");
  if (!out)
    return createError(opts, KILN_RT_INVALID_ARGUMENT, "NULL `out`");
  const kiln_rt_allocator_t *allocator = &platform::defaultAllocator();
  if (opts && opts->allocator) {
    allocator = opts->allocator;
    if (!allocator->allocate || !allocator->deallocate)
      return createError(opts, KILN_RT_INVALID_ARGUMENT,
                         "allocator with a NULL function");
  }

  // 2. The descriptor: the ABI it was compiled for, then its sizes.
  if (desc->abi_version_major != KILN_RT_ABI_VERSION_MAJOR)
    return createError(opts, KILN_RT_INCOMPATIBLE,
                       "model compiled for another ABI major version",
                       desc->abi_version_major);
  if (desc->abi_version_minor > KILN_RT_ABI_VERSION_MINOR)
    return createError(opts, KILN_RT_INCOMPATIBLE,
                       "model compiled for a newer ABI minor version",
                       desc->abi_version_minor);
  if (desc->instance_size < KILN_RT_INSTANCE_STATE_OFFSET)
    return createError(opts, KILN_RT_INVALID_ARGUMENT,
                       "descriptor's instance_size is below the header size",
                       desc->instance_size);
  if (!isPowerOfTwoOrZero(desc->instance_alignment))
    return createError(opts, KILN_RT_INVALID_ARGUMENT,
                       "descriptor's instance_alignment is not a power of two",
                       desc->instance_alignment);
  size_t alignment = desc->instance_alignment;
  if (alignment < KILN_RT_INSTANCE_MIN_ALIGNMENT)
    alignment = KILN_RT_INSTANCE_MIN_ALIGNMENT;

  // 3. The memory: the caller's, or the allocator's.
  uint32_t flags = 0;
  void *memory = instance_memory;
  if (memory) {
    if (!isAligned(memory, alignment))
      return createError(opts, KILN_RT_INVALID_ARGUMENT,
                         "instance memory is not aligned to", alignment);
  } else {
    memory = allocator->allocate(allocator->user_data, desc->instance_size,
                                 alignment);
    if (!memory)
      return createError(opts, KILN_RT_OUT_OF_MEMORY,
                         "cannot allocate the instance, bytes",
                         desc->instance_size);
    if (!isAligned(memory, alignment)) {
      allocator->deallocate(allocator->user_data, memory);
      return createError(opts, KILN_RT_INVALID_ARGUMENT,
                         "the allocator returned memory not aligned to",
                         alignment);
    }
    flags |= KILN_RT_INSTANCE_OWNS_MEMORY;
  }

  // 4. The header; the state starts zeroed (see kiln_rt_compiled.h).
  memset(memory, 0, desc->instance_size);
  auto *instance = static_cast<kiln_rt_instance_t *>(memory);
  kiln_rt_instance_header_t &header = instance->header;
  header.flags = flags;
  header.desc = desc;
  header.allocator = *allocator;
  header.log = opts ? opts->log : nullptr;
  header.log_user_data = opts ? opts->log_user_data : nullptr;
  header.magic = KILN_RT_INSTANCE_MAGIC;
  *out = instance;
  return KILN_RT_OK;
}

extern "C" void kiln_rt_instance_destroy(kiln_rt_instance_t *instance) {
  if (!isLiveInstance(instance))
    return;
  kiln_rt_instance_header_t &header = instance->header;
  // Clear the magic first so that a second destroy of caller memory, or a
  // run on it, is refused.
  header.magic = 0;
  if (header.flags & KILN_RT_INSTANCE_OWNS_MEMORY) {
    kiln_rt_allocator_t allocator = header.allocator;
    allocator.deallocate(allocator.user_data, instance);
  }
}

extern "C" void *kiln_rt_instance_state(const kiln_rt_instance_t *instance) {
  if (!instance)
    return nullptr;
  // The instance memory is the caller's to write through; `const` only
  // says that `run` does not.
  return const_cast<char *>(reinterpret_cast<const char *>(instance)) +
         KILN_RT_INSTANCE_STATE_OFFSET;
}

extern "C" const kiln_rt_model_desc_t *
kiln_rt_instance_desc(const kiln_rt_instance_t *instance) {
  return instance ? instance->header.desc : nullptr;
}

extern "C" void *kiln_rt_instance_allocate(const kiln_rt_instance_t *instance,
                                           size_t size, size_t alignment) {
  if (!isLiveInstance(instance) || size == 0 || !isPowerOfTwoOrZero(alignment))
    return nullptr;
  if (alignment < KILN_RT_INSTANCE_MIN_ALIGNMENT)
    alignment = KILN_RT_INSTANCE_MIN_ALIGNMENT;
  const kiln_rt_allocator_t &allocator = instance->header.allocator;
  void *pointer = allocator.allocate(allocator.user_data, size, alignment);
  if (pointer && !isAligned(pointer, alignment)) {
    allocator.deallocate(allocator.user_data, pointer);
    return nullptr;
  }
  return pointer;
}

extern "C" void kiln_rt_instance_deallocate(const kiln_rt_instance_t *instance,
                                            void *pointer) {
  if (!pointer || !isLiveInstance(instance))
    return;
  const kiln_rt_allocator_t &allocator = instance->header.allocator;
  allocator.deallocate(allocator.user_data, pointer);
}

extern "C" void kiln_rt_instance_log(const kiln_rt_instance_t *instance,
                                     kiln_rt_log_level_t level,
                                     const char *message) {
  if (!isLiveInstance(instance) || !instance->header.log || !message)
    return;
  instance->header.log(instance->header.log_user_data, level, message);
}
