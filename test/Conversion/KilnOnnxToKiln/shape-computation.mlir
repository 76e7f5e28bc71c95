// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln | FileCheck %s

// The exporters' dynamic-reshape idiom: Shape -> Gather -> Unsqueeze ->
// Concat -> Reshape. With static shapes the whole chain is a constant and
// only the reshape is left.
// CHECK-LABEL: func.func @reshape_from_shape_chain_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x3x4xf32>)
//       CHECK:   %[[Y:.+]] = kiln.reshape %[[X]] : tensor<2x3x4xf32> to tensor<2x12xf32>
//       CHECK:   return %[[Y]]
//   CHECK-NOT:   kiln.gather
//   CHECK-NOT:   kiln.concat
func.func @reshape_from_shape_chain_opset13(%x: tensor<2x3x4xf32>) -> tensor<?x?xf32> {
  %shape = kiln_onnx.node "Shape"(%x) {domain = "", opset = 13 : i64} : (tensor<2x3x4xf32>) -> tensor<3xi64>
  %zero = kiln_onnx.constant dense<0> : tensor<i64>
  %batch = kiln_onnx.node "Gather"(%shape, %zero) {domain = "", opset = 13 : i64, onnx_attrs = {axis = 0 : i64}} : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
  %axes = kiln_onnx.constant dense<0> : tensor<1xi64>
  %batch1 = kiln_onnx.node "Unsqueeze"(%batch, %axes) {domain = "", opset = 13 : i64} : (tensor<i64>, tensor<1xi64>) -> tensor<1xi64>
  %minus1 = kiln_onnx.constant dense<-1> : tensor<1xi64>
  %target = kiln_onnx.node "Concat"(%batch1, %minus1) {domain = "", opset = 13 : i64, onnx_attrs = {axis = 0 : i64}} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %y = kiln_onnx.node "Reshape"(%x, %target) {domain = "", opset = 13 : i64} : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// Shape 15 with start/end, Size, and arithmetic on them fold too.
// CHECK-LABEL: func.func @shape_slice_size_opset15
//   CHECK-DAG:   %[[DIMS:.+]] = kiln.constant dense<[3, 4]> : tensor<2xi64>
//   CHECK-DAG:   %[[SIZE:.+]] = kiln.constant dense<12> : tensor<i64>
//       CHECK:   return %[[DIMS]], %[[SIZE]]
func.func @shape_slice_size_opset15(%x: tensor<2x3x4xf32>) -> (tensor<2xi64>, tensor<i64>) {
  %dims = kiln_onnx.node "Shape"(%x) {domain = "", opset = 15 : i64, onnx_attrs = {start = -2 : i64}} : (tensor<2x3x4xf32>) -> tensor<2xi64>
  %size = kiln_onnx.node "Size"(%x) {domain = "", opset = 13 : i64} : (tensor<2x3x4xf32>) -> tensor<i64>
  %two = kiln_onnx.constant dense<2> : tensor<i64>
  %half = kiln_onnx.node "Div"(%size, %two) {domain = "", opset = 14 : i64} : (tensor<i64>, tensor<i64>) -> tensor<i64>
  return %dims, %half : tensor<2xi64>, tensor<i64>
}

// -----

// ConstantOfShape of a computed shape is a splat constant; Expand of it is
// another.
// CHECK-LABEL: func.func @constant_of_shape_expand_opset13
//       CHECK:   %[[C:.+]] = kiln.constant dense<7> : tensor<2x3xi32>
//       CHECK:   return %[[C]]
func.func @constant_of_shape_expand_opset13(%x: tensor<2x3xf32>) -> tensor<2x3xi32> {
  %shape = kiln_onnx.node "Shape"(%x) {domain = "", opset = 13 : i64} : (tensor<2x3xf32>) -> tensor<2xi64>
  %one = kiln_onnx.constant dense<1> : tensor<1xi64>
  %c = kiln_onnx.node "ConstantOfShape"(%one) {domain = "", opset = 9 : i64, onnx_attrs = {value = dense<7> : tensor<1xi32>}} : (tensor<1xi64>) -> tensor<1xi32>
  %y = kiln_onnx.node "Expand"(%c, %shape) {domain = "", opset = 13 : i64} : (tensor<1xi32>, tensor<2xi64>) -> tensor<2x3xi32>
  return %y : tensor<2x3xi32>
}

// -----

// Slice, Cast, Equal and Where on small constants: the PyTorch export of
// `x.view(-1, x.size(-1))`-like patterns.
// CHECK-LABEL: func.func @slice_cast_where_constants_opset13
//       CHECK:   %[[Y:.+]] = kiln.reshape %{{.+}} : tensor<2x3x4xf32> to tensor<6x4xf32>
//       CHECK:   return %[[Y]]
func.func @slice_cast_where_constants_opset13(%x: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  %shape = kiln_onnx.node "Shape"(%x) {domain = "", opset = 13 : i64} : (tensor<2x3x4xf32>) -> tensor<3xi64>
  %start = kiln_onnx.constant dense<[-1]> : tensor<1xi64>
  %end = kiln_onnx.constant dense<[9223372036854775807]> : tensor<1xi64>
  %last = kiln_onnx.node "Slice"(%shape, %start, %end) {domain = "", opset = 13 : i64} : (tensor<3xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<1xi64>
  %last32 = kiln_onnx.node "Cast"(%last) {domain = "", opset = 13 : i64, onnx_attrs = {to = 6 : i64}} : (tensor<1xi64>) -> tensor<1xi32>
  %back = kiln_onnx.node "Cast"(%last32) {domain = "", opset = 13 : i64, onnx_attrs = {to = 7 : i64}} : (tensor<1xi32>) -> tensor<1xi64>
  %zero = kiln_onnx.constant dense<[0]> : tensor<1xi64>
  %is0 = kiln_onnx.node "Equal"(%back, %zero) {domain = "", opset = 13 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi1>
  %one = kiln_onnx.constant dense<[1]> : tensor<1xi64>
  %fixed = kiln_onnx.node "Where"(%is0, %one, %back) {domain = "", opset = 16 : i64} : (tensor<1xi1>, tensor<1xi64>, tensor<1xi64>) -> tensor<1xi64>
  %minus1 = kiln_onnx.constant dense<[-1]> : tensor<1xi64>
  %target = kiln_onnx.node "Concat"(%minus1, %fixed) {domain = "", opset = 13 : i64, onnx_attrs = {axis = 0 : i64}} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %y = kiln_onnx.node "Reshape"(%x, %target) {domain = "", opset = 14 : i64} : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<6x4xf32>
  return %y : tensor<6x4xf32>
}

// -----

// Range of constants is a constant.
// CHECK-LABEL: func.func @range_constants_opset11
//       CHECK:   %[[C:.+]] = kiln.constant dense<[1, 4, 7]> : tensor<3xi64>
//       CHECK:   return %[[C]]
func.func @range_constants_opset11() -> tensor<3xi64> {
  %start = kiln_onnx.constant dense<1> : tensor<i64>
  %limit = kiln_onnx.constant dense<9> : tensor<i64>
  %delta = kiln_onnx.constant dense<3> : tensor<i64>
  %y = kiln_onnx.node "Range"(%start, %limit, %delta) {domain = "", opset = 11 : i64} : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<3xi64>
  return %y : tensor<3xi64>
}

// -----

// Transpose and Neg of a small constant are evaluated.
// CHECK-LABEL: func.func @transpose_neg_constant_opset13
//       CHECK:   %[[C:.+]] = kiln.constant dense<{{\[}}[-1, -3], [-2, -4]]> : tensor<2x2xi64>
//       CHECK:   return %[[C]]
func.func @transpose_neg_constant_opset13() -> tensor<2x2xi64> {
  %c = kiln_onnx.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi64>
  %t = kiln_onnx.node "Transpose"(%c) {domain = "", opset = 13 : i64} : (tensor<2x2xi64>) -> tensor<2x2xi64>
  %y = kiln_onnx.node "Neg"(%t) {domain = "", opset = 13 : i64} : (tensor<2x2xi64>) -> tensor<2x2xi64>
  return %y : tensor<2x2xi64>
}

// -----

// EyeLike is a constant of the input's shape.
// CHECK-LABEL: func.func @eye_like_opset9
//       CHECK:   kiln.constant dense<{{\[}}[0, 1, 0], [0, 0, 1]]> : tensor<2x3xi32>
func.func @eye_like_opset9(%x: tensor<2x3xf32>) -> tensor<2x3xi32> {
  %y = kiln_onnx.node "EyeLike"(%x) {domain = "", opset = 9 : i64, onnx_attrs = {dtype = 6 : i64, k = 1 : i64}} : (tensor<2x3xf32>) -> tensor<2x3xi32>
  return %y : tensor<2x3xi32>
}
