// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `kiln_rt` ops for the oneDNN path: one op per primitive family, on
// tensors (destination style) before bufferization and on buffers after.

#ifndef KILN_DIALECT_KILNRT_IR_KILNRTONEDNNOPS_TD
#define KILN_DIALECT_KILNRT_IR_KILNRTONEDNNOPS_TD

include "kiln/Dialect/KilnRt/IR/KilnRtDialect.td"
include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/CommonTypeConstraints.td"
include "mlir/IR/OpBase.td"

def KilnRt_F32Shaped : AnyTypeOf<[StaticShapeTensorOf<[F32]>,
                                   StaticShapeMemRefOf<[F32]>]>;

class KilnRt_OneDnnOp<string mnemonic, list<Trait> traits = []>
    : KilnRt_Op<mnemonic, !listconcat(traits, [
        DeclareOpInterfaceMethods<BufferizableOpInterface,
            ["bufferizesToMemoryRead", "bufferizesToMemoryWrite",
             "getAliasingValues", "bufferize"]>])> {
  code commonDescription = [{
    On tensors the op writes `init` and returns it as `result`; one-shot
    bufferization turns it into the same op on buffers, with no result and
    a `scratch` buffer of `scratch_size` bytes (`memref.alloc`, which the
    memory plan places in the workspace) for the activation reorders and
    oneDNN's scratchpad of one run. `convert-kiln-rt-to-llvm` then creates
    the primitive in the model's `init` and calls the runtime's
    `kiln_rt_onednn_*_run` in its place (docs/OneDNN.md).

    Post-ops (`post_ops`, oneDNN's names without prefix) apply in order to
    the result: `relu` (`x > 0 ? x : alpha x`), `clip` (`[alpha, beta]`),
    `sigmoid`, `tanh`, `gelu_erf`, `gelu_tanh`, `swish` (`x sigmoid(alpha
    x)`), `hardswish`, `linear` (`alpha x + beta`), and the binary `add` and
    `mul`, each of which takes the next of `post_operands`, broadcast to the
    result with NumPy's rules.

    Common constraints:
    (P1) `post_ops`, `post_op_alphas` and `post_op_betas` have one entry per
         post-op, at most 8, each of a known kind.
    (P2) there is one `post_operands` value per `add` or `mul`, which
         broadcasts to the result.
    (P3) all shaped operands are tensors, with `result` of the type of
         `init` and no `scratch`, or all are buffers, with no result.
  }];
  code extraBaseClassDeclaration = [{
    /// Returns true when the op works on tensors (before bufferization).
    bool isOnTensors() { return getResult() != nullptr; }
  }];
}

defvar KilnRt_PostOpAttrs = (ins
    DefaultValuedAttr<StrArrayAttr, "{}">:$post_ops,
    DefaultValuedAttr<DenseF32ArrayAttr, "{}">:$post_op_alphas,
    DefaultValuedAttr<DenseF32ArrayAttr, "{}">:$post_op_betas,
    I64Attr:$scratch_size);

def KilnRt_OneDnnConvOp
    : KilnRt_OneDnnOp<"onednn_conv", [AttrSizedOperandSegments]> {
  let summary = "a convolution (with its post-ops) run by oneDNN";
  let description = !strconcat([{
    Computes `kiln.conv` of `input` (`N x C x D_1 x ... x D_k`) with the
    constant `weight` (`M x C/group x K_1 x ... x K_k`) and `bias` (`M`),
    then the post-ops. oneDNN computes in its native layout (channels in
    blocks of 8 innermost, nChw8c, for channel counts that fill them;
    channels last otherwise), reordering the input and result in the
    scratch buffer, with the weights packed once at create time. Between
    oneDNN ops the activations can stay in that layout with no reorders:
    `native_layout_input` and `native_layout_result` say that the buffer of
    `input` / `init` holds the tensor in the native layout, and
    `native_layout_post_operands` (one entry per post operand, or none) the
    same of each post operand; only `kiln_rt.onednn_*` ops read or write
    such a buffer. `winograd` (2 or 4) computes the conv by Winograd
    F(2x2, 3x3) or F(4x4, 3x3) (the shim's transforms around one batched
    oneDNN matrix product, 2.25 or 4 times fewer multiply-adds;
    docs/OneDNN.md), its transforms taking the first
    `kiln_rt_onednn_winograd_scratch` bytes of the scratch buffer.
  }], commonDescription, [{
    Constraints:
    (C1) `1 <= k <= 3`; `weight` has the rank of `input`; `strides` and
         `dilations` have `k` positive entries, `pads` `2k` non-negative.
    (C2) `group` divides `C` and `M`; `shape(weight)[1] == C / group`;
         `bias` has shape `[M]`.
    (C3) with `winograd`: 2 or 4 results per tile side, `k == 2`, a 3x3 kernel, unit strides and
         dilations, one group, pads of 0 or 1, `native_layout_input` and
         `native_layout_result` with `C` and `M` multiples of 8, and only
         `relu`, `clip` and the `add` of a result-shaped operand in the
         native layout as post-ops.

    ```mlir
    %y = kiln_rt.onednn_conv %x, %w bias(%b : tensor<8xf32>)
        outs(%init : tensor<1x8x6x6xf32>)
        {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>,
         pads = array<i64: 1, 1, 1, 1>, group = 1 : i64,
         post_ops = ["relu"], post_op_alphas = array<f32: 0.0>,
         post_op_betas = array<f32: 0.0>, scratch_size = 1048576 : i64}
        : tensor<1x8x6x6xf32>, tensor<8x8x3x3xf32> -> tensor<1x8x6x6xf32>
    ```
  }]);
  let arguments = !con((ins KilnRt_F32Shaped:$input, KilnRt_F32Shaped:$weight,
                            Optional<KilnRt_F32Shaped>:$bias,
                            Variadic<KilnRt_F32Shaped>:$post_operands,
                            KilnRt_F32Shaped:$init,
                            Optional<StaticShapeMemRefOf<[I8]>>:$scratch,
                            DenseI64ArrayAttr:$strides,
                            DenseI64ArrayAttr:$dilations,
                            DenseI64ArrayAttr:$pads, I64Attr:$group,
                            UnitAttr:$native_layout_input,
                            UnitAttr:$native_layout_result,
                            DefaultValuedAttr<DenseBoolArrayAttr, "{}">:
                                $native_layout_post_operands,
                            OptionalAttr<I64Attr>:$winograd),
                       KilnRt_PostOpAttrs);
  let results = (outs Optional<StaticShapeTensorOf<[F32]>>:$result);
  let assemblyFormat = [{
    $input `,` $weight (`bias` `(` $bias^ `:` type($bias) `)`)?
    (`post` `(` $post_operands^ `:` type($post_operands) `)`)?
    `outs` `(` $init `:` type($init) `)`
    (`scratch` `(` $scratch^ `:` type($scratch) `)`)?
    attr-dict `:` type($input) `,` type($weight) (`->` type($result)^)?
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = extraBaseClassDeclaration # [{
    /// Returns why the shim could not compute this conv by Winograd
    /// (C3), or nothing when it can.
    std::optional<llvm::StringLiteral> whyNotWinograd();
  }];
}

def KilnRt_OneDnnMatmulOp
    : KilnRt_OneDnnOp<"onednn_matmul", [AttrSizedOperandSegments]> {
  let summary = "a matrix product (with its post-ops) run by oneDNN";
  let description = !strconcat([{
    Computes `alpha * op(lhs) x op(rhs) + beta * bias`, then the post-ops,
    where `op` transposes the last two dimensions when `trans_lhs` /
    `trans_rhs` is set; the leading (batch) dimensions broadcast with
    NumPy's rules. A constant `rhs` (defined by a constant) is packed once
    at create time; otherwise it is read as it is at each run, and then
    `alpha` is 1. `bias` is a constant that broadcasts to the result.
  }], commonDescription, [{
    Constraints:
    (C1) `lhs`, `rhs` and the result have rank 2 to 6; `K` matches.
    (C2) the batch dimensions broadcast to the result's; `bias`
         broadcasts to the result.

    ```mlir
    %y = kiln_rt.onednn_matmul %a, %w bias(%b : tensor<1000xf32>)
        outs(%init : tensor<1x1000xf32>)
        {trans_lhs = false, trans_rhs = true, alpha = 1.0 : f32,
         beta = 1.0 : f32, scratch_size = 1048576 : i64}
        : tensor<1x512xf32>, tensor<1000x512xf32> -> tensor<1x1000xf32>
    ```
  }]);
  let arguments = !con((ins KilnRt_F32Shaped:$lhs, KilnRt_F32Shaped:$rhs,
                            Optional<KilnRt_F32Shaped>:$bias,
                            Variadic<KilnRt_F32Shaped>:$post_operands,
                            KilnRt_F32Shaped:$init,
                            Optional<StaticShapeMemRefOf<[I8]>>:$scratch,
                            BoolAttr:$trans_lhs, BoolAttr:$trans_rhs,
                            F32Attr:$alpha, F32Attr:$beta),
                       KilnRt_PostOpAttrs);
  let results = (outs Optional<StaticShapeTensorOf<[F32]>>:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs (`bias` `(` $bias^ `:` type($bias) `)`)?
    (`post` `(` $post_operands^ `:` type($post_operands) `)`)?
    `outs` `(` $init `:` type($init) `)`
    (`scratch` `(` $scratch^ `:` type($scratch) `)`)?
    attr-dict `:` type($lhs) `,` type($rhs) (`->` type($result)^)?
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = extraBaseClassDeclaration;
}

def KilnRt_OneDnnPoolOp : KilnRt_OneDnnOp<"onednn_pool"> {
  let summary = "a max or average pooling run by oneDNN";
  let description = !strconcat([{
    Pools `input` (`N x C x D_1 x ... x D_k`) over windows of
    `kernel_shape`, `dilations` apart, moved by `strides`, after padding by
    `pads`; `kind` is `max`, `avg_include_pad` (padded positions count in
    the divisor) or `avg_exclude_pad`. ONNX's `ceil_mode` is already folded
    into a larger end pad. Pooling takes no post-ops: (P1) and (P2) do not
    apply. `native_layout_input` and `native_layout_result` are as for
    `kiln_rt.onednn_conv`.
  }], commonDescription, [{
    Constraints:
    (C1) `1 <= k <= 3`; `kernel_shape`, `strides`, `dilations` have `k`
         positive entries, `pads` `2k` non-negative.
    (C2) `kind` is one of the three above.

    ```mlir
    %y = kiln_rt.onednn_pool %x outs(%init : tensor<1x64x56x56xf32>)
        {kind = "max", kernel_shape = array<i64: 3, 3>,
         strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>,
         pads = array<i64: 1, 1, 1, 1>, scratch_size = 0 : i64}
        : tensor<1x64x112x112xf32> -> tensor<1x64x56x56xf32>
    ```
  }]);
  let arguments = (ins KilnRt_F32Shaped:$input, KilnRt_F32Shaped:$init,
                       Optional<StaticShapeMemRefOf<[I8]>>:$scratch,
                       StrAttr:$kind, DenseI64ArrayAttr:$kernel_shape,
                       DenseI64ArrayAttr:$strides,
                       DenseI64ArrayAttr:$dilations,
                       DenseI64ArrayAttr:$pads, I64Attr:$scratch_size,
                       UnitAttr:$native_layout_input,
                       UnitAttr:$native_layout_result);
  let results = (outs Optional<StaticShapeTensorOf<[F32]>>:$result);
  let assemblyFormat = [{
    $input `outs` `(` $init `:` type($init) `)`
    (`scratch` `(` $scratch^ `:` type($scratch) `)`)?
    attr-dict `:` type($input) (`->` type($result)^)?
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = extraBaseClassDeclaration;
}

#endif // KILN_DIALECT_KILNRT_IR_KILNRTONEDNNOPS_TD
