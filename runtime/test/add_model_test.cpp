// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Loads the hand-written add_model.so through `kiln_model` and runs it the
// way kiln-run and the Python package do: the whole ABI end to end.

#include "kiln_rt/kiln_rt_compiled.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <dlfcn.h>

using namespace kiln_rt::test;

namespace {

class AddModel : public ::testing::Test {
protected:
  void SetUp() override {
    handle = dlopen(KILN_RT_TEST_ADD_MODEL, RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(handle, nullptr) << dlerror();
    auto entry = reinterpret_cast<kiln_rt_model_entry_fn_t>(
        dlsym(handle, KILN_RT_MODEL_ENTRY_SYMBOL));
    ASSERT_NE(entry, nullptr);
    model = entry();
    ASSERT_NE(model, nullptr);
    desc = model->describe();
    ASSERT_NE(desc, nullptr);
  }
  void TearDown() override {
    if (handle)
      dlclose(handle);
  }

  void *handle = nullptr;
  const kiln_rt_model_t *model = nullptr;
  const kiln_rt_model_desc_t *desc = nullptr;
};

// The descriptor says what the fixture is.
TEST_F(AddModel, Describe) {
  EXPECT_EQ(desc->abi_version_major, unsigned(KILN_RT_ABI_VERSION_MAJOR));
  EXPECT_STREQ(desc->name, "add");
  ASSERT_EQ(desc->num_inputs, 2);
  ASSERT_EQ(desc->num_outputs, 1);
  EXPECT_STREQ(desc->inputs[1].name, "b");
  EXPECT_EQ(desc->outputs[0].byte_size, 24u);
  EXPECT_GT(desc->workspace_size, 0u);
  EXPECT_GT(desc->instance_size, size_t(KILN_RT_INSTANCE_STATE_OFFSET));
}

// Only the model's own symbols are exported; the runtime linked into it
// stays internal.
TEST_F(AddModel, ExportsOnlyItsOwnSymbols) {
  EXPECT_NE(dlsym(handle, "add_run"), nullptr);
  EXPECT_EQ(dlsym(handle, "kiln_rt_parallel_for"), nullptr);
  EXPECT_EQ(dlsym(handle, "kiln_rt_instance_create"), nullptr);
}

// Create in caller memory and in runtime memory, run with 1 and 2 threads,
// and get a + b.
TEST_F(AddModel, RunsWithAnyThreadCount) {
  CountingAllocator counting;
  kiln_rt_options_t opts = {&counting.allocator, nullptr, nullptr};
  kiln_rt_instance_t *owned = nullptr;
  ASSERT_EQ(model->create(&opts, nullptr, &owned), KILN_RT_OK);
  InstanceMemory memory;
  kiln_rt_instance_t *borrowed = nullptr;
  ASSERT_EQ(model->create(nullptr, memory.bytes, &borrowed), KILN_RT_OK);

  alignas(64) float a[6] = {1, 2, 3, 4, 5, 6};
  alignas(64) float b[6] = {0.5f, -2, 10, 0, -5, 1e6f};
  alignas(64) float y[6];
  alignas(64) unsigned char workspace[64];
  const void *inputs[2] = {a, b};
  void *outputs[1] = {y};
  for (kiln_rt_instance_t *instance : {owned, borrowed}) {
    for (int32_t threads : {0, 1, 2}) {
      kiln_rt_run_options_t runOpts = {threads, nullptr, nullptr};
      for (float &v : y)
        v = -1;
      ASSERT_EQ(model->run(instance, inputs, outputs, workspace, &runOpts),
                KILN_RT_OK);
      for (int i = 0; i < 6; ++i)
        EXPECT_EQ(y[i], a[i] + b[i]) << i;
    }
  }
  model->destroy(owned);
  model->destroy(borrowed);
  EXPECT_EQ(counting.allocations, 1);
  EXPECT_EQ(counting.deallocations, 1);
}

// Bad buffers come back as a status, with detail in the log.
TEST_F(AddModel, RejectsBadArguments) {
  LogCapture log;
  kiln_rt_options_t opts = {nullptr, LogCapture::log, &log};
  kiln_rt_instance_t *instance = nullptr;
  ASSERT_EQ(model->create(&opts, nullptr, &instance), KILN_RT_OK);
  alignas(64) float buffers[4][16] = {};
  const void *inputs[2] = {buffers[0], buffers[1] + 1};
  void *outputs[1] = {buffers[2]};
  EXPECT_EQ(model->run(instance, inputs, outputs, buffers[3], nullptr),
            KILN_RT_INVALID_ARGUMENT);
  EXPECT_NE(log.text().find("add_run: input 1 ('b')"), std::string::npos)
      << log.text();
  inputs[1] = buffers[1];
  EXPECT_EQ(model->run(instance, inputs, outputs, nullptr, nullptr),
            KILN_RT_INVALID_ARGUMENT);
  EXPECT_EQ(model->run(nullptr, inputs, outputs, buffers[3], nullptr),
            KILN_RT_INVALID_ARGUMENT);
  model->destroy(instance);
}

/// Records profiling events.
struct Profile {
  int events = 0;
  uint64_t begin = 0, end = 0;
  static void record(void *userData, const char *, uint64_t begin,
                     uint64_t end) {
    auto *self = static_cast<Profile *>(userData);
    ++self->events;
    self->begin = begin;
    self->end = end;
  }
};

// The profiling callback gets monotonic timestamps.
TEST_F(AddModel, Profiles) {
  kiln_rt_instance_t *instance = nullptr;
  ASSERT_EQ(model->create(nullptr, nullptr, &instance), KILN_RT_OK);
  alignas(64) float buffers[4][16] = {};
  const void *inputs[2] = {buffers[0], buffers[1]};
  void *outputs[1] = {buffers[2]};
  Profile profile;
  kiln_rt_run_options_t runOpts = {1, Profile::record, &profile};
  ASSERT_EQ(model->run(instance, inputs, outputs, buffers[3], &runOpts),
            KILN_RT_OK);
  EXPECT_EQ(profile.events, 1);
  EXPECT_GT(profile.begin, 0u);
  EXPECT_LE(profile.begin, profile.end);
  model->destroy(instance);
}

} // namespace
