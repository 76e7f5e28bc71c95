// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Tests the names of status codes and KILN_RT_RETURN_IF_ERROR.

#include "kiln_rt/kiln_rt.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace {

// Every code has its own name, none of them the fallback.
TEST(Status, EveryCodeHasADistinctName) {
  const kiln_rt_status_t codes[] = {
      KILN_RT_OK,          KILN_RT_INVALID_ARGUMENT, KILN_RT_OUT_OF_MEMORY,
      KILN_RT_UNSUPPORTED, KILN_RT_INCOMPATIBLE,     KILN_RT_LIBRARY_ERROR,
      KILN_RT_INTERNAL};
  std::set<std::string> names;
  for (kiln_rt_status_t code : codes) {
    const char *name = kiln_rt_status_string(code);
    ASSERT_NE(name, nullptr);
    EXPECT_STRNE(name, "unknown status") << "code " << code;
    names.insert(name);
  }
  EXPECT_EQ(names.size(), sizeof(codes) / sizeof(codes[0]));
  EXPECT_STREQ(kiln_rt_status_string(KILN_RT_OK), "ok");
  EXPECT_STREQ(kiln_rt_status_string(KILN_RT_INVALID_ARGUMENT),
               "invalid argument");
}

// A value outside the enum gets the fallback, not a crash.
TEST(Status, UnknownCodeHasFallbackName) {
  EXPECT_STREQ(kiln_rt_status_string(static_cast<kiln_rt_status_t>(42)),
               "unknown status");
  EXPECT_STREQ(kiln_rt_status_string(static_cast<kiln_rt_status_t>(-1)),
               "unknown status");
}

kiln_rt_status_t passThrough(kiln_rt_status_t status, int *reached) {
  KILN_RT_RETURN_IF_ERROR(status);
  *reached = 1;
  return KILN_RT_OK;
}

// The macro returns errors and falls through on success.
TEST(Status, ReturnIfErrorReturnsOnlyErrors) {
  int reached = 0;
  EXPECT_EQ(passThrough(KILN_RT_INTERNAL, &reached), KILN_RT_INTERNAL);
  EXPECT_EQ(reached, 0);
  EXPECT_EQ(passThrough(KILN_RT_OK, &reached), KILN_RT_OK);
  EXPECT_EQ(reached, 1);
}

} // namespace
