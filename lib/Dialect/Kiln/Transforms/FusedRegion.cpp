// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Building `kiln.fused` regions: the one place that moves ops into a region,
// shared by `kiln-fuse-epilogues` and `kiln-fuse-attention`.

#include "kiln/Dialect/Kiln/Transforms/Transforms.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace mlir;
using namespace mlir::kiln;

bool kiln::isFusableElementwise(Operation *op, Type type) {
  if (op->getNumResults() != 1 || op->getResult(0).getType() != type)
    return false;
  // Comparisons, logical ops, casts and select change the element type or
  // pick between values; what stays is arithmetic a kernel's epilogue (or a
  // oneDNN post-op) computes per element.
  if (isa<AddOp, SubOp, MulOp, DivOp, MaxOp, MinOp, PowOp, ClipOp>(op))
    return true;
  return isa_and_nonnull<KilnDialect>(op->getDialect()) &&
         op->hasTrait<OpTrait::Elementwise>() && op->getNumOperands() == 1 &&
         !isa<NotOp>(op);
}

/// Returns whether `value` is a constant cheap enough to copy into a fused
/// body: a splat or a single element, such as a scale or an activation
/// bound. Larger constants (weights) stay outside as inputs.
static bool isCopyableConstant(Value value) {
  auto constant = value.getDefiningOp<ConstantOp>();
  if (!constant)
    return false;
  auto elements = dyn_cast<DenseElementsAttr>(constant.getValue());
  return elements && (elements.isSplat() || elements.getNumElements() <= 1);
}

FusedOp kiln::outlineIntoFusedOp(RewriterBase &rewriter,
                                 ArrayRef<Operation *> ops, Value result) {
  assert(!ops.empty() && result.getDefiningOp() == ops.back() &&
         "the region yields the result of its last op");
  llvm::SmallPtrSet<Operation *, 16> inRegion(ops.begin(), ops.end());

  // Inputs in order of first use; copied constants keyed by their value.
  llvm::SetVector<Value> inputs;
  llvm::SetVector<Value> copied;
  for (Operation *op : ops) {
    for (Value operand : op->getOperands()) {
      Operation *def = operand.getDefiningOp();
      if (def && inRegion.contains(def))
        continue;
      if (isCopyableConstant(operand))
        copied.insert(operand);
      else
        inputs.insert(operand);
    }
  }
#ifndef NDEBUG
  for (Operation *op : ops)
    for (Value value : op->getResults())
      if (value != result)
        for (Operation *user : value.getUsers())
          assert(inRegion.contains(user) &&
                 "only the yielded value may escape the region");
#endif

  Operation *last = ops.back();
  rewriter.setInsertionPoint(last);
  auto fused = FusedOp::create(rewriter, last->getLoc(), result.getType(),
                               inputs.getArrayRef());
  Block *body = rewriter.createBlock(&fused.getBody());
  IRMapping mapping;
  for (Value input : inputs)
    mapping.map(input, body->addArgument(input.getType(), input.getLoc()));
  rewriter.setInsertionPointToStart(body);
  for (Value constant : copied)
    mapping.map(constant,
                rewriter.clone(*constant.getDefiningOp())->getResult(0));
  for (Operation *op : ops)
    rewriter.clone(*op, mapping);
  YieldOp::create(rewriter, last->getLoc(), mapping.lookup(result));

  rewriter.replaceAllUsesWith(result, fused.getResult(0));
  for (Operation *op : llvm::reverse(ops))
    rewriter.eraseOp(op);
  return fused;
}
