// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// ONNX loss functions, as decompositions:
//   NegativeLogLikelihoodLoss  loss = -gather_elements(input, target, 1) *
//                              weight[target], 0 where target ==
//                              ignore_index; "mean" divides the sum by the
//                              sum of the applied weights
//   SoftmaxCrossEntropyLoss    the same on log_softmax(scores, 1), which is
//                              also its optional second output

#include "OnnxNode.h"

using namespace mlir;
using namespace mlir::kiln;

namespace {

using Results = FailureOr<SmallVector<Value>>;

/// The negative log-likelihood loss of `logProb` (`N x C x d...`) for
/// `target` (`N x d...`), weighted by the optional `weight` (`C`).
Value buildNllLoss(OnnxNode &node, Value logProb, Value target, Value weight,
                   std::optional<int64_t> ignoreIndex, StringRef reduction) {
  if (!logProb || !target)
    return nullptr;
  auto inputType = OnnxNode::getType(logProb);
  ArrayRef<int64_t> targetShape = getShape(target);
  if (inputType.getRank() < 2 ||
      targetShape.size() + 1 != static_cast<size_t>(inputType.getRank())) {
    node.emitError() << "expects input N x C x d... and target N x d..., got "
                     << inputType << " and " << OnnxNode::getType(target);
    return nullptr;
  }
  if (reduction != "none" && reduction != "sum" && reduction != "mean") {
    node.emitError() << "unsupported reduction = '" << reduction
                     << "' (expects 'none', 'sum' or 'mean')";
    return nullptr;
  }
  Type elementType = inputType.getElementType();
  Type indexType = OnnxNode::getType(target).getElementType();
  // Ignored targets read class 0 and get weight 0.
  Value ignored;
  if (ignoreIndex) {
    ignored =
        node.create<EqualOp>(target, node.scalar(indexType, *ignoreIndex));
    target = node.create<SelectOp>(ignored, node.scalar(indexType, 0), target);
  }
  SmallVector<int64_t> indexShape(targetShape);
  indexShape.insert(indexShape.begin() + 1, 1);
  Value picked = node.create<GatherElementsOp>(
      logProb, node.reshape(target, indexShape), /*axis=*/1);
  Value loss = node.create<NegOp>(node.reshape(picked, targetShape));
  Value weights;
  if (weight)
    weights = node.create<GatherOp>(weight, target, /*axis=*/0);
  if (ignored)
    weights =
        node.create<SelectOp>(ignored, node.scalar(elementType, 0),
                              weights ? weights : node.scalar(elementType, 1));
  if (weights)
    loss = node.create<MulOp>(loss, weights);
  if (reduction == "none")
    return loss;
  SmallVector<int64_t> all;
  for (size_t i = 0; i < targetShape.size(); ++i)
    all.push_back(i);
  if (reduction == "mean" && !weights)
    return node.create<ReduceMeanOp>(loss, all, /*keep_dims=*/false);
  Value sum = node.create<ReduceSumOp>(loss, all, /*keep_dims=*/false);
  if (reduction == "sum")
    return sum;
  return node.create<DivOp>(
      sum, node.create<ReduceSumOp>(weights, all, /*keep_dims=*/false));
}

Results convertNegativeLogLikelihoodLoss(OnnxNode &node) {
  Value input = node.getInput(0);
  Value target = node.getInput(1);
  Value weight = node.getOptionalInput(2);
  std::optional<int64_t> ignoreIndex = node.getOptionalInt("ignore_index");
  std::string reduction = node.getString("reduction", "mean");
  return SmallVector<Value>{
      buildNllLoss(node, input, target, weight, ignoreIndex, reduction)};
}

Results convertSoftmaxCrossEntropyLoss(OnnxNode &node) {
  Value scores = node.getInput(0);
  Value labels = node.getInput(1);
  Value weight = node.getOptionalInput(2);
  std::optional<int64_t> ignoreIndex = node.getOptionalInt("ignore_index");
  std::string reduction = node.getString("reduction", "mean");
  if (!scores)
    return failure();
  if (OnnxNode::getType(scores).getRank() < 2) {
    node.emitError() << "scores must have rank >= 2";
    return failure();
  }
  Value logProb = node.create<LogSoftmaxOp>(scores, /*axis=*/1);
  return SmallVector<Value>{
      buildNllLoss(node, logProb, labels, weight, ignoreIndex, reduction),
      logProb};
}

} // namespace

void mlir::kiln::populateLossHandlers(OnnxHandlerRegistry &registry) {
  auto add = [&](StringRef opType, int64_t version, auto fn) {
    registry.add("", opType, version, handler(fn));
  };
  add("NegativeLogLikelihoodLoss", 12, convertNegativeLogLikelihoodLoss);
  add("SoftmaxCrossEntropyLoss", 12, convertSoftmaxCrossEntropyLoss);
}
