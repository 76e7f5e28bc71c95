// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Operations of the `kiln_rt` dialect.

#ifndef KILN_DIALECT_KILNRT_IR_KILNRTOPS_TD
#define KILN_DIALECT_KILNRT_IR_KILNRTOPS_TD

include "kiln/Dialect/KilnRt/IR/KilnRtDialect.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/CommonTypeConstraints.td"

def KilnRt_CallOp : KilnRt_Op<"call"> {
  let summary = "a call of a runtime library function";
  let description = [{
    Calls the runtime's C function `callee` with `args`: buffers and scalars.
    Buffers are passed as their aligned base pointer plus offset; shapes and
    strides the callee needs are passed as explicit scalar arguments, so
    every runtime entry point has a plain C signature. The callee returns a
    `kiln_rt_status_t` (an `i32`), which the caller checks.

    Constraints:
    (C1) `callee` starts with `kiln_rt_`.
    (C2) every argument is a memref, an integer, a float or an index.

    ```mlir
    %status = kiln_rt.call @kiln_rt_cpu_matmul(%a, %b, %c, %m, %n, %k)
        : (memref<64x64xf32>, memref<64x64xf32>, memref<64x64xf32>, index, index, index) -> i32
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<AnyType>:$args);
  let results = (outs I32:$status);
  let assemblyFormat = [{
    $callee `(` $args `)` attr-dict `:` functional-type($args, results)
  }];
  let hasVerifier = 1;
}

def KilnRt_AssertOp : KilnRt_Op<"assert"> {
  let summary = "a run-time check that fails the model's run";
  let description = [{
    Checks at run time a condition the compiler assumed but could not prove,
    such as an operand value that the declared static shapes imply. When
    `condition` is false, the model's `run` returns
    `KILN_RT_INVALID_ARGUMENT` and sends `message` to the instance's log
    callback; the computation itself goes on with the assumed values, so the
    code around an assert must stay memory-safe whatever the condition.

    ```mlir
    kiln_rt.assert %ok, "node 'reshape' (Reshape): input 1 ('shape') does not give the declared shape 2x3"
    ```
  }];
  let arguments = (ins I1:$condition, StrAttr:$message);
  let assemblyFormat = "$condition `,` $message attr-dict";
}

// The parallel loop of generated code.
include "kiln/Dialect/KilnRt/IR/KilnRtParallelOps.td"

// The oneDNN path's ops.
include "kiln/Dialect/KilnRt/IR/KilnRtOneDnnOps.td"

#endif // KILN_DIALECT_KILNRT_IR_KILNRTOPS_TD
