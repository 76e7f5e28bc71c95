// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Tests element sizes and names, and their numbering as ONNX's DataType.

#include "kiln_rt/kiln_rt.h"

#include <gtest/gtest.h>

namespace {

struct TypeCase {
  kiln_rt_element_type_t type;
  int onnxNumber;
  size_t size;
  const char *name;
};

const TypeCase kTypes[] = {
    {KILN_RT_FLOAT32, 1, 4, "float32"},    {KILN_RT_UINT8, 2, 1, "uint8"},
    {KILN_RT_INT8, 3, 1, "int8"},          {KILN_RT_UINT16, 4, 2, "uint16"},
    {KILN_RT_INT16, 5, 2, "int16"},        {KILN_RT_INT32, 6, 4, "int32"},
    {KILN_RT_INT64, 7, 8, "int64"},        {KILN_RT_BOOL, 9, 1, "bool"},
    {KILN_RT_FLOAT16, 10, 2, "float16"},   {KILN_RT_FLOAT64, 11, 8, "float64"},
    {KILN_RT_UINT32, 12, 4, "uint32"},     {KILN_RT_UINT64, 13, 8, "uint64"},
    {KILN_RT_BFLOAT16, 16, 2, "bfloat16"},
};

// Sizes, names and ONNX numbers of every supported type.
TEST(ElementType, SizesNamesAndOnnxNumbers) {
  for (const TypeCase &c : kTypes) {
    EXPECT_EQ(static_cast<int>(c.type), c.onnxNumber) << c.name;
    EXPECT_EQ(kiln_rt_element_size(c.type), c.size) << c.name;
    EXPECT_STREQ(kiln_rt_element_type_string(c.type), c.name);
  }
}

// ONNX types the runtime does not support (string, complex, undefined, out
// of range) have size 0 and the fallback name.
TEST(ElementType, UnsupportedTypes) {
  for (int number : {0, 8, 14, 15, 17, 100, -3}) {
    auto type = static_cast<kiln_rt_element_type_t>(number);
    EXPECT_EQ(kiln_rt_element_size(type), 0u) << number;
    EXPECT_STREQ(kiln_rt_element_type_string(type), "unknown") << number;
  }
}

} // namespace
