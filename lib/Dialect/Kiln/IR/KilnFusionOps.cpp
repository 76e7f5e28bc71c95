// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Fusion `kiln` ops: verifiers of `kiln.fused` and `kiln.yield`. Each check
// cites the constraint of the op's description it enforces.

#include "kiln/Dialect/Kiln/IR/KilnOps.h"

using namespace mlir;
using namespace mlir::kiln;

//===----------------------------------------------------------------------===//
// FusedOp
//===----------------------------------------------------------------------===//

Operation *FusedOp::getAnchor() {
  for (Operation &op : getBody().front()) {
    if (!isa<ConstantOp, YieldOp>(op))
      return &op;
  }
  return nullptr;
}

YieldOp FusedOp::getYield() {
  return dyn_cast<YieldOp>(getBody().front().getTerminator());
}

LogicalResult FusedOp::verify() {
  // (C2)
  if (getNumResults() == 0)
    return emitOpError("expects at least one result");
  return success();
}

LogicalResult FusedOp::verifyRegions() {
  Block &body = getBody().front();
  // (C1)
  if (body.getNumArguments() != getInputs().size())
    return emitOpError("expects the body to have one argument per input (")
           << getInputs().size() << "), not " << body.getNumArguments();
  for (auto [i, input, argument] :
       llvm::enumerate(getInputs(), body.getArguments())) {
    if (input.getType() != argument.getType())
      return emitOpError("expects body argument ")
             << i << " (" << argument.getType()
             << ") to have the type of input " << i << " (" << input.getType()
             << ")";
  }
  // (C2) The terminator's own verifier compares the types; SingleBlock and
  // Terminator leave only its presence to check.
  if (body.empty() || !isa<YieldOp>(body.back()))
    return emitOpError("expects the body to end with kiln.yield");
  // After the library dispatch, a region that stays generated code may hold
  // the `kiln_rt` call that replaced one of its ops (see the description);
  // (C3) and (C4) describe the body before that. The dialect is named, not
  // linked: `kiln` does not depend on `kiln_rt`.
  if (llvm::any_of(body.without_terminator(), [](Operation &op) {
        return op.getDialect() && op.getDialect()->getNamespace() == "kiln_rt";
      }))
    return success();
  // (C3)
  Dialect *kiln = getOperation()->getDialect();
  for (Operation &op : body.without_terminator()) {
    if (op.getDialect() != kiln || op.getNumRegions() != 0)
      return op.emitOpError("cannot be in the body of kiln.fused: only ")
             << "kiln ops without regions can";
  }
  // (C4)
  Operation *anchor = getAnchor();
  if (!anchor || !isa<ConvOp, MatmulOp, GemmOp>(anchor))
    return emitOpError("expects the first non-constant op of the body to be ")
           << "kiln.conv, kiln.matmul or kiln.gemm"
           << (anchor ? ", not " + anchor->getName().getStringRef().str()
                      : std::string(", found none"));
  return success();
}

//===----------------------------------------------------------------------===//
// YieldOp
//===----------------------------------------------------------------------===//

LogicalResult YieldOp::verify() {
  auto parent = cast<FusedOp>(getOperation()->getParentOp());
  // (C1)
  if (getValues().getTypes() != parent.getResultTypes())
    return emitOpError("expects operand types (")
           << getValues().getTypes() << ") to be the result types of "
           << "kiln.fused (" << parent.getResultTypes() << ")";
  return success();
}
