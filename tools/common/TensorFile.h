// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Reads tensors from files: ONNX TensorProto (`.pb`) and NumPy (`.npy`).

#ifndef KILN_TOOLS_COMMON_TENSORFILE_H
#define KILN_TOOLS_COMMON_TENSORFILE_H

#include "Tensor.h"

#include <string>

namespace kiln::tools {

/// Reads the tensor in `path`: NumPy when the file starts with the `.npy`
/// magic or its name ends in `.npy`, an ONNX TensorProto otherwise. Throws
/// ToolError naming the file and the problem (unreadable, truncated, bad
/// header, unsupported type, sizes that do not match the shape).
HostTensor readTensorFile(const std::string &path);

/// Parses `bytes`, the contents of a `.npy` file (format 1.0, 2.0 or 3.0;
/// little-endian or single-byte types; C order). `path` is for messages.
HostTensor parseNpy(const std::string &bytes, const std::string &path);

/// Parses `bytes` as a serialized ONNX TensorProto, from `raw_data` or the
/// typed field its type uses. `path` is for messages.
HostTensor parseTensorProto(const std::string &bytes, const std::string &path);

} // namespace kiln::tools

#endif // KILN_TOOLS_COMMON_TENSORFILE_H
