// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln --verify-diagnostics

// Quantizing to a type kiln cannot saturate to; integer contractions need
// matrices and N x C x D1 ... inputs.
func.func @quantize_linear_errors_opset13(%x: tensor<4xf32> loc("x"), %s: tensor<f32> loc("s"), %z: tensor<4xi1> loc("z"), %a: tensor<3xui8> loc("a"), %c: tensor<3x3xui8> loc("c")) -> (tensor<?xi1>, tensor<?xi32>, tensor<?xi32>) {
  %zb = kiln_onnx.constant dense<false> : tensor<i1> loc("zb")
  // expected-error@unknown {{node 'q_0' (QuantizeLinear): unsupported quantized type 'i1'}}
  %y = kiln_onnx.node "QuantizeLinear"(%x, %s, %zb) {domain = "", opset = 13 : i64} : (tensor<4xf32>, tensor<f32>, tensor<i1>) -> tensor<?xi1> loc("q_0")
  // expected-error@unknown {{node 'mmi_0' (MatMulInteger): operands must have rank >= 2}}
  %m = kiln_onnx.node "MatMulInteger"(%a, %c) {domain = "", opset = 10 : i64} : (tensor<3xui8>, tensor<3x3xui8>) -> tensor<?xi32> loc("mmi_0")
  // expected-error@unknown {{node 'ci_0' (ConvInteger): expects N x C x D1 ... inputs and weights of the same rank}}
  %k = kiln_onnx.node "ConvInteger"(%c, %c) {domain = "", opset = 10 : i64} : (tensor<3x3xui8>, tensor<3x3xui8>) -> tensor<?xi32> loc("ci_0")
  return %y, %m, %k : tensor<?xi1>, tensor<?xi32>, tensor<?xi32>
}

// -----

// QLinearConv's bias is one value per output channel.
func.func @qlinear_conv_errors_opset10(%x: tensor<1x1x3x3xui8> loc("x"), %s: tensor<f32> loc("s"), %z: tensor<ui8> loc("z"), %w: tensor<1x1x2x2xui8> loc("w"), %b: tensor<i32> loc("b")) -> tensor<?xui8> {
  // expected-error@unknown {{node 'qconv_0' (QLinearConv): bias must be 1-D, got 'tensor<i32>'}}
  %y = kiln_onnx.node "QLinearConv"(%x, %s, %z, %w, %s, %z, %s, %z, %b) {domain = "", opset = 10 : i64} : (tensor<1x1x3x3xui8>, tensor<f32>, tensor<ui8>, tensor<1x1x2x2xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>, tensor<i32>) -> tensor<?xui8> loc("qconv_0")
  return %y : tensor<?xui8>
}
