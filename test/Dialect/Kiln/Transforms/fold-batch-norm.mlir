// RUN: kiln-opt %s --split-input-file --kiln-fold-batch-norm | FileCheck %s

// `kiln-fold-batch-norm`: batch_norm(conv(x, w, b)) with constant
// parameters becomes conv(x, w * s, (b - mean) * s + beta), with
// s = scale / sqrt(variance + epsilon) per output channel.

// s = [2 / sqrt(3 + 1), 3 / sqrt(0 + 1)] = [1, 3]; w' = [1 * 1, 2 * 3];
// b' = [(0.5 - 0.5) * 1 + 1, (-1 - 1) * 3 + 0].
// CHECK-LABEL: func.func @conv_bias_batch_norm
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<1x1x2x2xf32>
//   CHECK-DAG:   %[[W:.+]] = kiln.constant dense<{{\[\[\[\[}}1.000000e+00]]], {{\[\[\[}}6.000000e+00]]]]> : tensor<2x1x1x1xf32>
//   CHECK-DAG:   %[[B:.+]] = kiln.constant dense<[1.000000e+00, -6.000000e+00]> : tensor<2xf32>
//       CHECK:   %[[CONV:.+]] = kiln.conv %[[X]], %[[W]], %[[B]] {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>}
//   CHECK-NOT:   kiln.batch_norm
//       CHECK:   return %[[CONV]]
func.func @conv_bias_batch_norm(%x: tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = kiln.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %b = kiln.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %scale = kiln.constant dense<[2.0, 3.0]> : tensor<2xf32>
  %beta = kiln.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %mean = kiln.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %var = kiln.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %0 = kiln.conv %x, %w, %b {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %1 = kiln.batch_norm %0, %scale, %beta, %mean, %var {epsilon = 1.0 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// A conv without bias gets one: b' = -mean * s + beta = [-1 * 1 + 1, -1 * 3 + 0].
// Depthwise (group = 2): the weight's first dimension is still the output
// channel.
// CHECK-LABEL: func.func @depthwise_conv_no_bias
//   CHECK-DAG:   %[[W:.+]] = kiln.constant dense<{{\[\[\[\[}}1.000000e+00]]], {{\[\[\[}}6.000000e+00]]]]> : tensor<2x1x1x1xf32>
//   CHECK-DAG:   %[[B:.+]] = kiln.constant dense<[0.000000e+00, -3.000000e+00]> : tensor<2xf32>
//       CHECK:   kiln.conv %{{.+}}, %[[W]], %[[B]] {{{.*}}group = 2 : i64
//   CHECK-NOT:   kiln.batch_norm
func.func @depthwise_conv_no_bias(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = kiln.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %scale = kiln.constant dense<[2.0, 3.0]> : tensor<2xf32>
  %beta = kiln.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %mean = kiln.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %var = kiln.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, group = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %1 = kiln.batch_norm %0, %scale, %beta, %mean, %var {epsilon = 1.0 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// A normalization parameter given at run time cannot be folded.
// CHECK-LABEL: func.func @negative_runtime_parameter
//       CHECK:   kiln.conv
//       CHECK:   kiln.batch_norm
func.func @negative_runtime_parameter(%x: tensor<1x1x2x2xf32>, %mean: tensor<2xf32>) -> tensor<1x2x2x2xf32> {
  %w = kiln.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %scale = kiln.constant dense<[2.0, 3.0]> : tensor<2xf32>
  %beta = kiln.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %var = kiln.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %1 = kiln.batch_norm %0, %scale, %beta, %mean, %var {epsilon = 1.0 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// Run-time conv weights cannot be folded either.
// CHECK-LABEL: func.func @negative_runtime_weight
//       CHECK:   kiln.conv
//       CHECK:   kiln.batch_norm
func.func @negative_runtime_weight(%x: tensor<1x1x2x2xf32>, %w: tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32> {
  %p = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %1 = kiln.batch_norm %0, %p, %p, %p, %p {epsilon = 1.0 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// The conv's result is also used elsewhere: folding would change that use.
// CHECK-LABEL: func.func @negative_conv_with_two_users
//       CHECK:   %[[CONV:.+]] = kiln.conv
//       CHECK:   %[[BN:.+]] = kiln.batch_norm %[[CONV]]
//       CHECK:   return %[[BN]], %[[CONV]]
func.func @negative_conv_with_two_users(%x: tensor<1x1x2x2xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) {
  %w = kiln.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %p = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %1 = kiln.batch_norm %0, %p, %p, %p, %p {epsilon = 1.0 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %1, %0 : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>
}

// -----

// A batch_norm after something else than a conv stays.
// CHECK-LABEL: func.func @negative_not_after_conv
//       CHECK:   kiln.batch_norm
func.func @negative_not_after_conv(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %p = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %0 = kiln.relu %x : tensor<1x2x2x2xf32>
  %1 = kiln.batch_norm %0, %p, %p, %p, %p {epsilon = 1.0 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}
