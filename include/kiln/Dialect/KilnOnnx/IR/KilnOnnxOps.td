// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Operations of the `kiln_onnx` edge dialect.

#ifndef KILN_DIALECT_KILNONNX_IR_KILNONNXOPS_TD
#define KILN_DIALECT_KILNONNX_IR_KILNONNXOPS_TD

include "kiln/Dialect/KilnOnnx/IR/KilnOnnxDialect.td"
include "kiln/Dialect/KilnOnnx/IR/KilnOnnxTypes.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def KilnOnnx_ConstantOp : KilnOnnx_Op<"constant",
    [ConstantLike, Pure, AllTypesMatch<["value", "result"]>]> {
  let summary = "an ONNX initializer or the tensor of a `Constant` node";
  let description = [{
    Holds one constant tensor of the model. Its location names the
    initializer (or the `Constant` node) it came from.

    ```mlir
    %w = kiln_onnx.constant dense<1.0> : tensor<8x3x3x3xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AnyTensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

def KilnOnnx_NoneOp : KilnOnnx_Op<"none", [ConstantLike, Pure]> {
  let summary = "the value of an omitted optional input";
  let description = [{
    ONNX marks an omitted optional input with an empty name; inputs are
    positional, so the node still needs an operand in that position. This op
    provides it.

    ```mlir
    %none = kiln_onnx.none
    %y = kiln_onnx.node "Clip"(%x, %none, %max) {domain = "", opset = 13 : i64}
        : (tensor<4xf32>, none, tensor<f32>) -> tensor<4xf32>
    ```
  }];
  let results = (outs NoneType:$result);
  let assemblyFormat = "attr-dict";
  let hasFolder = 1;
}

def KilnOnnx_NodeOp : KilnOnnx_Op<"node", [RecursiveMemoryEffects]> {
  let summary = "one ONNX node, not yet interpreted";
  let description = [{
    One node of an ONNX graph: `op_type` in `domain` (the empty string is the
    default `ai.onnx` domain), under the opset version `opset` that the model
    imports for that domain. `onnx_attrs` holds the node's attributes with
    their ONNX names:

    | ONNX attribute type | attribute |
    |---|---|
    | `INT`, `INTS` | `i64`, `array<i64: ...>` |
    | `FLOAT`, `FLOATS` | `f32`, `array<f32: ...>` |
    | `STRING`, `STRINGS` | string, array of strings |
    | `TENSOR`, `TENSORS` | elements attribute, array of them |
    | `TYPE_PROTO`, `TYPE_PROTOS` | type attribute, array of them |
    | `GRAPH`, `GRAPHS` | a region of the op; `region_names` names them in order |

    Omitted optional inputs are `kiln_onnx.none` values; omitted optional
    outputs are results without uses. The location is the node's name.

    Constraints:
    (C1) `region_names` has one name per region.
    (C2) a region's block ends with `kiln_onnx.yield`.

    ```mlir
    %y = kiln_onnx.node "Conv"(%x, %w, %b)
        {domain = "", opset = 17 : i64,
         onnx_attrs = {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}}
        : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
    ```
  }];
  let arguments = (ins
    StrAttr:$op_type,
    StrAttr:$domain,
    I64Attr:$opset,
    DefaultValuedAttr<DictionaryAttr, "{}">:$onnx_attrs,
    DefaultValuedAttr<StrArrayAttr, "{}">:$region_names,
    Variadic<AnyType>:$inputs);
  let results = (outs Variadic<AnyType>:$outputs);
  let regions = (region VariadicRegion<SizedRegion<1>>:$graphs);
  let assemblyFormat = [{
    $op_type `(` $inputs `)` attr-dict (`graphs` $graphs^)? `:` functional-type($inputs, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Returns the ONNX attribute `name`, or null when the node has none.
    ::mlir::Attribute getOnnxAttr(::llvm::StringRef name) {
      return getOnnxAttrs().get(name);
    }
    /// Returns the region of the graph attribute `name`, or null.
    ::mlir::Region *getGraph(::llvm::StringRef name);
  }];
}

def KilnOnnx_YieldOp : KilnOnnx_Op<"yield",
    [Pure, ReturnLike, Terminator, HasParent<"NodeOp">]> {
  let summary = "the outputs of a subgraph";
  let description = [{
    Ends the block of a `kiln_onnx.node` region; its operands are the
    subgraph's outputs, in the order the ONNX graph lists them.
  }];
  let arguments = (ins Variadic<AnyType>:$results);
  let assemblyFormat = "attr-dict ($results^ `:` type($results))?";
}

#endif // KILN_DIALECT_KILNONNX_IR_KILNONNXOPS_TD
