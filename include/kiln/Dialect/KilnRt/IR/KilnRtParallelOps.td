// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The parallel loops and teams of generated CPU code: regions that the back
// end outlines into functions the runtime's `kiln_rt_parallel_for` and
// `kiln_rt_parallel_team` run.

#ifndef KILN_DIALECT_KILNRT_IR_KILNRTPARALLELOPS_TD
#define KILN_DIALECT_KILNRT_IR_KILNRTPARALLELOPS_TD

include "kiln/Dialect/KilnRt/IR/KilnRtDialect.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def KilnRt_ParallelForOp : KilnRt_Op<"parallel_for"> {
  let summary = "iterations [0, count) split among the runtime's threads";
  let description = [{
    Runs the body over the iteration range `[0, count)`, which the runtime's
    `kiln_rt_parallel_for` splits into one contiguous chunk `[begin, end)`
    per thread (`kiln_rt_compiled.h`). The body receives its chunk as two
    `i64` block arguments and must handle every iteration in it
    independently of the others, so that results do not depend on the
    thread count.

    The body may use values defined above: `kiln-cpu-outline-parallel-loops`
    moves it into a function and passes those values through a structure on
    the caller's stack. Until then the body is an ordinary region that every
    lowering converts in place; it may hold several blocks, the last one
    ending in `kiln_rt.yield`.

    Constraints:
    (C1) the body's entry block has two `i64` arguments, `begin` and `end`.
    (C2) every `kiln_rt.yield` of the body ends a block of this body.

    ```mlir
    kiln_rt.parallel_for %n : i64 {
    ^bb0(%begin: i64, %end: i64):
      ...
      kiln_rt.yield
    }
    ```
  }];
  let arguments = (ins I64:$count);
  let regions = (region MinSizedRegion<1>:$body);
  let assemblyFormat = "$count `:` type($count) $body attr-dict";
  let hasRegionVerifier = 1;
}

def KilnRt_ParallelTeamOp : KilnRt_Op<"parallel_team"> {
  let summary = "a body that every thread of one team runs";
  let description = [{
    Runs the body once on each thread of a team that the runtime's
    `kiln_rt_parallel_team` starts (`kiln_rt_compiled.h`): the body
    receives the thread's number and the team's size as two `i64` block
    arguments, splits its parallel work by them itself, and orders its
    steps with `kiln_rt.parallel_barrier`. `kiln-cpu-form-parallel-teams`
    makes one for a sequential loop whose steps hold parallel loops, so
    that the team starts once rather than once per step. The body is
    outlined like that of `kiln_rt.parallel_for`.

    Constraints:
    (C1) the body's entry block has two `i64` arguments, `thread` and
         `team`.
    (C2) every `kiln_rt.yield` of the body ends a block of this body.

    ```mlir
    kiln_rt.parallel_team {
    ^bb0(%thread: i64, %team: i64):
      ...
      kiln_rt.parallel_barrier
      ...
      kiln_rt.yield
    }
    ```
  }];
  let regions = (region MinSizedRegion<1>:$body);
  let assemblyFormat = "$body attr-dict";
  let hasRegionVerifier = 1;
}

def KilnRt_ParallelBarrierOp : KilnRt_Op<"parallel_barrier"> {
  let summary = "waits for every thread of the team";
  let description = [{
    Waits until every thread of the enclosing `kiln_rt.parallel_team` has
    reached it; writes before it are visible to every thread after it.
    Every thread of the team must reach the same barriers in the same
    order.

    Constraints:
    (C1) it sits in the body of a `kiln_rt.parallel_team`, outside any
         `kiln_rt.parallel_for` in it.
  }];
  let assemblyFormat = "attr-dict";
  let hasVerifier = 1;
}

def KilnRt_YieldOp : KilnRt_Op<"yield", [
    Pure, Terminator, ParentOneOf<["ParallelForOp", "ParallelTeamOp"]>
  ]> {
  let summary = "ends the body of kiln_rt.parallel_for or parallel_team";
  let assemblyFormat = "attr-dict";
}

#endif // KILN_DIALECT_KILNRT_IR_KILNRTPARALLELOPS_TD
