// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln | FileCheck %s

// DFT of a real signal along axis 1: products with constant cosine and
// sine matrices, the parts stacked in the last dimension.
// CHECK-LABEL: func.func @dft_real_opset17
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x4x1xf32>)
//       CHECK:   %[[A:.+]] = kiln.reshape %[[X]] : tensor<2x4x1xf32> to tensor<2x4xf32>
//       CHECK:   %[[COS:.+]] = kiln.constant dense<{{\[}}[1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00], [1.000000e+00, 6.12323426E-17, -1.000000e+00, -1.83697015E-16]
//       CHECK:   %[[SIN:.+]] = kiln.constant
//       CHECK:   %[[RE:.+]] = kiln.matmul %[[A]], %[[COS]]
//       CHECK:   %[[AS:.+]] = kiln.matmul %[[A]], %[[SIN]]
//       CHECK:   %[[IM:.+]] = kiln.neg %[[AS]]
//       CHECK:   kiln.concat %{{.+}}, %{{.+}} {axis = 2 : i64} : (tensor<2x4x1xf32>, tensor<2x4x1xf32>) -> tensor<2x4x2xf32>
func.func @dft_real_opset17(%x: tensor<2x4x1xf32>) -> tensor<2x4x2xf32> {
  %y = kiln_onnx.node "DFT"(%x) {domain = "", opset = 17 : i64} : (tensor<2x4x1xf32>) -> tensor<2x4x2xf32>
  return %y : tensor<2x4x2xf32>
}

// -----

// Onesided DFT keeps n / 2 + 1 frequencies; dft_length zero-pads the
// signal.
// CHECK-LABEL: func.func @dft_onesided_length_opset17
//       CHECK:   kiln.concat %{{.+}}, %{{.+}} {axis = 1 : i64} : (tensor<1x3xf32>, tensor<1x3xf32>) -> tensor<1x6xf32>
//       CHECK:   kiln.matmul %{{.+}}, %{{.+}} : (tensor<1x6xf32>, tensor<6x4xf32>) -> tensor<1x4xf32>
func.func @dft_onesided_length_opset17(%x: tensor<1x3x1xf32>) -> tensor<1x4x2xf32> {
  %n = kiln_onnx.constant dense<6> : tensor<i64>
  %y = kiln_onnx.node "DFT"(%x, %n) {domain = "", opset = 17 : i64, onnx_attrs = {onesided = 1 : i64}} : (tensor<1x3x1xf32>, tensor<i64>) -> tensor<1x4x2xf32>
  return %y : tensor<1x4x2xf32>
}

// -----

// The inverse DFT of a complex signal scales by 1/n.
// CHECK-LABEL: func.func @dft_inverse_complex_opset17
//       CHECK:   kiln.sub
//       CHECK:   %[[N:.+]] = kiln.constant dense<2.500000e-01> : tensor<f32>
//       CHECK:   kiln.mul %{{.+}}, %[[N]]
func.func @dft_inverse_complex_opset17(%x: tensor<1x4x2xf32>) -> tensor<1x4x2xf32> {
  %y = kiln_onnx.node "DFT"(%x) {domain = "", opset = 17 : i64, onnx_attrs = {inverse = 1 : i64}} : (tensor<1x4x2xf32>) -> tensor<1x4x2xf32>
  return %y : tensor<1x4x2xf32>
}

// -----

// A window of constant size is a constant (here a periodic Hann window).
// CHECK-LABEL: func.func @hann_window_opset17
//       CHECK:   kiln.constant dense<[0.000000e+00, 5.000000e-01, 1.000000e+00, 5.000000e-01]> : tensor<4xf32>
func.func @hann_window_opset17() -> tensor<4xf32> {
  %n = kiln_onnx.constant dense<4> : tensor<i64>
  %y = kiln_onnx.node "HannWindow"(%n) {domain = "", opset = 17 : i64} : (tensor<i64>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}
