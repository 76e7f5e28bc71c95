// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln --verify-diagnostics

// Reduction axes must be in range and distinct, and constant when inputs
// unless the output shape is declared.
func.func @reduce_sum_errors_opset11(%x: tensor<2x3xf32> loc("x"), %axes: tensor<1xi64> loc("axes")) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'sum_0' (ReduceSum): axes repeat axis 1}}
  %a = kiln_onnx.node "ReduceSum"(%x) {domain = "", opset = 11 : i64, onnx_attrs = {axes = array<i64: 1, -1>}} : (tensor<2x3xf32>) -> tensor<?xf32> loc("sum_0")
  // expected-error@unknown {{node 'max_0' (ReduceMax): axes 2 is out of range for rank 2 (expects [-2, 2))}}
  %b = kiln_onnx.node "ReduceMax"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {axes = array<i64: 2>}} : (tensor<2x3xf32>) -> tensor<?xf32> loc("max_0")
  // expected-error@unknown {{node 'sum_1' (ReduceSum): input 1 ('axes') must be a constant when output 0 has no declared static shape (declared 'tensor<?xf32>'); shapes that depend on run-time values are not supported yet}}
  %c = kiln_onnx.node "ReduceSum"(%x, %axes) {domain = "", opset = 13 : i64} : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<?xf32> loc("sum_1")
  return %a, %b, %c : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// TopK's k must be in [1, dim], and a constant unless the output shape is
// declared.
func.func @top_k_errors_opset11(%x: tensor<2x3xf32> loc("x"), %k: tensor<1xi64> loc("k")) -> (tensor<?xf32>, tensor<?xi64>, tensor<?xf32>, tensor<?xi64>, tensor<?xf32>, tensor<?xi64>) {
  %four = kiln_onnx.constant dense<4> : tensor<1xi64> loc("four")
  // expected-error@unknown {{node 'topk_0' (TopK): k (4) must be in [1, 3]}}
  %a, %ai = kiln_onnx.node "TopK"(%x, %four) {domain = "", opset = 11 : i64} : (tensor<2x3xf32>, tensor<1xi64>) -> (tensor<?xf32>, tensor<?xi64>) loc("topk_0")
  // expected-error@unknown {{node 'topk_1' (TopK): input 1 ('K') must be a constant when output 0 has no declared static shape (declared 'tensor<?xf32>'); shapes that depend on run-time values are not supported yet}}
  %b, %bi = kiln_onnx.node "TopK"(%x, %k) {domain = "", opset = 11 : i64} : (tensor<2x3xf32>, tensor<1xi64>) -> (tensor<?xf32>, tensor<?xi64>) loc("topk_1")
  // expected-error@unknown {{node 'topk_2' (TopK): attribute 'k' is missing}}
  %c, %ci = kiln_onnx.node "TopK"(%x) {domain = "", opset = 1 : i64} : (tensor<2x3xf32>) -> (tensor<?xf32>, tensor<?xi64>) loc("topk_2")
  return %a, %ai, %b, %bi, %c, %ci : tensor<?xf32>, tensor<?xi64>, tensor<?xf32>, tensor<?xi64>, tensor<?xf32>, tensor<?xi64>
}

// -----

// select_last_index only exists from opset 12.
func.func @arg_max_errors_opset11(%x: tensor<2x3xf32> loc("x")) -> tensor<?xi64> {
  // expected-error@unknown {{node 'argmax_0' (ArgMax): unsupported attribute 'select_last_index' = 1 : i64}}
  %a = kiln_onnx.node "ArgMax"(%x) {domain = "", opset = 11 : i64, onnx_attrs = {select_last_index = 1 : i64}} : (tensor<2x3xf32>) -> tensor<?xi64> loc("argmax_0")
  return %a : tensor<?xi64>
}
