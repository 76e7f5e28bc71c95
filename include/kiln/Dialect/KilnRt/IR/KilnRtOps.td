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

#endif // KILN_DIALECT_KILNRT_IR_KILNRTOPS_TD
