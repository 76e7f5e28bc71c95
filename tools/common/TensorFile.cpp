// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Reads tensors from files: ONNX TensorProto (`.pb`) and NumPy (`.npy`).

#include "TensorFile.h"

#include "onnx/onnx_pb.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the tensor readers assume a little-endian host (like .npy and ONNX)"
#endif

namespace kiln::tools {

//===--- Helpers ----------------------------------------------------------===//

namespace {

/// Throws a ToolError that starts with the file name.
[[noreturn]] void fail(const std::string &path, const std::string &message) {
  throw ToolError(path + ": " + message);
}

/// Returns the byte size of a tensor of `type` and `shape`, checking that
/// the element count and byte size fit.
size_t byteSize(const std::string &path, kiln_rt_element_type_t type,
                const std::vector<int64_t> &shape) {
  int64_t count = checkedElementCount(shape.data(), shape.size());
  if (count < 0)
    fail(path, "shape " + formatShape(shape) +
                   " has a negative dimension or too many elements");
  size_t elementSize = kiln_rt_element_size(type);
  if (static_cast<uint64_t>(count) >
      std::numeric_limits<size_t>::max() / 2 / elementSize)
    fail(path, "shape " + formatShape(shape) + " is too large");
  return static_cast<size_t>(count) * elementSize;
}

/// Makes a tensor of `type` and `shape` with zeroed storage of `bytes`
/// (from `byteSize`). Callers first check that the file holds that much,
/// so that a lying header cannot make the tool allocate gigabytes.
HostTensor makeTensor(kiln_rt_element_type_t type, std::vector<int64_t> shape,
                      size_t bytes) {
  HostTensor tensor;
  tensor.type = type;
  tensor.shape = std::move(shape);
  tensor.data = AlignedBuffer(bytes, 64);
  return tensor;
}

/// Returns true when `path` ends in `suffix`.
bool endsWith(const std::string &path, const std::string &suffix) {
  return path.size() >= suffix.size() &&
         path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
}

//===--- NumPy header -----------------------------------------------------===//

/// A cursor over the Python dict literal of a `.npy` header, e.g.
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
class NpyHeaderParser {
public:
  NpyHeaderParser(const std::string &text, const std::string &path)
      : text_(text), path_(path) {}

  /// Parses the dict into `descr`, `fortranOrder` and `shape`.
  void parse(std::string &descr, bool &fortranOrder,
             std::vector<int64_t> &shape) {
    bool haveDescr = false, haveOrder = false, haveShape = false;
    expect('{');
    while (!peek('}')) {
      std::string key = parseString();
      expect(':');
      if (key == "descr") {
        descr = parseString();
        haveDescr = true;
      } else if (key == "fortran_order") {
        fortranOrder = parseBool();
        haveOrder = true;
      } else if (key == "shape") {
        shape = parseTuple();
        haveShape = true;
      } else {
        error("unknown key '" + key + "'");
      }
      if (!peek('}'))
        expect(',');
    }
    expect('}');
    if (!haveDescr || !haveOrder || !haveShape)
      error("'descr', 'fortran_order' or 'shape' is missing");
  }

private:
  [[noreturn]] void error(const std::string &what) {
    fail(path_, "bad .npy header: " + what + " (header: " + text_ + ")");
  }
  void skipSpace() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\t'))
      ++pos_;
  }
  bool peek(char c) {
    skipSpace();
    return pos_ < text_.size() && text_[pos_] == c;
  }
  void expect(char c) {
    if (!peek(c))
      error(std::string("expected '") + c + "'");
    ++pos_;
  }
  std::string parseString() {
    skipSpace();
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"'))
      error("expected a string");
    char quote = text_[pos_++];
    size_t end = text_.find(quote, pos_);
    if (end == std::string::npos)
      error("unterminated string");
    std::string value = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return value;
  }
  bool parseBool() {
    skipSpace();
    if (text_.compare(pos_, 4, "True") == 0) {
      pos_ += 4;
      return true;
    }
    if (text_.compare(pos_, 5, "False") == 0) {
      pos_ += 5;
      return false;
    }
    error("expected True or False");
  }
  std::vector<int64_t> parseTuple() {
    std::vector<int64_t> values;
    expect('(');
    while (!peek(')')) {
      skipSpace();
      int64_t value = 0;
      size_t start = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
        int digit = text_[pos_] - '0';
        if (value > (std::numeric_limits<int64_t>::max() - digit) / 10)
          error("dimension too large");
        value = value * 10 + digit;
        ++pos_;
      }
      if (pos_ == start)
        error("expected a dimension");
      values.push_back(value);
      if (!peek(')'))
        expect(',');
    }
    expect(')');
    return values;
  }

  const std::string &text_;
  const std::string &path_;
  size_t pos_ = 0;
};

/// Maps a NumPy `descr` ("<f4", "|b1", ...) to an element type.
kiln_rt_element_type_t npyElementType(const std::string &descr,
                                      const std::string &path) {
  if (descr.size() != 3)
    fail(path, "unsupported .npy dtype '" + descr + "'");
  char order = descr[0];
  std::string kind = descr.substr(1);
  if (order == '>' && kind[1] != '1')
    fail(path, "big-endian .npy data ('" + descr + "') is not supported");
  if (order != '<' && order != '|' && order != '=' && order != '>')
    fail(path, "unsupported .npy dtype '" + descr + "'");
  static const struct {
    const char *kind;
    kiln_rt_element_type_t type;
  } kinds[] = {
      {"f2", KILN_RT_FLOAT16}, {"f4", KILN_RT_FLOAT32}, {"f8", KILN_RT_FLOAT64},
      {"i1", KILN_RT_INT8},    {"i2", KILN_RT_INT16},   {"i4", KILN_RT_INT32},
      {"i8", KILN_RT_INT64},   {"u1", KILN_RT_UINT8},   {"u2", KILN_RT_UINT16},
      {"u4", KILN_RT_UINT32},  {"u8", KILN_RT_UINT64},  {"b1", KILN_RT_BOOL},
  };
  for (const auto &entry : kinds)
    if (kind == entry.kind)
      return entry.type;
  fail(path, "unsupported .npy dtype '" + descr + "'");
}

//===--- TensorProto ------------------------------------------------------===//

/// Maps ONNX's TensorProto.DataType to an element type the runtime knows.
kiln_rt_element_type_t onnxElementType(int32_t dataType,
                                       const std::string &path) {
  auto type = static_cast<kiln_rt_element_type_t>(dataType);
  if (kiln_rt_element_size(type) == 0) {
    std::string name =
        onnx::TensorProto_DataType_IsValid(dataType)
            ? onnx::TensorProto_DataType_Name(
                  static_cast<onnx::TensorProto_DataType>(dataType))
            : std::to_string(dataType);
    fail(path, "TensorProto of data type " + name + " is not supported");
  }
  return type;
}

/// Copies `values` (a repeated field of TensorProto) into `tensor`,
/// converting each to the element type's C type `T`.
template <typename T, typename Field>
void copyTyped(const Field &values, HostTensor &tensor, const std::string &path,
               const char *fieldName) {
  int64_t count = tensor.elementCount();
  if (values.size() != count)
    fail(path, std::string("TensorProto has ") + std::to_string(values.size()) +
                   " values in " + fieldName + ", its shape " +
                   formatShape(tensor.shape) + " needs " +
                   std::to_string(count));
  unsigned char *out = tensor.data.data();
  for (int64_t i = 0; i < count; ++i) {
    T value = static_cast<T>(values.Get(static_cast<int>(i)));
    std::memcpy(out + i * static_cast<int64_t>(sizeof(T)), &value, sizeof(T));
  }
}

} // namespace

//===--- Public entry points ----------------------------------------------===//

HostTensor parseNpy(const std::string &bytes, const std::string &path) {
  // 1. Magic and version.
  static const char kMagic[] = "\x93NUMPY";
  if (bytes.size() < 10 || bytes.compare(0, 6, kMagic, 6) != 0)
    fail(path, "not a .npy file (no \\x93NUMPY magic)");
  unsigned major = static_cast<unsigned char>(bytes[6]);
  size_t headerLength, headerStart;
  if (major == 1) {
    headerLength = static_cast<unsigned char>(bytes[8]) |
                   static_cast<size_t>(static_cast<unsigned char>(bytes[9]))
                       << 8;
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      fail(path, "truncated .npy header");
    headerLength = 0;
    for (int i = 0; i < 4; ++i)
      headerLength |=
          static_cast<size_t>(static_cast<unsigned char>(bytes[8 + i]))
          << (8 * i);
    headerStart = 12;
  } else {
    fail(path, "unsupported .npy format version " + std::to_string(major));
  }
  if (headerLength > bytes.size() - headerStart)
    fail(path, "truncated .npy header (" + std::to_string(headerLength) +
                   " bytes announced, " +
                   std::to_string(bytes.size() - headerStart) + " present)");

  // 2. The header dict.
  std::string header = bytes.substr(headerStart, headerLength);
  while (!header.empty() && (header.back() == '\n' || header.back() == ' '))
    header.pop_back();
  std::string descr;
  bool fortranOrder = false;
  std::vector<int64_t> shape;
  NpyHeaderParser(header, path).parse(descr, fortranOrder, shape);
  kiln_rt_element_type_t type = npyElementType(descr, path);
  if (fortranOrder) {
    int64_t nontrivial = 0;
    for (int64_t dim : shape)
      nontrivial += dim > 1;
    // Fortran order only differs from C order with two real dimensions.
    if (nontrivial > 1)
      fail(path, "Fortran-order .npy data is not supported; save it with "
                 "numpy.ascontiguousarray");
  }

  // 3. The data, exactly as much as the shape needs.
  size_t needed = byteSize(path, type, shape);
  size_t dataStart = headerStart + headerLength;
  size_t present = bytes.size() - dataStart;
  if (present != needed)
    fail(path, ".npy data holds " + std::to_string(present) + " bytes, but " +
                   formatType(type, shape) + " needs " +
                   std::to_string(needed));
  HostTensor tensor = makeTensor(type, std::move(shape), needed);
  if (present)
    std::memcpy(tensor.data.data(), bytes.data() + dataStart, present);
  return tensor;
}

HostTensor parseTensorProto(const std::string &bytes, const std::string &path) {
  onnx::TensorProto proto;
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max()) ||
      !proto.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    fail(path, "cannot parse as an ONNX TensorProto (truncated or not a .pb "
               "tensor file)");
  if (proto.data_location() == onnx::TensorProto::EXTERNAL)
    fail(path, "TensorProto with external data is not supported");
  if (proto.has_segment())
    fail(path, "segmented TensorProto is not supported");
  if (!proto.has_data_type() ||
      proto.data_type() == onnx::TensorProto::UNDEFINED)
    fail(path, "TensorProto has no data type (is this a tensor file?)");
  kiln_rt_element_type_t type = onnxElementType(proto.data_type(), path);
  std::vector<int64_t> shape(proto.dims().begin(), proto.dims().end());
  size_t needed = byteSize(path, type, shape);
  if (proto.has_raw_data() && proto.raw_data().size() != needed)
    fail(path, "TensorProto raw_data holds " +
                   std::to_string(proto.raw_data().size()) + " bytes, but " +
                   formatType(type, shape) + " needs " +
                   std::to_string(needed));
  // Typed fields take at least one byte per value: a file smaller than the
  // element count cannot hold them, found before allocating.
  if (!proto.has_raw_data() &&
      needed / kiln_rt_element_size(type) > bytes.size())
    fail(path, "TensorProto holds fewer values than its shape " +
                   formatShape(shape) + " needs");
  HostTensor tensor = makeTensor(type, std::move(shape), needed);
  tensor.name = proto.name();

  if (proto.has_raw_data()) {
    const std::string &raw = proto.raw_data();
    if (!raw.empty())
      std::memcpy(tensor.data.data(), raw.data(), raw.size());
    return tensor;
  }
  switch (type) {
  case KILN_RT_FLOAT32:
    copyTyped<float>(proto.float_data(), tensor, path, "float_data");
    break;
  case KILN_RT_FLOAT64:
    copyTyped<double>(proto.double_data(), tensor, path, "double_data");
    break;
  case KILN_RT_INT64:
    copyTyped<int64_t>(proto.int64_data(), tensor, path, "int64_data");
    break;
  case KILN_RT_UINT32:
    copyTyped<uint32_t>(proto.uint64_data(), tensor, path, "uint64_data");
    break;
  case KILN_RT_UINT64:
    copyTyped<uint64_t>(proto.uint64_data(), tensor, path, "uint64_data");
    break;
  case KILN_RT_INT32:
    copyTyped<int32_t>(proto.int32_data(), tensor, path, "int32_data");
    break;
  case KILN_RT_INT16:
    copyTyped<int16_t>(proto.int32_data(), tensor, path, "int32_data");
    break;
  case KILN_RT_INT8:
    copyTyped<int8_t>(proto.int32_data(), tensor, path, "int32_data");
    break;
  case KILN_RT_UINT16:
  case KILN_RT_FLOAT16: // the bits, as ONNX stores them
  case KILN_RT_BFLOAT16:
    copyTyped<uint16_t>(proto.int32_data(), tensor, path, "int32_data");
    break;
  case KILN_RT_UINT8:
    copyTyped<uint8_t>(proto.int32_data(), tensor, path, "int32_data");
    break;
  case KILN_RT_BOOL:
    // A bool is one byte holding 0 or 1, whatever the int32 was.
    copyTyped<bool>(proto.int32_data(), tensor, path, "int32_data");
    break;
  }
  return tensor;
}

HostTensor readTensorFile(const std::string &path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    fail(path, "is a directory, not a tensor file");
  std::ifstream file(path, std::ios::binary);
  if (!file)
    fail(path, std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream contents;
  contents << file.rdbuf();
  if (file.bad())
    fail(path, "cannot read");
  std::string bytes = contents.str();
  if (endsWith(path, ".npy") ||
      (bytes.size() >= 6 && bytes.compare(0, 6, "\x93NUMPY", 6) == 0))
    return parseNpy(bytes, path);
  return parseTensorProto(bytes, path);
}

} // namespace kiln::tools
