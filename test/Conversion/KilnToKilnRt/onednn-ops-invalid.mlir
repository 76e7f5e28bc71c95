// RUN: kiln-opt %s --split-input-file --verify-diagnostics --convert-kiln-to-kiln-rt
// RUN: not kiln-opt %s --split-input-file --convert-kiln-to-kiln-rt="scratchpad-reserve=-1" 2>&1 | FileCheck %s --check-prefix=RESERVE

// RESERVE: error: scratchpad-reserve must not be negative (-1)

// A marked op that oneDNN cannot run is an error saying why.
func.func @run_time_weights(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{cannot call oneDNN for 'kiln.conv': the weights are not constant}}
  %y = kiln.conv %x, %w {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, kiln.library_call = "onednn"} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

func.func @integer_matmul(%a: tensor<2x3xi32>, %b: tensor<3x4xi32>) -> tensor<2x4xi32> {
  // expected-error @+1 {{cannot call oneDNN for 'kiln.matmul': oneDNN is called for static f32 tensors only}}
  %y = kiln.matmul %a, %b {kiln.library_call = "onednn"} : (tensor<2x3xi32>, tensor<3x4xi32>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// -----

func.func @not_a_library_op(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{cannot call oneDNN for 'kiln.relu': oneDNN has no primitive for this op here}}
  %y = kiln.relu %a {kiln.library_call = "onednn"} : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @gemm_alpha_run_time_b(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{cannot call oneDNN for 'kiln.gemm': alpha is not 1 and B is not constant}}
  %y = kiln.gemm %a, %b {alpha = 2.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false, kiln.library_call = "onednn"} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @avg_pool_ceil_include_pad(%x: tensor<1x4x6x6xf32>) -> tensor<1x4x4x4xf32> {
  // expected-error @+1 {{cannot call oneDNN for 'kiln.avg_pool': ceil_mode windows past the padding count in the divisor with count_include_pad}}
  %y = kiln.avg_pool %x {ceil_mode = true, count_include_pad = true, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>, kiln.library_call = "onednn"} : tensor<1x4x6x6xf32> -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// -----

func.func @fused_exp(%a: tensor<2x4xf32>, %b: tensor<4x8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{cannot call oneDNN for 'kiln.fused': 'kiln.exp' has no oneDNN post-op}}
  %y = kiln.fused (%a, %b) {kiln.library_call = "onednn"} : (tensor<2x4xf32>, tensor<4x8xf32>) -> tensor<2x8xf32> {
  ^bb0(%lhs: tensor<2x4xf32>, %rhs: tensor<4x8xf32>):
    %m = kiln.matmul %lhs, %rhs : (tensor<2x4xf32>, tensor<4x8xf32>) -> tensor<2x8xf32>
    %e = kiln.exp %m : tensor<2x8xf32>
    kiln.yield %e : tensor<2x8xf32>
  }
  return %y : tensor<2x8xf32>
}
