// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Tests kiln_rt_run_check: the argument checks of a compiled `run`.

#include "kiln_rt/kiln_rt_compiled.h"
#include "test_support.h"

#include <gtest/gtest.h>

using namespace kiln_rt::test;

namespace {

class RunCheck : public ::testing::Test {
protected:
  void SetUp() override {
    desc = makeDesc();
    kiln_rt_options_t opts = {nullptr, LogCapture::log, &log};
    ASSERT_EQ(kiln_rt_instance_create(&desc, &opts, memory.bytes, &instance),
              KILN_RT_OK);
  }
  void TearDown() override { kiln_rt_instance_destroy(instance); }

  kiln_rt_status_t check() {
    return kiln_rt_run_check(instance, inputs, outputs, workspace);
  }

  kiln_rt_model_desc_t desc;
  InstanceMemory memory;
  LogCapture log;
  kiln_rt_instance_t *instance = nullptr;

  alignas(64) unsigned char a[128];
  alignas(64) unsigned char b[128];
  alignas(64) unsigned char y[128];
  alignas(64) unsigned char ws[128];
  const void *inputs[2] = {a, b};
  void *outputs[1] = {y};
  void *workspace = ws;
};

// Aligned, non-NULL everything: OK and nothing logged.
TEST_F(RunCheck, ValidArguments) {
  EXPECT_EQ(check(), KILN_RT_OK);
  EXPECT_TRUE(log.messages.empty()) << log.text();
}

// No live instance: refused, and there is nobody to log to.
TEST_F(RunCheck, NullOrDeadInstance) {
  EXPECT_EQ(kiln_rt_run_check(nullptr, inputs, outputs, workspace),
            KILN_RT_INVALID_ARGUMENT);
  InstanceMemory garbage = {};
  EXPECT_EQ(
      kiln_rt_run_check(reinterpret_cast<kiln_rt_instance_t *>(garbage.bytes),
                        inputs, outputs, workspace),
      KILN_RT_INVALID_ARGUMENT);
  kiln_rt_instance_destroy(instance);
  EXPECT_EQ(check(), KILN_RT_INVALID_ARGUMENT);
  instance = nullptr;
}

// NULL arrays and NULL entries name the argument.
TEST_F(RunCheck, NullBuffers) {
  EXPECT_EQ(kiln_rt_run_check(instance, nullptr, outputs, workspace),
            KILN_RT_INVALID_ARGUMENT);
  EXPECT_NE(log.text().find("inputs array is NULL"), std::string::npos)
      << log.text();
  EXPECT_EQ(kiln_rt_run_check(instance, inputs, nullptr, workspace),
            KILN_RT_INVALID_ARGUMENT);
  EXPECT_NE(log.text().find("outputs array is NULL"), std::string::npos)
      << log.text();

  inputs[1] = nullptr;
  EXPECT_EQ(check(), KILN_RT_INVALID_ARGUMENT);
  EXPECT_NE(log.text().find("input 1 ('b') is NULL"), std::string::npos)
      << log.text();
  inputs[1] = b;
  outputs[0] = nullptr;
  EXPECT_EQ(check(), KILN_RT_INVALID_ARGUMENT);
  EXPECT_NE(log.text().find("output 0 ('y') is NULL"), std::string::npos)
      << log.text();
}

// Each buffer must meet its own tensor's alignment.
TEST_F(RunCheck, MisalignedBuffers) {
  inputs[0] = a + 4;
  EXPECT_EQ(check(), KILN_RT_INVALID_ARGUMENT);
  EXPECT_NE(log.text().find("input 0 ('a')"), std::string::npos) << log.text();
  EXPECT_NE(log.text().find("not aligned to 64 bytes"), std::string::npos);
  inputs[0] = a;
  outputs[0] = y + 32;
  EXPECT_EQ(check(), KILN_RT_INVALID_ARGUMENT);
  EXPECT_NE(log.text().find("output 0 ('y')"), std::string::npos) << log.text();
  outputs[0] = y;
  workspace = ws + 8;
  EXPECT_EQ(check(), KILN_RT_INVALID_ARGUMENT);
  EXPECT_NE(log.text().find("workspace at"), std::string::npos) << log.text();
}

// A workspace is required only when the model has one.
TEST_F(RunCheck, WorkspacePresence) {
  workspace = nullptr;
  EXPECT_EQ(check(), KILN_RT_INVALID_ARGUMENT);
  EXPECT_NE(log.text().find("workspace is NULL; the model needs 32 bytes"),
            std::string::npos)
      << log.text();

  kiln_rt_model_desc_t noWorkspace = makeDesc();
  noWorkspace.workspace_size = 0;
  InstanceMemory other;
  kiln_rt_instance_t *second = nullptr;
  ASSERT_EQ(
      kiln_rt_instance_create(&noWorkspace, nullptr, other.bytes, &second),
      KILN_RT_OK);
  EXPECT_EQ(kiln_rt_run_check(second, inputs, outputs, nullptr), KILN_RT_OK);
  kiln_rt_instance_destroy(second);
}

// A model without inputs accepts a NULL inputs array; alignment 0 or 1
// means no requirement.
TEST_F(RunCheck, NoInputsAndNoAlignment) {
  static const kiln_rt_tensor_desc_t unaligned[1] = {
      {"y", KILN_RT_UINT8, 2, kShape, 6, 1}};
  kiln_rt_model_desc_t constant = makeDesc();
  constant.num_inputs = 0;
  constant.inputs = nullptr;
  constant.outputs = unaligned;
  constant.workspace_size = 0;
  InstanceMemory other;
  kiln_rt_instance_t *second = nullptr;
  ASSERT_EQ(kiln_rt_instance_create(&constant, nullptr, other.bytes, &second),
            KILN_RT_OK);
  void *odd[1] = {y + 3};
  EXPECT_EQ(kiln_rt_run_check(second, nullptr, odd, nullptr), KILN_RT_OK);
  kiln_rt_instance_destroy(second);
}

} // namespace
