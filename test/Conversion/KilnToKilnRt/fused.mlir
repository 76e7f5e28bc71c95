// RUN: kiln-opt %s --split-input-file --convert-kiln-to-kiln-rt | FileCheck %s

// A fused conv, residual add and relu is one primitive: the region's
// inputs replace its arguments, the epilogue becomes post-ops, and the
// residual (a full-size binary operand, reordered like the input) adds
// 1x8x4x4 f32 = 512 bytes to the scratch: 256 + 512 + 512 + 4 MiB.
// CHECK-LABEL: func.func @conv_add_relu
//  CHECK-SAME:   %[[X:[a-z0-9]+]]: tensor<1x4x4x4xf32>, %[[R:[a-z0-9]+]]: tensor<1x8x4x4xf32>
//   CHECK-DAG:   %[[W:.+]] = kiln.constant {{.*}} : tensor<8x4x1x1xf32>
//   CHECK-DAG:   %[[B:.+]] = kiln.constant {{.*}} : tensor<8xf32>
//       CHECK:   %[[Y:.+]] = kiln_rt.onednn_conv %[[X]], %[[W]] bias(%[[B]] : tensor<8xf32>) post(%[[R]] : tensor<1x8x4x4xf32>)
//  CHECK-SAME:     post_ops = ["add", "relu"]
//  CHECK-SAME:     scratch_size = 4195584 : i64
//   CHECK-NOT:   kiln.fused
//       CHECK:   return %[[Y]]
func.func @conv_add_relu(%x: tensor<1x4x4x4xf32>, %r: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  %w = kiln.constant dense<0.5> : tensor<8x4x1x1xf32>
  %b = kiln.constant dense<0.25> : tensor<8xf32>
  %y = kiln.fused (%x, %w, %b, %r) {kiln.library_call = "onednn"} : (tensor<1x4x4x4xf32>, tensor<8x4x1x1xf32>, tensor<8xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  ^bb0(%input: tensor<1x4x4x4xf32>, %weight: tensor<8x4x1x1xf32>, %bias: tensor<8xf32>, %residual: tensor<1x8x4x4xf32>):
    %conv = kiln.conv %input, %weight, %bias {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x4x4xf32>, tensor<8x4x1x1xf32>, tensor<8xf32>) -> tensor<1x8x4x4xf32>
    %sum = kiln.add %conv, %residual : (tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
    %relu = kiln.relu %sum : tensor<1x8x4x4xf32>
    kiln.yield %relu : tensor<1x8x4x4xf32>
  }
  return %y : tensor<1x8x4x4xf32>
}

// -----

// A gemm with a bias row and ONNX's erf GELU: the bias is oneDNN's, the
// five ops of the GELU one gelu_erf post-op.
// CHECK-LABEL: func.func @gemm_gelu
//       CHECK:   kiln_rt.onednn_matmul %{{.+}}, %{{.+}} bias(%{{.+}} : tensor<8xf32>) outs(
//  CHECK-SAME:     post_ops = ["gelu_erf"]
func.func @gemm_gelu(%a: tensor<2x4xf32>) -> tensor<2x8xf32> {
  %w = kiln.constant dense<0.5> : tensor<4x8xf32>
  %b = kiln.constant dense<0.25> : tensor<8xf32>
  %y = kiln.fused (%a, %w, %b) {kiln.library_call = "onednn"} : (tensor<2x4xf32>, tensor<4x8xf32>, tensor<8xf32>) -> tensor<2x8xf32> {
  ^bb0(%lhs: tensor<2x4xf32>, %rhs: tensor<4x8xf32>, %bias: tensor<8xf32>):
    %sqrt2 = kiln.constant dense<1.41421354> : tensor<f32>
    %one = kiln.constant dense<1.0> : tensor<f32>
    %half = kiln.constant dense<0.5> : tensor<f32>
    %g = kiln.gemm %lhs, %rhs, %bias {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<2x4xf32>, tensor<4x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
    %d = kiln.div %g, %sqrt2 : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
    %e = kiln.erf %d : tensor<2x8xf32>
    %p = kiln.add %e, %one : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
    %m = kiln.mul %g, %p : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %h = kiln.mul %m, %half : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
    kiln.yield %h : tensor<2x8xf32>
  }
  return %y : tensor<2x8xf32>
}

// -----

// Scalars are linear post-ops; x * sigmoid(x) is swish; clip keeps its
// bounds.
// CHECK-LABEL: func.func @matmul_scale_swish_clip
//       CHECK:   kiln_rt.onednn_matmul
//  CHECK-SAME:     post_op_alphas = array<f32: 5.000000e-01, 1.000000e+00, 0.000000e+00>
//  CHECK-SAME:     post_op_betas = array<f32: 0.000000e+00, 0.000000e+00, 6.000000e+00>
//  CHECK-SAME:     post_ops = ["linear", "swish", "clip"]
func.func @matmul_scale_swish_clip(%a: tensor<2x4xf32>, %b: tensor<4x8xf32>) -> tensor<2x8xf32> {
  %y = kiln.fused (%a, %b) {kiln.library_call = "onednn"} : (tensor<2x4xf32>, tensor<4x8xf32>) -> tensor<2x8xf32> {
  ^bb0(%lhs: tensor<2x4xf32>, %rhs: tensor<4x8xf32>):
    %half = kiln.constant dense<0.5> : tensor<f32>
    %m = kiln.matmul %lhs, %rhs : (tensor<2x4xf32>, tensor<4x8xf32>) -> tensor<2x8xf32>
    %s = kiln.mul %m, %half : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
    %sig = kiln.sigmoid %s : tensor<2x8xf32>
    %sw = kiln.mul %s, %sig : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
    %c = kiln.clip %sw {min = 0.0 : f64, max = 6.0 : f64} : tensor<2x8xf32>
    kiln.yield %c : tensor<2x8xf32>
  }
  return %y : tensor<2x8xf32>
}

// -----

// A constant added per column right after a matmul is oneDNN's bias, not a
// binary post-op; a later full-size add stays a post-op.
// CHECK-LABEL: func.func @matmul_column_bias_gelu_residual
//  CHECK-SAME:   %[[A:[a-z0-9]+]]: tensor<1x2x4xf32>, %[[R:[a-z0-9]+]]: tensor<1x2x8xf32>
//   CHECK-DAG:   %[[W:.+]] = kiln.constant {{.*}} : tensor<4x8xf32>
//   CHECK-DAG:   %[[B:.+]] = kiln.constant {{.*}} : tensor<8xf32>
//       CHECK:   kiln_rt.onednn_matmul %[[A]], %[[W]] bias(%[[B]] : tensor<8xf32>) post(%[[R]] : tensor<1x2x8xf32>)
//  CHECK-SAME:     beta = 1.000000e+00 : f32
//  CHECK-SAME:     post_ops = ["gelu_erf", "add"]
func.func @matmul_column_bias_gelu_residual(%a: tensor<1x2x4xf32>, %r: tensor<1x2x8xf32>) -> tensor<1x2x8xf32> {
  %w = kiln.constant dense<0.5> : tensor<4x8xf32>
  %b = kiln.constant dense<[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]> : tensor<8xf32>
  %y = kiln.fused (%a, %w, %b, %r) {kiln.library_call = "onednn"} : (tensor<1x2x4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<1x2x8xf32>) -> tensor<1x2x8xf32> {
  ^bb0(%lhs: tensor<1x2x4xf32>, %rhs: tensor<4x8xf32>, %bias: tensor<8xf32>, %res: tensor<1x2x8xf32>):
    %sqrt2 = kiln.constant dense<1.41421354> : tensor<f32>
    %one = kiln.constant dense<1.0> : tensor<f32>
    %half = kiln.constant dense<0.5> : tensor<f32>
    %m = kiln.matmul %lhs, %rhs : (tensor<1x2x4xf32>, tensor<4x8xf32>) -> tensor<1x2x8xf32>
    %x = kiln.add %m, %bias : (tensor<1x2x8xf32>, tensor<8xf32>) -> tensor<1x2x8xf32>
    %d = kiln.div %x, %sqrt2 : (tensor<1x2x8xf32>, tensor<f32>) -> tensor<1x2x8xf32>
    %e = kiln.erf %d : tensor<1x2x8xf32>
    %p = kiln.add %e, %one : (tensor<1x2x8xf32>, tensor<f32>) -> tensor<1x2x8xf32>
    %g = kiln.mul %x, %p : (tensor<1x2x8xf32>, tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
    %h = kiln.mul %g, %half : (tensor<1x2x8xf32>, tensor<f32>) -> tensor<1x2x8xf32>
    %s = kiln.add %h, %res : (tensor<1x2x8xf32>, tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
    kiln.yield %s : tensor<1x2x8xf32>
  }
  return %y : tensor<1x2x8xf32>
}

// -----

// An added constant that varies along the rows is not a bias: it stays a
// binary post-op.
// CHECK-LABEL: func.func @negative_matmul_row_constant
//       CHECK:   kiln_rt.onednn_matmul %{{.+}}, %{{.+}} post(%{{.+}} : tensor<2x1xf32>) outs(
//  CHECK-SAME:     post_ops = ["add"]
func.func @negative_matmul_row_constant(%a: tensor<2x4xf32>) -> tensor<2x8xf32> {
  %w = kiln.constant dense<0.5> : tensor<4x8xf32>
  %c = kiln.constant dense<[[1.0], [2.0]]> : tensor<2x1xf32>
  %y = kiln.fused (%a, %w, %c) {kiln.library_call = "onednn"} : (tensor<2x4xf32>, tensor<4x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32> {
  ^bb0(%lhs: tensor<2x4xf32>, %rhs: tensor<4x8xf32>, %col: tensor<2x1xf32>):
    %m = kiln.matmul %lhs, %rhs : (tensor<2x4xf32>, tensor<4x8xf32>) -> tensor<2x8xf32>
    %x = kiln.add %m, %col : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
    kiln.yield %x : tensor<2x8xf32>
  }
  return %y : tensor<2x8xf32>
}
