// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Fuses a conv, matmul or gemm with the elementwise ops after it (bias add,
// activation, residual add) into one `kiln.fused` region.

#include "kiln/Dialect/Kiln/Transforms/Passes.h"
#include "kiln/Dialect/Kiln/Transforms/Transforms.h"

#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_FUSEEPILOGUESPASS
#include "kiln/Dialect/Kiln/Transforms/Passes.h.inc"
} // namespace mlir::kiln

#define DEBUG_TYPE "kiln-fuse-epilogues"

using namespace mlir;
using namespace mlir::kiln;

FailureOr<FusedOp> kiln::fuseEpilogue(RewriterBase &rewriter,
                                      Operation *anchor) {
  if (!isa<ConvOp, MatmulOp, GemmOp>(anchor) || !anchor->getBlock() ||
      anchor->getParentOfType<FusedOp>())
    return failure();
  Type type = anchor->getResult(0).getType();

  // Scan forward from the anchor. An op joins the candidates when it is
  // elementwise on the anchor's type, reads a candidate, and its other
  // operands do not depend on a candidate (`tainted` holds the ops that
  // do): the region must not feed itself through an op outside it.
  SmallVector<Operation *> candidates = {anchor};
  llvm::SmallPtrSet<Operation *, 16> inRegion = {anchor};
  llvm::SmallPtrSet<Operation *, 32> tainted;
  auto isRegionValue = [&](Value value) {
    Operation *def = value.getDefiningOp();
    return def && inRegion.contains(def);
  };
  auto isTainted = [&](Value value) {
    Operation *def = value.getDefiningOp();
    return def && tainted.contains(def);
  };
  for (Operation *op = anchor->getNextNode(); op; op = op->getNextNode()) {
    bool readsRegion = llvm::any_of(op->getOperands(), isRegionValue);
    bool readsTainted = llvm::any_of(op->getOperands(), isTainted);
    if (readsRegion && !readsTainted && isFusableElementwise(op, type)) {
      candidates.push_back(op);
      inRegion.insert(op);
      continue;
    }
    if (readsRegion || readsTainted ||
        llvm::any_of(op->getRegions(), [](Region &r) { return !r.empty(); }))
      tainted.insert(op);
  }

  // The longest prefix (in block order, hence closed under operands) whose
  // values, all but the last, are used only inside the prefix.
  size_t best = 0;
  llvm::SmallPtrSet<Operation *, 16> prefix;
  for (size_t size = 1; size <= candidates.size(); ++size) {
    prefix.insert(candidates[size - 1]);
    bool closed = true;
    for (size_t i = 0; i + 1 < size && closed; ++i) {
      for (Operation *user : candidates[i]->getResult(0).getUsers()) {
        if (!prefix.contains(user)) {
          closed = false;
          break;
        }
      }
    }
    if (closed)
      best = size;
  }
  if (best < 2)
    return failure();
  ArrayRef<Operation *> ops = ArrayRef(candidates).take_front(best);
  return outlineIntoFusedOp(rewriter, ops, ops.back()->getResult(0));
}

namespace {

struct FuseEpiloguesPass
    : kiln::impl::FuseEpiloguesPassBase<FuseEpiloguesPass> {
  void runOnOperation() override {
    // Anchors first: fusing one erases only elementwise ops, never another
    // anchor, so the list stays valid. Anchors inside a `kiln.fused` are
    // skipped by `fuseEpilogue`.
    SmallVector<Operation *> anchors;
    getOperation().walk([&](Operation *op) {
      if (isa<ConvOp, MatmulOp, GemmOp>(op))
        anchors.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (Operation *anchor : anchors)
      (void)fuseEpilogue(rewriter, anchor);
  }
};

} // namespace
