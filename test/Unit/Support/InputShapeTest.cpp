// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Tests of `--input-shape` parsing.

#include "kiln/Support/InputShape.h"

#include <gtest/gtest.h>

using mlir::kiln::InputShape;
using mlir::kiln::parseInputShape;

namespace {

/// Returns the error message of parsing `spec`, or "" when it parsed.
std::string errorOf(llvm::StringRef spec) {
  llvm::Expected<InputShape> shape = parseInputShape(spec);
  if (shape)
    return "";
  return llvm::toString(shape.takeError());
}

TEST(InputShapeTest, ParsesNameAndDims) {
  llvm::Expected<InputShape> shape = parseInputShape("input=1x3x224x224");
  ASSERT_TRUE(static_cast<bool>(shape)) << llvm::toString(shape.takeError());
  EXPECT_EQ(shape->name, "input");
  EXPECT_EQ(shape->dims, (llvm::SmallVector<int64_t>{1, 3, 224, 224}));
}

TEST(InputShapeTest, ScalarHasNoDims) {
  llvm::Expected<InputShape> shape = parseInputShape("scale=");
  ASSERT_TRUE(static_cast<bool>(shape));
  EXPECT_EQ(shape->name, "scale");
  EXPECT_TRUE(shape->dims.empty());
}

TEST(InputShapeTest, NameMayContainEquals) {
  llvm::Expected<InputShape> shape = parseInputShape("a=b=4x2");
  ASSERT_TRUE(static_cast<bool>(shape));
  EXPECT_EQ(shape->name, "a=b");
  EXPECT_EQ(shape->dims, (llvm::SmallVector<int64_t>{4, 2}));
}

TEST(InputShapeTest, RejectsMalformedSpecs) {
  EXPECT_NE(errorOf("input").find("expected NAME=D0xD1x"), std::string::npos);
  EXPECT_NE(errorOf("=1x2").find("the input name is empty"),
            std::string::npos);
  EXPECT_NE(errorOf("x=1xx2").find("'' is not a dimension"),
            std::string::npos);
  EXPECT_NE(errorOf("x=1x-2").find("'-2' is not a dimension"),
            std::string::npos);
  EXPECT_NE(errorOf("x=0x10").find("out of range"), std::string::npos);
  EXPECT_NE(errorOf("x=1x99999999999999999999").find("not a dimension"),
            std::string::npos);
  EXPECT_NE(errorOf("x=4611686018427387904").find("out of range"),
            std::string::npos);
}

} // namespace
