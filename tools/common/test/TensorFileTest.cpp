// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Tests the .npy and TensorProto readers on well-formed and broken bytes.

#include "TensorFile.h"

#include "onnx/onnx_pb.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace kiln::tools;

namespace {

/// Returns a version-1.0 .npy file with `header` (padded as NumPy does)
/// followed by `data`.
std::string npy(const std::string &header, const std::string &data,
                int major = 1) {
  std::string text = header;
  size_t prefix = major == 1 ? 10 : 12;
  while ((prefix + text.size() + 1) % 64 != 0)
    text += ' ';
  text += '\n';
  std::string bytes = std::string("\x93NUMPY", 6);
  bytes += static_cast<char>(major);
  bytes += '\0';
  size_t length = text.size();
  bytes += static_cast<char>(length & 0xFF);
  bytes += static_cast<char>((length >> 8) & 0xFF);
  if (major != 1) {
    bytes += '\0';
    bytes += '\0';
  }
  return bytes + text + data;
}

template <typename T>
std::string bytesOf(std::initializer_list<T> values) {
  std::string bytes(values.size() * sizeof(T), '\0');
  std::memcpy(&bytes[0], values.begin(), bytes.size());
  return bytes;
}

/// Expects `parse` to throw a ToolError whose message contains `what`.
template <typename F>
void expectError(F parse, const std::string &what) {
  try {
    parse();
    ADD_FAILURE() << "no error; expected '" << what << "'";
  } catch (const ToolError &error) {
    EXPECT_NE(std::string(error.what()).find(what), std::string::npos)
        << error.what();
  }
}

// A float32 matrix, a scalar, int64 and bool, version 2.0.
TEST(Npy, ReadsCommonTypes) {
  HostTensor t = parseNpy(
      npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
          bytesOf<float>({1, 2, 3, 4, 5, 6})),
      "t.npy");
  EXPECT_EQ(t.type, KILN_RT_FLOAT32);
  EXPECT_EQ(t.shape, (std::vector<int64_t>{2, 3}));
  EXPECT_TRUE(t.name.empty());
  EXPECT_EQ(t.valueAsDouble(5), 6.0);

  HostTensor scalar =
      parseNpy(npy("{'descr': '<i8', 'fortran_order': False, 'shape': (), }",
                   bytesOf<int64_t>({-7})),
               "s.npy");
  EXPECT_TRUE(scalar.shape.empty());
  EXPECT_EQ(scalar.elementCount(), 1);
  EXPECT_EQ(scalar.formatValue(0), "-7");

  HostTensor flags =
      parseNpy(npy("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }",
                   std::string("\1\0\1", 3), 2),
               "b.npy");
  EXPECT_EQ(flags.type, KILN_RT_BOOL);
  EXPECT_EQ(flags.formatValue(1), "false");
}

// Broken files give errors naming the problem, never a crash.
TEST(Npy, RejectsBrokenFiles) {
  std::string good =
      npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }",
          bytesOf<float>({1, 2}));
  expectError([] { parseNpy("\x93NUMP", "x.npy"); }, "not a .npy file");
  expectError([&] { parseNpy(good.substr(0, 20), "x.npy"); },
              "truncated .npy header");
  expectError([&] { parseNpy(good.substr(0, good.size() - 1), "x.npy"); },
              ".npy data holds 7 bytes, but float32[2] needs 8");
  expectError([&] { parseNpy(good + "x", "x.npy"); }, "holds 9 bytes");
  expectError(
      [] {
        parseNpy(npy("{'descr': '>f4', 'fortran_order': False, "
                     "'shape': (1,), }",
                     bytesOf<float>({1})),
                 "x.npy");
      },
      "big-endian");
  expectError(
      [] {
        parseNpy(npy("{'descr': '<U3', 'fortran_order': False, "
                     "'shape': (1,), }",
                     "abcabcabcabc"),
                 "x.npy");
      },
      "unsupported .npy dtype '<U3'");
  expectError(
      [] {
        parseNpy(npy("{'descr': '<f4', 'fortran_order': True, "
                     "'shape': (2, 2), }",
                     bytesOf<float>({1, 2, 3, 4})),
                 "x.npy");
      },
      "Fortran-order");
  expectError(
      [] {
        parseNpy(npy("{'descr': '<f4', 'shape': (1,), }", bytesOf<float>({1})),
                 "x.npy");
      },
      "is missing");
  expectError(
      [] {
        parseNpy(npy("{'descr': '<f4', 'fortran_order': False, "
                     "'shape': (99999999999, 99999999999, 99999999999), }",
                     ""),
                 "x.npy");
      },
      "x.npy");
  expectError(
      [] {
        std::string bytes = std::string("\x93NUMPY\x09\x00\x10\x00", 10);
        parseNpy(bytes + std::string(16, ' '), "x.npy");
      },
      "unsupported .npy format version 9");
}

/// Returns a serialized TensorProto of float32[2] holding 1, 2.
std::string floatProto(bool raw) {
  onnx::TensorProto proto;
  proto.set_name("x");
  proto.set_data_type(onnx::TensorProto::FLOAT);
  proto.add_dims(2);
  if (raw) {
    proto.set_raw_data(bytesOf<float>({1, 2}));
  } else {
    proto.add_float_data(1);
    proto.add_float_data(2);
  }
  return proto.SerializeAsString();
}

// raw_data and typed fields give the same tensor, with the name.
TEST(TensorProto, RawAndTypedData) {
  for (bool raw : {true, false}) {
    HostTensor t = parseTensorProto(floatProto(raw), "x.pb");
    EXPECT_EQ(t.name, "x");
    EXPECT_EQ(t.type, KILN_RT_FLOAT32);
    EXPECT_EQ(t.shape, std::vector<int64_t>{2});
    EXPECT_EQ(t.valueAsDouble(1), 2.0);
  }
}

// Narrow integer, float16 and bool types come through int32_data.
TEST(TensorProto, Int32DataTypes) {
  onnx::TensorProto proto;
  proto.set_data_type(onnx::TensorProto::FLOAT16);
  proto.add_dims(2);
  proto.add_int32_data(0x3C00); // 1.0
  proto.add_int32_data(0xC000); // -2.0
  HostTensor half = parseTensorProto(proto.SerializeAsString(), "h.pb");
  EXPECT_EQ(half.valueAsDouble(0), 1.0);
  EXPECT_EQ(half.valueAsDouble(1), -2.0);

  proto.set_data_type(onnx::TensorProto::INT8);
  proto.set_int32_data(1, -5);
  HostTensor small = parseTensorProto(proto.SerializeAsString(), "i.pb");
  EXPECT_EQ(small.valueAsDouble(1), -5.0);

  proto.set_data_type(onnx::TensorProto::BOOL);
  HostTensor flags = parseTensorProto(proto.SerializeAsString(), "b.pb");
  EXPECT_EQ(flags.formatValue(0), "true");
  EXPECT_EQ(flags.data.data()[1], 1);
}

// Broken or unsupported TensorProtos give errors naming the problem.
TEST(TensorProto, RejectsBrokenFiles) {
  std::string good = floatProto(true);
  expectError(
      [&] { parseTensorProto(good.substr(0, good.size() - 3), "x.pb"); },
      "x.pb: cannot parse");
  expectError([] { parseTensorProto("", "x.pb"); }, "no data type");

  onnx::TensorProto proto;
  proto.set_data_type(onnx::TensorProto::FLOAT);
  proto.add_dims(3);
  proto.set_raw_data(bytesOf<float>({1, 2}));
  expectError([&] { parseTensorProto(proto.SerializeAsString(), "x.pb"); },
              "raw_data holds 8 bytes, but float32[3] needs 12");
  proto.clear_raw_data();
  proto.add_float_data(1);
  expectError([&] { parseTensorProto(proto.SerializeAsString(), "x.pb"); },
              "has 1 values in float_data");

  proto.set_data_type(onnx::TensorProto::STRING);
  expectError([&] { parseTensorProto(proto.SerializeAsString(), "x.pb"); },
              "data type STRING is not supported");
  proto.set_data_type(onnx::TensorProto::FLOAT);
  proto.set_dims(0, -3);
  expectError([&] { parseTensorProto(proto.SerializeAsString(), "x.pb"); },
              "negative dimension");
  proto.set_dims(0, 1);
  proto.set_data_location(onnx::TensorProto::EXTERNAL);
  expectError([&] { parseTensorProto(proto.SerializeAsString(), "x.pb"); },
              "external data");
}

// A header claiming a huge tensor is refused before anything is allocated
// (this would otherwise touch hundreds of gigabytes).
TEST(TensorFile, HugeClaimsFailWithoutAllocating) {
  expectError(
      [] {
        parseNpy(npy("{'descr': '<f4', 'fortran_order': False, "
                     "'shape': (100000000000,), }",
                     ""),
                 "x.npy");
      },
      ".npy data holds 0 bytes, but float32[100000000000] needs "
      "400000000000");
  onnx::TensorProto proto;
  proto.set_data_type(onnx::TensorProto::FLOAT);
  proto.add_dims(100000000000);
  expectError([&] { parseTensorProto(proto.SerializeAsString(), "x.pb"); },
              "fewer values than its shape [100000000000] needs");
  proto.set_raw_data("abcd");
  expectError([&] { parseTensorProto(proto.SerializeAsString(), "x.pb"); },
              "raw_data holds 4 bytes");
}

// A file that is not there.
TEST(TensorFile, MissingFile) {
  expectError([] { readTensorFile("/nonexistent/x.pb"); },
              "/nonexistent/x.pb: cannot open");
  expectError([] { readTensorFile("/"); }, "is a directory");
}

} // namespace
