// RUN: kiln-opt %s --split-input-file --canonicalize | FileCheck %s

// Constants and nones without uses disappear; nodes are never touched
// (their meaning is unknown before convert-kiln-onnx-to-kiln).
// CHECK-LABEL: func.func @dead_constants_erased
//   CHECK-NOT:   kiln_onnx.constant
//   CHECK-NOT:   kiln_onnx.none
//       CHECK:   kiln_onnx.node "Relu"
func.func @dead_constants_erased(%x: tensor<2xf32>) -> tensor<2xf32> {
  %c = kiln_onnx.constant dense<1.0> : tensor<2xf32>
  %n = kiln_onnx.none
  %y = kiln_onnx.node "Relu"(%x) {domain = "", opset = 14 : i64} : (tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

// Equal constants are uniqued into one.
// CHECK-LABEL: func.func @equal_constants_uniqued
//       CHECK:   %[[C:.+]] = kiln_onnx.constant dense<2.000000e+00> : tensor<2xf32>
//   CHECK-NOT:   kiln_onnx.constant
//       CHECK:   kiln_onnx.node "Add"(%[[C]], %[[C]])
func.func @equal_constants_uniqued() -> tensor<2xf32> {
  %a = kiln_onnx.constant dense<2.0> : tensor<2xf32>
  %b = kiln_onnx.constant dense<2.0> : tensor<2xf32>
  %y = kiln_onnx.node "Add"(%a, %b) {domain = "", opset = 14 : i64} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}
