// RUN: kiln-opt %s | kiln-opt | FileCheck %s

// Round trip of the fusion ops (`KilnFusionOps.td`): the printed form parses
// back to itself.

// A conv anchor with a relu epilogue; weights and bias come in as inputs.
// CHECK-LABEL: func.func @fused_conv_relu
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<1x2x4x4xf32>, %[[W:[a-zA-Z0-9_]+]]: tensor<3x2x1x1xf32>, %[[B:[a-zA-Z0-9_]+]]: tensor<3xf32>
//       CHECK:   %[[FUSED:.+]] = kiln.fused(%[[X]], %[[W]], %[[B]]) : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32> {
//  CHECK-NEXT:   ^bb0(%[[ARG0:.+]]: tensor<1x2x4x4xf32>, %[[ARG1:.+]]: tensor<3x2x1x1xf32>, %[[ARG2:.+]]: tensor<3xf32>):
//  CHECK-NEXT:     %[[CONV:.+]] = kiln.conv %[[ARG0]], %[[ARG1]], %[[ARG2]]
//  CHECK-NEXT:     %[[RELU:.+]] = kiln.relu %[[CONV]] : tensor<1x3x4x4xf32>
//  CHECK-NEXT:     kiln.yield %[[RELU]] : tensor<1x3x4x4xf32>
//  CHECK-NEXT:   }
//  CHECK-NEXT:   return %[[FUSED]]
func.func @fused_conv_relu(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>,
                           %b: tensor<3xf32>) -> tensor<1x3x4x4xf32> {
  %0 = kiln.fused (%x, %w, %b) : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32> {
  ^bb0(%input: tensor<1x2x4x4xf32>, %weight: tensor<3x2x1x1xf32>, %bias: tensor<3xf32>):
    %conv = kiln.conv %input, %weight, %bias {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
    %relu = kiln.relu %conv : tensor<1x3x4x4xf32>
    kiln.yield %relu : tensor<1x3x4x4xf32>
  }
  return %0 : tensor<1x3x4x4xf32>
}

// A scalar constant may sit in the body before the anchor (C4 skips it).
// CHECK-LABEL: func.func @fused_matmul_scale
//       CHECK:   kiln.fused
//       CHECK:     kiln.constant dense<5.000000e-01> : tensor<f32>
//  CHECK-NEXT:     kiln.matmul
//  CHECK-NEXT:     kiln.mul
//  CHECK-NEXT:     kiln.yield
func.func @fused_matmul_scale(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = kiln.fused (%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32> {
  ^bb0(%lhs: tensor<2x3xf32>, %rhs: tensor<3x4xf32>):
    %half = kiln.constant dense<0.5> : tensor<f32>
    %mm = kiln.matmul %lhs, %rhs : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    %scaled = kiln.mul %mm, %half : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
    kiln.yield %scaled : tensor<2x4xf32>
  }
  return %0 : tensor<2x4xf32>
}

// A gemm anchor alone, with two results: the body may yield any of its
// values.
// CHECK-LABEL: func.func @fused_gemm_two_results
//       CHECK:   kiln.fused(%{{.+}}, %{{.+}}) : (tensor<2x3xf32>, tensor<4x3xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>)
//       CHECK:     kiln.yield %{{.+}}, %{{.+}} : tensor<2x4xf32>, tensor<2x4xf32>
func.func @fused_gemm_two_results(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  %0:2 = kiln.fused (%a, %b) : (tensor<2x3xf32>, tensor<4x3xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  ^bb0(%lhs: tensor<2x3xf32>, %rhs: tensor<4x3xf32>):
    %g = kiln.gemm %lhs, %rhs {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = true} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
    %s = kiln.sigmoid %g : tensor<2x4xf32>
    kiln.yield %g, %s : tensor<2x4xf32>, tensor<2x4xf32>
  }
  return %0#0, %0#1 : tensor<2x4xf32>, tensor<2x4xf32>
}
