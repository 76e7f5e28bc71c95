// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln | FileCheck %s

// GridSample bilinear with zeros padding: pixel coordinates from the grid,
// four taps gathered from the flattened image, masked outside it, weighted.
// CHECK-LABEL: func.func @grid_sample_bilinear_opset16
//  CHECK-SAME:   (%[[X:.+]]: tensor<1x2x3x4xf32>, %[[G:.+]]: tensor<1x5x6x2xf32>)
//       CHECK:   %[[FLAT:.+]] = kiln.reshape %[[X]] : tensor<1x2x3x4xf32> to tensor<1x2x12xf32>
//       CHECK:   kiln.floor
//       CHECK:   kiln.and
//       CHECK:   kiln.gather_elements %[[FLAT]], %{{.+}} {axis = 2 : i64} : (tensor<1x2x12xf32>, tensor<1x2x30xi64>) -> tensor<1x2x30xf32>
//       CHECK:   kiln.select
// CHECK-COUNT-3:   kiln.gather_elements
//       CHECK:   kiln.add
func.func @grid_sample_bilinear_opset16(%x: tensor<1x2x3x4xf32>, %g: tensor<1x5x6x2xf32>) -> tensor<1x2x5x6xf32> {
  %y = kiln_onnx.node "GridSample"(%x, %g) {domain = "", opset = 16 : i64} : (tensor<1x2x3x4xf32>, tensor<1x5x6x2xf32>) -> tensor<1x2x5x6xf32>
  return %y : tensor<1x2x5x6xf32>
}

// -----

// Nearest with border padding: round half to even, clamp, one gather.
// CHECK-LABEL: func.func @grid_sample_nearest_border_opset16
//       CHECK:   kiln.round
//       CHECK:   kiln.clip
// CHECK-COUNT-1:   kiln.gather_elements
//   CHECK-NOT:   kiln.gather_elements
func.func @grid_sample_nearest_border_opset16(%x: tensor<1x1x3x2xf32>, %g: tensor<1x2x4x2xf32>) -> tensor<1x1x2x4xf32> {
  %y = kiln_onnx.node "GridSample"(%x, %g) {domain = "", opset = 16 : i64, onnx_attrs = {align_corners = 1 : i64, mode = "nearest", padding_mode = "border"}} : (tensor<1x1x3x2xf32>, tensor<1x2x4x2xf32>) -> tensor<1x1x2x4xf32>
  return %y : tensor<1x1x2x4xf32>
}

// -----

// Bicubic with reflection padding: 16 taps.
// CHECK-LABEL: func.func @grid_sample_bicubic_reflection_opset16
// CHECK-COUNT-16:   kiln.gather_elements
func.func @grid_sample_bicubic_reflection_opset16(%x: tensor<1x1x3x2xf32>, %g: tensor<1x2x4x2xf32>) -> tensor<1x1x2x4xf32> {
  %y = kiln_onnx.node "GridSample"(%x, %g) {domain = "", opset = 16 : i64, onnx_attrs = {mode = "bicubic", padding_mode = "reflection"}} : (tensor<1x1x3x2xf32>, tensor<1x2x4x2xf32>) -> tensor<1x1x2x4xf32>
  return %y : tensor<1x1x2x4xf32>
}

// -----

// Resize 13, nearest with constant scales: per axis, a gather of the
// source positions (half_pixel, round_prefer_floor), computed at compile
// time; unscaled axes are untouched.
// CHECK-LABEL: func.func @resize_nearest_scales_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<1x1x2x2xf32>)
//       CHECK:   %[[I2:.+]] = kiln.constant dense<[0, 0, 1, 1]> : tensor<4xi64>
//       CHECK:   %[[G2:.+]] = kiln.gather %[[X]], %[[I2]] {axis = 2 : i64} : (tensor<1x1x2x2xf32>, tensor<4xi64>) -> tensor<1x1x4x2xf32>
//       CHECK:   %[[I3:.+]] = kiln.constant dense<[0, 0, 0, 1, 1, 1]> : tensor<6xi64>
//       CHECK:   kiln.gather %[[G2]], %[[I3]] {axis = 3 : i64} : (tensor<1x1x4x2xf32>, tensor<6xi64>) -> tensor<1x1x4x6xf32>
//   CHECK-NOT:   kiln.mul
func.func @resize_nearest_scales_opset13(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x6xf32> {
  %none = kiln_onnx.none
  %scales = kiln_onnx.constant dense<[1.0, 1.0, 2.0, 3.0]> : tensor<4xf32>
  %y = kiln_onnx.node "Resize"(%x, %none, %scales) {domain = "", opset = 13 : i64, onnx_attrs = {mode = "nearest"}} : (tensor<1x1x2x2xf32>, none, tensor<4xf32>) -> tensor<1x1x4x6xf32>
  return %y : tensor<1x1x4x6xf32>
}

// -----

// Linear with sizes: two neighbours per position, constant weights, a sum.
// CHECK-LABEL: func.func @resize_linear_sizes_opset11
//       CHECK:   %[[G:.+]] = kiln.gather %{{.+}}, %{{.+}} {axis = 1 : i64} : (tensor<1x4xf32>, tensor<2x2xi64>) -> tensor<1x2x2xf32>
//       CHECK:   %[[W:.+]] = kiln.constant dense<5.000000e-01> : tensor<1x2x2xf32>
//       CHECK:   %[[M:.+]] = kiln.mul %[[G]], %[[W]]
//       CHECK:   kiln.reduce_sum %[[M]] {axes = array<i64: 2>, keep_dims = false} : tensor<1x2x2xf32> -> tensor<1x2xf32>
func.func @resize_linear_sizes_opset11(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %roi = kiln_onnx.constant dense<> : tensor<0xf32>
  %scales = kiln_onnx.constant dense<> : tensor<0xf32>
  %sizes = kiln_onnx.constant dense<[1, 2]> : tensor<2xi64>
  %y = kiln_onnx.node "Resize"(%x, %roi, %scales, %sizes) {domain = "", opset = 11 : i64, onnx_attrs = {mode = "linear"}} : (tensor<1x4xf32>, tensor<0xf32>, tensor<0xf32>, tensor<2xi64>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

// tf_crop_and_resize replaces positions whose source is outside the input
// with extrapolation_value.
// CHECK-LABEL: func.func @resize_crop_extrapolation_opset13
//       CHECK:   %[[MASK:.+]] = kiln.constant dense<[false, false, true]> : tensor<3xi1>
//       CHECK:   %[[V:.+]] = kiln.constant dense<1.000000e+01> : tensor<f32>
//       CHECK:   kiln.select %[[MASK]], %[[V]], %{{.+}}
func.func @resize_crop_extrapolation_opset13(%x: tensor<4xf32>) -> tensor<3xf32> {
  %roi = kiln_onnx.constant dense<[0.5, 1.2]> : tensor<2xf32>
  %none = kiln_onnx.none
  %sizes = kiln_onnx.constant dense<[3]> : tensor<1xi64>
  %y = kiln_onnx.node "Resize"(%x, %roi, %none, %sizes) {domain = "", opset = 13 : i64, onnx_attrs = {coordinate_transformation_mode = "tf_crop_and_resize", extrapolation_value = 10.0 : f32, mode = "linear"}} : (tensor<4xf32>, tensor<2xf32>, none, tensor<1xi64>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}

// -----

// Upsample 9 (and Resize 10): asymmetric, nearest takes the floor.
// CHECK-LABEL: func.func @upsample_nearest_opset9
//       CHECK:   %[[I:.+]] = kiln.constant dense<[0, 0, 0, 1, 1, 1]> : tensor<6xi64>
//       CHECK:   kiln.gather %{{.+}}, %[[I]] {axis = 1 : i64} : (tensor<2x2xf32>, tensor<6xi64>) -> tensor<2x6xf32>
func.func @upsample_nearest_opset9(%x: tensor<2x2xf32>) -> tensor<2x6xf32> {
  %scales = kiln_onnx.constant dense<[1.0, 3.0]> : tensor<2xf32>
  %y = kiln_onnx.node "Upsample"(%x, %scales) {domain = "", opset = 9 : i64, onnx_attrs = {mode = "nearest"}} : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}
