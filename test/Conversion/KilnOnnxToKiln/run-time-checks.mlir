// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln | FileCheck %s

// Shape operands fed at run time: the node is compiled for the output shape
// the model declares, and a `kiln.assert` checks that the operand's value
// gives that shape.

// Reshape: each entry of the shape is the declared size, 0 copying an equal
// input size or the one -1. Which entries may be 0 is a mask applied in
// i64: no i1 constant vector reaches the back end.
// CHECK-LABEL: func.func @reshape_run_time_shape_opset14
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x3x4xf32>, %[[SHAPE:.+]]: tensor<2xi64>)
//   CHECK-NOT:   kiln.constant dense<[{{true|false}}
//       CHECK:   kiln.equal %[[SHAPE]]
//       CHECK:   kiln.assert %{{.+}}, "node 'reshape_0' (Reshape): input 1 ('shape') must give the declared output shape [2, 12]" : tensor<i1>
//       CHECK:   %[[Y:.+]] = kiln.reshape %[[X]] : tensor<2x3x4xf32> to tensor<2x12xf32>
//       CHECK:   return %[[Y]]
func.func @reshape_run_time_shape_opset14(%x: tensor<2x3x4xf32>, %shape: tensor<2xi64>) -> tensor<2x12xf32> {
  %y = kiln_onnx.node "Reshape"(%x, %shape) {domain = "", opset = 14 : i64} : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<2x12xf32> loc("reshape_0")
  return %y : tensor<2x12xf32>
}

// -----

// Unsqueeze: the axes must insert size-1 dimensions that give the declared
// shape; which of several equivalent positions they name does not matter.
// CHECK-LABEL: func.func @unsqueeze_run_time_axes_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<3x4xf32>, %[[AXES:.+]]: tensor<2xi64>)
//       CHECK:   kiln.assert %{{.+}}, "node 'unsqueeze_0' (Unsqueeze): input 1 ('axes') must insert dimensions that give the declared output shape [1, 3, 1, 4]"
//       CHECK:   kiln.reshape %[[X]] : tensor<3x4xf32> to tensor<1x3x1x4xf32>
func.func @unsqueeze_run_time_axes_opset13(%x: tensor<3x4xf32>, %axes: tensor<2xi64>) -> tensor<1x3x1x4xf32> {
  %y = kiln_onnx.node "Unsqueeze"(%x, %axes) {domain = "", opset = 13 : i64} : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<1x3x1x4xf32> loc("unsqueeze_0")
  return %y : tensor<1x3x1x4xf32>
}

// -----

// Squeeze: the axes must name size-1 dimensions that leave the declared
// shape.
// CHECK-LABEL: func.func @squeeze_run_time_axes_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<1x3x1x4xf32>, %[[AXES:.+]]: tensor<1xi64>)
//       CHECK:   kiln.assert %{{.+}}, "node 'squeeze_0' (Squeeze): input 1 ('axes') must name dimensions of size 1 that leave the declared output shape [3, 1, 4]"
//       CHECK:   kiln.reshape %[[X]] : tensor<1x3x1x4xf32> to tensor<3x1x4xf32>
func.func @squeeze_run_time_axes_opset13(%x: tensor<1x3x1x4xf32>, %axes: tensor<1xi64>) -> tensor<3x1x4xf32> {
  %y = kiln_onnx.node "Squeeze"(%x, %axes) {domain = "", opset = 13 : i64} : (tensor<1x3x1x4xf32>, tensor<1xi64>) -> tensor<3x1x4xf32> loc("squeeze_0")
  return %y : tensor<3x1x4xf32>
}

// -----

// ReduceSum: the axes must be a set that reduces to the declared shape; the
// sum runs over the first such set.
// CHECK-LABEL: func.func @reduce_sum_run_time_axes_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<3x2x2xf32>, %[[AXES:.+]]: tensor<1xi64>)
//       CHECK:   kiln.assert %{{.+}}, "node 'sum_0' (ReduceSum): input 1 ('axes') must name dimensions that reduce to the declared output shape [3, 2]"
//       CHECK:   kiln.reduce_sum %[[X]] {axes = array<i64: 1>, keep_dims = false} : tensor<3x2x2xf32> -> tensor<3x2xf32>
func.func @reduce_sum_run_time_axes_opset13(%x: tensor<3x2x2xf32>, %axes: tensor<1xi64>) -> tensor<3x2xf32> {
  %y = kiln_onnx.node "ReduceSum"(%x, %axes) {domain = "", opset = 13 : i64, onnx_attrs = {keepdims = 0 : i64}} : (tensor<3x2x2xf32>, tensor<1xi64>) -> tensor<3x2xf32> loc("sum_0")
  return %y : tensor<3x2xf32>
}

// -----

// An empty axes tensor has no values to check: with noop_with_empty_axes the
// input is returned, without it every axis is reduced.
// CHECK-LABEL: func.func @reduce_sum_empty_run_time_axes_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<3x2xf32>, %[[AXES:.+]]: tensor<0xi64>)
//   CHECK-NOT:   kiln.assert
//       CHECK:   %[[ALL:.+]] = kiln.reduce_sum %[[X]] {axes = array<i64: 0, 1>, keep_dims = true}
//       CHECK:   return %[[X]], %[[ALL]]
func.func @reduce_sum_empty_run_time_axes_opset13(%x: tensor<3x2xf32>, %axes: tensor<0xi64>) -> (tensor<3x2xf32>, tensor<1x1xf32>) {
  %a = kiln_onnx.node "ReduceSum"(%x, %axes) {domain = "", opset = 13 : i64, onnx_attrs = {noop_with_empty_axes = 1 : i64}} : (tensor<3x2xf32>, tensor<0xi64>) -> tensor<3x2xf32>
  %b = kiln_onnx.node "ReduceSum"(%x, %axes) {domain = "", opset = 13 : i64} : (tensor<3x2xf32>, tensor<0xi64>) -> tensor<1x1xf32>
  return %a, %b : tensor<3x2xf32>, tensor<1x1xf32>
}

// -----

// TopK: K must be the declared outputs' size along the axis.
// CHECK-LABEL: func.func @top_k_run_time_k_opset11
//  CHECK-SAME:   (%[[X:.+]]: tensor<3x4xf32>, %[[K:.+]]: tensor<1xi64>)
//       CHECK:   %[[OK:.+]] = kiln.equal %[[K]]
//       CHECK:   kiln.assert %{{.+}}, "node 'topk_0' (TopK): input 1 ('K') must be 3, the declared outputs' size along axis 1"
//       CHECK:   kiln.top_k %[[X]] {axis = 1 : i64, k = 3 : i64, largest = false, sorted = true}
func.func @top_k_run_time_k_opset11(%x: tensor<3x4xf32>, %k: tensor<1xi64>) -> (tensor<3x3xf32>, tensor<3x3xi64>) {
  %v, %i = kiln_onnx.node "TopK"(%x, %k) {domain = "", opset = 11 : i64, onnx_attrs = {largest = 0 : i64}} : (tensor<3x4xf32>, tensor<1xi64>) -> (tensor<3x3xf32>, tensor<3x3xi64>) loc("topk_0")
  return %v, %i : tensor<3x3xf32>, tensor<3x3xi64>
}

// -----

// Split: the sizes must be the declared outputs' sizes along the axis.
// CHECK-LABEL: func.func @split_run_time_sizes_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<6xf32>, %[[SPLIT:.+]]: tensor<2xi64>)
//       CHECK:   kiln.equal %[[SPLIT]]
//       CHECK:   kiln.assert %{{.+}}, "node 'split_0' (Split): input 1 ('split') must be [2, 4], the sizes of the declared outputs along axis 0"
//   CHECK-DAG:   kiln.slice %[[X]] {limits = array<i64: 2>, starts = array<i64: 0>, strides = array<i64: 1>}
//   CHECK-DAG:   kiln.slice %[[X]] {limits = array<i64: 6>, starts = array<i64: 2>, strides = array<i64: 1>}
func.func @split_run_time_sizes_opset13(%x: tensor<6xf32>, %split: tensor<2xi64>) -> (tensor<2xf32>, tensor<4xf32>) {
  %a, %b = kiln_onnx.node "Split"(%x, %split) {domain = "", opset = 13 : i64} : (tensor<6xf32>, tensor<2xi64>) -> (tensor<2xf32>, tensor<4xf32>) loc("split_0")
  return %a, %b : tensor<2xf32>, tensor<4xf32>
}

// -----

// OneHot: the depth, truncated to an integer, must be the declared size
// along the axis.
// CHECK-LABEL: func.func @one_hot_run_time_depth_opset11
//  CHECK-SAME:   (%[[I:.+]]: tensor<3xi64>, %[[DEPTH:.+]]: tensor<f32>, %{{.+}}: tensor<2xf32>)
//       CHECK:   %[[D:.+]] = kiln.cast %[[DEPTH]] : tensor<f32> to tensor<i64>
//       CHECK:   kiln.equal %[[D]]
//       CHECK:   kiln.assert %{{.+}}, "node 'onehot_0' (OneHot): input 1 ('depth') must be 5, the declared output's size along axis 1"
func.func @one_hot_run_time_depth_opset11(%i: tensor<3xi64>, %depth: tensor<f32>, %values: tensor<2xf32>) -> tensor<3x5xf32> {
  %y = kiln_onnx.node "OneHot"(%i, %depth, %values) {domain = "", opset = 11 : i64} : (tensor<3xi64>, tensor<f32>, tensor<2xf32>) -> tensor<3x5xf32> loc("onehot_0")
  return %y : tensor<3x5xf32>
}

// -----

// ConstantOfShape: the shape must be the declared one; the result is still
// a constant.
// CHECK-LABEL: func.func @constant_of_shape_run_time_shape_opset9
//  CHECK-SAME:   (%[[SHAPE:.+]]: tensor<2xi64>)
//       CHECK:   kiln.equal %[[SHAPE]]
//       CHECK:   kiln.assert %{{.+}}, "node 'fill_0' (ConstantOfShape): input 0 ('input') must be the declared output shape [2, 3]"
//       CHECK:   %[[C:.+]] = kiln.constant dense<0.000000e+00> : tensor<2x3xf32>
//       CHECK:   return %[[C]]
func.func @constant_of_shape_run_time_shape_opset9(%shape: tensor<2xi64>) -> tensor<2x3xf32> {
  %y = kiln_onnx.node "ConstantOfShape"(%shape) {domain = "", opset = 9 : i64} : (tensor<2xi64>) -> tensor<2x3xf32> loc("fill_0")
  return %y : tensor<2x3xf32>
}

// -----

// Expand: each entry is the declared size or 1 where the input has it.
// CHECK-LABEL: func.func @expand_run_time_shape_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<3x1xf32>, %[[SHAPE:.+]]: tensor<3xi64>)
//       CHECK:   kiln.assert %{{.+}}, "node 'expand_0' (Expand): input 1 ('shape') must broadcast the input shape [3, 1] to the declared output shape [2, 3, 4]"
//       CHECK:   kiln.expand %[[X]] : tensor<3x1xf32> -> tensor<2x3x4xf32>
func.func @expand_run_time_shape_opset13(%x: tensor<3x1xf32>, %shape: tensor<3xi64>) -> tensor<2x3x4xf32> {
  %y = kiln_onnx.node "Expand"(%x, %shape) {domain = "", opset = 13 : i64} : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x4xf32> loc("expand_0")
  return %y : tensor<2x3x4xf32>
}

// -----

// Tile: the repeats must be the declared sizes over the input's.
// CHECK-LABEL: func.func @tile_run_time_repeats_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x3xf32>, %[[REPEATS:.+]]: tensor<2xi64>)
//       CHECK:   kiln.assert %{{.+}}, "node 'tile_0' (Tile): input 1 ('repeats') must be [2, 1] to give the declared output shape [4, 3]"
//       CHECK:   kiln.expand
func.func @tile_run_time_repeats_opset13(%x: tensor<2x3xf32>, %repeats: tensor<2xi64>) -> tensor<4x3xf32> {
  %y = kiln_onnx.node "Tile"(%x, %repeats) {domain = "", opset = 13 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<4x3xf32> loc("tile_0")
  return %y : tensor<4x3xf32>
}

// -----

// Range of integers: the length is checked with exact integer division and
// the values are start + i * delta at run time.
// CHECK-LABEL: func.func @range_run_time_i32_opset11
//  CHECK-SAME:   (%[[START:.+]]: tensor<i32>, %[[LIMIT:.+]]: tensor<i32>, %[[DELTA:.+]]: tensor<i32>)
//       CHECK:   kiln.div
//       CHECK:   kiln.assert %{{.+}}, "node 'range_0' (Range): inputs 0 to 2 ('start', 'limit', 'delta') must give the declared length 2 with a non-zero delta"
//       CHECK:   %[[STEPS:.+]] = kiln.mul {{.+}} -> tensor<2xi64>
//       CHECK:   %[[VALUES:.+]] = kiln.add %{{.+}}, %[[STEPS]]
//       CHECK:   kiln.cast %[[VALUES]] : tensor<2xi64> to tensor<2xi32>
func.func @range_run_time_i32_opset11(%start: tensor<i32>, %limit: tensor<i32>, %delta: tensor<i32>) -> tensor<2xi32> {
  %y = kiln_onnx.node "Range"(%start, %limit, %delta) {domain = "", opset = 11 : i64} : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<2xi32> loc("range_0")
  return %y : tensor<2xi32>
}

// -----

// Range of floats: the length is checked in f64, as the constant case
// computes it.
// CHECK-LABEL: func.func @range_run_time_f32_opset11
//       CHECK:   kiln.ceil %{{.+}} : tensor<f64>
//       CHECK:   kiln.assert %{{.+}}, "node 'range_0' (Range): inputs 0 to 2 ('start', 'limit', 'delta') must give the declared length 2 with a non-zero delta"
//       CHECK:   kiln.mul {{.+}} -> tensor<2xf32>
func.func @range_run_time_f32_opset11(%start: tensor<f32>, %limit: tensor<f32>, %delta: tensor<f32>) -> tensor<2xf32> {
  %y = kiln_onnx.node "Range"(%start, %limit, %delta) {domain = "", opset = 11 : i64} : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<2xf32> loc("range_0")
  return %y : tensor<2xf32>
}

// -----

// CumSum with a run-time axis: one sum per dimension, the one the axis names
// selected, and a check that the axis is in range.
// CHECK-LABEL: func.func @cumsum_run_time_axis_opset14
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x3xf32>, %[[AXIS:.+]]: tensor<i32>)
//       CHECK:   kiln.assert %{{.+}}, "node 'cumsum_0' (CumSum): input 1 ('axis') must be in [-2, 2)"
//       CHECK:   %[[ALONG_1:.+]] = kiln.matmul
//       CHECK:   %[[ALONG_0:.+]] = kiln.transpose %{{.+}} : tensor<3x2xf32> -> tensor<2x3xf32>
//       CHECK:   %[[Y:.+]] = kiln.select %{{.+}}, %[[ALONG_0]], %[[ALONG_1]]
//       CHECK:   return %[[Y]]
func.func @cumsum_run_time_axis_opset14(%x: tensor<2x3xf32>, %axis: tensor<i32>) -> tensor<2x3xf32> {
  %y = kiln_onnx.node "CumSum"(%x, %axis) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>, tensor<i32>) -> tensor<2x3xf32> loc("cumsum_0")
  return %y : tensor<2x3xf32>
}

// -----

// Slice: the bounds are spread over the dimensions (the axes are run-time
// values too), resolved as ONNX does and checked to select the declared
// shape; every dimension is gathered at start + i * step, clamped into the
// input.
// CHECK-LABEL: func.func @slice_run_time_bounds_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<3x4xf32>, %{{.+}}: tensor<1xi64>, %{{.+}}: tensor<1xi64>, %{{.+}}: tensor<1xi64>, %{{.+}}: tensor<1xi64>)
//       CHECK:   kiln.assert %{{.+}}, "node 'slice_0' (Slice): inputs 1 to 4 ('starts', 'ends', 'axes', 'steps') must select the declared output shape [3, 2]"
//       CHECK:   %[[ROWS:.+]] = kiln.gather %[[X]], %{{.+}} {axis = 0 : i64} : (tensor<3x4xf32>, tensor<3xi64>) -> tensor<3x4xf32>
//       CHECK:   %[[Y:.+]] = kiln.gather %[[ROWS]], %{{.+}} {axis = 1 : i64} : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<3x2xf32>
//       CHECK:   return %[[Y]]
func.func @slice_run_time_bounds_opset13(%x: tensor<3x4xf32>, %starts: tensor<1xi64>, %ends: tensor<1xi64>, %axes: tensor<1xi64>, %steps: tensor<1xi64>) -> tensor<3x2xf32> {
  %y = kiln_onnx.node "Slice"(%x, %starts, %ends, %axes, %steps) {domain = "", opset = 13 : i64} : (tensor<3x4xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<3x2xf32> loc("slice_0")
  return %y : tensor<3x2xf32>
}

// -----

// Pad: begin + size + end must be the declared size; output position o
// reads o - begin, and in constant mode positions outside the input take
// the run-time constant.
// CHECK-LABEL: func.func @pad_run_time_pads_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x3xf32>, %{{.+}}: tensor<4xi64>, %[[VALUE:.+]]: tensor<f32>)
//       CHECK:   kiln.assert %{{.+}}, "node 'pad_0' (Pad): input 1 ('pads') must pad the input shape [2, 3] to the declared output shape [3, 6]"
//       CHECK:   kiln.gather %[[X]], %{{.+}} {axis = 0 : i64} : (tensor<2x3xf32>, tensor<3xi64>) -> tensor<3x3xf32>
//       CHECK:   kiln.select %{{.+}}, %{{.+}}, %[[VALUE]] : (tensor<3x1xi1>, tensor<3x3xf32>, tensor<f32>) -> tensor<3x3xf32>
//       CHECK:   kiln.gather %{{.+}}, %{{.+}} {axis = 1 : i64} : (tensor<3x3xf32>, tensor<6xi64>) -> tensor<3x6xf32>
//       CHECK:   kiln.select %{{.+}}, %{{.+}}, %[[VALUE]] : (tensor<1x6xi1>, tensor<3x6xf32>, tensor<f32>) -> tensor<3x6xf32>
func.func @pad_run_time_pads_opset13(%x: tensor<2x3xf32>, %pads: tensor<4xi64>, %value: tensor<f32>) -> tensor<3x6xf32> {
  %y = kiln_onnx.node "Pad"(%x, %pads, %value) {domain = "", opset = 13 : i64} : (tensor<2x3xf32>, tensor<4xi64>, tensor<f32>) -> tensor<3x6xf32> loc("pad_0")
  return %y : tensor<3x6xf32>
}

// -----

// Pad in reflect mode: the source position is reflected with period
// 2 * (size - 1), then clamped.
// CHECK-LABEL: func.func @pad_reflect_run_time_pads_opset13
//       CHECK:   kiln.assert %{{.+}}, "node 'pad_0' (Pad): input 1 ('pads') must pad the input shape [3] to the declared output shape [7]"
//       CHECK:   kiln.div %{{.+}}, %{{.+}} : (tensor<7xi64>, tensor<i64>) -> tensor<7xi64>
//       CHECK:   kiln.gather
//   CHECK-NOT:   kiln.select %{{.+}} : (tensor<7xi1>, tensor<7xf32>
func.func @pad_reflect_run_time_pads_opset13(%x: tensor<3xf32>, %pads: tensor<2xi64>) -> tensor<7xf32> {
  %y = kiln_onnx.node "Pad"(%x, %pads) {domain = "", opset = 13 : i64, onnx_attrs = {mode = "reflect"}} : (tensor<3xf32>, tensor<2xi64>) -> tensor<7xf32> loc("pad_0")
  return %y : tensor<7xf32>
}

// -----

// Dropout with a run-time training_mode is the identity, checked: training
// with a non-zero ratio would draw random numbers.
// CHECK-LABEL: func.func @dropout_run_time_training_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<3xf32>, %[[RATIO:.+]]: tensor<f32>, %[[TRAINING:.+]]: tensor<i1>)
//       CHECK:   kiln.not %[[TRAINING]]
//       CHECK:   kiln.equal %[[RATIO]]
//       CHECK:   kiln.assert %{{.+}}, "node 'dropout_0' (Dropout): input 2 ('training_mode') must be false unless input 1 ('ratio') is 0: training with dropout draws random numbers, which is not supported"
//       CHECK:   %[[MASK:.+]] = kiln.constant dense<true> : tensor<3xi1>
//       CHECK:   return %[[X]], %[[MASK]]
func.func @dropout_run_time_training_opset13(%x: tensor<3xf32>, %ratio: tensor<f32>, %training: tensor<i1>) -> (tensor<3xf32>, tensor<3xi1>) {
  %y, %mask = kiln_onnx.node "Dropout"(%x, %ratio, %training) {domain = "", opset = 13 : i64} : (tensor<3xf32>, tensor<f32>, tensor<i1>) -> (tensor<3xf32>, tensor<3xi1>) loc("dropout_0")
  return %y, %mask : tensor<3xf32>, tensor<3xi1>
}

// -----

// Resize with run-time sizes (the default stretch policy): the sizes alone
// decide the scales, so they must be the declared sizes and the resize is
// the constant one.
// CHECK-LABEL: func.func @resize_run_time_sizes_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<1x1x2x2xf32>, %[[SIZES:.+]]: tensor<4xi64>)
//       CHECK:   kiln.equal %[[SIZES]]
//       CHECK:   kiln.assert %{{.+}}, "node 'resize_0' (Resize): input 3 ('sizes') must be the declared output sizes [1, 1, 4, 4]"
//       CHECK:   kiln.gather %[[X]], %{{.+}} {axis = 2 : i64} : (tensor<1x1x2x2xf32>, tensor<4xi64>) -> tensor<1x1x4x2xf32>
func.func @resize_run_time_sizes_opset13(%x: tensor<1x1x2x2xf32>, %sizes: tensor<4xi64>) -> tensor<1x1x4x4xf32> {
  %none = kiln_onnx.none
  %y = kiln_onnx.node "Resize"(%x, %none, %none, %sizes) {domain = "", opset = 13 : i64} : (tensor<1x1x2x2xf32>, none, none, tensor<4xi64>) -> tensor<1x1x4x4xf32> loc("resize_0")
  return %y : tensor<1x1x4x4xf32>
}

// -----

// Resize with run-time scales: positive scales giving the declared sizes
// are checked, and the coordinates are computed from them at run time.
// CHECK-LABEL: func.func @resize_run_time_scales_linear_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<1x1x2x4xf32>, %[[SCALES:.+]]: tensor<4xf32>)
//       CHECK:   %[[FACTORS:.+]] = kiln.cast %[[SCALES]] : tensor<4xf32> to tensor<4xf64>
//       CHECK:   kiln.floor
//       CHECK:   kiln.assert %{{.+}}, "node 'resize_0' (Resize): input 2 ('scales') must be positive and give the declared output shape [1, 1, 1, 2]"
//       CHECK:   kiln.gather %{{.+}}, %{{.+}} {axis = 2 : i64} : (tensor<1x1x2x4xf32>, tensor<1x2xi64>) -> tensor<1x1x1x2x4xf32>
//       CHECK:   kiln.reduce_sum %{{.+}} {axes = array<i64: 3>, keep_dims = false}
//       CHECK:   kiln.gather %{{.+}}, %{{.+}} {axis = 3 : i64} : (tensor<1x1x1x4xf32>, tensor<2x2xi64>) -> tensor<1x1x1x2x2xf32>
//       CHECK:   kiln.reduce_sum %{{.+}} {axes = array<i64: 4>, keep_dims = false}
func.func @resize_run_time_scales_linear_opset13(%x: tensor<1x1x2x4xf32>, %scales: tensor<4xf32>) -> tensor<1x1x1x2xf32> {
  %none = kiln_onnx.none
  %y = kiln_onnx.node "Resize"(%x, %none, %scales) {domain = "", opset = 13 : i64, onnx_attrs = {mode = "linear"}} : (tensor<1x1x2x4xf32>, none, tensor<4xf32>) -> tensor<1x1x1x2xf32> loc("resize_0")
  return %y : tensor<1x1x1x2xf32>
}

// -----

// Upsample with run-time scales, nearest: one gather per axis at the picked
// neighbour (no weights).
// CHECK-LABEL: func.func @upsample_run_time_scales_opset9
//       CHECK:   kiln.assert %{{.+}}, "node 'up_0' (Upsample): input 1 ('scales') must be positive and give the declared output shape [1, 1, 4, 6]"
//       CHECK:   kiln.gather %{{.+}}, %{{.+}} {axis = 2 : i64} : (tensor<1x1x2x2xf32>, tensor<4xi64>) -> tensor<1x1x4x2xf32>
//       CHECK:   kiln.gather %{{.+}}, %{{.+}} {axis = 3 : i64} : (tensor<1x1x4x2xf32>, tensor<6xi64>) -> tensor<1x1x4x6xf32>
//   CHECK-NOT:   kiln.reduce_sum
func.func @upsample_run_time_scales_opset9(%x: tensor<1x1x2x2xf32>, %scales: tensor<4xf32>) -> tensor<1x1x4x6xf32> {
  %y = kiln_onnx.node "Upsample"(%x, %scales) {domain = "", opset = 9 : i64} : (tensor<1x1x2x2xf32>, tensor<4xf32>) -> tensor<1x1x4x6xf32> loc("up_0")
  return %y : tensor<1x1x4x6xf32>
}

// -----

// A window with a run-time size: the size must be the declared length; the
// window is the constant of that length.
// CHECK-LABEL: func.func @hann_window_run_time_size_opset17
//  CHECK-SAME:   (%[[SIZE:.+]]: tensor<i32>)
//       CHECK:   kiln.assert %{{.+}}, "node 'hann_0' (HannWindow): input 0 ('size') must be 4, the declared output length"
//       CHECK:   %[[W:.+]] = kiln.constant dense<[0.000000e+00, 5.000000e-01, 1.000000e+00, 5.000000e-01]> : tensor<4xf32>
//       CHECK:   return %[[W]]
func.func @hann_window_run_time_size_opset17(%size: tensor<i32>) -> tensor<4xf32> {
  %y = kiln_onnx.node "HannWindow"(%size) {domain = "", opset = 17 : i64} : (tensor<i32>) -> tensor<4xf32> loc("hann_0")
  return %y : tensor<4xf32>
}

// -----

// MaxUnpool with a run-time output_shape: it must be the declared shape.
// CHECK-LABEL: func.func @max_unpool_run_time_output_shape_opset11
//  CHECK-SAME:   (%{{.+}}: tensor<1x1x2x2xf32>, %{{.+}}: tensor<1x1x2x2xi64>, %[[SHAPE:.+]]: tensor<4xi64>)
//       CHECK:   kiln.equal %[[SHAPE]]
//       CHECK:   kiln.assert %{{.+}}, "node 'unpool_0' (MaxUnpool): input 2 ('output_shape') must be the declared output shape [1, 1, 5, 5]"
func.func @max_unpool_run_time_output_shape_opset11(%x: tensor<1x1x2x2xf32>, %i: tensor<1x1x2x2xi64>, %shape: tensor<4xi64>) -> tensor<1x1x5x5xf32> {
  %y = kiln_onnx.node "MaxUnpool"(%x, %i, %shape) {domain = "", opset = 11 : i64, onnx_attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>, tensor<4xi64>) -> tensor<1x1x5x5xf32> loc("unpool_0")
  return %y : tensor<1x1x5x5xf32>
}

// -----

// LSTM with run-time sequence lengths: as constant ones, they must all be
// the sequence length, checked when the model runs.
// CHECK-LABEL: func.func @lstm_run_time_sequence_lens_opset14
//  CHECK-SAME:   %[[LENS:[a-zA-Z0-9_]+]]: tensor<2xi32>)
//       CHECK:   kiln.assert %{{.+}}, "node 'lstm_0' (LSTM): input 4 ('sequence_lens') must be 5, the sequence length, for every batch entry (shorter sequences are not supported)"
//       CHECK:   kiln.lstm
func.func @lstm_run_time_sequence_lens_opset14(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>, %lens: tensor<2xi32>) -> tensor<5x1x2x4xf32> {
  %none = kiln_onnx.none
  %y = kiln_onnx.node "LSTM"(%x, %w, %r, %none, %lens) {domain = "", opset = 14 : i64, onnx_attrs = {hidden_size = 4 : i64}} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, none, tensor<2xi32>) -> tensor<5x1x2x4xf32> loc("lstm_0")
  return %y : tensor<5x1x2x4xf32>
}

// -----

// tf_crop_and_resize with a run-time roi: the roi changes no shape (no
// check); the coordinates read it at run time, and positions outside the
// input take the extrapolation value.
// CHECK-LABEL: func.func @resize_crop_run_time_roi_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<1x4xf32>, %[[ROI:.+]]: tensor<4xf32>)
//   CHECK-NOT:   kiln.assert
//       CHECK:   kiln.cast %[[ROI]] : tensor<4xf32> to tensor<4xf64>
//       CHECK:   kiln.gather %[[X]], %{{.+}} {axis = 0 : i64} : (tensor<1x4xf32>, tensor<1x2xi64>) -> tensor<1x2x4xf32>
//       CHECK:   kiln.select %{{.+}}, %{{.+}}, %{{.+}} : (tensor<1x1xi1>, tensor<f32>, tensor<1x4xf32>) -> tensor<1x4xf32>
//       CHECK:   kiln.select %{{.+}}, %{{.+}}, %{{.+}} : (tensor<1x3xi1>, tensor<f32>, tensor<1x3xf32>) -> tensor<1x3xf32>
func.func @resize_crop_run_time_roi_opset13(%x: tensor<1x4xf32>, %roi: tensor<4xf32>) -> tensor<1x3xf32> {
  %none = kiln_onnx.none
  %sizes = kiln_onnx.constant dense<[1, 3]> : tensor<2xi64>
  %y = kiln_onnx.node "Resize"(%x, %roi, %none, %sizes) {domain = "", opset = 13 : i64, onnx_attrs = {coordinate_transformation_mode = "tf_crop_and_resize", extrapolation_value = 10.0 : f32, mode = "linear"}} : (tensor<1x4xf32>, tensor<4xf32>, none, tensor<2xi64>) -> tensor<1x3xf32> loc("resize_0")
  return %y : tensor<1x3xf32>
}
