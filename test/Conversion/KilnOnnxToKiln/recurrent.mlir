// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln | FileCheck %s

// LSTM 14 with omitted B, initial_h and initial_c: zeros.
// CHECK-LABEL: func.func @lstm_defaults_opset14
//  CHECK-SAME:   (%[[X:.+]]: tensor<5x2x3xf32>, %[[W:.+]]: tensor<1x16x3xf32>, %[[R:.+]]: tensor<1x16x4xf32>)
//       CHECK:   %[[H:.+]] = kiln.constant dense<0.000000e+00> : tensor<1x2x4xf32>
//       CHECK:   %[[B:.+]] = kiln.constant dense<0.000000e+00> : tensor<1x32xf32>
//       CHECK:   %[[C:.+]] = kiln.constant dense<0.000000e+00> : tensor<1x2x4xf32>
//       CHECK:   %{{.+}}, %[[YH:.+]], %{{.+}} = kiln.lstm %[[X]], %[[W]], %[[R]], %[[B]], %[[H]], %[[C]] {activations = ["Sigmoid", "Tanh", "Tanh"], direction = "forward", hidden_size = 4 : i64, input_forget = false}
//       CHECK:   return %[[YH]]
func.func @lstm_defaults_opset14(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) -> tensor<1x2x4xf32> {
  %none = kiln_onnx.none
  %y, %yh = kiln_onnx.node "LSTM"(%x, %w, %r, %none, %none, %none, %none) {domain = "", opset = 14 : i64, onnx_attrs = {hidden_size = 4 : i64}} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, none, none, none, none) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return %yh : tensor<1x2x4xf32>
}

// -----

// LSTM 14 with layout = 1 (batch first): transposes around kiln.lstm; a
// constant sequence_lens equal to the sequence length everywhere is fine.
// CHECK-LABEL: func.func @lstm_layout_batch_first_opset14
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x5x3xf32>
//       CHECK:   %[[XT:.+]] = kiln.transpose %[[X]] {permutation = array<i64: 1, 0, 2>} : tensor<2x5x3xf32> -> tensor<5x2x3xf32>
//       CHECK:   %[[Y:.+]], %{{.+}}, %{{.+}} = kiln.lstm %[[XT]]
//  CHECK-SAME:   direction = "bidirectional"
//       CHECK:   kiln.transpose %[[Y]] {permutation = array<i64: 2, 0, 1, 3>} : tensor<5x2x2x4xf32> -> tensor<2x5x2x4xf32>
func.func @lstm_layout_batch_first_opset14(%x: tensor<2x5x3xf32>, %w: tensor<2x16x3xf32>, %r: tensor<2x16x4xf32>, %b: tensor<2x32xf32>) -> tensor<2x5x2x4xf32> {
  %lens = kiln_onnx.constant dense<5> : tensor<2xi32>
  %y = kiln_onnx.node "LSTM"(%x, %w, %r, %b, %lens) {domain = "", opset = 14 : i64, onnx_attrs = {direction = "bidirectional", hidden_size = 4 : i64, layout = 1 : i64}} : (tensor<2x5x3xf32>, tensor<2x16x3xf32>, tensor<2x16x4xf32>, tensor<2x32xf32>, tensor<2xi32>) -> tensor<2x5x2x4xf32>
  return %y : tensor<2x5x2x4xf32>
}

// -----

// LSTM 7 with peepholes, clip and explicit activations.
// CHECK-LABEL: func.func @lstm_peepholes_opset7
//       CHECK:   kiln.lstm %{{.+}} {activations = ["Sigmoid", "Relu", "Tanh"], clip = 3.000000e+00 : f32, direction = "reverse", hidden_size = 4 : i64, input_forget = true}
func.func @lstm_peepholes_opset7(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>, %b: tensor<1x32xf32>, %h: tensor<1x2x4xf32>, %c: tensor<1x2x4xf32>, %p: tensor<1x12xf32>) -> tensor<5x1x2x4xf32> {
  %none = kiln_onnx.none
  %y = kiln_onnx.node "LSTM"(%x, %w, %r, %b, %none, %h, %c, %p) {domain = "", opset = 7 : i64, onnx_attrs = {activations = ["Sigmoid", "Relu", "Tanh"], clip = 3.0 : f32, direction = "reverse", hidden_size = 4 : i64, input_forget = 1 : i64}} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<1x32xf32>, none, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x12xf32>) -> tensor<5x1x2x4xf32>
  return %y : tensor<5x1x2x4xf32>
}

// -----

// RNN unrolled: per step h = tanh(x W^T + Wb + h R^T + Rb); Y stacks the
// steps, Y_h is the last one.
// CHECK-LABEL: func.func @rnn_unrolled_opset14
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x1x3xf32>, %[[W:.+]]: tensor<1x4x3xf32>, %[[R:.+]]: tensor<1x4x4xf32>)
//       CHECK:   %[[XW:.+]] = kiln.matmul %[[X]], %{{.+}} : (tensor<2x1x3xf32>, tensor<3x4xf32>) -> tensor<2x1x4xf32>
//       CHECK:   %[[RT:.+]] = kiln.transpose %{{.+}} {permutation = array<i64: 1, 0>} : tensor<4x4xf32> -> tensor<4x4xf32>
//       CHECK:   kiln.matmul %{{.+}}, %[[RT]]
//       CHECK:   %[[H1:.+]] = kiln.tanh
//       CHECK:   kiln.matmul %[[H1]], %[[RT]]
//       CHECK:   %[[H2:.+]] = kiln.tanh
//       CHECK:   kiln.concat %{{.+}}, %{{.+}} {axis = 0 : i64} : (tensor<1x1x1x4xf32>, tensor<1x1x1x4xf32>) -> tensor<2x1x1x4xf32>
//       CHECK:   %[[YH:.+]] = kiln.reshape %[[H2]] : tensor<1x4xf32> to tensor<1x1x4xf32>
//       CHECK:   return %{{.+}}, %[[YH]]
func.func @rnn_unrolled_opset14(%x: tensor<2x1x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>) -> (tensor<2x1x1x4xf32>, tensor<1x1x4xf32>) {
  %y, %yh = kiln_onnx.node "RNN"(%x, %w, %r) {domain = "", opset = 14 : i64, onnx_attrs = {hidden_size = 4 : i64}} : (tensor<2x1x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<2x1x1x4xf32>, tensor<1x1x4xf32>)
  return %y, %yh : tensor<2x1x1x4xf32>, tensor<1x1x4xf32>
}

// -----

// RNN with explicit activations and their parameters (LeakyRelu's alpha).
// CHECK-LABEL: func.func @rnn_leaky_relu_opset7
//       CHECK:   kiln.constant dense<5.000000e-01> : tensor<f32>
//       CHECK:   kiln.select
func.func @rnn_leaky_relu_opset7(%x: tensor<1x1x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>) -> tensor<1x1x1x4xf32> {
  %y = kiln_onnx.node "RNN"(%x, %w, %r) {domain = "", opset = 7 : i64, onnx_attrs = {activation_alpha = array<f32: 0.5>, activations = ["LeakyRelu"], hidden_size = 4 : i64}} : (tensor<1x1x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> tensor<1x1x1x4xf32>
  return %y : tensor<1x1x1x4xf32>
}

// -----

// GRU unrolled, gates z, r, h: the candidate multiplies r with h before the
// recurrence (linear_before_reset = 0); h = (1 - z) * n + z * h.
// CHECK-LABEL: func.func @gru_unrolled_opset14
//       CHECK:   kiln.matmul %{{.+}}, %{{.+}} : (tensor<1x2x3xf32>, tensor<3x6xf32>) -> tensor<1x2x6xf32>
//       CHECK:   %[[Z:.+]] = kiln.sigmoid
//       CHECK:   %[[R:.+]] = kiln.sigmoid
//       CHECK:   %[[RH:.+]] = kiln.mul %[[R]], %{{.+}}
//       CHECK:   kiln.matmul %[[RH]], %{{.+}} : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
//       CHECK:   %[[N:.+]] = kiln.tanh
//       CHECK:   %[[KEEP:.+]] = kiln.sub %{{.+}}, %[[Z]]
//       CHECK:   kiln.mul %[[KEEP]], %[[N]]
func.func @gru_unrolled_opset14(%x: tensor<1x2x3xf32>, %w: tensor<1x6x3xf32>, %r: tensor<1x6x2xf32>) -> tensor<1x1x2x2xf32> {
  %y = kiln_onnx.node "GRU"(%x, %w, %r) {domain = "", opset = 14 : i64, onnx_attrs = {hidden_size = 2 : i64}} : (tensor<1x2x3xf32>, tensor<1x6x3xf32>, tensor<1x6x2xf32>) -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}

// -----

// GRU with linear_before_reset: r multiplies the recurrence term (bias
// included), in both directions.
// CHECK-LABEL: func.func @gru_linear_before_reset_bidirectional_opset7
//   CHECK-NOT:   kiln.matmul %{{.+}}, %{{.+}} : (tensor<2x2xf32>, tensor<2x2xf32>)
//       CHECK:   kiln.concat %{{.+}}, %{{.+}} {axis = 1 : i64} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32>
func.func @gru_linear_before_reset_bidirectional_opset7(%x: tensor<1x2x3xf32>, %w: tensor<2x6x3xf32>, %r: tensor<2x6x2xf32>, %b: tensor<2x12xf32>) -> tensor<1x2x2x2xf32> {
  %y = kiln_onnx.node "GRU"(%x, %w, %r, %b) {domain = "", opset = 7 : i64, onnx_attrs = {direction = "bidirectional", hidden_size = 2 : i64, linear_before_reset = 1 : i64}} : (tensor<1x2x3xf32>, tensor<2x6x3xf32>, tensor<2x6x2xf32>, tensor<2x12xf32>) -> tensor<1x2x2x2xf32>
  return %y : tensor<1x2x2x2xf32>
}
