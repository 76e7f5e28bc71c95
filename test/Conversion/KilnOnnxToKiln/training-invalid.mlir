// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln --verify-diagnostics

// Optimizers need whole groups of inputs and Momentum its attributes.
func.func @adam_errors_opset1(%r: tensor<f32> loc("r"), %t: tensor<i64> loc("t"), %x: tensor<2xf32> loc("x")) -> (tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'adam_0' (Adam): expects R, T and 4 inputs per optimized tensor, got 3 inputs}}
  %a = kiln_onnx.node "Adam"(%r, %t, %x) {domain = "ai.onnx.preview.training", opset = 1 : i64} : (tensor<f32>, tensor<i64>, tensor<2xf32>) -> tensor<?xf32> loc("adam_0")
  // expected-error@unknown {{node 'momentum_0' (Momentum): expects alpha, beta, norm_coefficient and mode ('standard' or 'nesterov')}}
  %b, %c = kiln_onnx.node "Momentum"(%r, %t, %x, %x, %x) {domain = "ai.onnx.preview.training", opset = 1 : i64, onnx_attrs = {mode = "standard"}} : (tensor<f32>, tensor<i64>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<?xf32>, tensor<?xf32>) loc("momentum_0")
  return %a, %b : tensor<?xf32>, tensor<?xf32>
}
