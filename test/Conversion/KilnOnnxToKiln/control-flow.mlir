// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln | FileCheck %s

// If with a run-time condition computes both branches (their nodes
// converted and moved before it) and selects.
// CHECK-LABEL: func.func @if_runtime_condition_opset11
//  CHECK-SAME:   (%[[C:.+]]: tensor<i1>, %[[X:.+]]: tensor<3xf32>)
//   CHECK-DAG:   %[[T:.+]] = kiln.relu %[[X]]
//   CHECK-DAG:   %[[E:.+]] = kiln.neg %[[X]]
//       CHECK:   kiln.select %[[C]], %[[T]], %[[E]] : (tensor<i1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
//   CHECK-NOT:   kiln_onnx
func.func @if_runtime_condition_opset11(%c: tensor<i1>, %x: tensor<3xf32>) -> tensor<3xf32> {
  %y = kiln_onnx.node "If"(%c) {domain = "", opset = 11 : i64, region_names = ["else_branch", "then_branch"]} graphs {
    %e = kiln_onnx.node "Neg"(%x) {domain = "", opset = 11 : i64} : (tensor<3xf32>) -> !kiln_onnx.unknown
    kiln_onnx.yield %e : !kiln_onnx.unknown
  }, {
    %t = kiln_onnx.node "Relu"(%x) {domain = "", opset = 11 : i64} : (tensor<3xf32>) -> !kiln_onnx.unknown
    kiln_onnx.yield %t : !kiln_onnx.unknown
  } : (tensor<i1>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}

// -----

// A constant condition (a shape test, folded) inlines the taken branch only.
// CHECK-LABEL: func.func @if_constant_condition_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x3xf32>)
//       CHECK:   %[[R:.+]] = kiln.reshape %[[X]] : tensor<2x3xf32> to tensor<6xf32>
//       CHECK:   return %[[R]]
//   CHECK-NOT:   kiln.select
func.func @if_constant_condition_opset13(%x: tensor<2x3xf32>) -> tensor<?xf32> {
  %shape = kiln_onnx.node "Shape"(%x) {domain = "", opset = 13 : i64} : (tensor<2x3xf32>) -> tensor<2xi64>
  %size = kiln_onnx.node "Size"(%shape) {domain = "", opset = 13 : i64} : (tensor<2xi64>) -> tensor<i64>
  %two = kiln_onnx.constant dense<2> : tensor<i64>
  %c = kiln_onnx.node "Equal"(%size, %two) {domain = "", opset = 13 : i64} : (tensor<i64>, tensor<i64>) -> tensor<i1>
  %y = kiln_onnx.node "If"(%c) {domain = "", opset = 13 : i64, region_names = ["else_branch", "then_branch"]} graphs {
    kiln_onnx.yield %x : tensor<2x3xf32>
  }, {
    %flat = kiln_onnx.constant dense<[-1]> : tensor<1xi64>
    %t = kiln_onnx.node "Reshape"(%x, %flat) {domain = "", opset = 13 : i64} : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<?xf32>
    kiln_onnx.yield %t : tensor<?xf32>
  } : (tensor<i1>) -> tensor<?xf32>
  return %y : tensor<?xf32>
}
