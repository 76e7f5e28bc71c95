// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Result-type inference shared by the `kiln` ops and their builders.

#include "kiln/Dialect/Kiln/IR/ShapeInference.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"

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
        return emitOptionalError(loc, "expects broadcast-compatible shapes, "
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

std::optional<int64_t> kiln::normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}
