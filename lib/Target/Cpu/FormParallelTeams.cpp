// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Runs each outermost sequential loop whose steps hold parallel loops on
// one kiln_rt.parallel_team, with barriers between its steps.

#include "kiln/Dialect/KilnRt/IR/KilnRtOps.h"
#include "kiln/Target/Cpu/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::kiln::cpu {
#define GEN_PASS_DEF_FORMPARALLELTEAMSPASS
#include "kiln/Target/Cpu/Passes.h.inc"
} // namespace mlir::kiln::cpu

using namespace mlir;
using kiln::rt::ParallelForOp;

namespace {

/// Where an op of the loop's body runs in the team.
enum class Place {
  Everywhere, ///< free of memory effects: every thread computes it
  Split,      ///< a parallel loop: each thread runs its chunk
  ThreadZero, ///< writes (or may write) memory: thread 0 alone
};

Place placeOf(Operation *op) {
  if (isa<ParallelForOp>(op))
    return Place::Split;
  return isMemoryEffectFree(op) ? Place::Everywhere : Place::ThreadZero;
}

/// Whether `loop` can run on a team: see the pass's description.
bool canFormTeam(scf::ForOp loop) {
  // Its results would have to be the same on every thread.
  if (loop.getNumResults() != 0)
    return false;
  bool split = false;
  for (Operation &op : loop.getBody()->without_terminator()) {
    if (auto parallel = dyn_cast<ParallelForOp>(op)) {
      if (!parallel.getBody().hasOneBlock())
        return false;
      split = true;
    } else if (placeOf(&op) == Place::ThreadZero && op.getNumResults() != 0) {
      // Its results would exist on thread 0 alone.
      return false;
    }
    // A parallel loop deeper in the body is not split; a call (a oneDNN
    // op) inside a team would run on one thread.
    WalkResult walk = op.walk([&](Operation *inner) {
      return (inner != &op && isa<ParallelForOp>(inner)) ||
                     isa<CallOpInterface>(inner)
                 ? WalkResult::interrupt()
                 : WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return false;
  }
  return split;
}

/// Replaces `parallel` by the chunk of its iterations that `thread` of
/// `team` runs: the split kiln_rt_parallel_for makes (the first `count %
/// team` threads take one iteration more).
void splitAmongTeam(ParallelForOp parallel, Value thread, Value team) {
  OpBuilder b(parallel);
  Location loc = parallel.getLoc();
  Value count = parallel.getCount();
  Value chunk = arith::DivUIOp::create(b, loc, count, team);
  Value extra = arith::RemUIOp::create(b, loc, count, team);
  Value before = arith::MinUIOp::create(b, loc, thread, extra);
  Value begin = arith::AddIOp::create(
      b, loc, arith::MulIOp::create(b, loc, thread, chunk), before);
  Value takesExtra =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, thread, extra);
  Value size = arith::AddIOp::create(
      b, loc, chunk,
      arith::ExtUIOp::create(b, loc, b.getI64Type(), takesExtra));
  Value end = arith::AddIOp::create(b, loc, begin, size);
  Block &body = parallel.getBody().front();
  body.getTerminator()->erase();
  Block *block = parallel->getBlock();
  block->getOperations().splice(Block::iterator(parallel),
                                body.getOperations());
  body.getArgument(0).replaceAllUsesWith(begin);
  body.getArgument(1).replaceAllUsesWith(end);
  parallel.erase();
}

void formTeam(scf::ForOp loop) {
  Location loc = loop.getLoc();
  OpBuilder b(loop);
  auto team = kiln::rt::ParallelTeamOp::create(b, loc);
  Block *entry = b.createBlock(&team.getBody(), {},
                               {b.getI64Type(), b.getI64Type()}, {loc, loc});
  loop->moveBefore(entry, entry->end());
  b.setInsertionPointToEnd(entry);
  kiln::rt::YieldOp::create(b, loc);
  Value thread = entry->getArgument(0), size = entry->getArgument(1);

  // The body as steps: each parallel loop one, and each run of other ops
  // one, whose ops with memory effects move (in order) into one
  // `if thread == 0` at the run's end. The ops free of memory effects stay
  // where they are: they read no memory, so the writes may pass them, and
  // the writes have no results they could need.
  Block *body = loop.getBody();
  struct Step {
    Place place;
    Operation *last;
  };
  SmallVector<Step> steps;
  SmallVector<Operation *> run;
  auto endRun = [&](Operation *before) {
    if (run.empty())
      return;
    OpBuilder at(before);
    Value zero = arith::ConstantIntOp::create(at, loc, 0, 64);
    Value first =
        arith::CmpIOp::create(at, loc, arith::CmpIPredicate::eq, thread, zero);
    auto alone = scf::IfOp::create(at, loc, first, /*withElseRegion=*/false);
    Operation *yield = alone.thenBlock()->getTerminator();
    for (Operation *op : run)
      op->moveBefore(yield);
    run.clear();
    steps.push_back({Place::ThreadZero, alone});
  };
  SmallVector<Operation *> ops;
  for (Operation &op : body->without_terminator())
    ops.push_back(&op);
  for (Operation *op : ops) {
    switch (placeOf(op)) {
    case Place::Everywhere:
      break;
    case Place::ThreadZero:
      run.push_back(op);
      break;
    case Place::Split: {
      endRun(op);
      Operation *next = op->getNextNode();
      splitAmongTeam(cast<ParallelForOp>(op), thread, size);
      steps.push_back({Place::Split, next->getPrevNode()});
      break;
    }
    }
  }
  endRun(body->getTerminator());

  // A barrier after each step, the next step (the first, after the last)
  // being one that another thread runs; thread 0's steps follow each other
  // without one.
  for (size_t i = 0; i < steps.size(); ++i) {
    Place next = steps[(i + 1) % steps.size()].place;
    if (steps[i].place == Place::ThreadZero && next == Place::ThreadZero)
      continue;
    OpBuilder at(steps[i].last->getContext());
    at.setInsertionPointAfter(steps[i].last);
    kiln::rt::ParallelBarrierOp::create(at, loc);
  }
}

struct FormParallelTeamsPass
    : kiln::cpu::impl::FormParallelTeamsPassBase<FormParallelTeamsPass> {
  void runOnOperation() override {
    SmallVector<scf::ForOp> loops;
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<ParallelForOp, kiln::rt::ParallelTeamOp>(op))
        return WalkResult::skip();
      auto loop = dyn_cast<scf::ForOp>(op);
      if (!loop || !canFormTeam(loop))
        return WalkResult::advance();
      loops.push_back(loop);
      return WalkResult::skip();
    });
    for (scf::ForOp loop : loops)
      formTeam(loop);
  }
};

} // namespace
