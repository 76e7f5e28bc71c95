// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Neural-network `kiln` ops: contractions, convolutions, pooling,
// normalizations, reductions, recurrent cells.

#ifndef KILN_DIALECT_KILN_IR_KILNNNOPS_TD
#define KILN_DIALECT_KILN_IR_KILNNNOPS_TD

include "kiln/Dialect/Kiln/IR/KilnDialect.td"

def Kiln_MatmulOp : Kiln_Op<"matmul", [Pure, InferTypeOpAdaptor,
                                       SameOperandsElementType]> {
  let summary = "batched matrix product with broadcast batch dimensions";
  let description = [{
    Multiplies the matrices in the last two dimensions of `lhs`
    (`... x M x K`) and `rhs` (`... x K x N`); the leading (batch)
    dimensions broadcast with NumPy's rules. ONNX `MatMul`'s 1-D operands
    are reshaped to 2-D before this op exists.

    Constraints:
    (C1) `rank(lhs) >= 2` and `rank(rhs) >= 2`.
    (C2) `lhs` and `rhs` have the same element type.
    (C3) `shape(lhs)[-1] == shape(rhs)[-2]`.
    (C4) the batch dimensions broadcast.

    ```mlir
    %y = kiln.matmul %a, %b : (tensor<1x128x256xf32>, tensor<256x256xf32>) -> tensor<1x128x256xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$lhs, Kiln_Tensor:$rhs);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
}

#endif // KILN_DIALECT_KILN_IR_KILNNNOPS_TD
