// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln | FileCheck %s

// ReduceSum 13 takes axes as an input; keepdims defaults to 1.
// CHECK-LABEL: func.func @reduce_sum_axes_input_opset13
//       CHECK:   kiln.reduce_sum %{{.+}} {axes = array<i64: 1>, keep_dims = true} : tensor<2x3x4xf32> -> tensor<2x1x4xf32>
func.func @reduce_sum_axes_input_opset13(%x: tensor<2x3x4xf32>) -> tensor<2x1x4xf32> {
  %axes = kiln_onnx.constant dense<[-2]> : tensor<1xi64>
  %y = kiln_onnx.node "ReduceSum"(%x, %axes) {domain = "", opset = 13 : i64} : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<2x1x4xf32>
  return %y : tensor<2x1x4xf32>
}

// -----

// Without axes, every axis is reduced (listed explicitly).
// CHECK-LABEL: func.func @reduce_sum_all_opset13
//       CHECK:   kiln.reduce_sum %{{.+}} {axes = array<i64: 0, 1>, keep_dims = false} : tensor<2x3xf32> -> tensor<f32>
func.func @reduce_sum_all_opset13(%x: tensor<2x3xf32>) -> tensor<f32> {
  %y = kiln_onnx.node "ReduceSum"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {keepdims = 0 : i64}} : (tensor<2x3xf32>) -> tensor<f32>
  return %y : tensor<f32>
}

// -----

// noop_with_empty_axes = 1 without axes reduces nothing (the empty
// reduction folds away).
// CHECK-LABEL: func.func @reduce_sum_noop_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x3xf32>)
//   CHECK-NOT:   kiln.reduce_sum
//       CHECK:   return %[[X]]
func.func @reduce_sum_noop_opset13(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = kiln_onnx.node "ReduceSum"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {noop_with_empty_axes = 1 : i64}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// ReduceSum 11 and ReduceMean/Max/Min/Prod 13 take axes as an attribute.
// CHECK-LABEL: func.func @reduce_attr_axes_opset13
//       CHECK:   kiln.reduce_sum %{{.+}} {axes = array<i64: 0, 2>, keep_dims = true}
//       CHECK:   kiln.reduce_mean %{{.+}} {axes = array<i64: 2>, keep_dims = false}
//       CHECK:   kiln.reduce_max %{{.+}} {axes = array<i64: 0>, keep_dims = true}
//       CHECK:   kiln.reduce_min %{{.+}} {axes = array<i64: 1>, keep_dims = true}
//       CHECK:   kiln.reduce_prod %{{.+}} {axes = array<i64: 0, 1, 2>, keep_dims = true}
func.func @reduce_attr_axes_opset13(%x: tensor<2x3x4xf32>) -> (tensor<1x3x1xf32>, tensor<2x3xf32>, tensor<1x3x4xf32>, tensor<2x1x4xf32>, tensor<1x1x1xf32>) {
  %a = kiln_onnx.node "ReduceSum"(%x) {domain = "", opset = 11 : i64, onnx_attrs = {axes = array<i64: 2, 0>}} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  %b = kiln_onnx.node "ReduceMean"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {axes = array<i64: -1>, keepdims = 0 : i64}} : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
  %c = kiln_onnx.node "ReduceMax"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {axes = array<i64: 0>}} : (tensor<2x3x4xf32>) -> tensor<1x3x4xf32>
  %d = kiln_onnx.node "ReduceMin"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {axes = array<i64: 1>}} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
  %e = kiln_onnx.node "ReduceProd"(%x) {domain = "", opset = 13 : i64} : (tensor<2x3x4xf32>) -> tensor<1x1x1xf32>
  return %a, %b, %c, %d, %e : tensor<1x3x1xf32>, tensor<2x3xf32>, tensor<1x3x4xf32>, tensor<2x1x4xf32>, tensor<1x1x1xf32>
}

// -----

// ReduceMean 18 takes axes as an input.
// CHECK-LABEL: func.func @reduce_mean_axes_input_opset18
//       CHECK:   kiln.reduce_mean %{{.+}} {axes = array<i64: 1>, keep_dims = true}
func.func @reduce_mean_axes_input_opset18(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  %axes = kiln_onnx.constant dense<[1]> : tensor<1xi64>
  %y = kiln_onnx.node "ReduceMean"(%x, %axes) {domain = "", opset = 18 : i64} : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2x1xf32>
  return %y : tensor<2x1xf32>
}

// -----

// ReduceL1: sum(|x|); ReduceL2: sqrt(sum(x * x)); ReduceSumSquare:
// sum(x * x); ReduceLogSum: log(sum(x)).
// CHECK-LABEL: func.func @reduce_norms_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x3xf32>)
//       CHECK:   %[[ABS:.+]] = kiln.abs %[[X]]
//       CHECK:   kiln.reduce_sum %[[ABS]]
//       CHECK:   %[[SQ:.+]] = kiln.mul %[[X]], %[[X]]
//       CHECK:   %[[SUMSQ:.+]] = kiln.reduce_sum %[[SQ]]
//       CHECK:   kiln.sqrt %[[SUMSQ]]
//       CHECK:   %[[SQ2:.+]] = kiln.mul %[[X]], %[[X]]
//       CHECK:   kiln.reduce_sum %[[SQ2]]
//       CHECK:   %[[SUM:.+]] = kiln.reduce_sum %[[X]]
//       CHECK:   kiln.log %[[SUM]]
func.func @reduce_norms_opset13(%x: tensor<2x3xf32>) -> (tensor<2x1xf32>, tensor<2x1xf32>, tensor<2x1xf32>, tensor<2x1xf32>) {
  %a = kiln_onnx.node "ReduceL1"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {axes = array<i64: 1>}} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  %b = kiln_onnx.node "ReduceL2"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {axes = array<i64: 1>}} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  %c = kiln_onnx.node "ReduceSumSquare"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {axes = array<i64: 1>}} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  %d = kiln_onnx.node "ReduceLogSum"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {axes = array<i64: 1>}} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return %a, %b, %c, %d : tensor<2x1xf32>, tensor<2x1xf32>, tensor<2x1xf32>, tensor<2x1xf32>
}

// -----

// ReduceLogSumExp subtracts the maximum before exp, adds it back after log,
// and drops the kept dimensions when keepdims = 0.
// CHECK-LABEL: func.func @reduce_log_sum_exp_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x3xf32>)
//       CHECK:   %[[MAX:.+]] = kiln.reduce_max %[[X]] {axes = array<i64: 1>, keep_dims = true}
//       CHECK:   %[[D:.+]] = kiln.sub %[[X]], %[[MAX]]
//       CHECK:   %[[E:.+]] = kiln.exp %[[D]]
//       CHECK:   %[[S:.+]] = kiln.reduce_sum %[[E]] {axes = array<i64: 1>, keep_dims = true}
//       CHECK:   %[[L:.+]] = kiln.log %[[S]]
//       CHECK:   %[[R:.+]] = kiln.add %[[L]], %[[MAX]]
//       CHECK:   kiln.reshape %[[R]] : tensor<2x1xf32> to tensor<2xf32>
func.func @reduce_log_sum_exp_opset13(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %y = kiln_onnx.node "ReduceLogSumExp"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {axes = array<i64: 1>, keepdims = 0 : i64}} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

// Reductions of small constants are evaluated.
// CHECK-LABEL: func.func @reduce_prod_constant_opset13
//       CHECK:   %[[C:.+]] = kiln.constant dense<24> : tensor<1xi64>
//       CHECK:   return %[[C]]
func.func @reduce_prod_constant_opset13() -> tensor<1xi64> {
  %c = kiln_onnx.constant dense<[2, 3, 4]> : tensor<3xi64>
  %y = kiln_onnx.node "ReduceProd"(%c) {domain = "", opset = 13 : i64} : (tensor<3xi64>) -> tensor<1xi64>
  return %y : tensor<1xi64>
}

// -----

// TopK 11: K from a constant input; values and i64 indices.
// CHECK-LABEL: func.func @top_k_smallest_opset11
//       CHECK:   kiln.top_k %{{.+}} {axis = 0 : i64, k = 2 : i64, largest = false, sorted = true} : tensor<5x3xf32> -> tensor<2x3xf32>, tensor<2x3xi64>
func.func @top_k_smallest_opset11(%x: tensor<5x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xi64>) {
  %k = kiln_onnx.constant dense<2> : tensor<1xi64>
  %v, %i = kiln_onnx.node "TopK"(%x, %k) {domain = "", opset = 11 : i64, onnx_attrs = {axis = 0 : i64, largest = 0 : i64}} : (tensor<5x3xf32>, tensor<1xi64>) -> (tensor<2x3xf32>, tensor<2x3xi64>)
  return %v, %i : tensor<2x3xf32>, tensor<2x3xi64>
}

// -----

// TopK 1: k is an attribute; axis defaults to the last one.
// CHECK-LABEL: func.func @top_k_attr_opset1
//       CHECK:   kiln.top_k %{{.+}} {axis = 1 : i64, k = 1 : i64, largest = true, sorted = true}
func.func @top_k_attr_opset1(%x: tensor<5x3xf32>) -> (tensor<5x1xf32>, tensor<5x1xi64>) {
  %v, %i = kiln_onnx.node "TopK"(%x) {domain = "", opset = 1 : i64, onnx_attrs = {k = 1 : i64}} : (tensor<5x3xf32>) -> (tensor<5x1xf32>, tensor<5x1xi64>)
  return %v, %i : tensor<5x1xf32>, tensor<5x1xi64>
}

// -----

// ArgMax is the index of a top_k with k = 1; keepdims = 0 drops the axis.
// CHECK-LABEL: func.func @argmax_no_keepdims_opset13
//       CHECK:   %{{.+}}, %[[I:.+]] = kiln.top_k %{{.+}} {axis = 1 : i64, k = 1 : i64, largest = true, sorted = true}
//       CHECK:   kiln.reshape %[[I]] : tensor<2x1xi64> to tensor<2xi64>
func.func @argmax_no_keepdims_opset13(%x: tensor<2x3xf32>) -> tensor<2xi64> {
  %y = kiln_onnx.node "ArgMax"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {axis = 1 : i64, keepdims = 0 : i64}} : (tensor<2x3xf32>) -> tensor<2xi64>
  return %y : tensor<2xi64>
}

// -----

// ArgMin with select_last_index reads the axis backwards and maps the index
// back: dim - 1 - index.
// CHECK-LABEL: func.func @argmin_select_last_index_opset12
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x3xf32>)
//       CHECK:   %[[REV:.+]] = kiln.slice %[[X]] {limits = array<i64: -1, 3>, starts = array<i64: 1, 0>, strides = array<i64: -1, 1>}
//       CHECK:   %{{.+}}, %[[I:.+]] = kiln.top_k %[[REV]] {axis = 0 : i64, k = 1 : i64, largest = false, sorted = true}
//       CHECK:   %[[LAST:.+]] = kiln.constant dense<1> : tensor<i64>
//       CHECK:   kiln.sub %[[LAST]], %[[I]]
func.func @argmin_select_last_index_opset12(%x: tensor<2x3xf32>) -> tensor<1x3xi64> {
  %y = kiln_onnx.node "ArgMin"(%x) {domain = "", opset = 12 : i64, onnx_attrs = {select_last_index = 1 : i64}} : (tensor<2x3xf32>) -> tensor<1x3xi64>
  return %y : tensor<1x3xi64>
}
