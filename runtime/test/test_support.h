// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Shared pieces of the runtime's unit tests: a model descriptor, a log that
// records messages, and an allocator that counts.

#ifndef KILN_RT_TEST_TEST_SUPPORT_H
#define KILN_RT_TEST_TEST_SUPPORT_H

#include "kiln_rt/kiln_rt_compiled.h"

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace kiln_rt::test {

inline const int64_t kShape[2] = {2, 3};

/// Two float[2,3] inputs and one output, 64-byte aligned, a 32-byte
/// workspace and 32 bytes of model state.
inline kiln_rt_model_desc_t makeDesc() {
  static const kiln_rt_tensor_desc_t inputs[2] = {
      {"a", KILN_RT_FLOAT32, 2, kShape, 24, 64},
      {"b", KILN_RT_FLOAT32, 2, kShape, 24, 64}};
  static const kiln_rt_tensor_desc_t outputs[1] = {
      {"y", KILN_RT_FLOAT32, 2, kShape, 24, 64}};
  kiln_rt_model_desc_t desc = {};
  desc.abi_version_major = KILN_RT_ABI_VERSION_MAJOR;
  desc.abi_version_minor = KILN_RT_ABI_VERSION_MINOR;
  desc.name = "test";
  desc.num_inputs = 2;
  desc.inputs = inputs;
  desc.num_outputs = 1;
  desc.outputs = outputs;
  desc.workspace_size = 32;
  desc.workspace_alignment = 64;
  desc.instance_size = KILN_RT_INSTANCE_STATE_OFFSET + 32;
  desc.instance_alignment = 32;
  return desc;
}

/// Records what the runtime logs.
struct LogCapture {
  std::vector<std::string> messages;

  static void log(void *userData, kiln_rt_log_level_t, const char *message) {
    static_cast<LogCapture *>(userData)->messages.push_back(message);
  }
  /// Returns all messages, one per line.
  std::string text() const {
    std::string all;
    for (const std::string &m : messages)
      all += m + "\n";
    return all;
  }
};

/// Counts allocations and frees; fails on demand.
struct CountingAllocator {
  int allocations = 0;
  int deallocations = 0;
  size_t lastSize = 0;
  size_t lastAlignment = 0;
  bool fail = false;
  /// The allocations not freed yet, oldest first.
  std::vector<std::pair<void *, size_t>> live;
  kiln_rt_allocator_t allocator = {allocate, deallocate, this};

  static void *allocate(void *userData, size_t size, size_t alignment) {
    auto *self = static_cast<CountingAllocator *>(userData);
    if (self->fail)
      return nullptr;
    ++self->allocations;
    self->lastSize = size;
    self->lastAlignment = alignment;
    void *pointer = nullptr;
    if (posix_memalign(&pointer, alignment, size) != 0)
      return nullptr;
    self->live.emplace_back(pointer, size);
    return pointer;
  }
  static void deallocate(void *userData, void *pointer) {
    auto *self = static_cast<CountingAllocator *>(userData);
    ++self->deallocations;
    for (auto it = self->live.begin(); it != self->live.end(); ++it)
      if (it->first == pointer) {
        self->live.erase(it);
        break;
      }
    free(pointer);
  }
};

/// Caller memory for instances: 256 bytes aligned to 128.
struct alignas(128) InstanceMemory {
  unsigned char bytes[256];
};

} // namespace kiln_rt::test

#endif // KILN_RT_TEST_TEST_SUPPORT_H
