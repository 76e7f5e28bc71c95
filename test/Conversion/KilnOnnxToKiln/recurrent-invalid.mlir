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
