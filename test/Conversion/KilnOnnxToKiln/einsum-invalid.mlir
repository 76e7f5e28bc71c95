// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln --verify-diagnostics

// An equation that does not fit the operands is reported.
func.func @einsum_errors_opset12(%x: tensor<2x3xf32> loc("x")) -> tensor<2xf32> {
  // expected-error@unknown {{node 'einsum_0' (Einsum): unsupported equation 'ijk->i' for 1 input(s)}}
  %a = kiln_onnx.node "Einsum"(%x) {domain = "", opset = 12 : i64, onnx_attrs = {equation = "ijk->i"}} : (tensor<2x3xf32>) -> tensor<2xf32> loc("einsum_0")
  return %a : tensor<2xf32>
}
