// RUN: kiln-opt %s --split-input-file --verify-diagnostics --convert-kiln-onnx-to-kiln

// GRU and RNN slice B per direction: a B of the wrong rank is an error,
// not a crash (found by the front-end fuzzer).
func.func @gru_bias_rank_opset14(%x: tensor<1x3x2xf32>, %w: tensor<1x9x2xf32>, %r: tensor<1x9x3xf32>, %b: tensor<18xf32>) -> !kiln_onnx.unknown {
  // expected-error@unknown {{node 'gru' (GRU): B must be [1, 18], got 'tensor<18xf32>'}}
  %y, %yh = kiln_onnx.node "GRU"(%x, %w, %r, %b) {domain = "", opset = 14 : i64, onnx_attrs = {hidden_size = 3 : i64}} : (tensor<1x3x2xf32>, tensor<1x9x2xf32>, tensor<1x9x3xf32>, tensor<18xf32>) -> (!kiln_onnx.unknown, !kiln_onnx.unknown) loc("gru")
  return %yh : !kiln_onnx.unknown
}

// -----

func.func @rnn_initial_h_shape_opset14(%x: tensor<1x3x2xf32>, %w: tensor<1x3x2xf32>, %r: tensor<1x3x3xf32>, %b: tensor<1x6xf32>, %h: tensor<1x3x4xf32>) -> !kiln_onnx.unknown {
  %none = kiln_onnx.none
  // expected-error@unknown {{node 'rnn' (RNN): initial_h must be [1, 3, 3], got 'tensor<1x3x4xf32>'}}
  %y, %yh = kiln_onnx.node "RNN"(%x, %w, %r, %b, %none, %h) {domain = "", opset = 14 : i64, onnx_attrs = {hidden_size = 3 : i64}} : (tensor<1x3x2xf32>, tensor<1x3x2xf32>, tensor<1x3x3xf32>, tensor<1x6xf32>, none, tensor<1x3x4xf32>) -> (!kiln_onnx.unknown, !kiln_onnx.unknown) loc("rnn")
  return %yh : !kiln_onnx.unknown
}

// -----

// LSTM: activations kiln does not have, their parameters, sequence lengths
// shorter than the sequence.
func.func @lstm_errors_opset14(%x: tensor<5x2x3xf32> loc("x"), %w: tensor<1x16x3xf32> loc("w"), %r: tensor<1x16x4xf32> loc("r")) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'lstm_0' (LSTM): unsupported activation 'HardSigmoid' (expects Sigmoid, Tanh or Relu)}}
  %a = kiln_onnx.node "LSTM"(%x, %w, %r) {domain = "", opset = 14 : i64, onnx_attrs = {activations = ["HardSigmoid", "Tanh", "Tanh"], hidden_size = 4 : i64}} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> tensor<?xf32> loc("lstm_0")
  // expected-error@unknown {{node 'lstm_1' (LSTM): activation_alpha and activation_beta are not supported (only Sigmoid, Tanh and Relu activations)}}
  %b = kiln_onnx.node "LSTM"(%x, %w, %r) {domain = "", opset = 14 : i64, onnx_attrs = {activation_alpha = array<f32: 1.0>, hidden_size = 4 : i64}} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> tensor<?xf32> loc("lstm_1")
  %none = kiln_onnx.none loc("none")
  %lens = kiln_onnx.constant dense<[5, 3]> : tensor<2xi32> loc("lens")
  // expected-error@unknown {{node 'lstm_2' (LSTM): sequence_lens must equal the sequence length 5 for every batch entry}}
  %c = kiln_onnx.node "LSTM"(%x, %w, %r, %none, %lens) {domain = "", opset = 14 : i64, onnx_attrs = {hidden_size = 4 : i64}} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, none, tensor<2xi32>) -> tensor<?xf32> loc("lstm_2")
  // expected-error@unknown {{node 'lstm_3' (LSTM): unsupported layout = 2}}
  %d = kiln_onnx.node "LSTM"(%x, %w, %r) {domain = "", opset = 14 : i64, onnx_attrs = {hidden_size = 4 : i64, layout = 2 : i64}} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> tensor<?xf32> loc("lstm_3")
  return %a, %b, %c, %d : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// A layout attribute before opset 14 is an unknown attribute.
func.func @lstm_errors_opset7(%x: tensor<5x2x3xf32> loc("x"), %w: tensor<1x16x3xf32> loc("w"), %r: tensor<1x16x4xf32> loc("r")) -> tensor<?xf32> {
  // expected-error@unknown {{node 'lstm_0' (LSTM): unsupported attribute 'layout' = 0 : i64}}
  %a = kiln_onnx.node "LSTM"(%x, %w, %r) {domain = "", opset = 7 : i64, onnx_attrs = {hidden_size = 4 : i64, layout = 0 : i64}} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> tensor<?xf32> loc("lstm_0")
  return %a : tensor<?xf32>
}

// -----

// Weights must match hidden_size and the direction count; GRU and RNN
// support ONNX's activation list, not other names.
func.func @gru_errors_opset14(%x: tensor<5x2x3xf32> loc("x"), %w: tensor<1x6x3xf32> loc("w"), %r: tensor<1x6x2xf32> loc("r")) -> (tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'gru_0' (GRU): W and R must be [2, 6, ...] with hidden_size 2, got 'tensor<1x6x3xf32>' and 'tensor<1x6x2xf32>'}}
  %a = kiln_onnx.node "GRU"(%x, %w, %r) {domain = "", opset = 14 : i64, onnx_attrs = {direction = "bidirectional", hidden_size = 2 : i64}} : (tensor<5x2x3xf32>, tensor<1x6x3xf32>, tensor<1x6x2xf32>) -> tensor<?xf32> loc("gru_0")
  // expected-error@unknown {{node 'gru_1' (GRU): unsupported activation 'Gelu'}}
  %b = kiln_onnx.node "GRU"(%x, %w, %r) {domain = "", opset = 14 : i64, onnx_attrs = {activations = ["Gelu", "Tanh"], hidden_size = 2 : i64}} : (tensor<5x2x3xf32>, tensor<1x6x3xf32>, tensor<1x6x2xf32>) -> tensor<?xf32> loc("gru_1")
  return %a, %b : tensor<?xf32>, tensor<?xf32>
}

// -----

// RNN needs one activation per direction.
func.func @rnn_errors_opset14(%x: tensor<5x2x3xf32> loc("x"), %w: tensor<1x4x3xf32> loc("w"), %r: tensor<1x4x4xf32> loc("r")) -> tensor<?xf32> {
  // expected-error@unknown {{node 'rnn_0' (RNN): expects 1 activations, got 2}}
  %a = kiln_onnx.node "RNN"(%x, %w, %r) {domain = "", opset = 14 : i64, onnx_attrs = {activations = ["Tanh", "Tanh"]}} : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> tensor<?xf32> loc("rnn_0")
  return %a : tensor<?xf32>
}
