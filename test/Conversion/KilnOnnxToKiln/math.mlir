// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln | FileCheck %s

// A unary op is its kiln op; the declared dynamic dimension is refined.
// CHECK-LABEL: func.func @relu_basic_opset14
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x3xf32>) -> tensor<2x3xf32>
//       CHECK:   %[[Y:.+]] = kiln.relu %[[X]] : tensor<2x3xf32>
//       CHECK:   return %[[Y]]
//   CHECK-NOT:   kiln_onnx
func.func @relu_basic_opset14(%x: tensor<2x3xf32>) -> tensor<?x3xf32> {
  %y = kiln_onnx.node "Relu"(%x) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>) -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// -----

// Opset 1 unary ops carry `consumed_inputs`, an in-place hint with no effect.
// CHECK-LABEL: func.func @exp_consumed_inputs_opset1
//       CHECK:   kiln.exp
func.func @exp_consumed_inputs_opset1(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = kiln_onnx.node "Exp"(%x) {domain = "", opset = 1 : i64, onnx_attrs = {consumed_inputs = array<i64: 0>}} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Erf, Sqrt, Sigmoid and Tanh map one to one (one case for the family).
// CHECK-LABEL: func.func @unary_chain_opset13
//       CHECK:   %[[ERF:.+]] = kiln.erf
//       CHECK:   %[[SQRT:.+]] = kiln.sqrt %[[ERF]]
//       CHECK:   %[[SIG:.+]] = kiln.sigmoid %[[SQRT]]
//       CHECK:   kiln.tanh %[[SIG]]
func.func @unary_chain_opset13(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = kiln_onnx.node "Erf"(%x) {domain = "", opset = 13 : i64} : (tensor<4xf32>) -> !kiln_onnx.unknown
  %b = kiln_onnx.node "Sqrt"(%a) {domain = "", opset = 13 : i64} : (!kiln_onnx.unknown) -> !kiln_onnx.unknown
  %c = kiln_onnx.node "Sigmoid"(%b) {domain = "", opset = 13 : i64} : (!kiln_onnx.unknown) -> !kiln_onnx.unknown
  %d = kiln_onnx.node "Tanh"(%c) {domain = "", opset = 13 : i64} : (!kiln_onnx.unknown) -> tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

// Binary ops from opset 7 broadcast with NumPy's rules.
// CHECK-LABEL: func.func @add_broadcast_opset14
//  CHECK-SAME:   (%[[A:.+]]: tensor<2x3xf32>, %[[B:.+]]: tensor<3xf32>)
//       CHECK:   %[[Y:.+]] = kiln.add %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
//       CHECK:   return %[[Y]]
func.func @add_broadcast_opset14(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %y = kiln_onnx.node "Add"(%a, %b) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Before opset 7, `broadcast = 1` with `axis` aligns B with A's dimension
// `axis`: B is reshaped with trailing ones.
// CHECK-LABEL: func.func @mul_legacy_broadcast_axis_opset6
//  CHECK-SAME:   (%[[A:.+]]: tensor<2x3x4xf32>, %[[B:.+]]: tensor<3xf32>)
//       CHECK:   %[[B2:.+]] = kiln.reshape %[[B]] : tensor<3xf32> to tensor<3x1xf32>
//       CHECK:   kiln.mul %[[A]], %[[B2]] : (tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
func.func @mul_legacy_broadcast_axis_opset6(%a: tensor<2x3x4xf32>, %b: tensor<3xf32>) -> tensor<2x3x4xf32> {
  %y = kiln_onnx.node "Mul"(%a, %b) {domain = "", opset = 6 : i64, onnx_attrs = {axis = 1 : i64, broadcast = 1 : i64}} : (tensor<2x3x4xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// -----

// Comparisons give i1; Where is kiln.select.
// CHECK-LABEL: func.func @greater_where_opset16
//  CHECK-SAME:   (%[[A:.+]]: tensor<4xf32>, %[[B:.+]]: tensor<4xf32>)
//       CHECK:   %[[C:.+]] = kiln.greater %[[A]], %[[B]] : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
//       CHECK:   kiln.select %[[C]], %[[A]], %[[B]]
func.func @greater_where_opset16(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %c = kiln_onnx.node "Greater"(%a, %b) {domain = "", opset = 13 : i64} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %y = kiln_onnx.node "Where"(%c, %a, %b) {domain = "", opset = 16 : i64} : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// GreaterOrEqual, LessOrEqual, Equal, And, Or, Xor and Not.
// CHECK-LABEL: func.func @logic_opset16
//       CHECK:   %[[GE:.+]] = kiln.greater_equal
//       CHECK:   %[[LE:.+]] = kiln.less_equal
//       CHECK:   %[[EQ:.+]] = kiln.equal
//       CHECK:   %[[AND:.+]] = kiln.and %[[GE]], %[[LE]]
//       CHECK:   %[[OR:.+]] = kiln.or %[[AND]], %[[EQ]]
//       CHECK:   %[[XOR:.+]] = kiln.xor %[[OR]], %[[EQ]]
//       CHECK:   kiln.not %[[XOR]]
func.func @logic_opset16(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi1> {
  %ge = kiln_onnx.node "GreaterOrEqual"(%a, %b) {domain = "", opset = 16 : i64} : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  %le = kiln_onnx.node "LessOrEqual"(%a, %b) {domain = "", opset = 16 : i64} : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  %eq = kiln_onnx.node "Equal"(%a, %b) {domain = "", opset = 13 : i64} : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  %and = kiln_onnx.node "And"(%ge, %le) {domain = "", opset = 7 : i64} : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %or = kiln_onnx.node "Or"(%and, %eq) {domain = "", opset = 7 : i64} : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %xor = kiln_onnx.node "Xor"(%or, %eq) {domain = "", opset = 7 : i64} : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %not = kiln_onnx.node "Not"(%xor) {domain = "", opset = 1 : i64} : (tensor<4xi1>) -> tensor<4xi1>
  return %not : tensor<4xi1>
}

// -----

// Binary ops on constants fold at conversion time, with broadcasting.
// CHECK-LABEL: func.func @mul_constants_opset14
//       CHECK:   %[[C:.+]] = kiln.constant dense<[2, 4, 6]> : tensor<3xi64>
//       CHECK:   return %[[C]]
//   CHECK-NOT:   kiln.mul
func.func @mul_constants_opset14() -> tensor<3xi64> {
  %a = kiln_onnx.constant dense<[1, 2, 3]> : tensor<3xi64>
  %b = kiln_onnx.constant dense<2> : tensor<i64>
  %y = kiln_onnx.node "Mul"(%a, %b) {domain = "", opset = 14 : i64} : (tensor<3xi64>, tensor<i64>) -> tensor<3xi64>
  return %y : tensor<3xi64>
}

// -----

// Pow 15 takes an exponent of another type: it is cast to the base's.
// CHECK-LABEL: func.func @pow_mixed_types_opset15
//  CHECK-SAME:   (%[[B:.+]]: tensor<3xf32>, %[[E:.+]]: tensor<3xi64>)
//       CHECK:   %[[EF:.+]] = kiln.cast %[[E]] : tensor<3xi64> to tensor<3xf32>
//       CHECK:   kiln.pow %[[B]], %[[EF]]
func.func @pow_mixed_types_opset15(%b: tensor<3xf32>, %e: tensor<3xi64>) -> tensor<3xf32> {
  %y = kiln_onnx.node "Pow"(%b, %e) {domain = "", opset = 15 : i64} : (tensor<3xf32>, tensor<3xi64>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}

// -----

// Variadic Sum is a chain; Mean divides it by the input count.
// CHECK-LABEL: func.func @sum_mean_opset13
//  CHECK-SAME:   (%[[A:.+]]: tensor<3xf32>, %[[B:.+]]: tensor<3xf32>, %[[C:.+]]: tensor<1xf32>)
//       CHECK:   %[[S1:.+]] = kiln.add %[[A]], %[[B]]
//       CHECK:   %[[S2:.+]] = kiln.add %[[S1]], %[[C]]
//       CHECK:   %[[M1:.+]] = kiln.add %[[A]], %[[B]]
//       CHECK:   %[[M2:.+]] = kiln.add %[[M1]], %[[C]]
//       CHECK:   %[[N:.+]] = kiln.constant dense<3.000000e+00> : tensor<f32>
//       CHECK:   %[[MEAN:.+]] = kiln.div %[[M2]], %[[N]]
//       CHECK:   return %[[S2]], %[[MEAN]]
func.func @sum_mean_opset13(%a: tensor<3xf32>, %b: tensor<3xf32>, %c: tensor<1xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %s = kiln_onnx.node "Sum"(%a, %b, %c) {domain = "", opset = 13 : i64} : (tensor<3xf32>, tensor<3xf32>, tensor<1xf32>) -> tensor<3xf32>
  %m = kiln_onnx.node "Mean"(%a, %b, %c) {domain = "", opset = 13 : i64} : (tensor<3xf32>, tensor<3xf32>, tensor<1xf32>) -> tensor<3xf32>
  return %s, %m : tensor<3xf32>, tensor<3xf32>
}

// -----

// Variadic Max and Min; a single input is returned as is.
// CHECK-LABEL: func.func @max_min_opset13
//  CHECK-SAME:   (%[[A:.+]]: tensor<3xi32>, %[[B:.+]]: tensor<3xi32>)
//       CHECK:   %[[MAX:.+]] = kiln.max %[[A]], %[[B]]
//       CHECK:   return %[[MAX]], %[[A]]
func.func @max_min_opset13(%a: tensor<3xi32>, %b: tensor<3xi32>) -> (tensor<3xi32>, tensor<3xi32>) {
  %y = kiln_onnx.node "Max"(%a, %b) {domain = "", opset = 13 : i64} : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  %z = kiln_onnx.node "Min"(%a) {domain = "", opset = 13 : i64} : (tensor<3xi32>) -> tensor<3xi32>
  return %y, %z : tensor<3xi32>, tensor<3xi32>
}

// -----

// Clip 6 takes its bounds as attributes.
// CHECK-LABEL: func.func @clip_attrs_opset6
//       CHECK:   kiln.clip %{{.+}} {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64}
func.func @clip_attrs_opset6(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = kiln_onnx.node "Clip"(%x) {domain = "", opset = 6 : i64, onnx_attrs = {max = 6.0 : f32, min = 0.0 : f32}} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Clip 13 with a constant min and an omitted max: the element type's
// highest value stands in.
// CHECK-LABEL: func.func @clip_min_only_opset13
//       CHECK:   kiln.clip %{{.+}} {max = 3.4028234663852886E+38 : f64, min = -1.000000e+00 : f64}
func.func @clip_min_only_opset13(%x: tensor<4xf32>) -> tensor<4xf32> {
  %min = kiln_onnx.constant dense<-1.0> : tensor<f32>
  %none = kiln_onnx.none
  %y = kiln_onnx.node "Clip"(%x, %min, %none) {domain = "", opset = 13 : i64} : (tensor<4xf32>, tensor<f32>, none) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Clip 13 on integers without bounds uses the integer type's limits.
// CHECK-LABEL: func.func @clip_int_no_bounds_opset13
//       CHECK:   kiln.clip %{{.+}} {max = 1.270000e+02 : f64, min = -1.280000e+02 : f64} : tensor<4xi8>
func.func @clip_int_no_bounds_opset13(%x: tensor<4xi8>) -> tensor<4xi8> {
  %y = kiln_onnx.node "Clip"(%x) {domain = "", opset = 13 : i64} : (tensor<4xi8>) -> tensor<4xi8>
  return %y : tensor<4xi8>
}

// -----

// Clip 13 with run-time bounds becomes max then min.
// CHECK-LABEL: func.func @clip_runtime_bounds_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<4xf32>, %[[LO:.+]]: tensor<f32>, %[[HI:.+]]: tensor<f32>)
//       CHECK:   %[[MAX:.+]] = kiln.max %[[X]], %[[LO]]
//       CHECK:   kiln.min %[[MAX]], %[[HI]]
func.func @clip_runtime_bounds_opset13(%x: tensor<4xf32>, %lo: tensor<f32>, %hi: tensor<f32>) -> tensor<4xf32> {
  %y = kiln_onnx.node "Clip"(%x, %lo, %hi) {domain = "", opset = 13 : i64} : (tensor<4xf32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// MatMul with a 1-D left operand: it becomes a row, the row dimension is
// removed from the result.
// CHECK-LABEL: func.func @matmul_vector_matrix_opset13
//  CHECK-SAME:   (%[[V:.+]]: tensor<4xf32>, %[[M:.+]]: tensor<2x4x5xf32>)
//       CHECK:   %[[ROW:.+]] = kiln.reshape %[[V]] : tensor<4xf32> to tensor<1x4xf32>
//       CHECK:   %[[P:.+]] = kiln.matmul %[[ROW]], %[[M]] : (tensor<1x4xf32>, tensor<2x4x5xf32>) -> tensor<2x1x5xf32>
//       CHECK:   kiln.reshape %[[P]] : tensor<2x1x5xf32> to tensor<2x5xf32>
func.func @matmul_vector_matrix_opset13(%v: tensor<4xf32>, %m: tensor<2x4x5xf32>) -> tensor<2x5xf32> {
  %y = kiln_onnx.node "MatMul"(%v, %m) {domain = "", opset = 13 : i64} : (tensor<4xf32>, tensor<2x4x5xf32>) -> tensor<2x5xf32>
  return %y : tensor<2x5xf32>
}

// -----

// MatMul of two vectors is a scalar.
// CHECK-LABEL: func.func @matmul_dot_opset13
//       CHECK:   kiln.matmul %{{.+}}, %{{.+}} : (tensor<1x4xf32>, tensor<4x1xf32>) -> tensor<1x1xf32>
//       CHECK:   kiln.reshape %{{.+}} : tensor<1x1xf32> to tensor<f32>
func.func @matmul_dot_opset13(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<f32> {
  %y = kiln_onnx.node "MatMul"(%a, %b) {domain = "", opset = 13 : i64} : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
  return %y : tensor<f32>
}

// -----

// Gemm 13 with every default spelled out and C omitted.
// CHECK-LABEL: func.func @gemm_no_c_opset13
//  CHECK-SAME:   (%[[A:.+]]: tensor<3x4xf32>, %[[B:.+]]: tensor<4x5xf32>)
//       CHECK:   kiln.gemm %[[A]], %[[B]] {alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, trans_a = false, trans_b = false} : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
func.func @gemm_no_c_opset13(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %none = kiln_onnx.none
  %y = kiln_onnx.node "Gemm"(%a, %b, %none) {domain = "", opset = 13 : i64} : (tensor<3x4xf32>, tensor<4x5xf32>, none) -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// -----

// Gemm 7 with transB, alpha, beta and a broadcast C.
// CHECK-LABEL: func.func @gemm_trans_b_opset7
//  CHECK-SAME:   (%[[A:.+]]: tensor<3x4xf32>, %[[B:.+]]: tensor<5x4xf32>, %[[C:.+]]: tensor<5xf32>)
//       CHECK:   kiln.gemm %[[A]], %[[B]], %[[C]] {alpha = 2.000000e+00 : f32, beta = 5.000000e-01 : f32, trans_a = false, trans_b = true}
func.func @gemm_trans_b_opset7(%a: tensor<3x4xf32>, %b: tensor<5x4xf32>, %c: tensor<5xf32>) -> tensor<3x5xf32> {
  %y = kiln_onnx.node "Gemm"(%a, %b, %c) {domain = "", opset = 7 : i64, onnx_attrs = {alpha = 2.0 : f32, beta = 0.5 : f32, transB = 1 : i64}} : (tensor<3x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// -----

// Gemm 6 still has the `broadcast` attribute; it only allowed what NumPy
// broadcasting does.
// CHECK-LABEL: func.func @gemm_broadcast_attr_opset6
//       CHECK:   kiln.gemm
func.func @gemm_broadcast_attr_opset6(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %c: tensor<5xf32>) -> tensor<3x5xf32> {
  %y = kiln_onnx.node "Gemm"(%a, %b, %c) {domain = "", opset = 6 : i64, onnx_attrs = {broadcast = 1 : i64}} : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// -----

// LeakyRelu: select(x < 0, alpha * x, x).
// CHECK-LABEL: func.func @leaky_relu_opset16
//  CHECK-SAME:   (%[[X:.+]]: tensor<4xf32>)
//       CHECK:   %[[ZERO:.+]] = kiln.constant dense<0.000000e+00> : tensor<f32>
//       CHECK:   %[[NEG:.+]] = kiln.less %[[X]], %[[ZERO]]
//       CHECK:   %[[ALPHA:.+]] = kiln.constant dense<1.000000e-01> : tensor<f32>
//       CHECK:   %[[SCALED:.+]] = kiln.mul %[[X]], %[[ALPHA]]
//       CHECK:   kiln.select %[[NEG]], %[[SCALED]], %[[X]]
func.func @leaky_relu_opset16(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = kiln_onnx.node "LeakyRelu"(%x) {domain = "", opset = 16 : i64, onnx_attrs = {alpha = 0.1 : f32}} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// PRelu: select(x < 0, slope * x, x), the slope broadcast.
// CHECK-LABEL: func.func @prelu_opset16
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x3xf32>, %[[S:.+]]: tensor<3xf32>)
//       CHECK:   %[[NEG:.+]] = kiln.less %[[X]]
//       CHECK:   %[[SCALED:.+]] = kiln.mul %[[X]], %[[S]]
//       CHECK:   kiln.select %[[NEG]], %[[SCALED]], %[[X]]
func.func @prelu_opset16(%x: tensor<2x3xf32>, %s: tensor<3xf32>) -> tensor<2x3xf32> {
  %y = kiln_onnx.node "PRelu"(%x, %s) {domain = "", opset = 16 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Elu: select(x < 0, alpha * (exp(x) - 1), x).
// CHECK-LABEL: func.func @elu_opset6
//  CHECK-SAME:   (%[[X:.+]]: tensor<4xf32>)
//       CHECK:   %[[NEG:.+]] = kiln.less %[[X]]
//       CHECK:   %[[EXP:.+]] = kiln.exp %[[X]]
//       CHECK:   %[[EXPM1:.+]] = kiln.sub %[[EXP]]
//       CHECK:   %[[SCALED:.+]] = kiln.mul %[[EXPM1]]
//       CHECK:   kiln.select %[[NEG]], %[[SCALED]], %[[X]]
func.func @elu_opset6(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = kiln_onnx.node "Elu"(%x) {domain = "", opset = 6 : i64, onnx_attrs = {alpha = 2.0 : f32}} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Selu: gamma * select(x <= 0, alpha * exp(x) - alpha, x).
// CHECK-LABEL: func.func @selu_opset6
//       CHECK:   kiln.less_equal
//       CHECK:   kiln.exp
//       CHECK:   kiln.select
//       CHECK:   kiln.mul
func.func @selu_opset6(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = kiln_onnx.node "Selu"(%x) {domain = "", opset = 6 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// HardSigmoid: clip(alpha * x + beta, 0, 1); HardSwish: x * that with
// alpha = 1/6, beta = 0.5.
// CHECK-LABEL: func.func @hard_sigmoid_hard_swish_opset14
//       CHECK:   kiln.mul
//       CHECK:   kiln.add
//       CHECK:   kiln.clip %{{.+}} {max = 1.000000e+00 : f64, min = 0.000000e+00 : f64}
//       CHECK:   kiln.clip %{{.+}} {max = 1.000000e+00 : f64, min = 0.000000e+00 : f64}
//       CHECK:   kiln.mul
func.func @hard_sigmoid_hard_swish_opset14(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %y = kiln_onnx.node "HardSigmoid"(%x) {domain = "", opset = 6 : i64, onnx_attrs = {alpha = 0.5 : f32, beta = 0.6 : f32}} : (tensor<4xf32>) -> tensor<4xf32>
  %z = kiln_onnx.node "HardSwish"(%x) {domain = "", opset = 14 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return %y, %z : tensor<4xf32>, tensor<4xf32>
}

// -----

// Softplus: max(x, 0) + log(exp(-|x|) + 1), which cannot overflow;
// Softsign: x / (1 + |x|).
// CHECK-LABEL: func.func @softplus_softsign_opset1
//  CHECK-SAME:   (%[[X:.+]]: tensor<4xf32>)
//       CHECK:   %[[A:.+]] = kiln.abs %[[X]]
//       CHECK:   %[[N:.+]] = kiln.neg %[[A]]
//       CHECK:   %[[E:.+]] = kiln.exp %[[N]]
//       CHECK:   %[[E1:.+]] = kiln.add %[[E]]
//       CHECK:   %[[L:.+]] = kiln.log %[[E1]]
//       CHECK:   %[[R:.+]] = kiln.relu %[[X]]
//       CHECK:   kiln.add %[[R]], %[[L]]
//       CHECK:   %[[ABS:.+]] = kiln.abs %[[X]]
//       CHECK:   %[[D:.+]] = kiln.add %[[ABS]]
//       CHECK:   kiln.div %[[X]], %[[D]]
func.func @softplus_softsign_opset1(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %y = kiln_onnx.node "Softplus"(%x) {domain = "", opset = 1 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  %z = kiln_onnx.node "Softsign"(%x) {domain = "", opset = 1 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return %y, %z : tensor<4xf32>, tensor<4xf32>
}

// -----

// Celu: max(x, 0) + min(alpha * (exp(x / alpha) - 1), 0).
// CHECK-LABEL: func.func @celu_opset12
//       CHECK:   kiln.div
//       CHECK:   kiln.exp
//       CHECK:   kiln.min
//       CHECK:   kiln.max
//       CHECK:   kiln.add
func.func @celu_opset12(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = kiln_onnx.node "Celu"(%x) {domain = "", opset = 12 : i64, onnx_attrs = {alpha = 2.0 : f32}} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// ThresholdedRelu: select(x > alpha, x, 0).
// CHECK-LABEL: func.func @thresholded_relu_opset10
//  CHECK-SAME:   (%[[X:.+]]: tensor<4xf32>)
//       CHECK:   %[[GT:.+]] = kiln.greater %[[X]]
//       CHECK:   kiln.select %[[GT]], %[[X]]
func.func @thresholded_relu_opset10(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = kiln_onnx.node "ThresholdedRelu"(%x) {domain = "", opset = 10 : i64, onnx_attrs = {alpha = 2.0 : f32}} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Shrink: two selects around -lambd and lambd.
// CHECK-LABEL: func.func @shrink_opset9
//       CHECK:   kiln.less
//       CHECK:   kiln.greater
//       CHECK:   kiln.select
//       CHECK:   kiln.select
func.func @shrink_opset9(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = kiln_onnx.node "Shrink"(%x) {domain = "", opset = 9 : i64, onnx_attrs = {bias = 1.5 : f32, lambd = 1.5 : f32}} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Tan is sin / cos; Sinh and Cosh use exp(x) and exp(-x).
// CHECK-LABEL: func.func @tan_sinh_cosh_opset9
//       CHECK:   %[[SIN:.+]] = kiln.sin
//       CHECK:   %[[COS:.+]] = kiln.cos
//       CHECK:   kiln.div %[[SIN]], %[[COS]]
//       CHECK:   kiln.neg
//       CHECK:   kiln.sub
//       CHECK:   kiln.neg
//       CHECK:   kiln.add
func.func @tan_sinh_cosh_opset9(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %t = kiln_onnx.node "Tan"(%x) {domain = "", opset = 7 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  %s = kiln_onnx.node "Sinh"(%x) {domain = "", opset = 9 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  %c = kiln_onnx.node "Cosh"(%x) {domain = "", opset = 9 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return %t, %s, %c : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// Asinh, Acosh and Atanh through log and sqrt.
// CHECK-LABEL: func.func @inverse_hyperbolic_opset9
//       CHECK:   kiln.sqrt
//       CHECK:   kiln.log
//       CHECK:   kiln.sqrt
//       CHECK:   kiln.log
//       CHECK:   kiln.div
//       CHECK:   kiln.log
func.func @inverse_hyperbolic_opset9(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %a = kiln_onnx.node "Asinh"(%x) {domain = "", opset = 9 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  %b = kiln_onnx.node "Acosh"(%x) {domain = "", opset = 9 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  %c = kiln_onnx.node "Atanh"(%x) {domain = "", opset = 9 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return %a, %b, %c : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// IsNaN is !(x == x); IsInf with only detect_positive compares with +inf.
// CHECK-LABEL: func.func @isnan_isinf_opset10
//  CHECK-SAME:   (%[[X:.+]]: tensor<4xf32>)
//       CHECK:   %[[EQ:.+]] = kiln.equal %[[X]], %[[X]]
//       CHECK:   kiln.not %[[EQ]]
//       CHECK:   %[[INF:.+]] = kiln.constant dense<0x7F800000> : tensor<f32>
//       CHECK:   %[[POS:.+]] = kiln.equal %[[X]], %[[INF]]
//       CHECK:   return %{{.+}}, %[[POS]]
func.func @isnan_isinf_opset10(%x: tensor<4xf32>) -> (tensor<4xi1>, tensor<4xi1>) {
  %a = kiln_onnx.node "IsNaN"(%x) {domain = "", opset = 9 : i64} : (tensor<4xf32>) -> tensor<4xi1>
  %b = kiln_onnx.node "IsInf"(%x) {domain = "", opset = 10 : i64, onnx_attrs = {detect_negative = 0 : i64}} : (tensor<4xf32>) -> tensor<4xi1>
  return %a, %b : tensor<4xi1>, tensor<4xi1>
}

// -----

// Integer Mod (fmod = 0) takes the divisor's sign: the truncated remainder
// is moved by the divisor where the signs differ.
// CHECK-LABEL: func.func @mod_int_opset13
//  CHECK-SAME:   (%[[X:.+]]: tensor<4xi32>, %[[Y:.+]]: tensor<4xi32>)
//       CHECK:   %[[Q:.+]] = kiln.div %[[X]], %[[Y]]
//       CHECK:   %[[P:.+]] = kiln.mul %[[Y]], %[[Q]]
//       CHECK:   %[[R:.+]] = kiln.sub %[[X]], %[[P]]
//       CHECK:   kiln.xor
//       CHECK:   %[[ADJ:.+]] = kiln.and
//       CHECK:   %[[RY:.+]] = kiln.add %[[R]], %[[Y]]
//       CHECK:   kiln.select %[[ADJ]], %[[RY]], %[[R]]
func.func @mod_int_opset13(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xi32> {
  %z = kiln_onnx.node "Mod"(%x, %y) {domain = "", opset = 13 : i64} : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %z : tensor<4xi32>
}

// -----

// Float Mod (fmod = 1) truncates the quotient with ceil/floor.
// CHECK-LABEL: func.func @mod_fmod_float_opset13
//       CHECK:   kiln.div
//       CHECK:   kiln.ceil
//       CHECK:   kiln.floor
//       CHECK:   kiln.select
//       CHECK:   kiln.mul
//       CHECK:   kiln.sub
//   CHECK-NOT:   kiln.xor
func.func @mod_fmod_float_opset13(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %z = kiln_onnx.node "Mod"(%x, %y) {domain = "", opset = 13 : i64, onnx_attrs = {fmod = 1 : i64}} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %z : tensor<4xf32>
}

// -----

// BitShift multiplies or divides by a power of two gathered from a table
// (0 past the bit width); a right shift by the width or more gives 0.
// CHECK-LABEL: func.func @bitshift_opset11
//  CHECK-SAME:   (%[[X:.+]]: tensor<3xui8>, %[[S:.+]]: tensor<3xui8>)
//       CHECK:   %[[TABLE:.+]] = kiln.constant dense<[1, 2, 4, 8, 16, 32, 64, 128, 0]> : tensor<9xui8>
//       CHECK:   %[[MIN:.+]] = kiln.min %[[S]]
//       CHECK:   %[[IDX:.+]] = kiln.cast %[[MIN]] : tensor<3xui8> to tensor<3xi64>
//       CHECK:   %[[P:.+]] = kiln.gather %[[TABLE]], %[[IDX]] {axis = 0 : i64}
//       CHECK:   %[[OUT:.+]] = kiln.equal %[[P]]
//       CHECK:   %[[D:.+]] = kiln.select %[[OUT]], %{{.+}}, %[[P]]
//       CHECK:   %[[Q:.+]] = kiln.div %[[X]], %[[D]]
//       CHECK:   kiln.select %[[OUT]], %{{.+}}, %[[Q]]
func.func @bitshift_opset11(%x: tensor<3xui8>, %s: tensor<3xui8>) -> tensor<3xui8> {
  %y = kiln_onnx.node "BitShift"(%x, %s) {domain = "", opset = 11 : i64, onnx_attrs = {direction = "RIGHT"}} : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xui8>
  return %y : tensor<3xui8>
}

// -----

// CumSum moves the axis last and multiplies by a constant triangle of ones
// (here exclusive: strictly upper).
// CHECK-LABEL: func.func @cumsum_exclusive_axis0_opset14
//  CHECK-SAME:   (%[[X:.+]]: tensor<3x2xf32>)
//   CHECK-DAG:   %[[M:.+]] = kiln.constant dense<{{\[}}[0.000000e+00, 1.000000e+00, 1.000000e+00], [0.000000e+00, 0.000000e+00, 1.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00]]> : tensor<3x3xf32>
//   CHECK-DAG:   %[[T:.+]] = kiln.transpose %[[X]] {permutation = array<i64: 1, 0>}
//       CHECK:   %[[P:.+]] = kiln.matmul %[[T]], %[[M]]
//       CHECK:   kiln.transpose %[[P]] {permutation = array<i64: 1, 0>}
func.func @cumsum_exclusive_axis0_opset14(%x: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %axis = kiln_onnx.constant dense<0> : tensor<i32>
  %y = kiln_onnx.node "CumSum"(%x, %axis) {domain = "", opset = 14 : i64, onnx_attrs = {exclusive = 1 : i64}} : (tensor<3x2xf32>, tensor<i32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

// Atan: Cephes' atanf (range reduction by selects, an odd polynomial, the
// offset and sign restored); Asin and Acos go through it.
// CHECK-LABEL: func.func @atan_asin_acos_opset7
//  CHECK-SAME:   (%[[X:.+]]: tensor<4xf32>)
//       CHECK:   %[[ABS:.+]] = kiln.abs %[[X]]
//       CHECK:   %[[BIG:.+]] = kiln.greater %[[ABS]], %{{.+}}
//       CHECK:   %[[MID:.+]] = kiln.greater %[[ABS]], %{{.+}}
//       CHECK:   kiln.select %[[BIG]]
//       CHECK:   kiln.constant dense<0.0805374458> : tensor<f32>
//       CHECK:   kiln.less %[[X]]
//       CHECK:   kiln.sqrt
//       CHECK:   kiln.abs
//       CHECK:   kiln.sqrt
//       CHECK:   kiln.abs
func.func @atan_asin_acos_opset7(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %a = kiln_onnx.node "Atan"(%x) {domain = "", opset = 7 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  %b = kiln_onnx.node "Asin"(%x) {domain = "", opset = 7 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  %c = kiln_onnx.node "Acos"(%x) {domain = "", opset = 7 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return %a, %b, %c : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// Det of 2 x 2 matrices: ad - bc on slices, batch dimensions kept.
// CHECK-LABEL: func.func @det_2x2_opset11
//       CHECK:   kiln.slice %{{.+}} {limits = array<i64: 3, 1, 2>, starts = array<i64: 0, 0, 0>
//       CHECK:   %[[AD:.+]] = kiln.mul
//       CHECK:   %[[BC:.+]] = kiln.mul
//       CHECK:   kiln.sub %[[AD]], %[[BC]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
func.func @det_2x2_opset11(%x: tensor<3x2x2xf32>) -> tensor<3xf32> {
  %y = kiln_onnx.node "Det"(%x) {domain = "", opset = 11 : i64} : (tensor<3x2x2xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}

// -----

// PRelu 6: a slope of one value per channel applies along dimension 1.
// CHECK-LABEL: func.func @prelu_channels_opset6
//       CHECK:   %[[S:.+]] = kiln.reshape %{{.+}} : tensor<3xf32> to tensor<3x1x1xf32>
//       CHECK:   kiln.mul %{{.+}}, %[[S]] : (tensor<2x3x4x5xf32>, tensor<3x1x1xf32>) -> tensor<2x3x4x5xf32>
func.func @prelu_channels_opset6(%x: tensor<2x3x4x5xf32>, %s: tensor<3xf32>) -> tensor<2x3x4x5xf32> {
  %y = kiln_onnx.node "PRelu"(%x, %s) {domain = "", opset = 6 : i64} : (tensor<2x3x4x5xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
  return %y : tensor<2x3x4x5xf32>
}

// -----

// Pow 6 broadcasts the legacy way.
// CHECK-LABEL: func.func @pow_legacy_broadcast_opset6
//       CHECK:   %[[E:.+]] = kiln.reshape %{{.+}} : tensor<3xf32> to tensor<3x1xf32>
//       CHECK:   kiln.pow %{{.+}}, %[[E]]
func.func @pow_legacy_broadcast_opset6(%b: tensor<2x3x4xf32>, %e: tensor<3xf32>) -> tensor<2x3x4xf32> {
  %y = kiln_onnx.node "Pow"(%b, %e) {domain = "", opset = 6 : i64, onnx_attrs = {axis = 1 : i64, broadcast = 1 : i64}} : (tensor<2x3x4xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}
