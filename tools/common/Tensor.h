// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Host tensors for the tools that run compiled models: aligned storage, an
// element type from the runtime ABI, a shape, and value access.

#ifndef KILN_TOOLS_COMMON_TENSOR_H
#define KILN_TOOLS_COMMON_TENSOR_H

#include "kiln_rt/kiln_rt.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace kiln::tools {

/// A problem the tool reports and exits on (exit code 2): an unreadable
/// file, a bad library, an argument that does not fit the model.
class ToolError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Zero-initialized bytes aligned to a power of two. Never NULL, even for 0
/// bytes, because compiled models refuse NULL buffers.
class AlignedBuffer {
public:
  AlignedBuffer() = default;
  /// Allocates `size` bytes aligned to `alignment` (raised to 64); throws
  /// ToolError when that much memory cannot be had.
  AlignedBuffer(size_t size, size_t alignment);

  unsigned char *data() { return data_.get(); }
  const unsigned char *data() const { return data_.get(); }
  size_t size() const { return size_; }

private:
  struct Free {
    void operator()(unsigned char *pointer) const;
  };
  std::unique_ptr<unsigned char, Free> data_;
  size_t size_ = 0;
};

/// Returns true when a tensor of type `stored` may stand for one of type
/// `wanted`: the same type, or UINT16 for BFLOAT16, which is how ONNX's test
/// data (NumPy has no bfloat16) stores bfloat16 bits.
inline bool storesElementType(kiln_rt_element_type_t stored,
                              kiln_rt_element_type_t wanted) {
  return stored == wanted ||
         (stored == KILN_RT_UINT16 && wanted == KILN_RT_BFLOAT16);
}

/// A dense, row-major tensor in host memory.
struct HostTensor {
  std::string name; ///< empty when the file has none (matched by position)
  kiln_rt_element_type_t type = KILN_RT_FLOAT32;
  std::vector<int64_t> shape;
  AlignedBuffer data;

  /// Returns the number of elements (1 for a scalar).
  int64_t elementCount() const;
  /// Returns the value of element `index` as a double (integers exactly up
  /// to 2^53, float16 and bfloat16 converted).
  double valueAsDouble(int64_t index) const;
  /// Returns element `index` as it should be printed.
  std::string formatValue(int64_t index) const;
};

/// Returns the element count of `shape`, or -1 when a dimension is
/// negative or the product overflows int64.
int64_t checkedElementCount(const int64_t *shape, size_t rank);

/// Returns `shape` as "[2, 3]" ("[]" for a scalar).
std::string formatShape(const std::vector<int64_t> &shape);

/// Returns `type` and `shape` as "float32[2, 3]".
std::string formatType(kiln_rt_element_type_t type,
                       const std::vector<int64_t> &shape);

/// Returns true for float32/64, float16 and bfloat16.
bool isFloatingPoint(kiln_rt_element_type_t type);

/// Returns the float value of IEEE half-precision `bits`.
float halfToFloat(uint16_t bits);

/// Returns the float value of bfloat16 `bits`.
float bfloat16ToFloat(uint16_t bits);

/// Returns the row-major multi-index of flat `index` in `shape` as
/// "[1, 2]".
std::string formatIndex(const std::vector<int64_t> &shape, int64_t index);

} // namespace kiln::tools

#endif // KILN_TOOLS_COMMON_TENSOR_H
