// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `kiln` ops that move or select data without arithmetic: constants,
// reshapes, transposes, concatenation, slicing, gathers; and the run-time
// check that guards a shape the compiler assumed for an operand's value.

#ifndef KILN_DIALECT_KILN_IR_KILNTENSOROPS_TD
#define KILN_DIALECT_KILN_IR_KILNTENSOROPS_TD

include "kiln/Dialect/Kiln/IR/KilnDialect.td"

def Kiln_AssertOp : Kiln_Op<"assert", [MemoryEffects<[MemWrite]>]> {
  let summary = "a run-time check of a value the compiler assumed";
  let description = [{
    Checks at run time that `condition` is true. The ONNX conversion emits it
    where it compiled a node for the static shape the model declares while an
    operand that decides that shape (a `Reshape` shape, `Slice` bounds, a
    `TopK` K, ...) is only known at run time: `condition` says that the
    operand's actual value gives the declared shape, and `message` names the
    node, its op type, the operand and what was expected. When `condition` is
    false, the model's run fails with `message`; the ops around the check
    compute on regardless, so they must stay memory-safe for any value of the
    operand.

    The op writes no tensor, but it is modeled as writing memory so that it
    is never erased as dead. A `condition` known to be true at compile time
    erases it (canonicalization); one known to be false is a compile error
    when the op is lowered.

    Constraints:
    (C1) `condition` is a rank-0 tensor of `i1`.
    (C2) `message` is not empty.

    ```mlir
    kiln.assert %ok, "node 'r' (Reshape): input 1 ('shape') must give the declared shape [2, 3]" : tensor<i1>
    ```
  }];
  let arguments = (ins 0DTensorOf<[I1]>:$condition, StrAttr:$message);
  let assemblyFormat = "$condition `,` $message attr-dict `:` type($condition)";
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def Kiln_ConcatOp : Kiln_Op<"concat", [Pure, InferTypeOpAdaptor]> {
  let summary = "concatenation along one axis";
  let description = [{
    Joins `inputs`, in order, along `axis` (ONNX `Concat`): the result's size
    on `axis` is the sum of the inputs' sizes there, and every other
    dimension is the one all inputs share.

    Constraints:
    (C1) there is at least one input.
    (C2) all inputs have the same element type.
    (C3) all inputs have the same rank.
    (C4) `0 <= axis < rank(inputs[0])`.
    (C5) `shape(inputs[i])[d] == shape(inputs[0])[d]` for every `d != axis`.
    (C6) `shape(result)[axis]` is the sum of the `shape(inputs[i])[axis]`;
         the other dimensions and the element type are the inputs'.

    ```mlir
    %y = kiln.concat %a, %b {axis = 1 : i64}
        : (tensor<1x64x56x56xf32>, tensor<1x32x56x56xf32>) -> tensor<1x96x56x56xf32>
    ```
  }];
  let arguments = (ins Variadic<Kiln_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type($inputs, results)
  }];
  let hasFolder = 1;
}

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

def Kiln_ExpandOp : Kiln_Op<"expand", [Pure]> {
  let summary = "broadcast to a given shape";
  let description = [{
    Returns `input` broadcast to the result's shape with NumPy's rules:
    aligned from the last dimension, an input dimension of size 1 is
    repeated to the result's size. ONNX `Expand` becomes this op once its
    `shape` operand is known; its output shape, the broadcast of the input's
    shape and `shape`, is the result type written in the IR.

    Constraints:
    (C1) `input` and `result` have the same element type.
    (C2) `input` broadcasts to `result`: `rank(input) <= rank(result)` and,
         aligned from the last dimension, every dimension of `input` is 1 or
         equal to the result's (`broadcast(shape(input), shape(result)) ==
         shape(result)`).

    ```mlir
    %y = kiln.expand %x : tensor<3x1xf32> -> tensor<2x3x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Kiln_GatherOp : Kiln_Op<"gather", [Pure, InferTypeOpAdaptor]> {
  let summary = "entries along one axis picked by an index tensor";
  let description = [{
    Returns `result[p..., i..., q...] = data[p..., indices[i...], q...]`,
    where `p` runs over the dimensions of `data` before `axis`, `i` over the
    dimensions of `indices` and `q` over the dimensions of `data` after
    `axis` (ONNX `Gather`). A negative index counts from the end, as in ONNX:
    `-1` is `shape(data)[axis] - 1`. An index outside
    `[-shape(data)[axis], shape(data)[axis])` is not diagnosed (its value is
    only known at run time) and its result is undefined.

    Constraints:
    (C1) `0 <= axis < rank(data)`.
    (C2) `shape(result) = shape(data)[:axis] ++ shape(indices) ++
         shape(data)[axis + 1:]`, with the element type of `data`.

    ```mlir
    %y = kiln.gather %table, %ids {axis = 0 : i64}
        : (tensor<30522x128xf32>, tensor<1x16xi64>) -> tensor<1x16x128xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, Kiln_IndexTensor:$indices,
                       I64Attr:$axis);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = [{
    $data `,` $indices attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_GatherElementsOp : Kiln_Op<"gather_elements",
                                    [Pure, InferTypeOpAdaptor]> {
  let summary = "elementwise gather along one axis";
  let description = [{
    Returns `result[j_0, ..., j_n] = data[j_0, ..., indices[j_0, ..., j_n],
    ..., j_n]`, the index replacing position `axis` (ONNX `GatherElements`).
    Negative indices count from the end, as for `kiln.gather`; an index
    outside `[-shape(data)[axis], shape(data)[axis])` is not diagnosed and
    its result is undefined.

    Constraints:
    (C1) `rank(indices) == rank(data)`.
    (C2) `0 <= axis < rank(data)`.
    (C3) `shape(indices)[d] <= shape(data)[d]` for every `d != axis`.
    (C4) `result` has the shape of `indices` and the element type of `data`.

    ```mlir
    %y = kiln.gather_elements %x, %idx {axis = 1 : i64}
        : (tensor<3x4xf32>, tensor<3x2xi64>) -> tensor<3x2xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, Kiln_IndexTensor:$indices,
                       I64Attr:$axis);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = [{
    $data `,` $indices attr-dict `:` functional-type(operands, results)
  }];
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

def Kiln_SliceOp : Kiln_Op<"slice", [Pure, InferTypeOpAdaptor]> {
  let summary = "strided slice with explicit bounds in every dimension";
  let description = [{
    Returns, in every dimension `d`, the elements of `input` at indices
    `starts[d] + i * strides[d]` for `i = 0, 1, ...` while the index is
    before `limits[d]` (after it, for a negative stride). A negative stride
    walks backwards; `limits[d] = -1` then reads through index 0. ONNX
    `Slice` becomes this op once its bounds are known and clamped, with every
    dimension spelled out; ONNX `Split` becomes one slice per output.

    Constraints:
    (C1) `size(starts) == size(limits) == size(strides) == rank(input)`.
    (C2) `strides[d] != 0`.
    (C3) for `strides[d] > 0`: `0 <= starts[d] <= limits[d] <=
         shape(input)[d]`.
    (C4) for `strides[d] < 0`: `-1 <= limits[d] <= starts[d] <=
         shape(input)[d] - 1`.
    (C5) `shape(result)[d] = ceil((limits[d] - starts[d]) / strides[d])`
         (never negative under (C3) and (C4)), with the element type of
         `input`.

    ```mlir
    %y = kiln.slice %x {starts = array<i64: 0, 7>, limits = array<i64: 4, -1>,
                        strides = array<i64: 1, -2>}
        : tensor<4x8xf32> -> tensor<4x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, DenseI64ArrayAttr:$starts,
                       DenseI64ArrayAttr:$limits, DenseI64ArrayAttr:$strides);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasFolder = 1;
}

def Kiln_TopKOp : Kiln_Op<"top_k", [Pure, InferTypeOpAdaptor]> {
  let summary = "the k largest or smallest entries along one axis";
  let description = [{
    Returns, for every 1-D slice of `input` along `axis`, its `k` largest
    entries (`largest = true`) or its `k` smallest (`largest = false`) in
    `values`, and their positions on `axis` in `indices` (ONNX `TopK`). With
    `sorted = true`, they come in descending (largest) or ascending
    (smallest) order; otherwise their order is unspecified. Of equal values,
    the one with the lower index comes first.

    Constraints:
    (C1) `0 <= axis < rank(input)`.
    (C2) `1 <= k <= shape(input)[axis]`.
    (C3) `values` and `indices` have the shape of `input` with dimension
         `axis` replaced by `k`; `values` has the element type of `input`,
         `indices` is `i64`.

    ```mlir
    %values, %indices = kiln.top_k %x {k = 5 : i64, axis = 1 : i64,
                                       largest = true, sorted = true}
        : tensor<1x1000xf32> -> tensor<1x5xf32>, tensor<1x5xi64>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, I64Attr:$k, I64Attr:$axis,
                       BoolAttr:$largest, BoolAttr:$sorted);
  let results = (outs Kiln_Tensor:$values,
                      StaticShapeTensorOf<[I64]>:$indices);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($values) `,` type($indices)
  }];
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
