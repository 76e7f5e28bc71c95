// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln | FileCheck %s

// QuantizeLinear 13 per axis: scale and zero point broadcast along axis 1;
// round half to even, add the zero point, saturate, cast.
// CHECK-LABEL: func.func @quantize_linear_axis_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<1x3x2xf32>, %[[S:.+]]: tensor<3xf32>, %[[Z:.+]]: tensor<3xi8>)
//       CHECK:   %[[S2:.+]] = kiln.reshape %[[S]] : tensor<3xf32> to tensor<1x3x1xf32>
//       CHECK:   %[[D:.+]] = kiln.div %[[X]], %[[S2]]
//       CHECK:   %[[Z2:.+]] = kiln.reshape %[[Z]] : tensor<3xi8> to tensor<1x3x1xi8>
//       CHECK:   %[[R:.+]] = kiln.round %[[D]]
//       CHECK:   %[[ZF:.+]] = kiln.cast %[[Z2]] : tensor<1x3x1xi8> to tensor<1x3x1xf32>
//       CHECK:   %[[A:.+]] = kiln.add %[[R]], %[[ZF]]
//       CHECK:   %[[C:.+]] = kiln.clip %[[A]] {max = 1.270000e+02 : f64, min = -1.280000e+02 : f64}
//       CHECK:   kiln.cast %[[C]] : tensor<1x3x2xf32> to tensor<1x3x2xi8>
func.func @quantize_linear_axis_opset13(%x: tensor<1x3x2xf32>, %s: tensor<3xf32>, %z: tensor<3xi8>) -> tensor<1x3x2xi8> {
  %y = kiln_onnx.node "QuantizeLinear"(%x, %s, %z) {domain = "", opset = 13 : i64} : (tensor<1x3x2xf32>, tensor<3xf32>, tensor<3xi8>) -> tensor<1x3x2xi8>
  return %y : tensor<1x3x2xi8>
}

// -----

// QuantizeLinear 10 without a zero point quantizes to uint8.
// CHECK-LABEL: func.func @quantize_linear_no_zero_point_opset10
//       CHECK:   kiln.clip %{{.+}} {max = 2.550000e+02 : f64, min = 0.000000e+00 : f64}
//       CHECK:   kiln.cast %{{.+}} : tensor<4xf32> to tensor<4xui8>
func.func @quantize_linear_no_zero_point_opset10(%x: tensor<4xf32>, %s: tensor<f32>) -> tensor<4xui8> {
  %y = kiln_onnx.node "QuantizeLinear"(%x, %s) {domain = "", opset = 10 : i64} : (tensor<4xf32>, tensor<f32>) -> tensor<4xui8>
  return %y : tensor<4xui8>
}

// -----

// DequantizeLinear: (x - zero_point) * scale in the scale's type.
// CHECK-LABEL: func.func @dequantize_linear_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<4xui8>, %[[S:.+]]: tensor<f32>, %[[Z:.+]]: tensor<ui8>)
//       CHECK:   %[[XF:.+]] = kiln.cast %[[X]] : tensor<4xui8> to tensor<4xf32>
//       CHECK:   %[[ZF:.+]] = kiln.cast %[[Z]] : tensor<ui8> to tensor<f32>
//       CHECK:   %[[D:.+]] = kiln.sub %[[XF]], %[[ZF]]
//       CHECK:   kiln.mul %[[D]], %[[S]]
func.func @dequantize_linear_opset13(%x: tensor<4xui8>, %s: tensor<f32>, %z: tensor<ui8>) -> tensor<4xf32> {
  %y = kiln_onnx.node "DequantizeLinear"(%x, %s, %z) {domain = "", opset = 13 : i64} : (tensor<4xui8>, tensor<f32>, tensor<ui8>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// DynamicQuantizeLinear: the range, widened to include 0, from reductions.
// CHECK-LABEL: func.func @dynamic_quantize_linear_opset11
//       CHECK:   kiln.reduce_max %{{.+}} {axes = array<i64: 0, 1>, keep_dims = false}
//       CHECK:   kiln.reduce_min %{{.+}} {axes = array<i64: 0, 1>, keep_dims = false}
//       CHECK:   %[[SCALE:.+]] = kiln.div
//       CHECK:   kiln.cast %{{.+}} : tensor<f32> to tensor<ui8>
//       CHECK:   kiln.cast %{{.+}} : tensor<2x3xf32> to tensor<2x3xui8>
//       CHECK:   return %{{.+}}, %[[SCALE]], %{{.+}}
func.func @dynamic_quantize_linear_opset11(%x: tensor<2x3xf32>) -> (tensor<2x3xui8>, tensor<f32>, tensor<ui8>) {
  %y, %s, %z = kiln_onnx.node "DynamicQuantizeLinear"(%x) {domain = "", opset = 11 : i64} : (tensor<2x3xf32>) -> (tensor<2x3xui8>, tensor<f32>, tensor<ui8>)
  return %y, %s, %z : tensor<2x3xui8>, tensor<f32>, tensor<ui8>
}

// -----

// MatMulInteger: an i32 matmul of the operands less their zero points.
// CHECK-LABEL: func.func @matmul_integer_opset10
//  CHECK-SAME:   (%[[A:.+]]: tensor<2x3xui8>, %[[B:.+]]: tensor<3x4xui8>, %[[AZ:.+]]: tensor<ui8>)
//       CHECK:   %[[A32:.+]] = kiln.cast %[[A]] : tensor<2x3xui8> to tensor<2x3xi32>
//       CHECK:   %[[AZ32:.+]] = kiln.cast %[[AZ]] : tensor<ui8> to tensor<i32>
//       CHECK:   %[[AC:.+]] = kiln.sub %[[A32]], %[[AZ32]]
//       CHECK:   %[[B32:.+]] = kiln.cast %[[B]] : tensor<3x4xui8> to tensor<3x4xi32>
//       CHECK:   kiln.matmul %[[AC]], %[[B32]] : (tensor<2x3xi32>, tensor<3x4xi32>) -> tensor<2x4xi32>
func.func @matmul_integer_opset10(%a: tensor<2x3xui8>, %b: tensor<3x4xui8>, %az: tensor<ui8>) -> tensor<2x4xi32> {
  %y = kiln_onnx.node "MatMulInteger"(%a, %b, %az) {domain = "", opset = 10 : i64} : (tensor<2x3xui8>, tensor<3x4xui8>, tensor<ui8>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// -----

// ConvInteger: a convolution in f32, exact because every partial sum of
// 3 * 3 products of 8-bit values stays below 2^24, cast back to i32.
// CHECK-LABEL: func.func @conv_integer_opset10
//       CHECK:   kiln.conv %{{.+}}, %{{.+}} {{.+}} : (tensor<1x1x3x3xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
//       CHECK:   kiln.cast %{{.+}} : tensor<1x1x2x2xf32> to tensor<1x1x2x2xi32>
func.func @conv_integer_opset10(%x: tensor<1x1x3x3xui8>, %w: tensor<1x1x2x2xui8>, %xz: tensor<ui8>) -> tensor<1x1x2x2xi32> {
  %y = kiln_onnx.node "ConvInteger"(%x, %w, %xz) {domain = "", opset = 10 : i64} : (tensor<1x1x3x3xui8>, tensor<1x1x2x2xui8>, tensor<ui8>) -> tensor<1x1x2x2xi32>
  return %y : tensor<1x1x2x2xi32>
}

// -----

// QLinearMatMul: the exact integer product scaled by a_scale * b_scale /
// y_scale, then quantized with y's zero point.
// CHECK-LABEL: func.func @qlinear_matmul_opset10
//       CHECK:   kiln.matmul %{{.+}}, %{{.+}} : (tensor<2x4xi32>, tensor<4x3xi32>) -> tensor<2x3xi32>
//       CHECK:   kiln.mul
//       CHECK:   kiln.div
//       CHECK:   kiln.cast %{{.+}} : tensor<2x3xi32> to tensor<2x3xf32>
//       CHECK:   kiln.round
//       CHECK:   kiln.cast %{{.+}} : tensor<2x3xf32> to tensor<2x3xui8>
func.func @qlinear_matmul_opset10(%a: tensor<2x4xui8>, %as: tensor<f32>, %az: tensor<ui8>, %b: tensor<4x3xui8>, %bs: tensor<f32>, %bz: tensor<ui8>, %ys: tensor<f32>, %yz: tensor<ui8>) -> tensor<2x3xui8> {
  %y = kiln_onnx.node "QLinearMatMul"(%a, %as, %az, %b, %bs, %bz, %ys, %yz) {domain = "", opset = 10 : i64} : (tensor<2x4xui8>, tensor<f32>, tensor<ui8>, tensor<4x3xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>) -> tensor<2x3xui8>
  return %y : tensor<2x3xui8>
}

// -----

// QLinearConv adds its i32 bias before requantizing; a per-channel weight
// zero point broadcasts along the output channels of the weights.
// CHECK-LABEL: func.func @qlinear_conv_bias_opset10
//       CHECK:   kiln.reshape %{{.+}} : tensor<2xui8> to tensor<2x1x1x1xui8>
//       CHECK:   %[[C:.+]] = kiln.conv
//       CHECK:   %[[B:.+]] = kiln.reshape %{{.+}} : tensor<2xf32> to tensor<1x2x1x1xf32>
//       CHECK:   kiln.add %[[C]], %[[B]]
func.func @qlinear_conv_bias_opset10(%x: tensor<1x1x3x3xui8>, %xs: tensor<f32>, %xz: tensor<ui8>, %w: tensor<2x1x2x2xui8>, %ws: tensor<2xf32>, %wz: tensor<2xui8>, %ys: tensor<f32>, %yz: tensor<ui8>, %b: tensor<2xi32>) -> tensor<1x2x2x2xui8> {
  %y = kiln_onnx.node "QLinearConv"(%x, %xs, %xz, %w, %ws, %wz, %ys, %yz, %b) {domain = "", opset = 10 : i64} : (tensor<1x1x3x3xui8>, tensor<f32>, tensor<ui8>, tensor<2x1x2x2xui8>, tensor<2xf32>, tensor<2xui8>, tensor<f32>, tensor<ui8>, tensor<2xi32>) -> tensor<1x2x2x2xui8>
  return %y : tensor<1x2x2x2xui8>
}
