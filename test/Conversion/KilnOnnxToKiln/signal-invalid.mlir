// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln --verify-diagnostics

// DFT needs a real or complex last dimension and an axis before it; the
// inverse of a onesided spectrum is not supported.
func.func @dft_errors_opset17(%x: tensor<2x4x3xf32> loc("x"), %c: tensor<2x4x2xf32> loc("c")) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'dft_0' (DFT): expects a float signal whose last dimension is 1 (real) or 2 (complex), got 'tensor<2x4x3xf32>'}}
  %a = kiln_onnx.node "DFT"(%x) {domain = "", opset = 17 : i64} : (tensor<2x4x3xf32>) -> tensor<?xf32> loc("dft_0")
  // expected-error@unknown {{node 'dft_1' (DFT): axis must be in [-3, -2] or [0, 1]}}
  %b = kiln_onnx.node "DFT"(%c) {domain = "", opset = 17 : i64, onnx_attrs = {axis = 2 : i64}} : (tensor<2x4x2xf32>) -> tensor<?xf32> loc("dft_1")
  // expected-error@unknown {{node 'dft_2' (DFT): inverse with onesided is not supported}}
  %d = kiln_onnx.node "DFT"(%c) {domain = "", opset = 17 : i64, onnx_attrs = {inverse = 1 : i64, onesided = 1 : i64}} : (tensor<2x4x2xf32>) -> tensor<?xf32> loc("dft_2")
  return %a, %b, %d : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// A window's size decides its shape: a run-time size needs a declared one.
func.func @hann_window_errors_opset17(%n: tensor<i64> loc("n")) -> tensor<?xf32> {
  // expected-error@unknown {{node 'hann_0' (HannWindow): input 0 ('size') must be a constant when output 0 has no declared static shape (declared 'tensor<?xf32>'); shapes that depend on run-time values are not supported yet}}
  %a = kiln_onnx.node "HannWindow"(%n) {domain = "", opset = 17 : i64} : (tensor<i64>) -> tensor<?xf32> loc("hann_0")
  return %a : tensor<?xf32>
}

// -----

// A DFT's matmul form is bounded.
func.func @dft_errors_opset17(%x: tensor<1x8x1xf32> loc("x")) -> tensor<?xf32> {
  %n = kiln_onnx.constant dense<5000> : tensor<i64> loc("n")
  // expected-error@unknown {{node 'dft_0' (DFT): a DFT of length 5000 is too long for its matmul form}}
  %a = kiln_onnx.node "DFT"(%x, %n) {domain = "", opset = 17 : i64} : (tensor<1x8x1xf32>, tensor<i64>) -> tensor<?xf32> loc("dft_0")
  return %a : tensor<?xf32>
}
