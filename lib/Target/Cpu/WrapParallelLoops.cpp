// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Turns the outermost scf.forall loops into kiln_rt.parallel_for.

#include "kiln/Dialect/KilnRt/IR/KilnRtOps.h"
#include "kiln/Target/Cpu/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"

namespace mlir::kiln::cpu {
#define GEN_PASS_DEF_WRAPPARALLELLOOPSPASS
#include "kiln/Target/Cpu/Passes.h.inc"
} // namespace mlir::kiln::cpu

using namespace mlir;

namespace {

/// Replaces `forall` (on buffers, static bounds) by a kiln_rt.parallel_for
/// over its linearized iteration space whose body runs the chunk's
/// iterations with an scf.for.
LogicalResult wrap(scf::ForallOp forall) {
  if (forall.getNumResults() != 0)
    return forall.emitOpError()
           << "still has tensor results; expected after bufferization";
  SmallVector<int64_t> lower, upper, step;
  for (auto [l, u, s] :
       llvm::zip_equal(forall.getMixedLowerBound(), forall.getMixedUpperBound(),
                       forall.getMixedStep())) {
    std::optional<int64_t> cl = getConstantIntValue(l),
                           cu = getConstantIntValue(u),
                           cs = getConstantIntValue(s);
    if (!cl || !cu || !cs || *cs <= 0)
      return forall.emitOpError() << "needs constant bounds and positive "
                                     "steps to run as a parallel loop";
    lower.push_back(*cl);
    upper.push_back(*cu);
    step.push_back(*cs);
  }
  // Trip counts per dimension, and their product: the linear range.
  SmallVector<int64_t> counts;
  int64_t total = 1;
  for (auto [l, u, s] : llvm::zip_equal(lower, upper, step)) {
    counts.push_back(u > l ? (u - l + s - 1) / s : 0);
    total *= counts.back();
  }

  OpBuilder b(forall);
  Location loc = forall.getLoc();
  Value count = arith::ConstantIntOp::create(b, loc, total, 64);
  auto parallel = kiln::rt::ParallelForOp::create(b, loc, count);
  Block *entry = b.createBlock(&parallel.getBody(), {},
                               {b.getI64Type(), b.getI64Type()}, {loc, loc});
  b.setInsertionPointToStart(entry);
  auto toIndex = [&](Value v) {
    return arith::IndexCastOp::create(b, loc, b.getIndexType(), v);
  };
  Value begin = toIndex(entry->getArgument(0));
  Value end = toIndex(entry->getArgument(1));
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  auto loop = scf::ForOp::create(b, loc, begin, end, one);
  kiln::rt::YieldOp::create(b, loc);

  // Recover each dimension's induction variable from the linear index,
  // the last dimension varying fastest.
  b.setInsertionPoint(loop.getBody()->getTerminator());
  bool needsScope = false;
  forall.getBody()->walk([&](memref::AllocaOp) { needsScope = true; });
  IRMapping mapping;
  Value linear = loop.getInductionVar();
  SmallVector<Value> ivs(counts.size());
  for (int64_t d = static_cast<int64_t>(counts.size()) - 1; d >= 0; --d) {
    Value c = arith::ConstantIndexOp::create(b, loc, counts[d]);
    Value idx = d == 0 ? linear : arith::RemUIOp::create(b, loc, linear, c);
    if (d != 0)
      linear = arith::DivUIOp::create(b, loc, linear, c);
    Value iv = arith::MulIOp::create(
        b, loc, idx, arith::ConstantIndexOp::create(b, loc, step[d]));
    ivs[d] = arith::AddIOp::create(
        b, loc, iv, arith::ConstantIndexOp::create(b, loc, lower[d]));
  }
  mapping.map(forall.getInductionVars(), ivs);

  // Stack buffers of one iteration die with it, as they did in the forall.
  auto cloneBody = [&](OpBuilder &inner) {
    for (Operation &op : forall.getBody()->without_terminator())
      inner.clone(op, mapping);
  };
  if (needsScope) {
    auto scope = memref::AllocaScopeOp::create(b, loc, TypeRange());
    Block *body = b.createBlock(&scope.getBodyRegion());
    b.setInsertionPointToStart(body);
    cloneBody(b);
    memref::AllocaScopeReturnOp::create(b, loc);
  } else {
    cloneBody(b);
  }
  forall.erase();
  return success();
}

struct WrapParallelLoopsPass
    : kiln::cpu::impl::WrapParallelLoopsPassBase<WrapParallelLoopsPass> {
  void runOnOperation() override {
    SmallVector<scf::ForallOp> outermost;
    getOperation()->walk<WalkOrder::PreOrder>([&](scf::ForallOp forall) {
      outermost.push_back(forall);
      return WalkResult::skip();
    });
    for (scf::ForallOp forall : outermost)
      if (failed(wrap(forall)))
        return signalPassFailure();
  }
};

} // namespace
