// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Fusion `kiln` ops: regions that the graph fusions form, and their
// terminator.

#ifndef KILN_DIALECT_KILN_IR_KILNFUSIONOPS_TD
#define KILN_DIALECT_KILN_IR_KILNFUSIONOPS_TD

include "kiln/Dialect/Kiln/IR/KilnDialect.td"

def Kiln_FusedOp : Kiln_Op<"fused", [IsolatedFromAbove,
                                     RecursiveMemoryEffects, SingleBlock]> {
  let summary = "an anchor contraction and the ops fused behind it";
  let description = [{
    Computes its body, one block of plain `kiln` ops, on `inputs` (the
    block's arguments) and returns the values its `kiln.yield` names. The
    body starts with an *anchor*, a `kiln.conv`, `kiln.matmul` or
    `kiln.gemm`, and goes on with ops applied to its result: a bias add, an
    activation (`relu`, `clip`, `sigmoid`, an erf-based GELU, ...), a
    residual add, or, for attention, `scale`, `mask`, `softmax` and the
    second `kiln.matmul`. The graph fusions form it (`kiln-fuse-epilogues`,
    `kiln-fuse-attention`); a back end maps it to one kernel (a oneDNN
    primitive with post-ops) or inlines the body and fuses the loops it
    generates. Values too large to copy (weights, biases) come in as
    inputs; scalar constants may sit in the body.

    Constraints:
    (C1) the body is one block whose arguments have the types of `inputs`,
         in order.
    (C2) the block ends with `kiln.yield`, whose operand types are the
         result types; there is at least one result.
    (C3) every other op of the body is a `kiln` op without regions (no
         nested `kiln.fused`).
    (C4) the first op of the body that is not a `kiln.constant` is the
         anchor: a `kiln.conv`, `kiln.matmul` or `kiln.gemm`.

    (C3) and (C4) hold from the graph fusions up to the library dispatch.
    `convert-kiln-to-kiln-rt` may replace an op of a region that stays
    generated code (its anchor, say) with a `kiln_rt` call and its `tensor`
    destination; a body holding a `kiln_rt` op is checked for (C1) and (C2)
    only, and `convert-kiln-to-linalg` inlines it like any other.

    ```mlir
    %y = kiln.fused (%x, %w, %b)
        : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32> {
    ^bb0(%input: tensor<1x64x56x56xf32>, %weight: tensor<64x64x3x3xf32>, %bias: tensor<64xf32>):
      %conv = kiln.conv %input, %weight, %bias {dilations = array<i64: 1, 1>, group = 1 : i64,
                                                pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>}
          : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
      %relu = kiln.relu %conv : tensor<1x64x56x56xf32>
      kiln.yield %relu : tensor<1x64x56x56xf32>
    }
    ```
  }];
  let arguments = (ins Variadic<Kiln_Tensor>:$inputs);
  let results = (outs Variadic<Kiln_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    `(` $inputs `)` attr-dict `:` functional-type($inputs, $results) $body
  }];
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    /// Returns the anchor (C4): the first op of the body that is not a
    /// `kiln.constant`; null only in IR that fails verification.
    ::mlir::Operation *getAnchor();

    /// Returns the body's terminator.
    YieldOp getYield();
  }];
}

def Kiln_YieldOp : Kiln_Op<"yield", [Pure, HasParent<"FusedOp">,
                                     Terminator]> {
  let summary = "the values a `kiln.fused` body returns";
  let description = [{
    Ends the body of a `kiln.fused` and names its results.

    Constraints:
    (C1) the operand types are the result types of the parent `kiln.fused`.

    ```mlir
    kiln.yield %relu : tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = (ins Variadic<Kiln_Tensor>:$values);
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
  let hasVerifier = 1;
}

#endif // KILN_DIALECT_KILN_IR_KILNFUSIONOPS_TD
