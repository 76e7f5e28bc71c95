// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Result-type inference shared by the `kiln` ops' verifiers and by the code
// that builds them (the ONNX conversion checks a model's declared shapes
// against these).

#ifndef KILN_DIALECT_KILN_IR_SHAPEINFERENCE_H
#define KILN_DIALECT_KILN_IR_SHAPEINFERENCE_H

#include "mlir/IR/Location.h"
#include "mlir/IR/Types.h"
#include "mlir/Support/LLVM.h"

#include <optional>

namespace mlir::kiln {

/// Returns the NumPy broadcast of `shapes` (aligned from the last dimension,
/// each set of dimensions equal or 1). Fails, with an error at `loc` when
/// one is given, when two dimensions conflict.
FailureOr<SmallVector<int64_t>>
broadcastShapes(std::optional<Location> loc, ArrayRef<ArrayRef<int64_t>> shapes);

/// Infers the result of a broadcasting elementwise op: a tensor of the
/// broadcast shape of `operandTypes` (all ranked tensors) with element type
/// `elementType`, appended to `inferred`.
LogicalResult inferBroadcastType(std::optional<Location> loc,
                                 ArrayRef<Type> operandTypes, Type elementType,
                                 SmallVectorImpl<Type> &inferred);

/// Returns `axis` in `[0, rank)` for an ONNX axis in `[-rank, rank)`, or
/// nothing when it is out of range.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank);

} // namespace mlir::kiln

#endif // KILN_DIALECT_KILN_IR_SHAPEINFERENCE_H
