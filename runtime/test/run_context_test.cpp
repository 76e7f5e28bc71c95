// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Tests kiln_rt_run_fail: how compiled code reports a failure during `run`.

#include "kiln_rt/kiln_rt_compiled.h"
#include "test_support.h"

#include <gtest/gtest.h>

using namespace kiln_rt::test;

namespace {

class RunContext : public ::testing::Test {
protected:
  void SetUp() override {
    desc = makeDesc();
    kiln_rt_options_t opts = {nullptr, LogCapture::log, &log};
    ASSERT_EQ(kiln_rt_instance_create(&desc, &opts, memory.bytes, &instance),
              KILN_RT_OK);
    ctx = {instance, kiln_rt_instance_state(instance), nullptr, 0, KILN_RT_OK};
  }
  void TearDown() override { kiln_rt_instance_destroy(instance); }

  kiln_rt_model_desc_t desc;
  InstanceMemory memory;
  LogCapture log;
  kiln_rt_instance_t *instance = nullptr;
  kiln_rt_run_context_t ctx;
};

// The first failure's status is what run returns; every message is logged.
TEST_F(RunContext, FirstFailureWins) {
  kiln_rt_run_fail(&ctx, KILN_RT_INVALID_ARGUMENT, "node 'a': first");
  kiln_rt_run_fail(&ctx, KILN_RT_INTERNAL, "node 'b': second");
  EXPECT_EQ(ctx.status, KILN_RT_INVALID_ARGUMENT);
  ASSERT_EQ(log.messages.size(), 2u);
  EXPECT_EQ(log.messages[0], "node 'a': first");
  EXPECT_EQ(log.messages[1], "node 'b': second");
}

// OK is not a failure, and NULL contexts and messages are harmless.
TEST_F(RunContext, OkNullAndSilent) {
  kiln_rt_run_fail(&ctx, KILN_RT_OK, "not a failure");
  EXPECT_EQ(ctx.status, KILN_RT_OK);
  kiln_rt_run_fail(nullptr, KILN_RT_INTERNAL, "no context");
  kiln_rt_run_fail(&ctx, KILN_RT_INTERNAL, nullptr);
  EXPECT_EQ(ctx.status, KILN_RT_INTERNAL);
  EXPECT_TRUE(log.messages.empty()) << log.text();
}

// Generated code reads the context at fixed offsets.
TEST(RunContextLayout, Offsets) {
  EXPECT_EQ(offsetof(kiln_rt_run_context_t, instance), 0u);
  EXPECT_EQ(offsetof(kiln_rt_run_context_t, state), sizeof(void *));
  EXPECT_EQ(offsetof(kiln_rt_run_context_t, run_opts), 2 * sizeof(void *));
  EXPECT_EQ(offsetof(kiln_rt_run_context_t, num_threads), 3 * sizeof(void *));
  EXPECT_EQ(offsetof(kiln_rt_run_context_t, status),
            3 * sizeof(void *) + sizeof(int32_t));
}

} // namespace
