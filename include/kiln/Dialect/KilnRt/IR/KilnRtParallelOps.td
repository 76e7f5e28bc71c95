// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The parallel loop of generated CPU code: a region that the back end
// outlines into a function the runtime's `kiln_rt_parallel_for` runs.

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

def KilnRt_YieldOp : KilnRt_Op<"yield", [
    Pure, Terminator, HasParent<"ParallelForOp">
  ]> {
  let summary = "ends the body of kiln_rt.parallel_for";
  let assemblyFormat = "attr-dict";
}

#endif // KILN_DIALECT_KILNRT_IR_KILNRTPARALLELOPS_TD
