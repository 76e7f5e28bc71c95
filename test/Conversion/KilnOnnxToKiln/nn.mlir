// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln | FileCheck %s

// Conv without attributes: every default explicit, the kernel from the
// weights.
// CHECK-LABEL: func.func @conv_defaults_opset11
//  CHECK-SAME:   (%[[X:.+]]: tensor<1x3x8x8xf32>, %[[W:.+]]: tensor<4x3x3x3xf32>)
//       CHECK:   kiln.conv %[[X]], %[[W]] {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
func.func @conv_defaults_opset11(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  %y = kiln_onnx.node "Conv"(%x, %w) {domain = "", opset = 11 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

// Conv with bias, strides, pads and groups as the zoo models write them.
// CHECK-LABEL: func.func @conv_bias_group_opset11
//  CHECK-SAME:   (%[[X:.+]]: tensor<1x4x8x8xf32>, %[[W:.+]]: tensor<4x1x3x3xf32>, %[[B:.+]]: tensor<4xf32>)
//       CHECK:   kiln.conv %[[X]], %[[W]], %[[B]] {dilations = array<i64: 1, 1>, group = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
//  CHECK-SAME:   -> tensor<1x4x4x4xf32>
func.func @conv_bias_group_opset11(%x: tensor<1x4x8x8xf32>, %w: tensor<4x1x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x4xf32> {
  %y = kiln_onnx.node "Conv"(%x, %w, %b) {domain = "", opset = 11 : i64, onnx_attrs = {dilations = array<i64: 1, 1>, group = 4 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}} : (tensor<1x4x8x8xf32>, tensor<4x1x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// -----

// auto_pad = SAME_UPPER: ceil(in / stride) outputs, the odd pad at the end;
// SAME_LOWER puts it at the beginning.
// CHECK-LABEL: func.func @conv_auto_pad_same_opset1
//       CHECK:   kiln.conv {{.+}} pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>} {{.+}} -> tensor<1x1x3x3xf32>
//       CHECK:   kiln.conv {{.+}} pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>} {{.+}} -> tensor<1x1x3x3xf32>
func.func @conv_auto_pad_same_opset1(%x: tensor<1x1x5x5xf32>, %w: tensor<1x1x2x2xf32>) -> (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>) {
  %a = kiln_onnx.node "Conv"(%x, %w) {domain = "", opset = 1 : i64, onnx_attrs = {auto_pad = "SAME_UPPER", strides = array<i64: 2, 2>}} : (tensor<1x1x5x5xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x3x3xf32>
  %b = kiln_onnx.node "Conv"(%x, %w) {domain = "", opset = 1 : i64, onnx_attrs = {auto_pad = "SAME_LOWER", strides = array<i64: 2, 2>}} : (tensor<1x1x5x5xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x3x3xf32>
  return %a, %b : tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>
}

// -----

// MaxPool 12 with ceil_mode and dilations.
// CHECK-LABEL: func.func @max_pool_ceil_opset12
//       CHECK:   kiln.max_pool %{{.+}} {ceil_mode = true, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
func.func @max_pool_ceil_opset12(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  %y = kiln_onnx.node "MaxPool"(%x) {domain = "", opset = 12 : i64, onnx_attrs = {ceil_mode = 1 : i64, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>}} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}

// -----

// MaxPool 8 has an Indices output; unused, it is fine.
// CHECK-LABEL: func.func @max_pool_unused_indices_opset8
//       CHECK:   kiln.max_pool %{{.+}} {ceil_mode = false, dilations = array<i64: 1>
func.func @max_pool_unused_indices_opset8(%x: tensor<1x1x4xf32>) -> tensor<1x1x3xf32> {
  %y, %i = kiln_onnx.node "MaxPool"(%x) {domain = "", opset = 8 : i64, onnx_attrs = {kernel_shape = array<i64: 2>}} : (tensor<1x1x4xf32>) -> (tensor<1x1x3xf32>, tensor<1x1x3xi64>)
  return %y : tensor<1x1x3xf32>
}

// -----

// A used Indices output: every kernel tap is a strided slice of the input
// padded with the lowest value; a running maximum keeps the first strictly
// greater tap and its constant flat indices.
// CHECK-LABEL: func.func @max_pool_indices_opset12
//  CHECK-SAME:   (%[[X:.+]]: tensor<1x1x3x3xf32>)
//       CHECK:   %[[V:.+]] = kiln.max_pool %[[X]]
//       CHECK:   %[[LOW:.+]] = kiln.constant dense<-3.40282347E+38> : tensor<1x1x1x3xf32>
//       CHECK:   kiln.concat %[[LOW]], %[[X]] {axis = 2 : i64}
//       CHECK:   kiln.slice
//       CHECK:   %[[IDX0:.+]] = kiln.constant dense<{{\[\[\[\[}}-3, -2], [0, 1], [3, 4]]]]> : tensor<1x1x3x2xi64>
//       CHECK:   %[[GT:.+]] = kiln.greater
//       CHECK:   kiln.select %[[GT]]
//       CHECK:   %[[I:.+]] = kiln.select %[[GT]], %{{.+}}, %[[IDX0]]
//       CHECK:   return %[[V]], %{{.+}}
func.func @max_pool_indices_opset12(%x: tensor<1x1x3x3xf32>) -> (tensor<1x1x3x2xf32>, tensor<1x1x3x2xi64>) {
  %y, %i = kiln_onnx.node "MaxPool"(%x) {domain = "", opset = 12 : i64, onnx_attrs = {kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 0, 0, 0>, strides = array<i64: 1, 1>}} : (tensor<1x1x3x3xf32>) -> (tensor<1x1x3x2xf32>, tensor<1x1x3x2xi64>)
  return %y, %i : tensor<1x1x3x2xf32>, tensor<1x1x3x2xi64>
}

// -----

// AveragePool 11 with count_include_pad.
// CHECK-LABEL: func.func @average_pool_pads_opset11
//       CHECK:   kiln.avg_pool %{{.+}} {ceil_mode = false, count_include_pad = true, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
func.func @average_pool_pads_opset11(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %y = kiln_onnx.node "AveragePool"(%x) {domain = "", opset = 11 : i64, onnx_attrs = {count_include_pad = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %y : tensor<1x2x4x4xf32>
}

// -----

// GlobalAveragePool and GlobalMaxPool reduce the spatial axes, kept as 1.
// CHECK-LABEL: func.func @global_pools_opset1
//       CHECK:   kiln.reduce_mean %{{.+}} {axes = array<i64: 2, 3>, keep_dims = true} : tensor<1x8x7x7xf32> -> tensor<1x8x1x1xf32>
//       CHECK:   kiln.reduce_max %{{.+}} {axes = array<i64: 2, 3>, keep_dims = true} : tensor<1x8x7x7xf32> -> tensor<1x8x1x1xf32>
func.func @global_pools_opset1(%x: tensor<1x8x7x7xf32>) -> (tensor<1x8x1x1xf32>, tensor<1x8x1x1xf32>) {
  %a = kiln_onnx.node "GlobalAveragePool"(%x) {domain = "", opset = 1 : i64} : (tensor<1x8x7x7xf32>) -> tensor<1x8x1x1xf32>
  %b = kiln_onnx.node "GlobalMaxPool"(%x) {domain = "", opset = 1 : i64} : (tensor<1x8x7x7xf32>) -> tensor<1x8x1x1xf32>
  return %a, %b : tensor<1x8x1x1xf32>, tensor<1x8x1x1xf32>
}

// -----

// Softmax 13 works along one axis (default -1).
// CHECK-LABEL: func.func @softmax_default_axis_opset13
//       CHECK:   kiln.softmax %{{.+}} {axis = 2 : i64} : tensor<2x3x4xf32>
func.func @softmax_default_axis_opset13(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %y = kiln_onnx.node "Softmax"(%x) {domain = "", opset = 13 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// -----

// Softmax 11 flattens to 2-D at axis (default 1), normalizes the rows and
// restores the shape; LogSoftmax 11 too.
// CHECK-LABEL: func.func @softmax_flatten_opset11
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x3x4xf32>)
//       CHECK:   %[[FLAT:.+]] = kiln.reshape %[[X]] : tensor<2x3x4xf32> to tensor<2x12xf32>
//       CHECK:   %[[S:.+]] = kiln.softmax %[[FLAT]] {axis = 1 : i64} : tensor<2x12xf32>
//       CHECK:   kiln.reshape %[[S]] : tensor<2x12xf32> to tensor<2x3x4xf32>
//       CHECK:   kiln.log_softmax %{{.+}} {axis = 1 : i64} : tensor<6x4xf32>
func.func @softmax_flatten_opset11(%x: tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %y = kiln_onnx.node "Softmax"(%x) {domain = "", opset = 11 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %z = kiln_onnx.node "LogSoftmax"(%x) {domain = "", opset = 11 : i64, onnx_attrs = {axis = -1 : i64}} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %y, %z : tensor<2x3x4xf32>, tensor<2x3x4xf32>
}

// -----

// Hardmax 13: top_k (k = 1) index compared with an iota, cast to x's type.
// CHECK-LABEL: func.func @hardmax_opset13
//       CHECK:   %{{.+}}, %[[IDX:.+]] = kiln.top_k %{{.+}} {axis = 1 : i64, k = 1 : i64, largest = true, sorted = true}
//       CHECK:   %[[IOTA:.+]] = kiln.constant dense<{{\[}}[0, 1, 2]]> : tensor<1x3xi64>
//       CHECK:   %[[HOT:.+]] = kiln.equal %[[IDX]], %[[IOTA]]
//       CHECK:   kiln.cast %[[HOT]] : tensor<2x3xi1> to tensor<2x3xf32>
func.func @hardmax_opset13(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = kiln_onnx.node "Hardmax"(%x) {domain = "", opset = 13 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// BatchNormalization 15 in inference mode.
// CHECK-LABEL: func.func @batch_norm_opset15
//       CHECK:   kiln.batch_norm %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} {epsilon = 9.99999974E-6 : f32}
func.func @batch_norm_opset15(%x: tensor<1x2x3xf32>, %s: tensor<2xf32>, %b: tensor<2xf32>, %m: tensor<2xf32>, %v: tensor<2xf32>) -> tensor<1x2x3xf32> {
  %y = kiln_onnx.node "BatchNormalization"(%x, %s, %b, %m, %v) {domain = "", opset = 15 : i64} : (tensor<1x2x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3xf32>
  return %y : tensor<1x2x3xf32>
}

// -----

// BatchNormalization 6: is_test and spatial = 1 change nothing.
// CHECK-LABEL: func.func @batch_norm_is_test_opset6
//       CHECK:   kiln.batch_norm
func.func @batch_norm_is_test_opset6(%x: tensor<1x2x3xf32>, %s: tensor<2xf32>, %b: tensor<2xf32>, %m: tensor<2xf32>, %v: tensor<2xf32>) -> tensor<1x2x3xf32> {
  %y = kiln_onnx.node "BatchNormalization"(%x, %s, %b, %m, %v) {domain = "", opset = 6 : i64, onnx_attrs = {is_test = 1 : i64, spatial = 1 : i64}} : (tensor<1x2x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3xf32>
  return %y : tensor<1x2x3xf32>
}

// -----

// BatchNormalization 15 with training_mode: batch statistics over all axes
// but the channels, and updated running statistics.
// CHECK-LABEL: func.func @batch_norm_training_opset15
//       CHECK:   kiln.reduce_mean %{{.+}} {axes = array<i64: 0, 2>, keep_dims = true}
//       CHECK:   kiln.sqrt
//       CHECK:   kiln.reduce_mean %{{.+}} {axes = array<i64: 0, 2>, keep_dims = false}
//   CHECK-NOT:   kiln.batch_norm
func.func @batch_norm_training_opset15(%x: tensor<1x2x3xf32>, %s: tensor<2xf32>, %b: tensor<2xf32>, %m: tensor<2xf32>, %v: tensor<2xf32>) -> (tensor<1x2x3xf32>, tensor<2xf32>, tensor<2xf32>) {
  %y, %rm, %rv = kiln_onnx.node "BatchNormalization"(%x, %s, %b, %m, %v) {domain = "", opset = 15 : i64, onnx_attrs = {training_mode = 1 : i64}} : (tensor<1x2x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x3xf32>, tensor<2xf32>, tensor<2xf32>)
  return %y, %rm, %rv : tensor<1x2x3xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// InstanceNormalization: statistics over the spatial axes, per-channel
// scale and bias reshaped to broadcast.
// CHECK-LABEL: func.func @instance_norm_opset6
//       CHECK:   kiln.reduce_mean %{{.+}} {axes = array<i64: 2, 3>, keep_dims = true}
//       CHECK:   kiln.reshape %{{.+}} : tensor<3xf32> to tensor<1x3x1x1xf32>
//       CHECK:   kiln.reshape %{{.+}} : tensor<3xf32> to tensor<1x3x1x1xf32>
func.func @instance_norm_opset6(%x: tensor<2x3x4x5xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<2x3x4x5xf32> {
  %y = kiln_onnx.node "InstanceNormalization"(%x, %s, %b) {domain = "", opset = 6 : i64} : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
  return %y : tensor<2x3x4x5xf32>
}

// -----

// LayerNormalization with only Y used is one kiln.layer_norm.
// CHECK-LABEL: func.func @layer_norm_opset17
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x8xf32>, %[[S:.+]]: tensor<8xf32>, %[[B:.+]]: tensor<8xf32>)
//       CHECK:   kiln.layer_norm %[[X]], %[[S]], %[[B]] {axis = 1 : i64, epsilon = 9.99999996E-13 : f32}
//   CHECK-NOT:   kiln.reduce_mean
func.func @layer_norm_opset17(%x: tensor<2x8xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<2x8xf32> {
  %y, %mean, %inv = kiln_onnx.node "LayerNormalization"(%x, %s, %b) {domain = "", opset = 17 : i64, onnx_attrs = {axis = -1 : i64, epsilon = 1.0e-12 : f32}} : (tensor<2x8xf32>, tensor<8xf32>, tensor<8xf32>) -> (tensor<2x8xf32>, tensor<2x1xf32>, tensor<2x1xf32>)
  return %y : tensor<2x8xf32>
}

// -----

// LayerNormalization without bias gets a zero bias; used Mean and
// InvStdDev outputs come from reductions.
// CHECK-LABEL: func.func @layer_norm_statistics_opset17
//       CHECK:   %[[ZERO:.+]] = kiln.constant dense<0.000000e+00> : tensor<4xf32>
//       CHECK:   %[[Y:.+]] = kiln.layer_norm %{{.+}}, %{{.+}}, %[[ZERO]] {axis = 1 : i64
//       CHECK:   %[[MEAN:.+]] = kiln.reduce_mean %{{.+}} {axes = array<i64: 1, 2>, keep_dims = true} : tensor<3x2x4xf32> -> tensor<3x1x1xf32>
//       CHECK:   %[[INV:.+]] = kiln.reciprocal
//       CHECK:   return %[[Y]], %[[MEAN]], %[[INV]]
func.func @layer_norm_statistics_opset17(%x: tensor<3x2x4xf32>, %s: tensor<4xf32>) -> (tensor<3x2x4xf32>, tensor<3x1x1xf32>, tensor<3x1x1xf32>) {
  %y, %mean, %inv = kiln_onnx.node "LayerNormalization"(%x, %s) {domain = "", opset = 17 : i64, onnx_attrs = {axis = 1 : i64}} : (tensor<3x2x4xf32>, tensor<4xf32>) -> (tensor<3x2x4xf32>, tensor<3x1x1xf32>, tensor<3x1x1xf32>)
  return %y, %mean, %inv : tensor<3x2x4xf32>, tensor<3x1x1xf32>, tensor<3x1x1xf32>
}

// -----

// MeanVarianceNormalization over the default axes [0, 2, 3].
// CHECK-LABEL: func.func @mean_variance_norm_opset13
//       CHECK:   kiln.reduce_mean %{{.+}} {axes = array<i64: 0, 2, 3>, keep_dims = true}
//       CHECK:   kiln.sqrt
//       CHECK:   kiln.div
func.func @mean_variance_norm_opset13(%x: tensor<2x3x4x5xf32>) -> tensor<2x3x4x5xf32> {
  %y = kiln_onnx.node "MeanVarianceNormalization"(%x) {domain = "", opset = 13 : i64} : (tensor<2x3x4x5xf32>) -> tensor<2x3x4x5xf32>
  return %y : tensor<2x3x4x5xf32>
}

// -----

// LRN: an average pool of x^2 across channels, count_include_pad.
// CHECK-LABEL: func.func @lrn_opset13
//       CHECK:   kiln.reshape %{{.+}} : tensor<1x5x2x2xf32> to tensor<1x1x5x4xf32>
//       CHECK:   kiln.avg_pool %{{.+}} {ceil_mode = false, count_include_pad = true, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 1>, pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 1, 1>}
//       CHECK:   kiln.pow
//       CHECK:   kiln.div
func.func @lrn_opset13(%x: tensor<1x5x2x2xf32>) -> tensor<1x5x2x2xf32> {
  %y = kiln_onnx.node "LRN"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {size = 3 : i64}} : (tensor<1x5x2x2xf32>) -> tensor<1x5x2x2xf32>
  return %y : tensor<1x5x2x2xf32>
}

// -----

// Dropout is its input in inference; an unused mask costs nothing.
// CHECK-LABEL: func.func @dropout_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<4xf32>)
//       CHECK:   return %[[X]]
func.func @dropout_opset13(%x: tensor<4xf32>) -> tensor<4xf32> {
  %ratio = kiln_onnx.constant dense<0.5> : tensor<f32>
  %y, %mask = kiln_onnx.node "Dropout"(%x, %ratio) {domain = "", opset = 13 : i64} : (tensor<4xf32>, tensor<f32>) -> (tensor<4xf32>, tensor<4xi1>)
  return %y : tensor<4xf32>
}

// -----

// A used Dropout mask is all true.
// CHECK-LABEL: func.func @dropout_mask_opset12
//       CHECK:   %[[MASK:.+]] = kiln.constant dense<true> : tensor<4xi1>
//       CHECK:   return %{{.+}}, %[[MASK]]
func.func @dropout_mask_opset12(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xi1>) {
  %y, %mask = kiln_onnx.node "Dropout"(%x) {domain = "", opset = 12 : i64, onnx_attrs = {seed = 3 : i64}} : (tensor<4xf32>) -> (tensor<4xf32>, tensor<4xi1>)
  return %y, %mask : tensor<4xf32>, tensor<4xi1>
}

// -----

// ConvTranspose: the input spread by the strides (zeros inserted through a
// concat), padded by kernel - 1 - pads, convolved with the flipped weights
// whose channel dimensions are swapped.
// CHECK-LABEL: func.func @conv_transpose_strides_opset11
//  CHECK-SAME:   (%[[X:.+]]: tensor<1x1x3x3xf32>, %[[W:.+]]: tensor<1x2x3x3xf32>)
//       CHECK:   kiln.concat
//       CHECK:   kiln.slice %{{.+}} {limits = array<i64: 1, 1, 7, 3>
//       CHECK:   %[[WT:.+]] = kiln.transpose %{{.+}} {permutation = array<i64: 0, 2, 1, 3, 4>} : tensor<1x1x2x3x3xf32> -> tensor<1x2x1x3x3xf32>
//       CHECK:   %[[WR:.+]] = kiln.reshape %[[WT]] : tensor<1x2x1x3x3xf32> to tensor<2x1x3x3xf32>
//       CHECK:   %[[FLIP:.+]] = kiln.slice %[[WR]] {limits = array<i64: 2, 1, -1, -1>, starts = array<i64: 0, 0, 2, 2>, strides = array<i64: 1, 1, -1, -1>}
//       CHECK:   kiln.conv %{{.+}}, %[[FLIP]] {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 2, 1, 2, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x7x5xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x9x5xf32>
func.func @conv_transpose_strides_opset11(%x: tensor<1x1x3x3xf32>, %w: tensor<1x2x3x3xf32>) -> tensor<1x2x9x5xf32> {
  %y = kiln_onnx.node "ConvTranspose"(%x, %w) {domain = "", opset = 11 : i64, onnx_attrs = {pads = array<i64: 0, 1, 0, 1>, strides = array<i64: 3, 2>}} : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x9x5xf32>
  return %y : tensor<1x2x9x5xf32>
}

// -----

// ConvTranspose with output_shape: the pads follow from it (floor division:
// an output past the full transposed convolution pads at the end).
// CHECK-LABEL: func.func @conv_transpose_output_shape_opset11
//       CHECK:   kiln.conv {{.+}} pads = array<i64: 2, 2, 3, 3>, strides = array<i64: 1, 1>} {{.+}} -> tensor<1x2x10x8xf32>
func.func @conv_transpose_output_shape_opset11(%x: tensor<1x1x3x3xf32>, %w: tensor<1x2x3x3xf32>) -> tensor<1x2x10x8xf32> {
  %y = kiln_onnx.node "ConvTranspose"(%x, %w) {domain = "", opset = 11 : i64, onnx_attrs = {output_shape = array<i64: 10, 8>, strides = array<i64: 3, 2>}} : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x10x8xf32>
  return %y : tensor<1x2x10x8xf32>
}
