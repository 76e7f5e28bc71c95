// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `kiln` ops that move or select data without arithmetic: constants,
// reshapes, transposes, concatenation, slicing, gathers.

#ifndef KILN_DIALECT_KILN_IR_KILNTENSOROPS_TD
#define KILN_DIALECT_KILN_IR_KILNTENSOROPS_TD

include "kiln/Dialect/Kiln/IR/KilnDialect.td"

def Kiln_ConstantOp : Kiln_Op<"constant",
    [ConstantLike, Pure, AllTypesMatch<["value", "result"]>]> {
  let summary = "a constant tensor";
  let description = [{
    Produces the tensor `value`. Weights and ONNX `Constant` nodes become
    this op; folders produce it too.

    ```mlir
    %w = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

def Kiln_ReshapeOp : Kiln_Op<"reshape", [Pure]> {
  let summary = "the same elements in row-major order, in another shape";
  let description = [{
    Returns `input`'s elements, in row-major order, as a tensor of the
    result's shape. ONNX `Reshape`, `Flatten`, `Squeeze` and `Unsqueeze`
    all become this op once their shapes are known.

    Constraints:
    (C1) `input` and `result` have the same element type.
    (C2) `input` and `result` have the same number of elements.

    ```mlir
    %y = kiln.reshape %x : tensor<1x512x1x1xf32> to tensor<1x512xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Kiln_TransposeOp : Kiln_Op<"transpose", [Pure, InferTypeOpAdaptor]> {
  let summary = "permutation of the dimensions";
  let description = [{
    Returns `result` with `result[i_0, ..., i_n] =
    input[j_0, ..., j_n]` where `j_perm[k] = i_k`, i.e. result dimension `k`
    is input dimension `permutation[k]`.

    Constraints:
    (C1) `permutation` is a permutation of `[0, rank(input))`.
    (C2) `shape(result)[k] = shape(input)[permutation[k]]`.

    ```mlir
    %y = kiln.transpose %x {permutation = array<i64: 0, 2, 1, 3>}
        : tensor<1x128x4x64xf32> -> tensor<1x4x128x64xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($result)
  }];
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

#endif // KILN_DIALECT_KILN_IR_KILNTENSOROPS_TD
