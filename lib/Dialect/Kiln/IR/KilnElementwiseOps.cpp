// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Elementwise `kiln` ops: verifiers and result-type inference. Each check
// cites the constraint of the op's description it enforces.

#include "kiln/Dialect/Kiln/IR/KilnOps.h"

using namespace mlir;
using namespace mlir::kiln;

/// Returns the type of `value`, which ODS constrains to a ranked tensor.
static ShapedType shapedType(Value value) {
  return cast<ShapedType>(value.getType());
}

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
