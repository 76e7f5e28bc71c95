// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln | FileCheck %s

// Initializers become kiln.constant; Identity is its input.
// CHECK-LABEL: func.func @identity_constant_opset16
//       CHECK:   %[[C:.+]] = kiln.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
//       CHECK:   return %[[C]]
//   CHECK-NOT:   kiln_onnx
func.func @identity_constant_opset16() -> tensor<2xf32> {
  %c = kiln_onnx.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %y = kiln_onnx.node "Identity"(%c) {domain = "", opset = 16 : i64} : (tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

// Constant nodes left by the importer: value_ints and value_float.
// CHECK-LABEL: func.func @constant_value_ints_opset13
//   CHECK-DAG:   kiln.constant dense<[3, 4]> : tensor<2xi64>
//   CHECK-DAG:   kiln.constant dense<2.500000e+00> : tensor<f32>
func.func @constant_value_ints_opset13() -> (tensor<2xi64>, tensor<f32>) {
  %a = kiln_onnx.node "Constant"() {domain = "", opset = 13 : i64, onnx_attrs = {value_ints = array<i64: 3, 4>}} : () -> tensor<2xi64>
  %b = kiln_onnx.node "Constant"() {domain = "", opset = 13 : i64, onnx_attrs = {value_float = 2.5 : f32}} : () -> tensor<f32>
  return %a, %b : tensor<2xi64>, tensor<f32>
}

// -----

// Reshape 5: 0 copies the input dimension, -1 takes the rest.
// CHECK-LABEL: func.func @reshape_zero_minus_one_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x3x4xf32>)
//       CHECK:   kiln.reshape %[[X]] : tensor<2x3x4xf32> to tensor<2x12xf32>
func.func @reshape_zero_minus_one_opset13(%x: tensor<2x3x4xf32>) -> tensor<?x?xf32> {
  %shape = kiln_onnx.constant dense<[0, -1]> : tensor<2xi64>
  %y = kiln_onnx.node "Reshape"(%x, %shape) {domain = "", opset = 13 : i64} : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// Reshape 14 with allowzero = 1: 0 is a size.
// CHECK-LABEL: func.func @reshape_allowzero_opset14
//       CHECK:   kiln.reshape %{{.+}} : tensor<0x3xf32> to tensor<3x0xf32>
func.func @reshape_allowzero_opset14(%x: tensor<0x3xf32>) -> tensor<3x0xf32> {
  %shape = kiln_onnx.constant dense<[3, 0]> : tensor<2xi64>
  %y = kiln_onnx.node "Reshape"(%x, %shape) {domain = "", opset = 14 : i64, onnx_attrs = {allowzero = 1 : i64}} : (tensor<0x3xf32>, tensor<2xi64>) -> tensor<3x0xf32>
  return %y : tensor<3x0xf32>
}

// -----

// Reshape 1 takes the shape as an attribute.
// CHECK-LABEL: func.func @reshape_attr_opset1
//       CHECK:   kiln.reshape %{{.+}} : tensor<6xf32> to tensor<3x2xf32>
func.func @reshape_attr_opset1(%x: tensor<6xf32>) -> tensor<3x2xf32> {
  %y = kiln_onnx.node "Reshape"(%x) {domain = "", opset = 1 : i64, onnx_attrs = {shape = array<i64: 3, -1>}} : (tensor<6xf32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

// Flatten at a negative axis counts from the end.
// CHECK-LABEL: func.func @flatten_negative_axis_opset13
//       CHECK:   kiln.reshape %{{.+}} : tensor<2x3x4x5xf32> to tensor<24x5xf32>
func.func @flatten_negative_axis_opset13(%x: tensor<2x3x4x5xf32>) -> tensor<24x5xf32> {
  %y = kiln_onnx.node "Flatten"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {axis = -1 : i64}} : (tensor<2x3x4x5xf32>) -> tensor<24x5xf32>
  return %y : tensor<24x5xf32>
}

// -----

// Flatten's default axis is 1; axis = 0 gives a leading 1.
// CHECK-LABEL: func.func @flatten_default_and_zero_opset1
//       CHECK:   kiln.reshape %{{.+}} : tensor<2x3x4xf32> to tensor<2x12xf32>
//       CHECK:   kiln.reshape %{{.+}} : tensor<2x3x4xf32> to tensor<1x24xf32>
func.func @flatten_default_and_zero_opset1(%x: tensor<2x3x4xf32>) -> (tensor<2x12xf32>, tensor<1x24xf32>) {
  %y = kiln_onnx.node "Flatten"(%x) {domain = "", opset = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
  %z = kiln_onnx.node "Flatten"(%x) {domain = "", opset = 1 : i64, onnx_attrs = {axis = 0 : i64}} : (tensor<2x3x4xf32>) -> tensor<1x24xf32>
  return %y, %z : tensor<2x12xf32>, tensor<1x24xf32>
}

// -----

// Squeeze 13 takes axes as an input; Squeeze 11 as an attribute; without
// axes every size-1 dimension goes.
// CHECK-LABEL: func.func @squeeze_opset13_and_opset11
//       CHECK:   kiln.reshape %{{.+}} : tensor<1x3x1x4xf32> to tensor<1x3x4xf32>
//       CHECK:   kiln.reshape %{{.+}} : tensor<1x3x1x4xf32> to tensor<3x1x4xf32>
//       CHECK:   kiln.reshape %{{.+}} : tensor<1x3x1x4xf32> to tensor<3x4xf32>
func.func @squeeze_opset13_and_opset11(%x: tensor<1x3x1x4xf32>) -> (tensor<1x3x4xf32>, tensor<3x1x4xf32>, tensor<3x4xf32>) {
  %axes = kiln_onnx.constant dense<[-2]> : tensor<1xi64>
  %a = kiln_onnx.node "Squeeze"(%x, %axes) {domain = "", opset = 13 : i64} : (tensor<1x3x1x4xf32>, tensor<1xi64>) -> tensor<1x3x4xf32>
  %b = kiln_onnx.node "Squeeze"(%x) {domain = "", opset = 11 : i64, onnx_attrs = {axes = array<i64: 0>}} : (tensor<1x3x1x4xf32>) -> tensor<3x1x4xf32>
  %c = kiln_onnx.node "Squeeze"(%x) {domain = "", opset = 13 : i64} : (tensor<1x3x1x4xf32>) -> tensor<3x4xf32>
  return %a, %b, %c : tensor<1x3x4xf32>, tensor<3x1x4xf32>, tensor<3x4xf32>
}

// -----

// Unsqueeze axes are positions in the output, negative ones from its end.
// CHECK-LABEL: func.func @unsqueeze_opset13_and_opset1
//       CHECK:   kiln.reshape %{{.+}} : tensor<3x4xf32> to tensor<1x3x4x1xf32>
//       CHECK:   kiln.reshape %{{.+}} : tensor<3x4xf32> to tensor<3x1x4xf32>
func.func @unsqueeze_opset13_and_opset1(%x: tensor<3x4xf32>) -> (tensor<1x3x4x1xf32>, tensor<3x1x4xf32>) {
  %axes = kiln_onnx.constant dense<[0, -1]> : tensor<2xi64>
  %a = kiln_onnx.node "Unsqueeze"(%x, %axes) {domain = "", opset = 13 : i64} : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<1x3x4x1xf32>
  %b = kiln_onnx.node "Unsqueeze"(%x) {domain = "", opset = 1 : i64, onnx_attrs = {axes = array<i64: 1>}} : (tensor<3x4xf32>) -> tensor<3x1x4xf32>
  return %a, %b : tensor<1x3x4x1xf32>, tensor<3x1x4xf32>
}

// -----

// Transpose without perm reverses the dimensions.
// CHECK-LABEL: func.func @transpose_default_perm_opset13
//       CHECK:   kiln.transpose %{{.+}} {permutation = array<i64: 2, 1, 0>} : tensor<2x3x4xf32> -> tensor<4x3x2xf32>
//       CHECK:   kiln.transpose %{{.+}} {permutation = array<i64: 0, 2, 1>} : tensor<2x3x4xf32> -> tensor<2x4x3xf32>
func.func @transpose_default_perm_opset13(%x: tensor<2x3x4xf32>) -> (tensor<4x3x2xf32>, tensor<2x4x3xf32>) {
  %a = kiln_onnx.node "Transpose"(%x) {domain = "", opset = 13 : i64} : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  %b = kiln_onnx.node "Transpose"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {perm = array<i64: 0, 2, 1>}} : (tensor<2x3x4xf32>) -> tensor<2x4x3xf32>
  return %a, %b : tensor<4x3x2xf32>, tensor<2x4x3xf32>
}

// -----

// Concat with a negative axis.
// CHECK-LABEL: func.func @concat_negative_axis_opset13
//  CHECK-SAME:   (%[[A:.+]]: tensor<2x3xf32>, %[[B:.+]]: tensor<2x1xf32>)
//       CHECK:   kiln.concat %[[A]], %[[B]] {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
func.func @concat_negative_axis_opset13(%a: tensor<2x3xf32>, %b: tensor<2x1xf32>) -> tensor<2x4xf32> {
  %y = kiln_onnx.node "Concat"(%a, %b) {domain = "", opset = 13 : i64, onnx_attrs = {axis = -1 : i64}} : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// Split 13 with sizes from input 1: one kiln.slice per output.
// CHECK-LABEL: func.func @split_sizes_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x6xf32>)
//       CHECK:   kiln.slice %[[X]] {limits = array<i64: 2, 2>, starts = array<i64: 0, 0>, strides = array<i64: 1, 1>} : tensor<2x6xf32> -> tensor<2x2xf32>
//       CHECK:   kiln.slice %[[X]] {limits = array<i64: 2, 6>, starts = array<i64: 0, 2>, strides = array<i64: 1, 1>} : tensor<2x6xf32> -> tensor<2x4xf32>
func.func @split_sizes_opset13(%x: tensor<2x6xf32>) -> (tensor<2x2xf32>, tensor<2x4xf32>) {
  %split = kiln_onnx.constant dense<[2, 4]> : tensor<2xi64>
  %a, %b = kiln_onnx.node "Split"(%x, %split) {domain = "", opset = 13 : i64, onnx_attrs = {axis = 1 : i64}} : (tensor<2x6xf32>, tensor<2xi64>) -> (tensor<2x2xf32>, tensor<2x4xf32>)
  return %a, %b : tensor<2x2xf32>, tensor<2x4xf32>
}

// -----

// Split 11 without sizes splits evenly (split attribute before 13).
// CHECK-LABEL: func.func @split_even_opset11
//       CHECK-COUNT-3:   kiln.slice %{{.+}} : tensor<6xf32> -> tensor<2xf32>
func.func @split_even_opset11(%x: tensor<6xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %a, %b, %c = kiln_onnx.node "Split"(%x) {domain = "", opset = 11 : i64} : (tensor<6xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  return %a, %b, %c : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// Slice 13: bounds are clamped, negative ones count from the end, and a
// negative step walks backwards.
// CHECK-LABEL: func.func @slice_negative_step_opset13
//       CHECK:   kiln.slice %{{.+}} {limits = array<i64: -1, 4>, starts = array<i64: 9, 1>, strides = array<i64: -3, 1>} : tensor<10x5xf32> -> tensor<4x3xf32>
func.func @slice_negative_step_opset13(%x: tensor<10x5xf32>) -> tensor<4x3xf32> {
  %starts = kiln_onnx.constant dense<[1000, 1]> : tensor<2xi64>
  %ends = kiln_onnx.constant dense<[-1000, -1]> : tensor<2xi64>
  %axes = kiln_onnx.constant dense<[0, 1]> : tensor<2xi64>
  %steps = kiln_onnx.constant dense<[-3, 1]> : tensor<2xi64>
  %y = kiln_onnx.node "Slice"(%x, %starts, %ends, %axes, %steps) {domain = "", opset = 13 : i64} : (tensor<10x5xf32>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

// Slice 1 takes its bounds as attributes; unlisted axes are whole.
// CHECK-LABEL: func.func @slice_attrs_opset1
//       CHECK:   kiln.slice %{{.+}} {limits = array<i64: 4, 3>, starts = array<i64: 0, 1>, strides = array<i64: 1, 1>} : tensor<4x5xf32> -> tensor<4x2xf32>
func.func @slice_attrs_opset1(%x: tensor<4x5xf32>) -> tensor<4x2xf32> {
  %y = kiln_onnx.node "Slice"(%x) {domain = "", opset = 1 : i64, onnx_attrs = {axes = array<i64: 1>, ends = array<i64: 3>, starts = array<i64: 1>}} : (tensor<4x5xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// Expand broadcasts in both directions: the result is the broadcast of the
// input's shape and `shape`.
// CHECK-LABEL: func.func @expand_bidirectional_opset13
//       CHECK:   kiln.expand %{{.+}} : tensor<3x1xf32> -> tensor<2x3x6xf32>
func.func @expand_bidirectional_opset13(%x: tensor<3x1xf32>) -> tensor<2x3x6xf32> {
  %shape = kiln_onnx.constant dense<[2, 1, 6]> : tensor<3xi64>
  %y = kiln_onnx.node "Expand"(%x, %shape) {domain = "", opset = 13 : i64} : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x6xf32>
  return %y : tensor<2x3x6xf32>
}

// -----

// Cast 13 (`to` is a data type code) and Cast 1 (`to` is a string).
// CHECK-LABEL: func.func @cast_opset13_and_opset1
//       CHECK:   kiln.cast %{{.+}} : tensor<3xf32> to tensor<3xi32>
//       CHECK:   kiln.cast %{{.+}} : tensor<3xf32> to tensor<3xf16>
func.func @cast_opset13_and_opset1(%x: tensor<3xf32>) -> (tensor<3xi32>, tensor<3xf16>) {
  %a = kiln_onnx.node "Cast"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {to = 6 : i64}} : (tensor<3xf32>) -> tensor<3xi32>
  %b = kiln_onnx.node "Cast"(%x) {domain = "", opset = 1 : i64, onnx_attrs = {to = "FLOAT16"}} : (tensor<3xf32>) -> tensor<3xf16>
  return %a, %b : tensor<3xi32>, tensor<3xf16>
}

// -----

// CastLike takes the element type of its second input.
// CHECK-LABEL: func.func @cast_like_opset15
//       CHECK:   kiln.cast %{{.+}} : tensor<3xf32> to tensor<3xf64>
func.func @cast_like_opset15(%x: tensor<3xf32>, %t: tensor<1xf64>) -> tensor<3xf64> {
  %y = kiln_onnx.node "CastLike"(%x, %t) {domain = "", opset = 15 : i64} : (tensor<3xf32>, tensor<1xf64>) -> tensor<3xf64>
  return %y : tensor<3xf64>
}

// -----

// Tile: reshape to [1, d0, 1, d1], expand to [r0, d0, r1, d1], reshape.
// CHECK-LABEL: func.func @tile_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x3xf32>)
//       CHECK:   %[[R:.+]] = kiln.reshape %[[X]] : tensor<2x3xf32> to tensor<1x2x1x3xf32>
//       CHECK:   %[[E:.+]] = kiln.expand %[[R]] : tensor<1x2x1x3xf32> -> tensor<2x2x3x3xf32>
//       CHECK:   kiln.reshape %[[E]] : tensor<2x2x3x3xf32> to tensor<4x9xf32>
func.func @tile_opset13(%x: tensor<2x3xf32>) -> tensor<4x9xf32> {
  %repeats = kiln_onnx.constant dense<[2, 3]> : tensor<2xi64>
  %y = kiln_onnx.node "Tile"(%x, %repeats) {domain = "", opset = 13 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<4x9xf32>
  return %y : tensor<4x9xf32>
}

// -----

// Pad 13 in constant mode: concatenation with constant blocks.
// CHECK-LABEL: func.func @pad_constant_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x3xf32>)
//       CHECK:   %[[BEFORE:.+]] = kiln.constant dense<1.500000e+00> : tensor<2x1xf32>
//       CHECK:   %[[AFTER:.+]] = kiln.constant dense<1.500000e+00> : tensor<2x2xf32>
//       CHECK:   kiln.concat %[[BEFORE]], %[[X]], %[[AFTER]] {axis = 1 : i64} : (tensor<2x1xf32>, tensor<2x3xf32>, tensor<2x2xf32>) -> tensor<2x6xf32>
func.func @pad_constant_opset13(%x: tensor<2x3xf32>) -> tensor<2x6xf32> {
  %pads = kiln_onnx.constant dense<[0, 1, 0, 2]> : tensor<4xi64>
  %value = kiln_onnx.constant dense<1.5> : tensor<f32>
  %y = kiln_onnx.node "Pad"(%x, %pads, %value) {domain = "", opset = 13 : i64} : (tensor<2x3xf32>, tensor<4xi64>, tensor<f32>) -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// -----

// Pad 2 in reflect mode: reversed slices (negative strides) on each side.
// CHECK-LABEL: func.func @pad_reflect_opset2
//  CHECK-SAME:   (%[[X:.+]]: tensor<4xf32>)
//       CHECK:   %[[B:.+]] = kiln.slice %[[X]] {limits = array<i64: 0>, starts = array<i64: 2>, strides = array<i64: -1>}
//       CHECK:   %[[E:.+]] = kiln.slice %[[X]] {limits = array<i64: 1>, starts = array<i64: 2>, strides = array<i64: -1>}
//       CHECK:   kiln.concat %[[B]], %[[X]], %[[E]] {axis = 0 : i64} : (tensor<2xf32>, tensor<4xf32>, tensor<1xf32>) -> tensor<7xf32>
func.func @pad_reflect_opset2(%x: tensor<4xf32>) -> tensor<7xf32> {
  %y = kiln_onnx.node "Pad"(%x) {domain = "", opset = 2 : i64, onnx_attrs = {mode = "reflect", pads = array<i64: 2, 1>}} : (tensor<4xf32>) -> tensor<7xf32>
  return %y : tensor<7xf32>
}

// -----

// Pad in edge mode expands the edge element; negative pads crop.
// CHECK-LABEL: func.func @pad_edge_crop_opset11
//  CHECK-SAME:   (%[[X:.+]]: tensor<5xf32>)
//       CHECK:   %[[CROP:.+]] = kiln.slice %[[X]] {limits = array<i64: 5>, starts = array<i64: 1>, strides = array<i64: 1>}
//       CHECK:   %[[LAST:.+]] = kiln.slice %[[CROP]] {limits = array<i64: 4>, starts = array<i64: 3>, strides = array<i64: 1>}
//       CHECK:   %[[EDGE:.+]] = kiln.expand %[[LAST]] : tensor<1xf32> -> tensor<2xf32>
//       CHECK:   kiln.concat %[[CROP]], %[[EDGE]]
func.func @pad_edge_crop_opset11(%x: tensor<5xf32>) -> tensor<6xf32> {
  %pads = kiln_onnx.constant dense<[-1, 2]> : tensor<2xi64>
  %y = kiln_onnx.node "Pad"(%x, %pads) {domain = "", opset = 11 : i64, onnx_attrs = {mode = "edge"}} : (tensor<5xf32>, tensor<2xi64>) -> tensor<6xf32>
  return %y : tensor<6xf32>
}

// -----

// DepthToSpace in DCR mode: reshape, transpose, reshape.
// CHECK-LABEL: func.func @depth_to_space_dcr_opset13
//       CHECK:   kiln.reshape %{{.+}} : tensor<1x8x2x3xf32> to tensor<1x2x2x2x2x3xf32>
//       CHECK:   kiln.transpose %{{.+}} {permutation = array<i64: 0, 3, 4, 1, 5, 2>}
//       CHECK:   kiln.reshape %{{.+}} : tensor<1x2x2x2x3x2xf32> to tensor<1x2x4x6xf32>
func.func @depth_to_space_dcr_opset13(%x: tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32> {
  %y = kiln_onnx.node "DepthToSpace"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {blocksize = 2 : i64}} : (tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32>
  return %y : tensor<1x2x4x6xf32>
}

// -----

// SpaceToDepth is the inverse rearrangement.
// CHECK-LABEL: func.func @space_to_depth_opset13
//       CHECK:   kiln.reshape %{{.+}} : tensor<1x2x4x6xf32> to tensor<1x2x2x2x3x2xf32>
//       CHECK:   kiln.transpose %{{.+}} {permutation = array<i64: 0, 3, 5, 1, 2, 4>}
//       CHECK:   kiln.reshape %{{.+}} : tensor<1x2x2x2x2x3xf32> to tensor<1x8x2x3xf32>
func.func @space_to_depth_opset13(%x: tensor<1x2x4x6xf32>) -> tensor<1x8x2x3xf32> {
  %y = kiln_onnx.node "SpaceToDepth"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {blocksize = 2 : i64}} : (tensor<1x2x4x6xf32>) -> tensor<1x8x2x3xf32>
  return %y : tensor<1x8x2x3xf32>
}

// -----

// Trilu with a constant k: a constant mask and a select.
// CHECK-LABEL: func.func @trilu_lower_opset14
//       CHECK:   %[[MASK:.+]] = kiln.constant dense<{{\[}}[true, true, false], [true, true, true]]> : tensor<2x3xi1>
//       CHECK:   kiln.select %[[MASK]]
func.func @trilu_lower_opset14(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %k = kiln_onnx.constant dense<1> : tensor<i64>
  %y = kiln_onnx.node "Trilu"(%x, %k) {domain = "", opset = 14 : i64, onnx_attrs = {upper = 0 : i64}} : (tensor<2x3xf32>, tensor<i64>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Trilu with a run-time k compares the columns with the rows plus k
// (col - row >= k), a row and a column of indices broadcast.
// CHECK-LABEL: func.func @trilu_runtime_k_opset14
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x2xf32>, %[[K:.+]]: tensor<i64>)
//       CHECK:   %[[ROWS:.+]] = kiln.constant dense<{{\[}}[0], [1]]> : tensor<2x1xi64>
//       CHECK:   %[[ROWSK:.+]] = kiln.add %[[K]], %[[ROWS]]
//       CHECK:   %[[COLS:.+]] = kiln.constant dense<{{\[}}[0, 1]]> : tensor<1x2xi64>
//       CHECK:   %[[MASK:.+]] = kiln.greater_equal %[[COLS]], %[[ROWSK]] : (tensor<1x2xi64>, tensor<2x1xi64>) -> tensor<2x2xi1>
//       CHECK:   kiln.select %[[MASK]], %[[X]]
func.func @trilu_runtime_k_opset14(%x: tensor<2x2xf32>, %k: tensor<i64>) -> tensor<2x2xf32> {
  %y = kiln_onnx.node "Trilu"(%x, %k) {domain = "", opset = 14 : i64} : (tensor<2x2xf32>, tensor<i64>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

// OneHot: wrap negative indices, compare with an iota along the new axis.
// CHECK-LABEL: func.func @one_hot_opset11
//  CHECK-SAME:   (%[[I:.+]]: tensor<3xi64>, %[[V:.+]]: tensor<2xf32>)
//       CHECK:   kiln.less %[[I]]
//       CHECK:   kiln.select
//       CHECK:   kiln.reshape %{{.+}} : tensor<3xi64> to tensor<3x1xi64>
//       CHECK:   %[[IOTA:.+]] = kiln.constant dense<{{\[}}[0, 1, 2, 3]]> : tensor<1x4xi64>
//       CHECK:   %[[HOT:.+]] = kiln.equal %{{.+}}, %[[IOTA]]
//       CHECK:   kiln.select %[[HOT]], %{{.+}}, %{{.+}} : (tensor<3x4xi1>, tensor<f32>, tensor<f32>) -> tensor<3x4xf32>
func.func @one_hot_opset11(%i: tensor<3xi64>, %v: tensor<2xf32>) -> tensor<3x4xf32> {
  %depth = kiln_onnx.constant dense<4> : tensor<i64>
  %y = kiln_onnx.node "OneHot"(%i, %depth, %v) {domain = "", opset = 11 : i64} : (tensor<3xi64>, tensor<i64>, tensor<2xf32>) -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}

// -----

// Undeclared types (`!kiln_onnx.unknown`), graph outputs included, get the
// inferred ones.
// CHECK-LABEL: func.func @identity_unknown_output_opset16
//  CHECK-SAME:   -> (tensor<2x3xf32> {kiln_onnx.name = "y"})
func.func @identity_unknown_output_opset16(%x: tensor<2x3xf32>) -> (!kiln_onnx.unknown {kiln_onnx.name = "y"}) {
  %y = kiln_onnx.node "Identity"(%x) {domain = "", opset = 16 : i64} : (tensor<2x3xf32>) -> !kiln_onnx.unknown
  return %y : !kiln_onnx.unknown
}
