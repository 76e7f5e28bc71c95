// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Lowering of the `kiln_rt` oneDNN ops to calls of the runtime's shims:
// the descriptors they are created from.

#ifndef KILN_CONVERSION_KILNRTTOLLVM_KILNRTTOLLVM_H
#define KILN_CONVERSION_KILNRTTOLLVM_KILNRTTOLLVM_H

#include "mlir/IR/Operation.h"

#include <cstdint>
#include <vector>

namespace mlir::kiln {

/// Returns the runtime descriptor of `op` (a `kiln_rt.onednn_conv`,
/// `kiln_rt.onednn_matmul` or `kiln_rt.onednn_pool` on buffers) as the
/// 64-bit words of its `kiln_rt_onednn_<op>_desc_t` (kiln_rt_onednn.h);
/// `constantRhs` says whether a matmul's rhs is packed at create time.
/// Returns an empty vector (after an error on `op`) when a shape does not
/// fit the descriptor.
std::vector<int64_t> encodeOneDnnDescriptor(Operation *op, bool constantRhs);

} // namespace mlir::kiln

#endif // KILN_CONVERSION_KILNRTTOLLVM_KILNRTTOLLVM_H
