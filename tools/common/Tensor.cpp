// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Host tensors for the tools that run compiled models.

#include "Tensor.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace kiln::tools {

//===--- AlignedBuffer ----------------------------------------------------===//

AlignedBuffer::AlignedBuffer(size_t size, size_t alignment) {
  if (alignment < 64)
    alignment = 64;
  if ((alignment & (alignment - 1)) != 0)
    throw ToolError("buffer alignment " + std::to_string(alignment) +
                    " is not a power of two");
  // Round up so that a 0-byte tensor still gets a real pointer.
  size_t allocated = size == 0 ? alignment : size;
  void *pointer = nullptr;
  if (posix_memalign(&pointer, alignment, allocated) != 0)
    throw ToolError("cannot allocate " + std::to_string(size) + " bytes");
  std::memset(pointer, 0, allocated);
  data_.reset(static_cast<unsigned char *>(pointer));
  size_ = size;
}

void AlignedBuffer::Free::operator()(unsigned char *pointer) const {
  free(pointer);
}

//===--- Element values ---------------------------------------------------===//

float halfToFloat(uint16_t bits) {
  uint32_t sign = static_cast<uint32_t>(bits & 0x8000u) << 16;
  uint32_t exponent = (bits >> 10) & 0x1Fu;
  uint32_t mantissa = bits & 0x3FFu;
  uint32_t result;
  if (exponent == 0x1F) {
    result = sign | 0x7F800000u | (mantissa << 13); // inf or NaN
  } else if (exponent != 0) {
    result = sign | ((exponent + 112) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    result = sign; // zero
  } else {
    // Subnormal half: normalize into a float.
    exponent = 113;
    while ((mantissa & 0x400u) == 0) {
      mantissa <<= 1;
      --exponent;
    }
    mantissa &= 0x3FFu;
    result = sign | (exponent << 23) | (mantissa << 13);
  }
  float value;
  std::memcpy(&value, &result, sizeof(value));
  return value;
}

float bfloat16ToFloat(uint16_t bits) {
  uint32_t word = static_cast<uint32_t>(bits) << 16;
  float value;
  std::memcpy(&value, &word, sizeof(value));
  return value;
}

namespace {

/// Loads element `index` of type `T` from `data` (which may be unaligned
/// for `T` only in theory; buffers are 64-byte aligned).
template <typename T>
T load(const unsigned char *data, int64_t index) {
  T value;
  std::memcpy(&value, data + index * static_cast<int64_t>(sizeof(T)),
              sizeof(T));
  return value;
}

} // namespace

int64_t HostTensor::elementCount() const {
  return checkedElementCount(shape.data(), shape.size());
}

double HostTensor::valueAsDouble(int64_t index) const {
  const unsigned char *bytes = data.data();
  switch (type) {
  case KILN_RT_FLOAT32:
    return load<float>(bytes, index);
  case KILN_RT_FLOAT64:
    return load<double>(bytes, index);
  case KILN_RT_FLOAT16:
    return halfToFloat(load<uint16_t>(bytes, index));
  case KILN_RT_BFLOAT16:
    return bfloat16ToFloat(load<uint16_t>(bytes, index));
  case KILN_RT_UINT8:
    return load<uint8_t>(bytes, index);
  case KILN_RT_INT8:
    return load<int8_t>(bytes, index);
  case KILN_RT_UINT16:
    return load<uint16_t>(bytes, index);
  case KILN_RT_INT16:
    return load<int16_t>(bytes, index);
  case KILN_RT_INT32:
    return load<int32_t>(bytes, index);
  case KILN_RT_INT64:
    return static_cast<double>(load<int64_t>(bytes, index));
  case KILN_RT_UINT32:
    return load<uint32_t>(bytes, index);
  case KILN_RT_UINT64:
    return static_cast<double>(load<uint64_t>(bytes, index));
  case KILN_RT_BOOL:
    return load<uint8_t>(bytes, index) != 0 ? 1.0 : 0.0;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

std::string HostTensor::formatValue(int64_t index) const {
  char text[64];
  const unsigned char *bytes = data.data();
  switch (type) {
  case KILN_RT_FLOAT64:
    std::snprintf(text, sizeof(text), "%.17g", load<double>(bytes, index));
    return text;
  case KILN_RT_FLOAT32:
  case KILN_RT_FLOAT16:
  case KILN_RT_BFLOAT16:
    std::snprintf(text, sizeof(text), "%.9g", valueAsDouble(index));
    return text;
  case KILN_RT_INT64:
    std::snprintf(text, sizeof(text), "%" PRId64, load<int64_t>(bytes, index));
    return text;
  case KILN_RT_UINT64:
    std::snprintf(text, sizeof(text), "%" PRIu64, load<uint64_t>(bytes, index));
    return text;
  case KILN_RT_BOOL:
    return load<uint8_t>(bytes, index) != 0 ? "true" : "false";
  default:
    std::snprintf(text, sizeof(text), "%.0f", valueAsDouble(index));
    return text;
  }
}

bool isFloatingPoint(kiln_rt_element_type_t type) {
  return type == KILN_RT_FLOAT32 || type == KILN_RT_FLOAT64 ||
         type == KILN_RT_FLOAT16 || type == KILN_RT_BFLOAT16;
}

//===--- Shapes -----------------------------------------------------------===//

int64_t checkedElementCount(const int64_t *shape, size_t rank) {
  int64_t count = 1;
  for (size_t i = 0; i < rank; ++i) {
    if (shape[i] < 0)
      return -1;
    if (shape[i] != 0 && count > std::numeric_limits<int64_t>::max() / shape[i])
      return -1;
    count *= shape[i];
  }
  return count;
}

std::string formatShape(const std::vector<int64_t> &shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      text += ", ";
    text += std::to_string(shape[i]);
  }
  return text + "]";
}

std::string formatType(kiln_rt_element_type_t type,
                       const std::vector<int64_t> &shape) {
  return std::string(kiln_rt_element_type_string(type)) + formatShape(shape);
}

std::string formatIndex(const std::vector<int64_t> &shape, int64_t index) {
  std::vector<int64_t> position(shape.size(), 0);
  for (size_t i = shape.size(); i-- > 0;) {
    if (shape[i] > 0) {
      position[i] = index % shape[i];
      index /= shape[i];
    }
  }
  return formatShape(position);
}

} // namespace kiln::tools
