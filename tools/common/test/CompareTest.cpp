// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Tests output comparison: tolerances, NaN and infinities, exact integers,
// the worst element, incompatible tensors; and summary statistics.

#include "Compare.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

using namespace kiln::tools;

namespace {

template <typename T>
HostTensor tensor(kiln_rt_element_type_t type, std::vector<int64_t> shape,
                  std::vector<T> values) {
  HostTensor t;
  t.type = type;
  t.shape = std::move(shape);
  t.data = AlignedBuffer(values.size() * sizeof(T), 64);
  std::memcpy(t.data.data(), values.data(), values.size() * sizeof(T));
  return t;
}

const float kNaN = std::numeric_limits<float>::quiet_NaN();
const float kInf = std::numeric_limits<float>::infinity();

// |got - ref| <= atol + rtol * |ref| is a match; the worst offender is
// the one furthest outside its tolerance.
TEST(Compare, FloatTolerance) {
  Tolerance tolerance; // 1e-3, 1e-7
  HostTensor ref = tensor<float>(KILN_RT_FLOAT32, {2, 2}, {100, 1, 0, -50});
  HostTensor close =
      tensor<float>(KILN_RT_FLOAT32, {2, 2}, {100.09f, 1, 0, -50.04f});
  EXPECT_TRUE(compareTensors(close, ref, tolerance).matches());

  HostTensor off =
      tensor<float>(KILN_RT_FLOAT32, {2, 2}, {100.5f, 1, 0.1f, -50});
  Comparison result = compareTensors(off, ref, tolerance);
  EXPECT_FALSE(result.matches());
  EXPECT_EQ(result.count, 4);
  EXPECT_EQ(result.mismatches, 2);
  EXPECT_EQ(result.worstIndex, 0); // 0.5 over 0.1 allowed beats 0.1 over 1e-7
  EXPECT_NEAR(result.maxAbsError, 0.5, 1e-6);
  EXPECT_EQ(formatIndex(ref.shape, 2), "[1, 0]");

  tolerance.atol = 1;
  EXPECT_TRUE(compareTensors(off, ref, tolerance).matches());
}

// NaN matches only NaN; the same infinity matches; NaN against a number is
// the worst mismatch.
TEST(Compare, NaNAndInfinity) {
  Tolerance tolerance;
  HostTensor ref = tensor<float>(KILN_RT_FLOAT32, {3}, {kNaN, kInf, 1});
  EXPECT_TRUE(compareTensors(ref, ref, tolerance).matches());
  HostTensor got = tensor<float>(KILN_RT_FLOAT32, {3}, {kNaN, -kInf, 2});
  Comparison result = compareTensors(got, ref, tolerance);
  EXPECT_EQ(result.mismatches, 2);
  EXPECT_EQ(result.worstIndex, 1);
  HostTensor nanGot = tensor<float>(KILN_RT_FLOAT32, {3}, {0, kInf, 1});
  result = compareTensors(nanGot, ref, tolerance);
  EXPECT_EQ(result.mismatches, 1);
  EXPECT_EQ(result.worstIndex, 0);
}

// Integers compare exactly, whatever the tolerance; int64 beyond 2^53 too.
TEST(Compare, IntegersExact) {
  Tolerance loose{1, 1};
  HostTensor ref =
      tensor<int64_t>(KILN_RT_INT64, {3}, {1, (int64_t(1) << 60) + 1, -3});
  HostTensor got =
      tensor<int64_t>(KILN_RT_INT64, {3}, {2, int64_t(1) << 60, -3});
  Comparison result = compareTensors(got, ref, loose);
  EXPECT_EQ(result.mismatches, 2);
  EXPECT_EQ(result.worstIndex, 0);
  EXPECT_TRUE(compareTensors(ref, ref, loose).matches());
}

// Bools compare by truth value.
TEST(Compare, Bools) {
  HostTensor ref = tensor<uint8_t>(KILN_RT_BOOL, {3}, {1, 0, 1});
  HostTensor same = tensor<uint8_t>(KILN_RT_BOOL, {3}, {1, 0, 1});
  HostTensor other = tensor<uint8_t>(KILN_RT_BOOL, {3}, {1, 1, 1});
  EXPECT_TRUE(compareTensors(same, ref, Tolerance()).matches());
  Comparison result = compareTensors(other, ref, Tolerance());
  EXPECT_EQ(result.mismatches, 1);
  EXPECT_EQ(result.worstIndex, 1);
}

// Different types or shapes cannot be compared element by element.
TEST(Compare, Incompatible) {
  HostTensor f = tensor<float>(KILN_RT_FLOAT32, {2}, {1, 2});
  HostTensor i = tensor<int32_t>(KILN_RT_INT32, {2}, {1, 2});
  HostTensor g = tensor<float>(KILN_RT_FLOAT32, {1, 2}, {1, 2});
  Comparison result = compareTensors(f, i, Tolerance());
  EXPECT_FALSE(result.matches());
  EXPECT_NE(result.incompatible.find("element type differs"),
            std::string::npos);
  result = compareTensors(f, g, Tolerance());
  EXPECT_NE(result.incompatible.find("shape differs: the model gives "
                                     "float32[2], the reference is "
                                     "float32[1, 2]"),
            std::string::npos)
      << result.incompatible;
}

// Statistics skip NaN and infinities and count them.
TEST(Compare, Summary) {
  HostTensor t = tensor<float>(KILN_RT_FLOAT32, {5}, {kNaN, -1, 3, kInf, 4});
  TensorStats stats = summarize(t);
  EXPECT_EQ(stats.min, -1);
  EXPECT_EQ(stats.max, 4);
  EXPECT_EQ(stats.mean, 2);
  EXPECT_EQ(stats.nanCount, 1);
  EXPECT_EQ(stats.infCount, 1);
}

// Half and bfloat16 bits convert exactly.
TEST(Compare, HalfConversions) {
  EXPECT_EQ(halfToFloat(0x3C00), 1.0f);
  EXPECT_EQ(halfToFloat(0x0001), std::ldexp(1.0f, -24)); // subnormal
  EXPECT_EQ(halfToFloat(0x7BFF), 65504.0f);
  EXPECT_TRUE(std::isinf(halfToFloat(0xFC00)));
  EXPECT_TRUE(std::isnan(halfToFloat(0x7E00)));
  EXPECT_EQ(bfloat16ToFloat(0x3F80), 1.0f);
}

} // namespace
