// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Decodes ONNX `TensorProto`s into dense elements attributes, including
// external data files, checking every size before allocating.

#include "TensorData.h"

#include "Types.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include "onnx/onnx_pb.h"

#include <cstring>
#include <memory>
#include <optional>

using namespace mlir;
using namespace mlir::kiln::onnx_import;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {

/// Reports errors about one tensor, each prefixed with its subject.
struct TensorDiagnostics {
  Location loc;
  llvm::StringRef subject;
  ImportState &state;

  InFlightDiagnostic error() {
    InFlightDiagnostic diag = state.emitError(loc);
    diag << subject << ": ";
    return diag;
  }
};

/// Returns whether `location` (an external data path, already known to be
/// relative) climbs out of the directory it is relative to, looking only at
/// its `.` and `..` components.
bool leavesDirectory(llvm::StringRef location) {
  int64_t depth = 0;
  for (auto it = llvm::sys::path::begin(location),
            end = llvm::sys::path::end(location);
       it != end; ++it) {
    if (*it == "..") {
      if (--depth < 0)
        return true;
    } else if (*it != "." && *it != "/") {
      ++depth;
    }
  }
  return false;
}

/// Reads the `expectedBytes` bytes of `tensor`'s external data. Rejects
/// absolute paths and paths that lead out of the model's directory, directly
/// or through symbolic links, and checks offset and length against the file
/// before reading it.
std::unique_ptr<llvm::MemoryBuffer>
readExternalData(const ::onnx::TensorProto &tensor, uint64_t expectedBytes,
                 TensorDiagnostics &diag) {
  // 1. Collect the entries (ONNX also defines `checksum`, which Kiln ignores).
  std::optional<std::string> location;
  std::optional<uint64_t> offset, length;
  for (const ::onnx::StringStringEntryProto &entry : tensor.external_data()) {
    if (entry.key() == "location") {
      location = entry.value();
      continue;
    }
    if (entry.key() != "offset" && entry.key() != "length")
      continue;
    uint64_t value;
    if (llvm::StringRef(entry.value()).getAsInteger(10, value)) {
      diag.error() << "external data " << entry.key() << " '" << entry.value()
                   << "' is not a number";
      return nullptr;
    }
    (entry.key() == "offset" ? offset : length) = value;
  }
  if (!location || location->empty()) {
    diag.error() << "external data has no location";
    return nullptr;
  }

  // 2. Find the file, which must stay inside the model's directory.
  llvm::StringRef path = *location;
  if (path.contains('\0')) {
    diag.error() << "external data path contains a NUL character";
    return nullptr;
  }
  if (llvm::sys::path::is_absolute(path) ||
      llvm::sys::path::is_absolute(path, llvm::sys::path::Style::windows) ||
      path.starts_with("/") || path.starts_with("\\")) {
    diag.error() << "external data path '" << path
                 << "' is absolute; it must be relative to the model's "
                    "directory";
    return nullptr;
  }
  if (leavesDirectory(path) ||
      leavesDirectory(llvm::sys::path::convert_to_slash(
          path, llvm::sys::path::Style::windows))) {
    diag.error() << "external data path '" << path
                 << "' leads out of the model's directory";
    return nullptr;
  }
  llvm::SmallString<256> joined(diag.state.getModelDirectory());
  llvm::sys::path::append(joined, path);
  llvm::SmallString<256> realDirectory, realFile;
  if (std::error_code ec = llvm::sys::fs::real_path(
          diag.state.getModelDirectory(), realDirectory)) {
    diag.error() << "cannot resolve the model's directory '"
                 << diag.state.getModelDirectory() << "': " << ec.message();
    return nullptr;
  }
  if (std::error_code ec = llvm::sys::fs::real_path(joined, realFile)) {
    diag.error() << "cannot open external data file '" << path
                 << "': " << ec.message();
    return nullptr;
  }
  llvm::SmallString<256> directoryPrefix(realDirectory);
  if (!directoryPrefix.ends_with("/"))
    directoryPrefix += '/';
  if (!llvm::StringRef(realFile).starts_with(directoryPrefix)) {
    diag.error() << "external data path '" << path
                 << "' leads out of the model's directory (to '" << realFile
                 << "')";
    return nullptr;
  }
  // A FIFO or a device could block or never end: read only regular files.
  if (!llvm::sys::fs::is_regular_file(realFile)) {
    diag.error() << "external data file '" << path << "' is not a regular file";
    return nullptr;
  }

  // 3. Check offset and length against the file and the tensor.
  uint64_t fileSize;
  if (std::error_code ec = llvm::sys::fs::file_size(realFile, fileSize)) {
    diag.error() << "cannot read external data file '" << path
                 << "': " << ec.message();
    return nullptr;
  }
  uint64_t start = offset.value_or(0);
  if (length && *length != expectedBytes) {
    diag.error() << "external data length " << *length
                 << " does not match the tensor's size (" << expectedBytes
                 << " bytes) in '" << path << "'";
    return nullptr;
  }
  if (start > fileSize || expectedBytes > fileSize - start) {
    diag.error() << "external data at offset " << start << " with length "
                 << expectedBytes << " lies beyond the end of '" << path
                 << "' (" << fileSize << " bytes)";
    return nullptr;
  }
  if (expectedBytes == 0)
    return llvm::MemoryBuffer::getMemBuffer("", path,
                                            /*RequiresNullTerminator=*/false);

  // 4. Read exactly those bytes.
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFileSlice(realFile, expectedBytes, start);
  if (!buffer) {
    diag.error() << "cannot read external data file '" << path
                 << "': " << buffer.getError().message();
    return nullptr;
  }
  if ((*buffer)->getBufferSize() != expectedBytes) {
    diag.error() << "short read from external data file '" << path << "'";
    return nullptr;
  }
  return std::move(*buffer);
}

/// Builds the attribute from little-endian element bytes whose size was
/// checked against `type` already.
FailureOr<DenseElementsAttr> fromRawBytes(RankedTensorType type,
                                          llvm::ArrayRef<char> bytes,
                                          TensorDiagnostics &diag) {
  if (type.getElementType().isInteger(1)) {
    // DenseElementsAttr packs booleans its own way: go through `bool`s.
    SmallVector<bool> values;
    values.reserve(bytes.size());
    for (char byte : bytes)
      values.push_back(byte != 0);
    return DenseElementsAttr::get(type, llvm::ArrayRef<bool>(values));
  }
  if (!llvm::sys::IsLittleEndianHost) {
    diag.error() << "tensor data cannot be read on a big-endian host";
    return failure();
  }
  bool detectedSplat = false;
  if (!DenseElementsAttr::isValidRawBuffer(type, bytes, detectedSplat)) {
    diag.error() << "tensor data does not fit its type " << type;
    return failure();
  }
  return DenseElementsAttr::getFromRawBuffer(type, bytes);
}

/// Returns the bytes of a repeated field whose elements already have the
/// tensor's element layout.
template <typename T>
llvm::ArrayRef<char> bytesOf(const google::protobuf::RepeatedField<T> &field) {
  return llvm::ArrayRef<char>(reinterpret_cast<const char *>(field.data()),
                              field.size() * sizeof(T));
}

/// Narrows each value of `field` to `Narrow` (ONNX stores 8- and 16-bit
/// elements and FLOAT16/BFLOAT16 bit patterns in `int32_data`, UINT32 in
/// `uint64_data`) and appends its bytes to `storage`.
template <typename Narrow, typename Wide>
llvm::ArrayRef<char> narrow(const google::protobuf::RepeatedField<Wide> &field,
                            std::vector<char> &storage) {
  storage.resize(field.size() * sizeof(Narrow));
  for (int i = 0, e = field.size(); i < e; ++i) {
    Narrow value = static_cast<Narrow>(field.Get(i));
    std::memcpy(storage.data() + i * sizeof(Narrow), &value, sizeof(Narrow));
  }
  return storage;
}

/// Returns the name of the typed field that holds `dataType`'s values, and
/// how many values per element it holds.
std::pair<llvm::StringRef, int64_t> getTypedField(int32_t dataType) {
  switch (dataType) {
  case ::onnx::TensorProto::FLOAT:
    return {"float_data", 1};
  case ::onnx::TensorProto::COMPLEX64:
    return {"float_data", 2};
  case ::onnx::TensorProto::INT64:
    return {"int64_data", 1};
  case ::onnx::TensorProto::DOUBLE:
    return {"double_data", 1};
  case ::onnx::TensorProto::COMPLEX128:
    return {"double_data", 2};
  case ::onnx::TensorProto::UINT32:
  case ::onnx::TensorProto::UINT64:
    return {"uint64_data", 1};
  case ::onnx::TensorProto::STRING:
    return {"string_data", 1};
  default:
    return {"int32_data", 1};
  }
}

/// Returns the number of values in the typed field `field`.
int64_t getTypedFieldSize(const ::onnx::TensorProto &tensor,
                          llvm::StringRef field) {
  if (field == "float_data")
    return tensor.float_data_size();
  if (field == "int64_data")
    return tensor.int64_data_size();
  if (field == "double_data")
    return tensor.double_data_size();
  if (field == "uint64_data")
    return tensor.uint64_data_size();
  if (field == "string_data")
    return tensor.string_data_size();
  return tensor.int32_data_size();
}

/// Returns the bytes of `tensor`'s typed field in the element layout of its
/// data type, using `storage` when the values must be narrowed. The field's
/// size was checked already.
llvm::ArrayRef<char> getTypedFieldBytes(const ::onnx::TensorProto &tensor,
                                        std::vector<char> &storage) {
  switch (tensor.data_type()) {
  case ::onnx::TensorProto::FLOAT:
  case ::onnx::TensorProto::COMPLEX64:
    return bytesOf(tensor.float_data());
  case ::onnx::TensorProto::INT32:
    return bytesOf(tensor.int32_data());
  case ::onnx::TensorProto::INT64:
    return bytesOf(tensor.int64_data());
  case ::onnx::TensorProto::DOUBLE:
  case ::onnx::TensorProto::COMPLEX128:
    return bytesOf(tensor.double_data());
  case ::onnx::TensorProto::UINT64:
    return bytesOf(tensor.uint64_data());
  case ::onnx::TensorProto::UINT32:
    return narrow<uint32_t>(tensor.uint64_data(), storage);
  case ::onnx::TensorProto::INT16:
  case ::onnx::TensorProto::UINT16:
  case ::onnx::TensorProto::FLOAT16:
  case ::onnx::TensorProto::BFLOAT16:
    return narrow<uint16_t>(tensor.int32_data(), storage);
  default: // INT8, UINT8, BOOL
    return narrow<uint8_t>(tensor.int32_data(), storage);
  }
}

} // namespace

//===----------------------------------------------------------------------===//
// Entry point
//===----------------------------------------------------------------------===//

FailureOr<DenseElementsAttr>
mlir::kiln::onnx_import::importTensor(const ::onnx::TensorProto &tensor,
                                      Location loc, llvm::StringRef subject,
                                      ImportState &state) {
  TensorDiagnostics diag{loc, subject, state};
  int32_t dataType = tensor.data_type();
  std::string typeName = getElementTypeName(dataType);

  // 1. The element type.
  Type elementType = convertElementType(dataType, state.getContext());
  if (!elementType) {
    diag.error() << "unsupported element type " << typeName;
    return failure();
  }
  if (tensor.has_segment()) {
    diag.error() << "segmented tensors are not supported";
    return failure();
  }

  // 2. The shape, checked so that the element count is small enough to
  // allocate: every product below stays under 2^40.
  SmallVector<int64_t> dims;
  dims.reserve(tensor.dims_size());
  int64_t nonZeroProduct = 1;
  bool hasZeroDim = false;
  for (int64_t dim : tensor.dims()) {
    if (dim < 0) {
      diag.error() << "dimension " << dims.size() << " is negative (" << dim
                   << ")";
      return failure();
    }
    if (dim == 0) {
      hasZeroDim = true;
    } else if (llvm::MulOverflow(nonZeroProduct, dim, nonZeroProduct) ||
               nonZeroProduct > kMaxTensorElements) {
      diag.error() << "too many elements (dimension " << dims.size() << " is "
                   << dim << "; at most 2^40 elements are "
                   << "supported)";
      return failure();
    }
    dims.push_back(dim);
  }
  int64_t numElements = hasZeroDim ? 0 : nonZeroProduct;
  auto type = RankedTensorType::get(dims, elementType);
  bool external = tensor.data_location() == ::onnx::TensorProto::EXTERNAL;

  // 3. STRING tensors only have `string_data`.
  if (dataType == ::onnx::TensorProto::STRING) {
    if (external || tensor.has_raw_data()) {
      diag.error() << "STRING tensors must keep their values in string_data";
      return failure();
    }
    if (tensor.string_data_size() != numElements) {
      diag.error() << "has " << tensor.string_data_size()
                   << " values in string_data, expected " << numElements;
      return failure();
    }
    SmallVector<llvm::StringRef> values(tensor.string_data().begin(),
                                        tensor.string_data().end());
    return DenseElementsAttr::get(type, values);
  }

  // 4. Numbers come from an external file, `raw_data` or their typed field.
  uint64_t expectedBytes =
      static_cast<uint64_t>(numElements) * getElementByteSize(dataType);
  if (external) {
    if (tensor.has_raw_data()) {
      diag.error() << "has both raw_data and external data";
      return failure();
    }
    std::unique_ptr<llvm::MemoryBuffer> buffer =
        readExternalData(tensor, expectedBytes, diag);
    if (!buffer)
      return failure();
    llvm::StringRef bytes = buffer->getBuffer();
    return fromRawBytes(type, llvm::ArrayRef<char>(bytes.data(), bytes.size()),
                        diag);
  }
  if (tensor.has_raw_data()) {
    const std::string &raw = tensor.raw_data();
    if (raw.size() != expectedBytes) {
      diag.error() << "has " << raw.size() << " bytes of raw_data, expected "
                   << expectedBytes << " (" << numElements << " elements of "
                   << typeName << ")";
      return failure();
    }
    return fromRawBytes(type, llvm::ArrayRef<char>(raw.data(), raw.size()),
                        diag);
  }
  auto [field, valuesPerElement] = getTypedField(dataType);
  int64_t fieldSize = getTypedFieldSize(tensor, field);
  if (fieldSize != numElements * valuesPerElement) {
    diag.error() << "has " << fieldSize << " values in " << field
                 << ", expected " << numElements * valuesPerElement << " ("
                 << numElements << " elements of " << typeName << ")";
    return failure();
  }
  std::vector<char> storage;
  return fromRawBytes(type, getTypedFieldBytes(tensor, storage), diag);
}

void mlir::kiln::onnx_import::releaseTensorData(::onnx::TensorProto &tensor) {
  // `clear_*` would keep the capacity: swap with empty fields instead.
  delete tensor.release_raw_data();
  google::protobuf::RepeatedField<float>().Swap(tensor.mutable_float_data());
  google::protobuf::RepeatedField<int32_t>().Swap(tensor.mutable_int32_data());
  google::protobuf::RepeatedField<int64_t>().Swap(tensor.mutable_int64_data());
  google::protobuf::RepeatedField<double>().Swap(tensor.mutable_double_data());
  google::protobuf::RepeatedField<uint64_t>().Swap(
      tensor.mutable_uint64_data());
  google::protobuf::RepeatedPtrField<std::string>().Swap(
      tensor.mutable_string_data());
}
