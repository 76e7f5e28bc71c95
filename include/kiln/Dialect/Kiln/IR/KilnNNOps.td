// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Neural-network `kiln` ops: contractions, convolutions, pooling,
// normalizations, reductions, recurrent cells.

#ifndef KILN_DIALECT_KILN_IR_KILNNNOPS_TD
#define KILN_DIALECT_KILN_IR_KILNNNOPS_TD

include "kiln/Dialect/Kiln/IR/KilnDialect.td"

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

def Kiln_GemmOp : Kiln_Op<"gemm", [Pure, InferTypeOpAdaptor]> {
  let summary = "matrix product with transposes, scaling and an addend";
  let description = [{
    Computes `alpha * op(a) * op(b) + beta * c` (ONNX `Gemm`), where
    `op(x)` is `x` transposed when `trans_x` is set, `op(a)` is `M x K` and
    `op(b)` is `K x N`. `c` broadcasts to `M x N` with NumPy's rules; an
    absent `c` is zero.

    Constraints:
    (C1) `rank(a) == 2` and `rank(b) == 2`.
    (C2) `a`, `b` and `c` have the same element type.
    (C3) the `K` of `op(a)` and of `op(b)` are equal.
    (C4) `c`, when present, broadcasts to `M x N`:
         `broadcast(shape(c), [M, N]) == [M, N]`.
    (C5) `result` is `M x N`, with the element type of `a`.

    ```mlir
    %y = kiln.gemm %x, %w, %bias {alpha = 1.0 : f32, beta = 1.0 : f32,
                                   trans_a = false, trans_b = true}
        : (tensor<1x512xf32>, tensor<1000x512xf32>, tensor<1000xf32>) -> tensor<1x1000xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$a, Kiln_Tensor:$b,
                       Optional<Kiln_Tensor>:$c, F32Attr:$alpha,
                       F32Attr:$beta, BoolAttr:$trans_a, BoolAttr:$trans_b);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = [{
    $a `,` $b (`,` $c^)? attr-dict `:` functional-type(operands, results)
  }];
}

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

//===----------------------------------------------------------------------===//
// Convolution and pooling
//===----------------------------------------------------------------------===//

def Kiln_AvgPoolOp : Kiln_Op<"avg_pool", [Pure, InferTypeOpAdaptor]> {
  let summary = "average over sliding windows";
  let description = [{
    Averages `input` (`N x C x D_1 x ... x D_k`) over windows of
    `kernel_shape` elements, `dilations` apart, moved by `strides` over the
    spatial dimensions, after padding them with `pads` (ONNX
    `AveragePool`). Padded positions count in the divisor only when
    `count_include_pad` is set; the positions a `ceil_mode` window reads past
    the padded input never count.

    Constraints:
    (C1) `rank(input) >= 3`; `k = rank(input) - 2` spatial dimensions.
    (C2) `kernel_shape`, `strides` and `dilations` have `k` entries; `pads`
         has `2k`: all begin pads, then all end pads.
    (C3) `kernel_shape`, `strides` and `dilations` are positive; `pads` are
         non-negative.
    (C4) each output size `O_i` is positive, with `O_i = floor((D_i +
         pads[i] + pads[k + i] - dilations[i] * (kernel_shape[i] - 1) - 1) /
         strides[i]) + 1`; with `ceil_mode`, `ceil` instead of `floor`, less
         one when the last window would start past `D_i + pads[i]`.
    (C5) `result` is `N x C x O_1 x ... x O_k`, with the element type of
         `input`.

    ```mlir
    %y = kiln.avg_pool %x {kernel_shape = array<i64: 3, 3>,
                           strides = array<i64: 2, 2>,
                           dilations = array<i64: 1, 1>,
                           pads = array<i64: 1, 1, 1, 1>,
                           ceil_mode = false, count_include_pad = false}
        : tensor<1x64x112x112xf32> -> tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$input,
                       DenseI64ArrayAttr:$kernel_shape,
                       DenseI64ArrayAttr:$strides,
                       DenseI64ArrayAttr:$dilations,
                       DenseI64ArrayAttr:$pads, BoolAttr:$ceil_mode,
                       BoolAttr:$count_include_pad);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def Kiln_ConvOp : Kiln_Op<"conv", [Pure, InferTypeOpAdaptor]> {
  let summary = "grouped convolution over any number of spatial dimensions";
  let description = [{
    Cross-correlates `input` (`N x C x D_1 x ... x D_k`) with `weight`
    (`M x C/group x K_1 x ... x K_k`) and adds `bias` (`M`) when present
    (ONNX `Conv`). The input channels form `group` groups of `C/group`; each
    group produces `M/group` output channels. The spatial dimensions are
    padded with zeros by `pads`, and kernel taps are `dilations` apart.

    Constraints:
    (C1) `rank(input) >= 3`; `k = rank(input) - 2` spatial dimensions.
    (C2) `weight` has the rank of `input`.
    (C3) `input`, `weight` and `bias` have the same element type.
    (C4) `strides` and `dilations` have `k` entries; `pads` has `2k`: all
         begin pads, then all end pads.
    (C5) `strides` and `dilations` are positive; `pads` are non-negative.
    (C6) `group >= 1`, and `group` divides `C` and `M`.
    (C7) `shape(weight)[1] == C / group`.
    (C8) `bias`, when present, has shape `[M]`.
    (C9) each output size `O_i = floor((D_i + pads[i] + pads[k + i] -
         dilations[i] * (K_i - 1) - 1) / strides[i]) + 1` is positive.
    (C10) `result` is `N x M x O_1 x ... x O_k`, with the element type of
          `input`.

    ```mlir
    %y = kiln.conv %x, %w, %b {strides = array<i64: 2, 2>,
                               dilations = array<i64: 1, 1>,
                               pads = array<i64: 3, 3, 3, 3>, group = 1 : i64}
        : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$weight,
                       Optional<Kiln_FloatTensor>:$bias,
                       DenseI64ArrayAttr:$strides,
                       DenseI64ArrayAttr:$dilations,
                       DenseI64ArrayAttr:$pads, I64Attr:$group);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_MaxPoolOp : Kiln_Op<"max_pool", [Pure, InferTypeOpAdaptor]> {
  let summary = "maximum over sliding windows";
  let description = [{
    Takes the maximum of `input` (`N x C x D_1 x ... x D_k`) over windows of
    `kernel_shape` elements, `dilations` apart, moved by `strides` over the
    spatial dimensions, after padding them with `pads` (ONNX `MaxPool`,
    first output). Padded positions never win: they count as the lowest
    value of the element type.

    Constraints:
    (C1) `rank(input) >= 3`; `k = rank(input) - 2` spatial dimensions.
    (C2) `kernel_shape`, `strides` and `dilations` have `k` entries; `pads`
         has `2k`: all begin pads, then all end pads.
    (C3) `kernel_shape`, `strides` and `dilations` are positive; `pads` are
         non-negative.
    (C4) each output size `O_i` is positive, with `O_i = floor((D_i +
         pads[i] + pads[k + i] - dilations[i] * (kernel_shape[i] - 1) - 1) /
         strides[i]) + 1`; with `ceil_mode`, `ceil` instead of `floor`, less
         one when the last window would start past `D_i + pads[i]`.
    (C5) `result` is `N x C x O_1 x ... x O_k`, with the element type of
         `input`.

    ```mlir
    %y = kiln.max_pool %x {kernel_shape = array<i64: 3, 3>,
                           strides = array<i64: 2, 2>,
                           dilations = array<i64: 1, 1>,
                           pads = array<i64: 1, 1, 1, 1>, ceil_mode = false}
        : tensor<1x64x112x112xf32> -> tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, DenseI64ArrayAttr:$kernel_shape,
                       DenseI64ArrayAttr:$strides,
                       DenseI64ArrayAttr:$dilations,
                       DenseI64ArrayAttr:$pads, BoolAttr:$ceil_mode);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

//===----------------------------------------------------------------------===//
// Normalizations
//===----------------------------------------------------------------------===//

def Kiln_BatchNormOp : Kiln_Op<"batch_norm", [Pure, InferTypeOpAdaptor]> {
  let summary = "batch normalization with running statistics (inference)";
  let description = [{
    Computes `(input - mean) / sqrt(variance + epsilon) * scale + bias`,
    with `scale`, `bias`, `mean` and `variance` indexed by the channel
    (dimension 1) of `input` (ONNX `BatchNormalization` in inference mode,
    first output).

    Constraints:
    (C1) `rank(input) >= 2`; `C = shape(input)[1]`.
    (C2) `scale`, `bias`, `mean` and `variance` have shape `[C]` and the
         element type of `input`.
    (C3) `epsilon >= 0`.
    (C4) `result` has the type of `input`.

    ```mlir
    %y = kiln.batch_norm %x, %scale, %bias, %mean, %var {epsilon = 1.0e-05 : f32}
        : (tensor<1x64x56x56xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$scale,
                       Kiln_FloatTensor:$bias, Kiln_FloatTensor:$mean,
                       Kiln_FloatTensor:$variance, F32Attr:$epsilon);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $scale `,` $bias `,` $mean `,` $variance attr-dict `:`
    functional-type(operands, results)
  }];
}

def Kiln_LayerNormOp : Kiln_Op<"layer_norm", [Pure, InferTypeOpAdaptor]> {
  let summary = "normalization over the trailing dimensions";
  let description = [{
    Computes `(input - mean) / sqrt(variance + epsilon) * scale + bias`,
    where `mean` and the (biased) `variance` are taken over dimensions
    `axis` to `rank(input) - 1`, and `scale` and `bias` broadcast to those
    dimensions with NumPy's rules (ONNX `LayerNormalization`, first output).

    Constraints:
    (C1) `0 <= axis < rank(input)`.
    (C2) `scale` and `bias` have the element type of `input`.
    (C3) `rank(scale) <= rank(input) - axis` and `scale` broadcasts to
         `shape(input)[axis:]`; the same for `bias`.
    (C4) `epsilon >= 0`.
    (C5) `result` has the type of `input`.

    ```mlir
    %y = kiln.layer_norm %x, %gamma, %beta {axis = 2 : i64, epsilon = 1.0e-12 : f32}
        : (tensor<1x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<1x128x768xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$scale,
                       Kiln_FloatTensor:$bias, I64Attr:$axis,
                       F32Attr:$epsilon);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $scale `,` $bias attr-dict `:` functional-type(operands, results)
  }];
}

/// Softmax-like ops: normalize every 1-D slice of `input` along `axis`.
class Kiln_SoftmaxOpBase<string mnemonic, string summaryText, string formula,
                         string onnxName>
    : Kiln_Op<mnemonic, [Pure, SameOperandsAndResultType]> {
  let summary = summaryText;
  let description = [{
    Returns `}] # formula # [{` for every 1-D slice `x` of `input` along
    `axis` (ONNX `}] # onnxName # [{`, opset 13 and later; the older
    flatten-to-2-D form is rewritten by the conversion).

    Constraints:
    (C1) `0 <= axis < rank(input)`.

    ```mlir
    %y = kiln.}] # mnemonic # [{ %x {axis = 1 : i64} : tensor<4x10xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$input, I64Attr:$axis);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def Kiln_LogSoftmaxOp
    : Kiln_SoftmaxOpBase<"log_softmax", "logarithm of softmax along one axis",
                         "x - max(x) - log(sum(exp(x - max(x))))",
                         "LogSoftmax">;
def Kiln_SoftmaxOp
    : Kiln_SoftmaxOpBase<"softmax", "normalized exponential along one axis",
                         "exp(x - max(x)) / sum(exp(x - max(x)))", "Softmax">;

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

/// `result = reduce(input)` over `axes`, the reduced dimensions dropped or
/// kept as 1.
class Kiln_ReduceOp<string mnemonic, string what, string onnxName,
                    string note = "">
    : Kiln_Op<mnemonic, [Pure, InferTypeOpAdaptor]> {
  let summary = what # " over a set of axes";
  let description = [{
    Returns the }] # what # [{ of the elements of `input` over the
    dimensions in `axes` (ONNX `}] # onnxName # [{`). With `keep_dims`,
    reduced dimensions stay with size 1; otherwise they are dropped. Empty
    `axes` reduce nothing: the result is `input` (ONNX's "reduce all axes"
    default is spelled with every axis listed).}] # note # [{

    Constraints:
    (C1) `axes` is strictly increasing, within `[0, rank(input))`.
    (C2) `result` has the shape of `input` with each dimension in `axes`
         set to 1 (`keep_dims`) or dropped, and the element type of `input`.

    ```mlir
    %y = kiln.}] # mnemonic # [{ %x {axes = array<i64: 2, 3>, keep_dims = true}
        : tensor<1x512x7x7xf32> -> tensor<1x512x1x1xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, DenseI64ArrayAttr:$axes,
                       BoolAttr:$keep_dims);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasFolder = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *, std::optional<::mlir::Location> location,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &inferred) {
      // (C1), (C2)
      return ::mlir::kiln::inferReductionType(
          location, adaptor.getInput().getType(), adaptor.getAxes(),
          adaptor.getKeepDims(), inferred);
    }
  }];
}

def Kiln_ReduceMaxOp : Kiln_ReduceOp<"reduce_max", "maximum", "ReduceMax">;
def Kiln_ReduceMeanOp : Kiln_ReduceOp<"reduce_mean", "mean", "ReduceMean",
    " For integers, the division by the count truncates toward zero.">;
def Kiln_ReduceMinOp : Kiln_ReduceOp<"reduce_min", "minimum", "ReduceMin">;
def Kiln_ReduceProdOp : Kiln_ReduceOp<"reduce_prod", "product", "ReduceProd">;
def Kiln_ReduceSumOp : Kiln_ReduceOp<"reduce_sum", "sum", "ReduceSum">;

//===----------------------------------------------------------------------===//
// Recurrent ops
//===----------------------------------------------------------------------===//

def Kiln_LstmOp : Kiln_Op<"lstm", [Pure, InferTypeOpAdaptor]> {
  let summary = "long short-term memory layer over a whole sequence";
  let description = [{
    Runs an LSTM over the `seq` steps of `x` (ONNX `LSTM`, `layout = 0`),
    forwards, backwards or both (`direction`), starting from `initial_h` and
    `initial_c`. With `H = hidden_size` and gates in ONNX's order `i, o, f,
    c`, each direction computes per step

    ```
    i = f1(x W_i^T + h R_i^T + p_i * c + Wb_i + Rb_i)
    f = f1(x W_f^T + h R_f^T + p_f * c + Wb_f + Rb_f)
    g = f2(x W_c^T + h R_c^T + Wb_c + Rb_c)
    c = f * c + i * g         (f = 1 - i with input_forget)
    o = f1(x W_o^T + h R_o^T + p_o * c + Wb_o + Rb_o)
    h = o * f3(c)
    ```

    where `f1, f2, f3` are that direction's three `activations` (forward
    direction first), `b = [Wb, Rb]`, `peepholes = [p_i, p_o, p_f]` (zero
    when absent), and gate pre-activations are clipped to `[-clip, clip]`
    when `clip` is present. `y` holds every step's `h`, `y_h` and `y_c` the
    last `h` and `c` of each direction. ONNX's `sequence_lens`, batch-first
    layout and omitted inputs are spelled out by the conversion.

    Constraints:
    (C1) `direction` is `forward`, `reverse` or `bidirectional`; `dirs` is 2
         for `bidirectional`, else 1.
    (C2) `hidden_size >= 1`.
    (C3) `activations` has `3 * dirs` entries, each `Sigmoid`, `Tanh` or
         `Relu`.
    (C4) `clip > 0` when present.
    (C5) `x` has rank 3: `[seq, batch, input_size]`.
    (C6) all operands have the element type of `x`.
    (C7) `w` is `[dirs, 4H, input_size]`, `r` `[dirs, 4H, H]`, `b`
         `[dirs, 8H]`, `initial_h` and `initial_c` `[dirs, batch, H]`,
         `peepholes` `[dirs, 3H]`.
    (C8) `y` is `[seq, dirs, batch, H]`, `y_h` and `y_c` `[dirs, batch, H]`,
         all with the element type of `x`.

    ```mlir
    %y, %y_h, %y_c = kiln.lstm %x, %w, %r, %b, %h0, %c0 {
        direction = "forward", hidden_size = 16 : i64,
        activations = ["Sigmoid", "Tanh", "Tanh"], input_forget = false}
        : (tensor<10x1x8xf32>, tensor<1x64x8xf32>, tensor<1x64x16xf32>,
           tensor<1x128xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>)
        -> (tensor<10x1x1x16xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>)
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$x, Kiln_FloatTensor:$w,
                       Kiln_FloatTensor:$r, Kiln_FloatTensor:$b,
                       Kiln_FloatTensor:$initial_h,
                       Kiln_FloatTensor:$initial_c,
                       Optional<Kiln_FloatTensor>:$peepholes,
                       StrAttr:$direction, I64Attr:$hidden_size,
                       StrArrayAttr:$activations, OptionalAttr<F32Attr>:$clip,
                       BoolAttr:$input_forget);
  let results = (outs Kiln_FloatTensor:$y, Kiln_FloatTensor:$y_h,
                      Kiln_FloatTensor:$y_c);
  let assemblyFormat = [{
    $x `,` $w `,` $r `,` $b `,` $initial_h `,` $initial_c (`,` $peepholes^)?
    attr-dict `:` functional-type(operands, results)
  }];
}

#endif // KILN_DIALECT_KILN_IR_KILNNNOPS_TD
