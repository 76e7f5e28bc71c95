// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Fuses scaled dot-product attention (QK^T, scale, mask, softmax, .V) into
// one `kiln.fused` region anchored at the first matmul.

#include "kiln/Dialect/Kiln/Transforms/Passes.h"
#include "kiln/Dialect/Kiln/Transforms/Transforms.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_FUSEATTENTIONPASS
#include "kiln/Dialect/Kiln/Transforms/Passes.h.inc"
} // namespace mlir::kiln

#define DEBUG_TYPE "kiln-fuse-attention"

using namespace mlir;
using namespace mlir::kiln;

FailureOr<FusedOp> kiln::fuseAttention(RewriterBase &rewriter,
                                       SoftmaxOp softmax) {
  if (softmax->getParentOfType<FusedOp>())
    return failure();
  auto scoresType = cast<RankedTensorType>(softmax.getType());
  // Softmax over the keys: the last axis of the scores.
  if (softmax.getAxis() != scoresType.getRank() - 1 || !softmax->hasOneUse())
    return failure();
  auto output = dyn_cast<MatmulOp>(*softmax->user_begin());
  if (!output || output.getLhs() != softmax.getResult() ||
      output.getRhs() == softmax.getResult() ||
      output->getBlock() != softmax->getBlock())
    return failure();

  // Back from the softmax through single-use elementwise ops on the scores
  // (scale, mask) to the matmul that computes them. Single use keeps every
  // other operand independent of the chain: nothing else reads it.
  SmallVector<Operation *> chain;
  Value scores = softmax.getInput();
  while (true) {
    Operation *def = scores.getDefiningOp();
    if (!def || def->getBlock() != softmax->getBlock() || !scores.hasOneUse())
      return failure();
    if (auto matmul = dyn_cast<MatmulOp>(def)) {
      chain.push_back(matmul);
      break;
    }
    if (!isFusableElementwise(def, scoresType))
      return failure();
    // The chain continues through the operand that has the scores' type;
    // an op with two such operands (scores + scores) is not attention.
    Value next;
    for (Value operand : def->getOperands()) {
      if (operand.getType() != scoresType ||
          isa_and_nonnull<ConstantOp>(operand.getDefiningOp()))
        continue;
      if (next)
        return failure();
      next = operand;
    }
    if (!next)
      return failure();
    chain.push_back(def);
    scores = next;
  }

  SmallVector<Operation *> ops(chain.rbegin(), chain.rend());
  ops.push_back(softmax);
  ops.push_back(output);
  return outlineIntoFusedOp(rewriter, ops, output.getResult());
}

namespace {

struct FuseAttentionPass
    : kiln::impl::FuseAttentionPassBase<FuseAttentionPass> {
  void runOnOperation() override {
    SmallVector<SoftmaxOp> softmaxes;
    getOperation().walk([&](SoftmaxOp op) { softmaxes.push_back(op); });
    IRRewriter rewriter(&getContext());
    // Each pattern holds exactly one softmax, so fusing one never erases
    // another still in the list.
    for (SoftmaxOp softmax : softmaxes)
      (void)fuseAttention(rewriter, softmax);
  }
};

} // namespace
