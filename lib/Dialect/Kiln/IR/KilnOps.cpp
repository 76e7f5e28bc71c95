// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `kiln` ops: verifiers and result-type inference. Each check cites the
// constraint of the op's description it enforces.

#include "kiln/Dialect/Kiln/IR/KilnOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::kiln;

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnOps.cpp.inc"

static ShapedType shapedType(Value value) {
  return cast<ShapedType>(value.getType());
}

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

LogicalResult ClipOp::verify() {
  // (C1)
  if (getMin().convertToDouble() > getMax().convertToDouble())
    return emitOpError() << "expects min (" << getMin().convertToDouble()
                         << ") to be at most max ("
                         << getMax().convertToDouble() << ")";
  return success();
}

LogicalResult SelectOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  Type onTrue = shapedType(adaptor.getOnTrue()).getElementType();
  // (C1)
  if (onTrue != shapedType(adaptor.getOnFalse()).getElementType())
    return emitOptionalError(loc, "expects on_true and on_false to have the "
                                  "same element type");
  // (C2)
  return inferBroadcastType(loc,
                            {adaptor.getCondition().getType(),
                             adaptor.getOnTrue().getType(),
                             adaptor.getOnFalse().getType()},
                            onTrue, inferred);
}

//===----------------------------------------------------------------------===//
// Tensor ops
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
      return emitOptionalError(loc, "expects permutation to be a "
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

//===----------------------------------------------------------------------===//
// NN ops
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  ShapedType lhs = shapedType(adaptor.getLhs());
  ShapedType rhs = shapedType(adaptor.getRhs());
  // (C1)
  if (lhs.getRank() < 2 || rhs.getRank() < 2)
    return emitOptionalError(loc, "expects operands of rank at least 2, got ",
                             lhs.getRank(), " and ", rhs.getRank());
  // (C3)
  ArrayRef<int64_t> lhsShape = lhs.getShape(), rhsShape = rhs.getShape();
  if (lhsShape.back() != rhsShape[rhsShape.size() - 2])
    return emitOptionalError(loc, "expects the contracted dimensions to "
                                  "match, got ",
                             lhsShape.back(), " and ",
                             rhsShape[rhsShape.size() - 2]);
  // (C4)
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(loc, {lhsShape.drop_back(2), rhsShape.drop_back(2)});
  if (failed(shape))
    return failure();
  shape->push_back(lhsShape[lhsShape.size() - 2]);
  shape->push_back(rhsShape.back());
  inferred.push_back(RankedTensorType::get(*shape, lhs.getElementType()));
  return success();
}
