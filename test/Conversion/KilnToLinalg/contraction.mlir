// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// A 2-D matmul is `linalg.matmul` onto zeros.
// CHECK-LABEL: func.func @matmul_2d
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<4x3xf32>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<3x5xf32>
//       CHECK:   %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
//       CHECK:   %[[EMPTY:.+]] = tensor.empty() : tensor<4x5xf32>
//       CHECK:   %[[ACC:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<4x5xf32>)
//       CHECK:   %[[PRODUCT:.+]] = linalg.matmul ins(%[[LHS]], %[[RHS]] : tensor<4x3xf32>, tensor<3x5xf32>) outs(%[[ACC]] : tensor<4x5xf32>)
//   CHECK-NOT:   kiln.
//       CHECK:   return %[[PRODUCT]]
func.func @matmul_2d(%lhs: tensor<4x3xf32>, %rhs: tensor<3x5xf32>) -> tensor<4x5xf32> {
  %y = kiln.matmul %lhs, %rhs : (tensor<4x3xf32>, tensor<3x5xf32>) -> tensor<4x5xf32>
  return %y : tensor<4x5xf32>
}

// -----

// A batched lhs times a matrix folds the batch into the rows.
// CHECK-LABEL: func.func @matmul_batched_lhs
//       CHECK:   %[[ROWS:.+]] = tensor.collapse_shape %{{.+}} {{\[}}[0, 1], [2]] : tensor<2x4x3xf32> into tensor<8x3xf32>
//       CHECK:   %[[PRODUCT:.+]] = linalg.matmul ins(%[[ROWS]], %{{.+}} : tensor<8x3xf32>, tensor<3x5xf32>)
//       CHECK:   tensor.expand_shape %[[PRODUCT]] {{\[}}[0, 1], [2]] output_shape [2, 4, 5] : tensor<8x5xf32> into tensor<2x4x5xf32>
func.func @matmul_batched_lhs(%lhs: tensor<2x4x3xf32>, %rhs: tensor<3x5xf32>) -> tensor<2x4x5xf32> {
  %y = kiln.matmul %lhs, %rhs : (tensor<2x4x3xf32>, tensor<3x5xf32>) -> tensor<2x4x5xf32>
  return %y : tensor<2x4x5xf32>
}

// -----

// Equal batch shapes fold into one batch dimension of `linalg.batch_matmul`.
// CHECK-LABEL: func.func @matmul_equal_batches
//       CHECK:   %[[LHS:.+]] = tensor.collapse_shape %{{.+}} {{\[}}[0, 1], [2], [3]] : tensor<2x3x4x5xf32> into tensor<6x4x5xf32>
//       CHECK:   %[[RHS:.+]] = tensor.collapse_shape %{{.+}} {{\[}}[0, 1], [2], [3]] : tensor<2x3x5x2xf32> into tensor<6x5x2xf32>
//       CHECK:   %[[PRODUCT:.+]] = linalg.batch_matmul ins(%[[LHS]], %[[RHS]] : tensor<6x4x5xf32>, tensor<6x5x2xf32>)
//       CHECK:   tensor.expand_shape %[[PRODUCT]] {{\[}}[0, 1], [2], [3]] output_shape [2, 3, 4, 2]
func.func @matmul_equal_batches(%lhs: tensor<2x3x4x5xf32>, %rhs: tensor<2x3x5x2xf32>) -> tensor<2x3x4x2xf32> {
  %y = kiln.matmul %lhs, %rhs : (tensor<2x3x4x5xf32>, tensor<2x3x5x2xf32>) -> tensor<2x3x4x2xf32>
  return %y : tensor<2x3x4x2xf32>
}

// -----

// Broadcast batches become a contraction generic whose maps broadcast the
// batch dimensions.
// CHECK-DAG: #[[$LHS:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, 0, d2, d4)>
// CHECK-DAG: #[[$RHS:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4, d3)>
// CHECK-DAG: #[[$OUT:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @matmul_broadcast_batches
//       CHECK:   linalg.generic {indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
//       CHECK:   ^bb0(%[[A:.+]]: f32, %[[B:.+]]: f32, %[[ACC:.+]]: f32):
//       CHECK:     %[[MUL:.+]] = arith.mulf %[[A]], %[[B]] : f32
//       CHECK:     %[[ADD:.+]] = arith.addf %[[ACC]], %[[MUL]] : f32
//       CHECK:     linalg.yield %[[ADD]]
func.func @matmul_broadcast_batches(%lhs: tensor<2x1x4x5xf32>, %rhs: tensor<3x5x2xf32>) -> tensor<2x3x4x2xf32> {
  %y = kiln.matmul %lhs, %rhs : (tensor<2x1x4x5xf32>, tensor<3x5x2xf32>) -> tensor<2x3x4x2xf32>
  return %y : tensor<2x3x4x2xf32>
}

// -----

// 16-bit floats accumulate in f32 and are rounded once at the end.
// CHECK-LABEL: func.func @matmul_f16
//       CHECK:   %[[ACC:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<4x5xf32>)
//       CHECK:   %[[PRODUCT:.+]] = linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<4x3xf16>, tensor<3x5xf16>) outs(%[[ACC]] : tensor<4x5xf32>)
//       CHECK:   linalg.generic
//  CHECK-SAME:       ins(%[[PRODUCT]] : tensor<4x5xf32>)
//       CHECK:     arith.truncf %{{.+}} : f32 to f16
func.func @matmul_f16(%lhs: tensor<4x3xf16>, %rhs: tensor<3x5xf16>) -> tensor<4x5xf16> {
  %y = kiln.matmul %lhs, %rhs : (tensor<4x3xf16>, tensor<3x5xf16>) -> tensor<4x5xf16>
  return %y : tensor<4x5xf16>
}

// -----

// Unsigned integers multiply as signless integers of the same width.
// CHECK-LABEL: func.func @matmul_ui32
//  CHECK-SAME:   -> tensor<2x2xi32>
//       CHECK:   linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<2x3xi32>, tensor<3x2xi32>)
func.func @matmul_ui32(%lhs: tensor<2x3xui32>, %rhs: tensor<3x2xui32>) -> tensor<2x2xui32> {
  %y = kiln.matmul %lhs, %rhs : (tensor<2x3xui32>, tensor<3x2xui32>) -> tensor<2x2xui32>
  return %y : tensor<2x2xui32>
}

// -----

// With alpha 1, the product accumulates onto `beta * c` broadcast to M x N;
// the transposes are indexing maps of `linalg.matmul`.
// CHECK-DAG: #[[$ROW:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[$A_T:.+]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG: #[[$B_T:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[$C:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @gemm_transposed_alpha1
//  CHECK-SAME:   %[[A:[a-zA-Z0-9_]+]]: tensor<3x4xf32>, %[[B:[a-zA-Z0-9_]+]]: tensor<5x3xf32>, %[[C:[a-zA-Z0-9_]+]]: tensor<5xf32>
//       CHECK:   %[[INIT:.+]] = linalg.generic {indexing_maps = [#[[$ROW]], #{{.+}}]
//  CHECK-SAME:       ins(%[[C]] : tensor<5xf32>)
//       CHECK:     %[[BETA:.+]] = arith.constant 2.000000e+00 : f32
//       CHECK:     arith.mulf %{{.+}}, %[[BETA]] : f32
//       CHECK:   %[[Y:.+]] = linalg.matmul indexing_maps = [#[[$A_T]], #[[$B_T]], #[[$C]]] ins(%[[A]], %[[B]] : tensor<3x4xf32>, tensor<5x3xf32>) outs(%[[INIT]] : tensor<4x5xf32>)
//       CHECK:   return %[[Y]]
func.func @gemm_transposed_alpha1(%a: tensor<3x4xf32>, %b: tensor<5x3xf32>, %c: tensor<5xf32>) -> tensor<4x5xf32> {
  %y = kiln.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 2.0 : f32, trans_a = true, trans_b = true} : (tensor<3x4xf32>, tensor<5x3xf32>, tensor<5xf32>) -> tensor<4x5xf32>
  return %y : tensor<4x5xf32>
}

// -----

// Other alphas scale the product in an epilogue that also adds `beta * c`.
// CHECK-LABEL: func.func @gemm_alpha_epilogue
//       CHECK:   %[[PRODUCT:.+]] = linalg.matmul ins
//       CHECK:   linalg.generic
//  CHECK-SAME:       ins(%[[PRODUCT]], %{{.+}} : tensor<4x5xf32>, tensor<4x1xf32>)
//       CHECK:     %[[ALPHA:.+]] = arith.constant 2.500000e-01 : f32
//       CHECK:     %[[SCALED:.+]] = arith.mulf %{{.+}}, %[[ALPHA]] : f32
//       CHECK:     arith.addf %[[SCALED]], %{{.+}} : f32
func.func @gemm_alpha_epilogue(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>, %c: tensor<4x1xf32>) -> tensor<4x5xf32> {
  %y = kiln.gemm %a, %b, %c {alpha = 0.25 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<4x3xf32>, tensor<3x5xf32>, tensor<4x1xf32>) -> tensor<4x5xf32>
  return %y : tensor<4x5xf32>
}

// -----

// `beta = 0` drops `c`; no `c` starts from zeros.
// CHECK-LABEL: func.func @gemm_beta0
//  CHECK-SAME:   %[[A:[a-zA-Z0-9_]+]]: tensor<4x3xf32>, %[[B:[a-zA-Z0-9_]+]]: tensor<3x5xf32>, %[[C:[a-zA-Z0-9_]+]]: tensor<5xf32>
//       CHECK:   %[[ZEROS:.+]] = linalg.fill
//       CHECK:   %[[Y:.+]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<4x3xf32>, tensor<3x5xf32>) outs(%[[ZEROS]] : tensor<4x5xf32>)
//       CHECK:   return %[[Y]]
func.func @gemm_beta0(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>, %c: tensor<5xf32>) -> tensor<4x5xf32> {
  %y = kiln.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 0.0 : f32, trans_a = false, trans_b = false} : (tensor<4x3xf32>, tensor<3x5xf32>, tensor<5xf32>) -> tensor<4x5xf32>
  return %y : tensor<4x5xf32>
}

// -----

// Integer gemm with integral alpha and beta.
// CHECK-LABEL: func.func @gemm_i32
//       CHECK:   linalg.matmul
//       CHECK:     %[[ALPHA:.+]] = arith.constant 3 : i32
//       CHECK:     arith.muli %{{.+}}, %[[ALPHA]] : i32
func.func @gemm_i32(%a: tensor<4x3xi32>, %b: tensor<3x5xi32>) -> tensor<4x5xi32> {
  %y = kiln.gemm %a, %b {alpha = 3.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<4x3xi32>, tensor<3x5xi32>) -> tensor<4x5xi32>
  return %y : tensor<4x5xi32>
}
