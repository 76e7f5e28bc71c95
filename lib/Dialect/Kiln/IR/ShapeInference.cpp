// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Result-type inference shared by the `kiln` ops and their builders.

#include "kiln/Dialect/Kiln/IR/ShapeInference.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;

FailureOr<SmallVector<int64_t>>
kiln::broadcastShapes(std::optional<Location> loc,
                      ArrayRef<ArrayRef<int64_t>> shapes) {
  size_t rank = 0;
  for (ArrayRef<int64_t> shape : shapes)
    rank = std::max(rank, shape.size());
  SmallVector<int64_t> result(rank, 1);
  for (ArrayRef<int64_t> shape : shapes) {
    size_t offset = rank - shape.size();
    for (auto [i, dim] : llvm::enumerate(shape)) {
      int64_t &out = result[offset + i];
      if (dim == out || dim == 1)
        continue;
      if (out != 1)
        return emitOptionalError(loc,
                                 "expects broadcast-compatible shapes, "
                                 "but dimension ",
                                 offset + i, " is ", out, " and ", dim);
      out = dim;
    }
  }
  return result;
}

LogicalResult kiln::inferBroadcastType(std::optional<Location> loc,
                                       ArrayRef<Type> operandTypes,
                                       Type elementType,
                                       SmallVectorImpl<Type> &inferred) {
  SmallVector<ArrayRef<int64_t>> shapes;
  for (Type type : operandTypes)
    shapes.push_back(cast<ShapedType>(type).getShape());
  FailureOr<SmallVector<int64_t>> shape = broadcastShapes(loc, shapes);
  if (failed(shape))
    return failure();
  inferred.push_back(RankedTensorType::get(*shape, elementType));
  return success();
}

int64_t kiln::slidingWindowOutputSize(int64_t size, int64_t kernel,
                                      int64_t stride, int64_t dilation,
                                      int64_t padBegin, int64_t padEnd,
                                      bool ceilMode) {
  int64_t span = size + padBegin + padEnd - dilation * (kernel - 1) - 1;
  if (!ceilMode)
    return llvm::divideFloorSigned(span, stride) + 1;
  int64_t count = llvm::divideCeilSigned(span, stride) + 1;
  // ONNX (and PyTorch) drop a window that would start in the end padding.
  if ((count - 1) * stride >= size + padBegin)
    --count;
  return count;
}

LogicalResult kiln::inferReductionType(std::optional<Location> loc,
                                       Type inputType, ArrayRef<int64_t> axes,
                                       bool keepDims,
                                       SmallVectorImpl<Type> &inferred) {
  auto input = cast<ShapedType>(inputType);
  int64_t rank = input.getRank();
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (failed(verifyAxis(loc, axis, rank)))
      return failure();
    if (i > 0 && axis <= axes[i - 1])
      return emitOptionalError(loc,
                               "expects axes to be strictly increasing "
                               "(actual [",
                               axes, "])");
  }
  SmallVector<int64_t> shape;
  for (auto [d, size] : llvm::enumerate(input.getShape())) {
    if (!llvm::is_contained(axes, static_cast<int64_t>(d)))
      shape.push_back(size);
    else if (keepDims)
      shape.push_back(1);
  }
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult kiln::verifyAxis(std::optional<Location> loc, int64_t axis,
                               int64_t rank) {
  if (axis < 0 || axis >= rank)
    return emitOptionalError(loc, "expects axis (", axis, ") to be in [0, ",
                             rank, ")");
  return success();
}

std::optional<int64_t> kiln::normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}
