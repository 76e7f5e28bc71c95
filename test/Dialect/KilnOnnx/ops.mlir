// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// Round trip of every kiln_onnx op and type.

// CHECK-LABEL: func.func @node_with_attributes
//       CHECK:   %[[W:.+]] = kiln_onnx.constant dense<1.000000e+00> : tensor<4x3x3x3xf32>
//       CHECK:   %[[NONE:.+]] = kiln_onnx.none
//       CHECK:   kiln_onnx.node "Conv"(%{{.+}}, %[[W]], %[[NONE]]) {domain = "", onnx_attrs = {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>}, opset = 17 : i64}
func.func @node_with_attributes(%x: tensor<1x3x8x8xf32> {kiln_onnx.name = "x"}) -> tensor<1x4x6x6xf32> {
  %w = kiln_onnx.constant dense<1.0> : tensor<4x3x3x3xf32>
  %none = kiln_onnx.none
  %y = kiln_onnx.node "Conv"(%x, %w, %none) {domain = "", opset = 17 : i64, onnx_attrs = {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>}} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, none) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

// Subgraphs are regions; their bodies may use values of the enclosing graph.
// CHECK-LABEL: func.func @node_with_subgraphs
//       CHECK:   kiln_onnx.node "If"(%{{.+}}) {domain = "", opset = 13 : i64, region_names = ["then_branch", "else_branch"]} graphs {
//       CHECK:     kiln_onnx.yield %{{.+}} : tensor<2xf32>
//       CHECK:   }, {
//       CHECK:     kiln_onnx.yield %{{.+}} : tensor<2xf32>
func.func @node_with_subgraphs(%c: tensor<i1>, %a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  %r = kiln_onnx.node "If"(%c) {domain = "", opset = 13 : i64, region_names = ["then_branch", "else_branch"]} graphs {
    kiln_onnx.yield %a : tensor<2xf32>
  }, {
    kiln_onnx.yield %b : tensor<2xf32>
  } : (tensor<i1>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

// Loop bodies take the iteration number and carried values as arguments.
// CHECK-LABEL: func.func @loop_body_arguments
//       CHECK:   ^bb0(%[[I:.+]]: tensor<i64>, %[[COND:.+]]: tensor<i1>, %[[ACC:.+]]: tensor<f32>):
func.func @loop_body_arguments(%n: tensor<i64>, %c: tensor<i1>, %init: tensor<f32>) -> tensor<f32> {
  %r = kiln_onnx.node "Loop"(%n, %c, %init) {domain = "", opset = 16 : i64, region_names = ["body"]} graphs {
  ^bb0(%i: tensor<i64>, %cond: tensor<i1>, %acc: tensor<f32>):
    %next = kiln_onnx.node "Add"(%acc, %acc) {domain = "", opset = 16 : i64} : (tensor<f32>, tensor<f32>) -> tensor<f32>
    kiln_onnx.yield %cond, %next : tensor<i1>, tensor<f32>
  } : (tensor<i64>, tensor<i1>, tensor<f32>) -> tensor<f32>
  return %r : tensor<f32>
}

// -----

// ONNX types without a builtin counterpart.
// CHECK-LABEL: func.func @onnx_types
//  CHECK-SAME:   tensor<3x!kiln_onnx.string>
//  CHECK-SAME:   !kiln_onnx.seq<tensor<?xf32>>
//  CHECK-SAME:   !kiln_onnx.opt<tensor<2xi64>>
//  CHECK-SAME:   !kiln_onnx.map<i64, f32>
//       CHECK:   -> !kiln_onnx.unknown
func.func @onnx_types(%s: tensor<3x!kiln_onnx.string>, %q: !kiln_onnx.seq<tensor<?xf32>>, %o: !kiln_onnx.opt<tensor<2xi64>>, %m: !kiln_onnx.map<i64, f32>) {
  %u = kiln_onnx.node "SequenceLength"(%q) {domain = "", opset = 11 : i64} : (!kiln_onnx.seq<tensor<?xf32>>) -> !kiln_onnx.unknown
  return
}
