// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Neural-network `kiln` ops: verifiers and result-type inference. Each check
// cites the constraint of the op's description it enforces.

#include "kiln/Dialect/Kiln/IR/KilnOps.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::kiln;

/// Returns the type of `value`, which ODS constrains to a ranked tensor.
static ShapedType shapedType(Value value) {
  return cast<ShapedType>(value.getType());
}

//===----------------------------------------------------------------------===//
// MatmulOp
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
