// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln --verify-diagnostics

// A node result whose inferred shape contradicts a static declared
// dimension is reported; dynamic declared dimensions agree with anything.
func.func @transpose_declared_mismatch_opset13(%x: tensor<2x3xf32> {kiln_onnx.name = "x"} loc("x")) -> tensor<2x?xf32> {
  // expected-error@unknown {{node 'transpose_0' (Transpose): inferred type 'tensor<3x2xf32>' of output '0' does not match the declared 'tensor<2x?xf32>'}}
  %y = kiln_onnx.node "Transpose"(%x) {domain = "", opset = 13 : i64} : (tensor<2x3xf32>) -> tensor<2x?xf32> loc("transpose_0")
  return %y : tensor<2x?xf32>
}

// -----

// The element type must match too, and the rank.
func.func @relu_declared_mismatch_opset14(%x: tensor<2x3xf32> {kiln_onnx.name = "x"} loc("x")) -> (tensor<2x3xf64>, tensor<6xf32>) {
  // expected-error@unknown {{node 'relu_0' (Relu): inferred type 'tensor<2x3xf32>' of output '0' does not match the declared 'tensor<2x3xf64>'}}
  %a = kiln_onnx.node "Relu"(%x) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf64> loc("relu_0")
  // expected-error@unknown {{node 'neg_0' (Neg): inferred type 'tensor<2x3xf32>' of output '0' does not match the declared 'tensor<6xf32>'}}
  %b = kiln_onnx.node "Neg"(%x) {domain = "", opset = 13 : i64} : (tensor<2x3xf32>) -> tensor<6xf32> loc("neg_0")
  return %a, %b : tensor<2x3xf64>, tensor<6xf32>
}

// -----

// An unranked declaration checks the element type only; a mismatch of a
// later output names its index.
func.func @top_k_declared_mismatch_opset11(%x: tensor<5xf32> {kiln_onnx.name = "x"} loc("x")) -> (tensor<*xf32>, tensor<2xi32>) {
  %k = kiln_onnx.constant dense<2> : tensor<1xi64> loc("k")
  // expected-error@unknown {{node 'topk_0' (TopK): inferred type 'tensor<2xi64>' of output '1' does not match the declared 'tensor<2xi32>'}}
  %v, %i = kiln_onnx.node "TopK"(%x, %k) {domain = "", opset = 11 : i64} : (tensor<5xf32>, tensor<1xi64>) -> (tensor<*xf32>, tensor<2xi32>) loc("topk_0")
  return %v, %i : tensor<*xf32>, tensor<2xi32>
}
