// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Tests kiln_rt_instance_create/destroy and the instance helpers.

#include "kiln_rt/kiln_rt_compiled.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace kiln_rt::test;

namespace {

// The layout written in kiln_rt_compiled.h.
TEST(Instance, HeaderLayout) {
  EXPECT_LE(sizeof(kiln_rt_instance_header_t),
            size_t(KILN_RT_INSTANCE_HEADER_SIZE));
  EXPECT_EQ(offsetof(kiln_rt_instance_header_t, magic), 0u);
  EXPECT_EQ(offsetof(kiln_rt_instance_header_t, flags), 4u);
  EXPECT_EQ(offsetof(kiln_rt_instance_header_t, desc), 8u);
  EXPECT_EQ(offsetof(kiln_rt_instance_header_t, allocator), 16u);
  EXPECT_EQ(offsetof(kiln_rt_instance_header_t, log), 40u);
  EXPECT_EQ(offsetof(kiln_rt_instance_header_t, log_user_data), 48u);
  EXPECT_EQ(sizeof(kiln_rt_instance_header_t), 64u);
}

// Caller memory: used in place, header written, state zeroed, not freed.
TEST(Instance, CallerMemory) {
  kiln_rt_model_desc_t desc = makeDesc();
  InstanceMemory memory;
  std::memset(memory.bytes, 0xAB, sizeof(memory.bytes));
  kiln_rt_instance_t *instance = nullptr;
  ASSERT_EQ(kiln_rt_instance_create(&desc, nullptr, memory.bytes, &instance),
            KILN_RT_OK);
  ASSERT_EQ(static_cast<void *>(instance), memory.bytes);
  auto *header = reinterpret_cast<kiln_rt_instance_header_t *>(memory.bytes);
  EXPECT_EQ(header->magic, KILN_RT_INSTANCE_MAGIC);
  EXPECT_EQ(header->flags & KILN_RT_INSTANCE_OWNS_MEMORY, 0u);
  EXPECT_EQ(header->desc, &desc);
  EXPECT_EQ(kiln_rt_instance_desc(instance), &desc);
  // The state follows the header, zeroed; bytes past instance_size are not
  // touched.
  auto *state = static_cast<unsigned char *>(kiln_rt_instance_state(instance));
  EXPECT_EQ(state, memory.bytes + KILN_RT_INSTANCE_STATE_OFFSET);
  for (size_t i = 0; i < desc.instance_size - KILN_RT_INSTANCE_STATE_OFFSET;
       ++i)
    EXPECT_EQ(state[i], 0) << i;
  EXPECT_EQ(memory.bytes[desc.instance_size], 0xAB);
  kiln_rt_instance_destroy(instance);
  EXPECT_EQ(header->magic, 0u);
  // A second destroy of the same memory is refused quietly.
  kiln_rt_instance_destroy(instance);
}

// Runtime memory: one allocation of instance_size at the instance's
// alignment through the options' allocator, freed by destroy.
TEST(Instance, RuntimeMemoryThroughCountingAllocator) {
  kiln_rt_model_desc_t desc = makeDesc();
  CountingAllocator counting;
  kiln_rt_options_t opts = {&counting.allocator, nullptr, nullptr};
  kiln_rt_instance_t *instance = nullptr;
  ASSERT_EQ(kiln_rt_instance_create(&desc, &opts, nullptr, &instance),
            KILN_RT_OK);
  ASSERT_NE(instance, nullptr);
  EXPECT_EQ(counting.allocations, 1);
  EXPECT_EQ(counting.lastSize, desc.instance_size);
  EXPECT_EQ(counting.lastAlignment, desc.instance_alignment);
  auto *header = reinterpret_cast<kiln_rt_instance_header_t *>(instance);
  EXPECT_NE(header->flags & KILN_RT_INSTANCE_OWNS_MEMORY, 0u);

  // Memory the model prepares goes through the same allocator.
  void *packed = kiln_rt_instance_allocate(instance, 100, 64);
  ASSERT_NE(packed, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(packed) % 64, 0u);
  EXPECT_EQ(counting.allocations, 2);
  kiln_rt_instance_deallocate(instance, packed);
  EXPECT_EQ(counting.deallocations, 1);

  kiln_rt_instance_destroy(instance);
  EXPECT_EQ(counting.deallocations, 2);
}

// Without an allocator in the options, the default one is used.
TEST(Instance, RuntimeMemoryDefaultAllocator) {
  kiln_rt_model_desc_t desc = makeDesc();
  desc.instance_alignment = 256;
  kiln_rt_options_t opts = {nullptr, nullptr, nullptr};
  kiln_rt_instance_t *instance = nullptr;
  ASSERT_EQ(kiln_rt_instance_create(&desc, &opts, nullptr, &instance),
            KILN_RT_OK);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(instance) % 256, 0u);
  kiln_rt_instance_destroy(instance);
}

// The allocator returning NULL is KILN_RT_OUT_OF_MEMORY, logged.
TEST(Instance, AllocatorFailure) {
  kiln_rt_model_desc_t desc = makeDesc();
  CountingAllocator counting;
  counting.fail = true;
  LogCapture log;
  kiln_rt_options_t opts = {&counting.allocator, LogCapture::log, &log};
  kiln_rt_instance_t *instance = nullptr;
  EXPECT_EQ(kiln_rt_instance_create(&desc, &opts, nullptr, &instance),
            KILN_RT_OUT_OF_MEMORY);
  EXPECT_EQ(instance, nullptr);
  ASSERT_EQ(log.messages.size(), 1u);
  EXPECT_NE(log.text().find("cannot allocate"), std::string::npos);
}

// NULL descriptor, NULL out, half an allocator: invalid arguments, and
// `*out` is cleared on failure.
TEST(Instance, NullArguments) {
  kiln_rt_model_desc_t desc = makeDesc();
  InstanceMemory memory;
  auto *stale = reinterpret_cast<kiln_rt_instance_t *>(&memory);
  kiln_rt_instance_t *instance = stale;
  EXPECT_EQ(kiln_rt_instance_create(nullptr, nullptr, memory.bytes, &instance),
            KILN_RT_INVALID_ARGUMENT);
  EXPECT_EQ(instance, nullptr);
  EXPECT_EQ(kiln_rt_instance_create(&desc, nullptr, memory.bytes, nullptr),
            KILN_RT_INVALID_ARGUMENT);

  kiln_rt_allocator_t half = {CountingAllocator::allocate, nullptr, nullptr};
  kiln_rt_options_t opts = {&half, nullptr, nullptr};
  instance = stale;
  EXPECT_EQ(kiln_rt_instance_create(&desc, &opts, nullptr, &instance),
            KILN_RT_INVALID_ARGUMENT);
  EXPECT_EQ(instance, nullptr);

  // The helpers accept NULL quietly.
  kiln_rt_instance_destroy(nullptr);
  EXPECT_EQ(kiln_rt_instance_state(nullptr), nullptr);
  EXPECT_EQ(kiln_rt_instance_desc(nullptr), nullptr);
  EXPECT_EQ(kiln_rt_instance_allocate(nullptr, 16, 16), nullptr);
  kiln_rt_instance_deallocate(nullptr, nullptr);
  kiln_rt_instance_log(nullptr, KILN_RT_LOG_ERROR, "ignored");
}

// Another major version, or a newer minor one, is incompatible.
TEST(Instance, AbiMismatch) {
  InstanceMemory memory;
  kiln_rt_instance_t *instance = nullptr;
  LogCapture log;
  kiln_rt_options_t opts = {nullptr, LogCapture::log, &log};

  kiln_rt_model_desc_t desc = makeDesc();
  desc.abi_version_major = KILN_RT_ABI_VERSION_MAJOR + 1;
  EXPECT_EQ(kiln_rt_instance_create(&desc, &opts, memory.bytes, &instance),
            KILN_RT_INCOMPATIBLE);
  EXPECT_EQ(instance, nullptr);
  EXPECT_NE(log.text().find("major"), std::string::npos) << log.text();

  desc = makeDesc();
  desc.abi_version_minor = KILN_RT_ABI_VERSION_MINOR + 1;
  EXPECT_EQ(kiln_rt_instance_create(&desc, &opts, memory.bytes, &instance),
            KILN_RT_INCOMPATIBLE);

  // An older minor version is accepted.
  if (KILN_RT_ABI_VERSION_MINOR > 0) {
    desc = makeDesc();
    desc.abi_version_minor = KILN_RT_ABI_VERSION_MINOR - 1;
    EXPECT_EQ(kiln_rt_instance_create(&desc, &opts, memory.bytes, &instance),
              KILN_RT_OK);
    kiln_rt_instance_destroy(instance);
  }
}

// Caller memory not aligned to the descriptor's alignment, or to the
// runtime's minimum, is refused.
TEST(Instance, MisalignedMemory) {
  kiln_rt_model_desc_t desc = makeDesc();
  InstanceMemory memory;
  kiln_rt_instance_t *instance = nullptr;
  LogCapture log;
  kiln_rt_options_t opts = {nullptr, LogCapture::log, &log};
  EXPECT_EQ(kiln_rt_instance_create(&desc, &opts, memory.bytes + 16, &instance),
            KILN_RT_INVALID_ARGUMENT);
  EXPECT_EQ(instance, nullptr);
  EXPECT_NE(log.text().find("not aligned"), std::string::npos);

  desc.instance_alignment = 1;
  EXPECT_EQ(kiln_rt_instance_create(&desc, &opts, memory.bytes + 8, &instance),
            KILN_RT_INVALID_ARGUMENT);
  EXPECT_EQ(kiln_rt_instance_create(&desc, &opts, memory.bytes + 16, &instance),
            KILN_RT_OK);
  kiln_rt_instance_destroy(instance);
}

// Descriptors that cannot be right: no room for the header, an alignment
// that is not a power of two.
TEST(Instance, BadDescriptor) {
  InstanceMemory memory;
  kiln_rt_instance_t *instance = nullptr;
  kiln_rt_model_desc_t desc = makeDesc();
  desc.instance_size = KILN_RT_INSTANCE_HEADER_SIZE - 1;
  EXPECT_EQ(kiln_rt_instance_create(&desc, nullptr, memory.bytes, &instance),
            KILN_RT_INVALID_ARGUMENT);
  desc = makeDesc();
  desc.instance_alignment = 48;
  EXPECT_EQ(kiln_rt_instance_create(&desc, nullptr, memory.bytes, &instance),
            KILN_RT_INVALID_ARGUMENT);
  // A model with no state of its own needs exactly the header.
  desc = makeDesc();
  desc.instance_size = KILN_RT_INSTANCE_STATE_OFFSET;
  EXPECT_EQ(kiln_rt_instance_create(&desc, nullptr, memory.bytes, &instance),
            KILN_RT_OK);
  kiln_rt_instance_destroy(instance);
}

// Compiled code's log goes to the options' callback.
TEST(Instance, LogThroughInstance) {
  kiln_rt_model_desc_t desc = makeDesc();
  InstanceMemory memory;
  LogCapture log;
  kiln_rt_options_t opts = {nullptr, LogCapture::log, &log};
  kiln_rt_instance_t *instance = nullptr;
  ASSERT_EQ(kiln_rt_instance_create(&desc, &opts, memory.bytes, &instance),
            KILN_RT_OK);
  kiln_rt_instance_log(instance, KILN_RT_LOG_WARNING, "from the model");
  ASSERT_EQ(log.messages.size(), 1u);
  EXPECT_EQ(log.messages[0], "from the model");
  kiln_rt_instance_destroy(instance);
}

// kiln_rt_instance_allocate refuses what it cannot do.
TEST(Instance, AllocateEdgeCases) {
  kiln_rt_model_desc_t desc = makeDesc();
  InstanceMemory memory;
  kiln_rt_instance_t *instance = nullptr;
  ASSERT_EQ(kiln_rt_instance_create(&desc, nullptr, memory.bytes, &instance),
            KILN_RT_OK);
  EXPECT_EQ(kiln_rt_instance_allocate(instance, 0, 16), nullptr);
  EXPECT_EQ(kiln_rt_instance_allocate(instance, 16, 24), nullptr);
  void *p = kiln_rt_instance_allocate(instance, 10, 0);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % KILN_RT_INSTANCE_MIN_ALIGNMENT,
            0u);
  kiln_rt_instance_deallocate(instance, p);
  kiln_rt_instance_destroy(instance);
  // Not after destroy.
  EXPECT_EQ(kiln_rt_instance_allocate(instance, 16, 16), nullptr);
}

} // namespace
