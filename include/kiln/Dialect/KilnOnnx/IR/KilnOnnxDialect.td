// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The `kiln_onnx` edge dialect: ONNX graphs imported mechanically.

#ifndef KILN_DIALECT_KILNONNX_IR_KILNONNXDIALECT_TD
#define KILN_DIALECT_KILNONNX_IR_KILNONNXDIALECT_TD

include "mlir/IR/OpBase.td"

def KilnOnnx_Dialect : Dialect {
  let name = "kiln_onnx";
  let cppNamespace = "::mlir::kiln::onnx";
  let summary = "ONNX graphs as imported, one generic op per node";
  let description = [{
    The importer (`lib/Import/Onnx`) turns an ONNX `ModelProto` into this
    dialect without interpreting any operator: every ONNX node becomes one
    `kiln_onnx.node` that carries its domain, op type, the opset version in
    force for that domain and its attributes; initializers and `Constant`
    nodes' tensors become `kiln_onnx.constant`; subgraph attributes (`If`,
    `Loop`, `Scan`) become regions of the node. Node names are the ops'
    locations (`NameLoc` wrapping the model file), so every later diagnostic
    points at the node the user can find in their model.

    Only `convert-kiln-onnx-to-kiln` gives these ops a meaning.

    The graph itself is a `func.func` whose arguments and results carry the
    ONNX value names (`kiln_onnx.name`) and, for symbolic dimensions, their
    names (`kiln_onnx.dim_params`). The module carries the model's metadata
    (`kiln_onnx.ir_version`, `kiln_onnx.opset_imports`, producer, ...).
  }];
  let useDefaultTypePrinterParser = 1;
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

class KilnOnnx_Op<string mnemonic, list<Trait> traits = []>
    : Op<KilnOnnx_Dialect, mnemonic, traits>;

#endif // KILN_DIALECT_KILNONNX_IR_KILNONNXDIALECT_TD
