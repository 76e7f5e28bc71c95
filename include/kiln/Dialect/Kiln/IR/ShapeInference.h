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
broadcastShapes(std::optional<Location> loc,
                ArrayRef<ArrayRef<int64_t>> shapes);

/// Infers the result of a broadcasting elementwise op: a tensor of the
/// broadcast shape of `operandTypes` (all ranked tensors) with element type
/// `elementType`, appended to `inferred`.
LogicalResult inferBroadcastType(std::optional<Location> loc,
                                 ArrayRef<Type> operandTypes, Type elementType,
                                 SmallVectorImpl<Type> &inferred);

/// Returns the number of windows that slide over one spatial dimension of
/// `size` elements padded with `padBegin` and `padEnd`, for a window of
/// `kernel` elements `dilation` apart moved by `stride`: ONNX's formula,
/// `floor` or (`ceilMode`) `ceil` of `(size + padBegin + padEnd -
/// dilation * (kernel - 1) - 1) / stride`, plus 1. In `ceilMode` a last
/// window that would start past the input and its begin padding is dropped.
/// The result may be zero or negative; callers diagnose that.
int64_t slidingWindowOutputSize(int64_t size, int64_t kernel, int64_t stride,
                                int64_t dilation, int64_t padBegin,
                                int64_t padEnd, bool ceilMode);

/// Infers the result of a `kiln.reduce_*` op over `axes` of `inputType` (a
/// ranked tensor): the reduced dimensions become 1 (`keepDims`) or are
/// dropped. Fails, with an error at `loc` when one is given, unless `axes`
/// is strictly increasing within `[0, rank)`.
LogicalResult inferReductionType(std::optional<Location> loc, Type inputType,
                                 ArrayRef<int64_t> axes, bool keepDims,
                                 SmallVectorImpl<Type> &inferred);

/// Fails, with an error at `loc` when one is given, unless
/// `0 <= axis < rank`.
LogicalResult verifyAxis(std::optional<Location> loc, int64_t axis,
                         int64_t rank);

/// Returns `axis` in `[0, rank)` for an ONNX axis in `[-rank, rank)`, or
/// nothing when it is out of range.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank);

} // namespace mlir::kiln

#endif // KILN_DIALECT_KILN_IR_SHAPEINFERENCE_H
