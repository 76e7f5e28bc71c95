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
