// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// ONNX control flow. `If` with a constant condition (shape tests fold to
// constants once shapes are static) is its taken branch, inlined; with a
// run-time condition both branches are computed and `kiln.select` picks,
// which needs branches that yield tensors of the same types. Loop and Scan
// are not supported.

#include "OnnxNode.h"

using namespace mlir;
using namespace mlir::kiln;

namespace {

using Results = FailureOr<SmallVector<Value>>;

Results convertIf(OnnxNode &node) {
  Value condition = node.getInput(0);
  if (!condition)
    return failure();
  if (getNumElements(getShape(condition)) != 1) {
    node.emitError() << "the condition must have one element, got "
                     << OnnxNode::getType(condition);
    return failure();
  }
  if (DenseElementsAttr constant = node.getConstantInput(0)) {
    bool taken = !constant.getValues<APInt>()[0].isZero();
    return node.convertGraph(taken ? "then_branch" : "else_branch");
  }
  Results thenResults = node.convertGraph("then_branch");
  Results elseResults = node.convertGraph("else_branch");
  if (failed(thenResults) || failed(elseResults))
    return failure();
  if (thenResults->size() != elseResults->size()) {
    node.emitError() << "the branches yield " << thenResults->size() << " and "
                     << elseResults->size() << " values";
    return failure();
  }
  Value scalar = node.reshape(condition, {});
  SmallVector<Value> results;
  for (auto [index, pair] :
       llvm::enumerate(llvm::zip_equal(*thenResults, *elseResults))) {
    auto [onTrue, onFalse] = pair;
    if (onTrue.getType() != onFalse.getType()) {
      node.emitError() << "with a run-time condition, the branches must "
                          "yield the same types; output "
                       << index << " is " << onTrue.getType() << " and "
                       << onFalse.getType();
      return failure();
    }
    results.push_back(node.create<SelectOp>(scalar, onTrue, onFalse));
  }
  return results;
}

} // namespace

void mlir::kiln::populateControlFlowHandlers(OnnxHandlerRegistry &registry) {
  registry.add("", "If", 1, handler(convertIf));
}
