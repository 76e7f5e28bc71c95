// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln --verify-diagnostics

// Shapes that do not broadcast: the kiln op's inference explains why.
func.func @add_errors_opset14(%a: tensor<2x3xf32> loc("a"), %b: tensor<4xf32> loc("b")) -> tensor<2x3xf32> {
  // expected-error@unknown {{node 'add_0' (Add): cannot build kiln.add: expects broadcast-compatible shapes, but dimension 1 is 3 and 4}}
  %y = kiln_onnx.node "Add"(%a, %b) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32> loc("add_0")
  return %y : tensor<2x3xf32>
}

// -----

// An element type the kiln op does not take is reported from its verifier.
func.func @sqrt_errors_opset13(%a: tensor<3xi32> loc("a")) -> tensor<3xi32> {
  // expected-error@unknown {{node 'sqrt_0' (Sqrt): cannot build kiln.sqrt: 'kiln.sqrt' op operand #0 must be statically shaped tensor of floating-point values, but got 'tensor<3xi32>'}}
  %y = kiln_onnx.node "Sqrt"(%a) {domain = "", opset = 13 : i64} : (tensor<3xi32>) -> tensor<3xi32> loc("sqrt_0")
  return %y : tensor<3xi32>
}

// -----

// Before opset 7, operands of different shapes need broadcast = 1, and B
// must fit into A from `axis`.
func.func @add_errors_opset6(%a: tensor<2x3xf32> loc("a"), %b: tensor<3xf32> loc("b"), %c: tensor<4x3xf32> loc("c")) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  // expected-error@unknown {{node 'add_0' (Add): operands of different shapes need broadcast = 1}}
  %y = kiln_onnx.node "Add"(%a, %b) {domain = "", opset = 6 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32> loc("add_0")
  // expected-error@unknown {{node 'sub_0' (Sub): cannot broadcast B (rank 2) into A (rank 2) from axis 1}}
  %z = kiln_onnx.node "Sub"(%a, %c) {domain = "", opset = 6 : i64, onnx_attrs = {axis = 1 : i64, broadcast = 1 : i64}} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x3xf32> loc("sub_0")
  return %y, %z : tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// An attribute no handler reads is an error, never ignored; so is an
// attribute of the wrong kind.
func.func @relu_errors_opset14(%a: tensor<3xf32> loc("a")) -> (tensor<3xf32>, tensor<3xf32>) {
  // expected-error@unknown {{node 'relu_0' (Relu): unsupported attribute 'alpha' = 2.000000e+00 : f32}}
  %y = kiln_onnx.node "Relu"(%a) {domain = "", opset = 14 : i64, onnx_attrs = {alpha = 2.0 : f32}} : (tensor<3xf32>) -> tensor<3xf32> loc("relu_0")
  // expected-error@unknown {{node 'leaky_0' (LeakyRelu): attribute 'alpha' must be a FLOAT, got "big"}}
  %z = kiln_onnx.node "LeakyRelu"(%a) {domain = "", opset = 16 : i64, onnx_attrs = {alpha = "big"}} : (tensor<3xf32>) -> tensor<3xf32> loc("leaky_0")
  return %y, %z : tensor<3xf32>, tensor<3xf32>
}

// -----

// A missing required input, and a used output the operator does not have.
func.func @mul_errors_opset14(%a: tensor<3xf32> loc("a")) -> (tensor<3xf32>, tensor<3xf32>) {
  // expected-error@unknown {{node 'mul_0' (Mul): input 1 is missing}}
  %y = kiln_onnx.node "Mul"(%a) {domain = "", opset = 14 : i64} : (tensor<3xf32>) -> tensor<3xf32> loc("mul_0")
  // expected-error@unknown {{node 'abs_0' (Abs): output 1 is not supported}}
  %z, %w = kiln_onnx.node "Abs"(%a) {domain = "", opset = 13 : i64} : (tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) loc("abs_0")
  return %y, %w : tensor<3xf32>, tensor<3xf32>
}

// -----

// Clip bounds must be scalars.
func.func @clip_errors_opset13(%a: tensor<3xf32> loc("a")) -> tensor<3xf32> {
  %min = kiln_onnx.constant dense<[0.0, 1.0]> : tensor<2xf32> loc("min")
  // expected-error@unknown {{node 'clip_0' (Clip): input 1 ('min') must be a scalar, got 'tensor<2xf32>'}}
  %y = kiln_onnx.node "Clip"(%a, %min) {domain = "", opset = 13 : i64} : (tensor<3xf32>, tensor<2xf32>) -> tensor<3xf32> loc("clip_0")
  return %y : tensor<3xf32>
}

// -----

// MatMul needs operands of rank >= 1.
func.func @matmul_errors_opset13(%a: tensor<f32> loc("a"), %b: tensor<3xf32> loc("b")) -> tensor<3xf32> {
  // expected-error@unknown {{node 'matmul_0' (MatMul): operands must have rank >= 1}}
  %y = kiln_onnx.node "MatMul"(%a, %b) {domain = "", opset = 13 : i64} : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32> loc("matmul_0")
  return %y : tensor<3xf32>
}

// -----

// Gemm before opset 11 requires C.
func.func @gemm_errors_opset9(%a: tensor<2x3xf32> loc("a"), %b: tensor<3x4xf32> loc("b")) -> tensor<2x4xf32> {
  // expected-error@unknown {{node 'gemm_0' (Gemm): input 2 is missing}}
  %y = kiln_onnx.node "Gemm"(%a, %b) {domain = "", opset = 9 : i64} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32> loc("gemm_0")
  return %y : tensor<2x4xf32>
}

// -----

// Float Mod needs fmod = 1; BitShift needs a direction.
func.func @mod_errors_opset13(%a: tensor<3xf32> loc("a"), %u: tensor<3xui8> loc("u")) -> (tensor<3xf32>, tensor<3xui8>) {
  // expected-error@unknown {{node 'mod_0' (Mod): fmod = 0 is not allowed for floating-point inputs}}
  %y = kiln_onnx.node "Mod"(%a, %a) {domain = "", opset = 13 : i64} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32> loc("mod_0")
  // expected-error@unknown {{node 'shift_0' (BitShift): unsupported direction = 'UP' (expects 'LEFT' or 'RIGHT')}}
  %z = kiln_onnx.node "BitShift"(%u, %u) {domain = "", opset = 11 : i64, onnx_attrs = {direction = "UP"}} : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xui8> loc("shift_0")
  return %y, %z : tensor<3xf32>, tensor<3xui8>
}

// -----

// Det is expanded for matrices up to 3 x 3 only.
func.func @det_errors_opset11(%x: tensor<4x4xf32> loc("x")) -> tensor<f32> {
  // expected-error@unknown {{node 'det_0' (Det): expects square matrices of size 1 to 3 in the last two dimensions, got 'tensor<4x4xf32>'}}
  %y = kiln_onnx.node "Det"(%x) {domain = "", opset = 11 : i64} : (tensor<4x4xf32>) -> tensor<f32> loc("det_0")
  return %y : tensor<f32>
}

// -----

// CumSum's matmul form is bounded.
func.func @cumsum_errors_opset14(%x: tensor<4097xf32> loc("x")) -> tensor<4097xf32> {
  %axis = kiln_onnx.constant dense<0> : tensor<i64> loc("axis")
  // expected-error@unknown {{node 'cumsum_0' (CumSum): a cumulative sum over 4097 elements is too long for its matmul form}}
  %y = kiln_onnx.node "CumSum"(%x, %axis) {domain = "", opset = 14 : i64} : (tensor<4097xf32>, tensor<i64>) -> tensor<4097xf32> loc("cumsum_0")
  return %y : tensor<4097xf32>
}
