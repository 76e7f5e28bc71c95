// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// A sum is `linalg.reduce` onto zeros; keep_dims re-inserts the unit
// dimension with `tensor.expand_shape`.
// CHECK-LABEL: func.func @reduce_sum_keep_dims
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3x4xf32>
//       CHECK:   %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
//       CHECK:   %[[INIT:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<2x4xf32>)
//       CHECK:   %[[SUM:.+]] = linalg.reduce ins(%[[INPUT]] : tensor<2x3x4xf32>) outs(%[[INIT]] : tensor<2x4xf32>) dimensions = [1]
//       CHECK:       arith.addf
//       CHECK:   %[[KEPT:.+]] = tensor.expand_shape %[[SUM]] {{\[}}[0], [1, 2]] output_shape [2, 1, 4] : tensor<2x4xf32> into tensor<2x1x4xf32>
//   CHECK-NOT:   kiln.
//       CHECK:   return %[[KEPT]]
func.func @reduce_sum_keep_dims(%input: tensor<2x3x4xf32>) -> tensor<2x1x4xf32> {
  %y = kiln.reduce_sum %input {axes = array<i64: 1>, keep_dims = true} : tensor<2x3x4xf32> -> tensor<2x1x4xf32>
  return %y : tensor<2x1x4xf32>
}

// -----

// Max starts from -inf and propagates NaN; min of unsigned values starts
// from the highest value (255, printed as -1 in i8).
// CHECK-LABEL: func.func @reduce_max_min
//       CHECK:   %[[NEG_INF:.+]] = arith.constant 0xFF800000 : f32
//       CHECK:   linalg.fill ins(%[[NEG_INF]] : f32)
//       CHECK:   linalg.reduce {{.*}} dimensions = [0, 1]
//       CHECK:       arith.maximumf
//       CHECK:   %[[HIGHEST:.+]] = arith.constant -1 : i8
//       CHECK:   linalg.fill ins(%[[HIGHEST]] : i8)
//       CHECK:   linalg.reduce
//       CHECK:       arith.minui
func.func @reduce_max_min(%f: tensor<2x3xf32>, %u: tensor<2x3xui8>) -> (tensor<f32>, tensor<2xui8>) {
  %max = kiln.reduce_max %f {axes = array<i64: 0, 1>, keep_dims = false} : tensor<2x3xf32> -> tensor<f32>
  %min = kiln.reduce_min %u {axes = array<i64: 1>, keep_dims = false} : tensor<2x3xui8> -> tensor<2xui8>
  return %max, %min : tensor<f32>, tensor<2xui8>
}

// -----

// Prod starts from one.
// CHECK-LABEL: func.func @reduce_prod_i64
//       CHECK:   %[[ONE:.+]] = arith.constant 1 : i64
//       CHECK:   linalg.fill ins(%[[ONE]] : i64)
//       CHECK:       arith.muli
func.func @reduce_prod_i64(%input: tensor<2x3xi64>) -> tensor<3xi64> {
  %y = kiln.reduce_prod %input {axes = array<i64: 0>, keep_dims = false} : tensor<2x3xi64> -> tensor<3xi64>
  return %y : tensor<3xi64>
}

// -----

// A mean divides the sum by the element count.
// CHECK-LABEL: func.func @reduce_mean_f32
//       CHECK:   %[[SUM:.+]] = linalg.reduce
//       CHECK:   linalg.generic
//  CHECK-SAME:       ins(%[[SUM]] : tensor<2xf32>)
//       CHECK:     %[[COUNT:.+]] = arith.constant 1.200000e+01 : f32
//       CHECK:     arith.divf %{{.+}}, %[[COUNT]] : f32
func.func @reduce_mean_f32(%input: tensor<2x3x4xf32>) -> tensor<2xf32> {
  %y = kiln.reduce_mean %input {axes = array<i64: 1, 2>, keep_dims = false} : tensor<2x3x4xf32> -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

// An integer mean truncates toward zero; unsigned divides unsigned.
// CHECK-LABEL: func.func @reduce_mean_integers
//       CHECK:     arith.divsi
//       CHECK:     arith.divui
func.func @reduce_mean_integers(%i: tensor<2x3xi32>, %u: tensor<2x3xui32>) -> (tensor<2xi32>, tensor<2xui32>) {
  %0 = kiln.reduce_mean %i {axes = array<i64: 1>, keep_dims = false} : tensor<2x3xi32> -> tensor<2xi32>
  %1 = kiln.reduce_mean %u {axes = array<i64: 1>, keep_dims = false} : tensor<2x3xui32> -> tensor<2xui32>
  return %0, %1 : tensor<2xi32>, tensor<2xui32>
}

// -----

// f16 sums accumulate in f32; the mean divides and rounds in one generic.
// CHECK-LABEL: func.func @reduce_mean_f16
//       CHECK:   linalg.reduce ins(%{{.+}} : tensor<2x3xf16>) outs(%{{.+}} : tensor<2xf32>)
//       CHECK:       %[[WIDE:.+]] = arith.extf %{{.+}} : f16 to f32
//       CHECK:       arith.addf %[[WIDE]], %{{.+}} : f32
//       CHECK:   linalg.generic
//       CHECK:     %[[MEAN:.+]] = arith.divf
//       CHECK:     arith.truncf %[[MEAN]] : f32 to f16
func.func @reduce_mean_f16(%input: tensor<2x3xf16>) -> tensor<2xf16> {
  %y = kiln.reduce_mean %input {axes = array<i64: 1>, keep_dims = false} : tensor<2x3xf16> -> tensor<2xf16>
  return %y : tensor<2xf16>
}

// -----

// Softmax: the max along the axis, e = exp(x - max) once, the sum of e,
// then e * (1 / sum); the reduced operands are read through the map that
// drops the axis.
// CHECK-DAG: #[[$ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$DROP_AXIS:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @softmax_axis1
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3x4xf32>
//       CHECK:   %[[NEG_INF:.+]] = arith.constant 0xFF800000 : f32
//       CHECK:   %[[MAX_INIT:.+]] = linalg.fill ins(%[[NEG_INF]] : f32)
//       CHECK:   %[[MAX:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$DROP_AXIS]]], iterator_types = ["parallel", "reduction", "parallel"]}
//  CHECK-SAME:       ins(%[[INPUT]] : tensor<2x3x4xf32>) outs(%[[MAX_INIT]] : tensor<2x4xf32>)
//       CHECK:     arith.maximumf
//       CHECK:   %[[EXPS:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$DROP_AXIS]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
//  CHECK-SAME:       ins(%[[INPUT]], %[[MAX]] : tensor<2x3x4xf32>, tensor<2x4xf32>)
//       CHECK:     %[[SHIFTED:.+]] = arith.subf
//       CHECK:     %[[EXP:.+]] = math.exp %[[SHIFTED]]
//       CHECK:     linalg.yield %[[EXP]]
//       CHECK:   %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$DROP_AXIS]]], iterator_types = ["parallel", "reduction", "parallel"]}
//  CHECK-SAME:       ins(%[[EXPS]] : tensor<2x3x4xf32>)
//       CHECK:     arith.addf
//       CHECK:   %[[RESULT:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$DROP_AXIS]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
//  CHECK-SAME:       ins(%[[EXPS]], %[[SUM]] :
//       CHECK:     %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
//       CHECK:     %[[RECIPROCAL:.+]] = arith.divf %[[ONE]], %{{.+}} : f32
//       CHECK:     arith.mulf %{{.+}}, %[[RECIPROCAL]] : f32
//   CHECK-NOT:     math.exp
//       CHECK:   return %[[RESULT]]
func.func @softmax_axis1(%input: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %y = kiln.softmax %input {axis = 1 : i64} : tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// -----

// LogSoftmax ends with x - max - log(sum).
// CHECK-LABEL: func.func @log_softmax_axis0
//       CHECK:   linalg.generic
//       CHECK:   linalg.generic
//       CHECK:   linalg.generic
//       CHECK:     %[[SHIFTED:.+]] = arith.subf
//       CHECK:     %[[LOG:.+]] = math.log
//       CHECK:     arith.subf %[[SHIFTED]], %[[LOG]]
func.func @log_softmax_axis0(%input: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %y = kiln.log_softmax %input {axis = 0 : i64} : tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}

// -----

// LayerNorm: the mean, the biased variance in a second pass, then
// (x - mean) * (1 / sqrt(variance + epsilon)) * scale + bias with scale and
// bias broadcast from the last dimension.
// CHECK-DAG: #[[$ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$LAST:.+]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG: #[[$KEPT:.+]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-LABEL: func.func @layer_norm_axis1
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3x4xf32>, %[[SCALE:[a-zA-Z0-9_]+]]: tensor<4xf32>, %[[BIAS:[a-zA-Z0-9_]+]]: tensor<4xf32>
//       CHECK:   %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$KEPT]]], iterator_types = ["parallel", "reduction", "reduction"]}
//       CHECK:   %[[MEAN:.+]] = linalg.generic
//  CHECK-SAME:       ins(%[[SUM]] : tensor<2xf32>)
//       CHECK:     arith.constant 1.200000e+01 : f32
//       CHECK:   %[[SQUARES:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$KEPT]], #[[$KEPT]]], iterator_types = ["parallel", "reduction", "reduction"]}
//  CHECK-SAME:       ins(%[[INPUT]], %[[MEAN]] :
//       CHECK:     %[[CENTERED:.+]] = arith.subf
//       CHECK:     arith.mulf %[[CENTERED]], %[[CENTERED]]
//       CHECK:   %[[VARIANCE:.+]] = linalg.generic
//  CHECK-SAME:       ins(%[[SQUARES]] : tensor<2xf32>)
//       CHECK:   linalg.generic {indexing_maps = [#[[$ID]], #[[$LAST]], #[[$LAST]], #[[$KEPT]], #[[$KEPT]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
//  CHECK-SAME:       ins(%[[INPUT]], %[[SCALE]], %[[BIAS]], %[[MEAN]], %[[VARIANCE]] :
//       CHECK:     %[[EPSILON:.+]] = arith.constant 9.99999974E-6 : f32
//       CHECK:     arith.addf %{{.+}}, %[[EPSILON]]
//       CHECK:     %[[DEVIATION:.+]] = math.sqrt
//       CHECK:     %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
//       CHECK:     %[[INVERSE:.+]] = arith.divf %[[ONE]], %[[DEVIATION]] : f32
//       CHECK:     arith.mulf %{{.+}}, %[[INVERSE]] : f32
//       CHECK:     arith.mulf
//       CHECK:     arith.addf
func.func @layer_norm_axis1(%input: tensor<2x3x4xf32>, %scale: tensor<4xf32>, %bias: tensor<4xf32>) -> tensor<2x3x4xf32> {
  %y = kiln.layer_norm %input, %scale, %bias {axis = 1 : i64, epsilon = 1.0e-5 : f32} : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// -----

// BatchNorm is one generic; the per-channel operands are read through d1,
// and the deviation's reciprocal multiplies.
// CHECK-DAG: #[[$CHANNEL:.+]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @batch_norm_nchw
//       CHECK:   linalg.generic {indexing_maps = [#{{.+}}, #[[$CHANNEL]], #[[$CHANNEL]], #[[$CHANNEL]], #[[$CHANNEL]], #{{.+}}]
//       CHECK:     arith.subf
//       CHECK:     arith.addf
//       CHECK:     %[[DEVIATION:.+]] = math.sqrt
//       CHECK:     %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
//       CHECK:     %[[INVERSE:.+]] = arith.divf %[[ONE]], %[[DEVIATION]] : f32
//       CHECK:     arith.mulf %{{.+}}, %[[INVERSE]] : f32
//       CHECK:     arith.mulf
//       CHECK:     arith.addf
//   CHECK-NOT:   linalg.generic
func.func @batch_norm_nchw(%input: tensor<1x3x2x2xf32>, %scale: tensor<3xf32>, %bias: tensor<3xf32>, %mean: tensor<3xf32>, %variance: tensor<3xf32>) -> tensor<1x3x2x2xf32> {
  %y = kiln.batch_norm %input, %scale, %bias, %mean, %variance {epsilon = 1.0e-5 : f32} : (tensor<1x3x2x2xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x2x2xf32>
  return %y : tensor<1x3x2x2xf32>
}
