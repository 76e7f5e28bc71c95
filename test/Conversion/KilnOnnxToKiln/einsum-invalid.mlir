// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln --verify-diagnostics

// An equation that does not fit the operands is reported.
func.func @einsum_errors_opset12(%x: tensor<2x3xf32> loc("x")) -> tensor<2xf32> {
  // expected-error@unknown {{node 'einsum_0' (Einsum): unsupported equation 'ijk->i' for 1 input(s)}}
  %a = kiln_onnx.node "Einsum"(%x) {domain = "", opset = 12 : i64, onnx_attrs = {equation = "ijk->i"}} : (tensor<2x3xf32>) -> tensor<2xf32> loc("einsum_0")
  return %a : tensor<2xf32>
}

// -----

// A label shared by two operands must have one size (or 1, which
// broadcasts); the libFuzzer target found this one crashing.
func.func @einsum_label_sizes_opset12(%x: tensor<5x2x3xf32> loc("x"), %y: tensor<10x3x4xf32> loc("y")) -> tensor<5x2x4xf32> {
  // expected-error@unknown {{node 'einsum_1' (Einsum): label 'b' has size 5 in one operand and 10 in another}}
  %a = kiln_onnx.node "Einsum"(%x, %y) {domain = "", opset = 12 : i64, onnx_attrs = {equation = "bij,bjk->bik"}} : (tensor<5x2x3xf32>, tensor<10x3x4xf32>) -> tensor<5x2x4xf32> loc("einsum_1")
  return %a : tensor<5x2x4xf32>
}

// -----

// A label repeated in one operand (a diagonal) needs equal sizes; the
// libFuzzer target found this one crashing.
func.func @einsum_diagonal_sizes_opset12(%x: tensor<5x2x3xf64> loc("x"), %y: tensor<5x3x4xf64> loc("y")) -> tensor<5x2x4xf64> {
  // expected-error@unknown {{node 'einsum_2' (Einsum): label 'b' repeats in one operand with sizes 5 and 2; a diagonal needs equal sizes}}
  %a = kiln_onnx.node "Einsum"(%x, %y) {domain = "", opset = 12 : i64, onnx_attrs = {equation = "bbj,kyk->mode"}} : (tensor<5x2x3xf64>, tensor<5x3x4xf64>) -> tensor<5x2x4xf64> loc("einsum_2")
  return %a : tensor<5x2x4xf64>
}
