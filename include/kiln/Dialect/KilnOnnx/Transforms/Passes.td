// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Passes over imported ONNX graphs (`kiln_onnx`).

#ifndef KILN_DIALECT_KILNONNX_TRANSFORMS_PASSES_TD
#define KILN_DIALECT_KILNONNX_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

def SetInputShapesPass : Pass<"kiln-set-input-shapes", "func::FuncOp"> {
  let summary = "fix the symbolic dimensions of graph inputs";
  let description = [{
    Input: an imported graph, whose arguments carry their ONNX names
    (`kiln_onnx.name`) and may have dynamic dimensions (named in
    `kiln_onnx.dim_params`). Output: the same graph with every argument
    statically shaped.

    Each `shapes` entry `NAME=D0xD1x...` gives the full shape of input
    `NAME`; it must agree with the dimensions the model fixes. The pass
    fails with one error per problem: an input that still has a symbolic
    dimension (naming the input, the dimension and its symbol), an entry
    naming no input, or an entry that contradicts the model.

    ```mlir
    // --kiln-set-input-shapes="shapes=x=1x3"
    func.func @main(%x: tensor<?x3xf32> {kiln_onnx.name = "x"})
    // becomes
    func.func @main(%x: tensor<1x3xf32> {kiln_onnx.name = "x"})
    ```
  }];
  let options = [
    ListOption<"shapes", "shapes", "std::string",
               "NAME=D0xD1x... for inputs with symbolic dimensions">
  ];
}

#endif // KILN_DIALECT_KILNONNX_TRANSFORMS_PASSES_TD
