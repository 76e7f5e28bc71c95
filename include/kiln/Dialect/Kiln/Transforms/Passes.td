// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Passes over the `kiln` graph dialect.

#ifndef KILN_DIALECT_KILN_TRANSFORMS_PASSES_TD
#define KILN_DIALECT_KILN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// Interface
//===----------------------------------------------------------------------===//

def RecordInterfacePass : Pass<"kiln-record-interface", "ModuleOp"> {
  let summary = "record the model's inputs, outputs and metadata for the ABI";
  let description = [{
    Input: a module with one public function, the model's graph, whose
    arguments and results are statically shaped tensors named by
    `kiln_onnx.name` (as the importer and `convert-kiln-onnx-to-kiln` leave
    them). Output: the function is renamed `<name>_main`,
    and the module carries `kiln.interface`, a dictionary with the model
    name, its inputs and outputs (`name`, `type`) in order, and the ONNX
    metadata (`producer`, `opset`) found on the module. Inputs are marked
    `bufferization.writable = false`: the ABI hands them over read-only.

    Code generation loses what the ABI must describe (unsigned element
    types become signless, results become out-parameters); the back ends'
    ABI generation and the header emitter read this attribute instead.

    ```mlir
    // --kiln-record-interface="name=net"
    module attributes {kiln.interface = {
        name = "net", opset = 17 : i64, producer = "pytorch 2.1",
        inputs = [{name = "x", type = tensor<1x3xf32>} ],
        outputs = [{name = "y", type = tensor<1x2xf32>} ]}} {
      func.func @net_main(%x: tensor<1x3xf32> {...}) -> tensor<1x2xf32>
    }
    ```
  }];
  let options = [
    Option<"modelName", "name", "std::string", "\"model\"",
           "symbol prefix of the compiled model (a C identifier)">
  ];
}

#endif // KILN_DIALECT_KILN_TRANSFORMS_PASSES_TD
