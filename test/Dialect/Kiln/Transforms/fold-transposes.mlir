// RUN: kiln-opt %s --split-input-file --kiln-fold-transposes | FileCheck %s

// `kiln-fold-transposes`: a [1, 0] transpose feeding a gemm operand becomes
// the operand's transpose flag.

// Both operands: each flag flips (b's from true to false).
// CHECK-LABEL: func.func @gemm_both_operands
//  CHECK-SAME:   %[[A:[a-zA-Z0-9_]+]]: tensor<3x2xf32>, %[[B:[a-zA-Z0-9_]+]]: tensor<3x4xf32>
//   CHECK-NOT:   kiln.transpose
//       CHECK:   kiln.gemm %[[A]], %[[B]] {alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, trans_a = true, trans_b = false}
func.func @gemm_both_operands(%a: tensor<3x2xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %at = kiln.transpose %a {permutation = array<i64: 1, 0>} : tensor<3x2xf32> -> tensor<2x3xf32>
  %bt = kiln.transpose %b {permutation = array<i64: 1, 0>} : tensor<3x4xf32> -> tensor<4x3xf32>
  %0 = kiln.gemm %at, %bt {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = true} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// A transpose with another user stays for it; the gemm still reads the
// original matrix.
// CHECK-LABEL: func.func @gemm_transpose_with_other_user
//  CHECK-SAME:   %[[A:[a-zA-Z0-9_]+]]: tensor<2x3xf32>, %[[B:[a-zA-Z0-9_]+]]: tensor<4x3xf32>
//       CHECK:   %[[BT:.+]] = kiln.transpose %[[B]]
//       CHECK:   %[[G:.+]] = kiln.gemm %[[A]], %[[B]] {{{.*}}trans_a = false, trans_b = true}
//       CHECK:   return %[[G]], %[[BT]]
func.func @gemm_transpose_with_other_user(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) -> (tensor<2x4xf32>, tensor<3x4xf32>) {
  %bt = kiln.transpose %b {permutation = array<i64: 1, 0>} : tensor<4x3xf32> -> tensor<3x4xf32>
  %0 = kiln.gemm %a, %bt {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0, %bt : tensor<2x4xf32>, tensor<3x4xf32>
}

// -----

// Nothing to fold: the gemm's operands are not transposes.
// CHECK-LABEL: func.func @negative_no_transpose
//       CHECK:   kiln.gemm %{{.+}}, %{{.+}} {{{.*}}trans_a = false, trans_b = false}
func.func @negative_no_transpose(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = kiln.gemm %a, %b {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
