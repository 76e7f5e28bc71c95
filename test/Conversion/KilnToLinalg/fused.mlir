// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// `kiln.fused` is inlined: its body ops are lowered in its place, on its
// inputs, and its results are the yielded values.

// CHECK-LABEL: func.func @fused_matmul_bias_relu
//  CHECK-SAME:   %[[A:[a-zA-Z0-9_]+]]: tensor<2x3xf32>, %[[B:[a-zA-Z0-9_]+]]: tensor<3x4xf32>, %[[C:[a-zA-Z0-9_]+]]: tensor<4xf32>
//       CHECK:   %[[MM:.+]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<2x3xf32>, tensor<3x4xf32>)
//       CHECK:   %[[SUM:.+]] = linalg.generic {{.+}} ins(%[[MM]], %[[C]] : tensor<2x4xf32>, tensor<4xf32>)
//       CHECK:     arith.addf
//       CHECK:   %[[RELU:.+]] = linalg.generic {{.+}} ins(%[[SUM]] : tensor<2x4xf32>)
//       CHECK:     arith.maximumf
//   CHECK-NOT:   kiln.
//       CHECK:   return %[[RELU]]
func.func @fused_matmul_bias_relu(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = kiln.fused (%a, %b, %c) : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x4xf32> {
  ^bb0(%lhs: tensor<2x3xf32>, %rhs: tensor<3x4xf32>, %bias: tensor<4xf32>):
    %mm = kiln.matmul %lhs, %rhs : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    %sum = kiln.add %mm, %bias : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
    %relu = kiln.relu %sum : tensor<2x4xf32>
    kiln.yield %relu : tensor<2x4xf32>
  }
  return %0 : tensor<2x4xf32>
}

// -----

// A constant in the body is lowered with it; two results map to the two
// yielded values, in order.
// CHECK-LABEL: func.func @fused_constant_two_results
//  CHECK-SAME:   %[[A:[a-zA-Z0-9_]+]]: tensor<2x3xf32>, %[[B:[a-zA-Z0-9_]+]]: tensor<4x3xf32>
//       CHECK:   %[[HALF:.+]] = arith.constant dense<5.000000e-01> : tensor<f32>
//       CHECK:   %[[G:.+]] = linalg.matmul {{.+}} ins(%[[A]], %[[B]] : tensor<2x3xf32>, tensor<4x3xf32>)
//       CHECK:   %[[SCALED:.+]] = linalg.generic {{.+}} ins(%[[G]], %[[HALF]] : tensor<2x4xf32>, tensor<f32>)
//       CHECK:     arith.mulf
//   CHECK-NOT:   kiln.
//       CHECK:   return %[[SCALED]], %[[G]]
func.func @fused_constant_two_results(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  %0:2 = kiln.fused (%a, %b) : (tensor<2x3xf32>, tensor<4x3xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  ^bb0(%lhs: tensor<2x3xf32>, %rhs: tensor<4x3xf32>):
    %half = kiln.constant dense<0.5> : tensor<f32>
    %g = kiln.gemm %lhs, %rhs {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = true} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
    %s = kiln.mul %g, %half : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
    kiln.yield %s, %g : tensor<2x4xf32>, tensor<2x4xf32>
  }
  return %0#0, %0#1 : tensor<2x4xf32>, tensor<2x4xf32>
}
