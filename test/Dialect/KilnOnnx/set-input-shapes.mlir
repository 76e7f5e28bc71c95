// RUN: kiln-opt %s --split-input-file --kiln-set-input-shapes="shapes=x=1x3,y=2" | FileCheck %s

// Symbolic dimensions become the given sizes; the signature follows.
// CHECK-LABEL: func.func @symbolic_dims_fixed
//  CHECK-SAME:   (%{{.+}}: tensor<1x3xf32> {kiln_onnx.dim_params = ["N", ""], kiln_onnx.name = "x"}, %{{.+}}: tensor<2xi64> {kiln_onnx.name = "y"})
//       CHECK:   kiln_onnx.node "Relu"(%{{.+}}) {{.*}} : (tensor<1x3xf32>)
func.func @symbolic_dims_fixed(%x: tensor<?x3xf32> {kiln_onnx.name = "x", kiln_onnx.dim_params = ["N", ""]}, %y: tensor<?xi64> {kiln_onnx.name = "y"}) {
  %r = kiln_onnx.node "Relu"(%x) {domain = "", opset = 14 : i64} : (tensor<?x3xf32>) -> !kiln_onnx.unknown
  return
}

// -----

// A graph output that is an input unchanged takes the input's new type.
// CHECK-LABEL: func.func @input_returned_directly
//  CHECK-SAME:   -> tensor<1x3xf32>
func.func @input_returned_directly(%x: tensor<?x3xf32> {kiln_onnx.name = "x"}, %y: tensor<?xi64> {kiln_onnx.name = "y"}) -> tensor<?x3xf32> {
  return %x : tensor<?x3xf32>
}
