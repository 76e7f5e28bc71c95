// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The `kiln_rt` dialect and its operations.

#ifndef KILN_DIALECT_KILNRT_IR_KILNRTOPS_H
#define KILN_DIALECT_KILNRT_IR_KILNRTOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"

#include "kiln/Dialect/KilnRt/IR/KilnRtOpsDialect.h.inc"

#define GET_OP_CLASSES
#include "kiln/Dialect/KilnRt/IR/KilnRtOps.h.inc"

namespace mlir::kiln::rt {

/// Returns true when `shape` broadcasts to `target` with NumPy's rules: the
/// binary post-op operands and matmul batch dimensions oneDNN takes.
bool broadcastsTo(ArrayRef<int64_t> shape, ArrayRef<int64_t> target);

} // namespace mlir::kiln::rt

#endif // KILN_DIALECT_KILNRT_IR_KILNRTOPS_H
