// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `kiln` tensor ops (data movement without arithmetic): verifiers and
// result-type inference. Each check cites the constraint of the op's
// description it enforces.

#include "kiln/Dialect/Kiln/IR/KilnOps.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::kiln;

/// Returns the type of `value`, which ODS constrains to a ranked tensor.
static ShapedType shapedType(Value value) {
  return cast<ShapedType>(value.getType());
}

//===----------------------------------------------------------------------===//
// AssertOp
//===----------------------------------------------------------------------===//

LogicalResult AssertOp::verify() {
  // (C1) is checked by ODS.
  // (C2)
  if (getMessage().empty())
    return emitOpError() << "expects a message saying what failed";
  return success();
}

//===----------------------------------------------------------------------===//
// ConcatOp
//===----------------------------------------------------------------------===//

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  ValueRange inputs = adaptor.getInputs();
  // (C1)
  if (inputs.empty())
    return emitOptionalError(loc, "expects at least one input (actual 0)");
  ShapedType first = shapedType(inputs.front());
  int64_t rank = first.getRank();
  auto axis = static_cast<int64_t>(adaptor.getAxis());
  SmallVector<int64_t> shape(first.getShape());
  for (auto [i, input] : llvm::enumerate(inputs.drop_front())) {
    ShapedType type = shapedType(input);
    // (C2)
    if (type.getElementType() != first.getElementType())
      return emitOptionalError(loc, "expects input ", i + 1, " (",
                               type.getElementType(),
                               ") to have the element type of input 0 (",
                               first.getElementType(), ")");
    // (C3)
    if (type.getRank() != rank)
      return emitOptionalError(loc, "expects input ", i + 1, " (rank ",
                               type.getRank(),
                               ") to have the rank of input 0 (", rank, ")");
  }
  // (C4)
  if (failed(verifyAxis(loc, axis, rank)))
    return failure();
  for (auto [i, input] : llvm::enumerate(inputs.drop_front())) {
    ArrayRef<int64_t> other = shapedType(input).getShape();
    for (int64_t d = 0; d < rank; ++d) {
      if (d == axis)
        continue;
      // (C5)
      if (other[d] != shape[d])
        return emitOptionalError(loc, "expects dimension ", d, " of input ",
                                 i + 1, " (", other[d],
                                 ") to equal that of input 0 (", shape[d], ")");
    }
    // (C6)
    shape[axis] += other[axis];
  }
  inferred.push_back(RankedTensorType::get(shape, first.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// ExpandOp
//===----------------------------------------------------------------------===//

LogicalResult ExpandOp::verify() {
  ShapedType input = shapedType(getInput()), result = shapedType(getResult());
  // (C1)
  if (input.getElementType() != result.getElementType())
    return emitOpError() << "expects result (" << result.getElementType()
                         << ") to have the element type of input ("
                         << input.getElementType() << ")";
  // (C2)
  FailureOr<SmallVector<int64_t>> broadcast =
      broadcastShapes(std::nullopt, {input.getShape(), result.getShape()});
  if (failed(broadcast) || ArrayRef<int64_t>(*broadcast) != result.getShape())
    return emitOpError() << "expects input shape ([" << input.getShape()
                         << "]) to broadcast to the result shape (["
                         << result.getShape() << "])";
  return success();
}

//===----------------------------------------------------------------------===//
// GatherOp
//===----------------------------------------------------------------------===//

LogicalResult GatherOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  ShapedType data = shapedType(adaptor.getData());
  ShapedType indices = shapedType(adaptor.getIndices());
  auto axis = static_cast<int64_t>(adaptor.getAxis());
  // (C1)
  if (failed(verifyAxis(loc, axis, data.getRank())))
    return failure();
  // (C2)
  SmallVector<int64_t> shape(data.getShape().take_front(axis));
  llvm::append_range(shape, indices.getShape());
  llvm::append_range(shape, data.getShape().drop_front(axis + 1));
  inferred.push_back(RankedTensorType::get(shape, data.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// GatherElementsOp
//===----------------------------------------------------------------------===//

LogicalResult
GatherElementsOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                   Adaptor adaptor,
                                   SmallVectorImpl<Type> &inferred) {
  ShapedType data = shapedType(adaptor.getData());
  ShapedType indices = shapedType(adaptor.getIndices());
  auto axis = static_cast<int64_t>(adaptor.getAxis());
  // (C1)
  if (indices.getRank() != data.getRank())
    return emitOptionalError(loc, "expects indices (rank ", indices.getRank(),
                             ") to have the rank of data (", data.getRank(),
                             ")");
  // (C2)
  if (failed(verifyAxis(loc, axis, data.getRank())))
    return failure();
  // (C3)
  for (int64_t d = 0; d < data.getRank(); ++d) {
    if (d != axis && indices.getDimSize(d) > data.getDimSize(d))
      return emitOptionalError(
          loc, "expects dimension ", d, " of indices (", indices.getDimSize(d),
          ") to be at most that of data (", data.getDimSize(d), ")");
  }
  // (C4)
  inferred.push_back(
      RankedTensorType::get(indices.getShape(), data.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  ShapedType input = shapedType(getInput()), result = shapedType(getResult());
  // (C1)
  if (input.getElementType() != result.getElementType())
    return emitOpError() << "expects input and result to have the same "
                            "element type, got "
                         << input.getElementType() << " and "
                         << result.getElementType();
  // (C2)
  if (input.getNumElements() != result.getNumElements())
    return emitOpError() << "expects input and result to have the same "
                            "number of elements, got "
                         << input.getNumElements() << " and "
                         << result.getNumElements();
  return success();
}

//===----------------------------------------------------------------------===//
// SliceOp
//===----------------------------------------------------------------------===//

LogicalResult SliceOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  ShapedType input = shapedType(adaptor.getInput());
  int64_t rank = input.getRank();
  ArrayRef<int64_t> starts = adaptor.getStarts();
  ArrayRef<int64_t> limits = adaptor.getLimits();
  ArrayRef<int64_t> strides = adaptor.getStrides();
  // (C1)
  for (auto [name, list] :
       {std::pair<StringRef, ArrayRef<int64_t>>{"starts", starts},
        {"limits", limits},
        {"strides", strides}}) {
    if (static_cast<int64_t>(list.size()) != rank)
      return emitOptionalError(loc, "expects the size of ", name, " (",
                               list.size(), ") to be the rank of input (", rank,
                               ")");
  }
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t start = starts[d], limit = limits[d], stride = strides[d];
    int64_t size = input.getDimSize(d);
    // (C2)
    if (stride == 0)
      return emitOptionalError(loc, "expects strides[", d,
                               "] (0) to be non-zero");
    // (C3)
    if (stride > 0 && !(0 <= start && start <= limit && limit <= size))
      return emitOptionalError(loc, "expects 0 <= start (", start,
                               ") <= limit (", limit, ") <= size (", size,
                               ") in dimension ", d, " with positive stride (",
                               stride, ")");
    // (C4)
    if (stride < 0 && !(-1 <= limit && limit <= start && start <= size - 1))
      return emitOptionalError(loc, "expects -1 <= limit (", limit,
                               ") <= start (", start, ") <= size - 1 (",
                               size - 1, ") in dimension ", d,
                               " with negative stride (", stride, ")");
    // (C5)
    shape.push_back(llvm::divideCeilSigned(limit - start, stride));
  }
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// TopKOp
//===----------------------------------------------------------------------===//

LogicalResult TopKOp::inferReturnTypes(MLIRContext *context,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  ShapedType input = shapedType(adaptor.getInput());
  auto axis = static_cast<int64_t>(adaptor.getAxis());
  auto k = static_cast<int64_t>(adaptor.getK());
  // (C1)
  if (failed(verifyAxis(loc, axis, input.getRank())))
    return failure();
  // (C2)
  int64_t size = input.getDimSize(axis);
  if (k < 1 || k > size)
    return emitOptionalError(loc, "expects k (", k, ") to be in [1, ", size,
                             "], the size of dimension ", axis);
  // (C3)
  SmallVector<int64_t> shape(input.getShape());
  shape[axis] = k;
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  inferred.push_back(
      RankedTensorType::get(shape, IntegerType::get(context, 64)));
  return success();
}

//===----------------------------------------------------------------------===//
// TransposeOp
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  ShapedType input = shapedType(adaptor.getInput());
  ArrayRef<int64_t> permutation = adaptor.getPermutation();
  // (C1)
  int64_t rank = input.getRank();
  SmallVector<bool> seen(rank, false);
  if (static_cast<int64_t>(permutation.size()) != rank)
    return emitOptionalError(loc, "expects a permutation of ", rank,
                             " dimensions, got ", permutation.size());
  for (int64_t dim : permutation) {
    if (dim < 0 || dim >= rank || seen[dim])
      return emitOptionalError(loc,
                               "expects permutation to be a "
                               "permutation of [0, ",
                               rank, "), got ", dim);
    seen[dim] = true;
  }
  // (C2)
  SmallVector<int64_t> shape;
  for (int64_t dim : permutation)
    shape.push_back(input.getDimSize(dim));
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}
