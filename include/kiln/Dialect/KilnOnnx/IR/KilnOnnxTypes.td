// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// ONNX types that have no builtin MLIR counterpart.

#ifndef KILN_DIALECT_KILNONNX_IR_KILNONNXTYPES_TD
#define KILN_DIALECT_KILNONNX_IR_KILNONNXTYPES_TD

include "kiln/Dialect/KilnOnnx/IR/KilnOnnxDialect.td"
include "mlir/IR/AttrTypeBase.td"

class KilnOnnx_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<KilnOnnx_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def KilnOnnx_StringType : KilnOnnx_Type<"String", "string"> {
  let summary = "ONNX string tensor element";
  let description = [{
    The element type of ONNX `STRING` tensors, e.g.
    `tensor<3x!kiln_onnx.string>`. Kiln imports such values so the
    conversion can name them in its report; nothing lowers them.
  }];
}

def KilnOnnx_SequenceType : KilnOnnx_Type<"Sequence", "seq"> {
  let summary = "ONNX sequence of values";
  let description = [{
    An ONNX `sequence_type`: an ordered list of values of `elementType`
    (for example `!kiln_onnx.seq<tensor<?xf32>>`).
  }];
  let parameters = (ins "::mlir::Type":$elementType);
  let assemblyFormat = "`<` $elementType `>`";
}

def KilnOnnx_OptionalType : KilnOnnx_Type<"Optional", "opt"> {
  let summary = "ONNX optional value";
  let description = [{
    An ONNX `optional_type`: either a value of `elementType` or nothing.
  }];
  let parameters = (ins "::mlir::Type":$elementType);
  let assemblyFormat = "`<` $elementType `>`";
}

def KilnOnnx_MapType : KilnOnnx_Type<"Map", "map"> {
  let summary = "ONNX map from keys to values";
  let parameters = (ins "::mlir::Type":$keyType, "::mlir::Type":$valueType);
  let assemblyFormat = "`<` $keyType `,` $valueType `>`";
}

def KilnOnnx_UnknownType : KilnOnnx_Type<"Unknown", "unknown"> {
  let summary = "a value whose type the model does not declare";
  let description = [{
    ONNX models need not declare the type of intermediate values
    (`value_info` is optional). The importer gives such node outputs this
    type; `convert-kiln-onnx-to-kiln` infers the real one.
  }];
}

#endif // KILN_DIALECT_KILNONNX_IR_KILNONNXTYPES_TD
