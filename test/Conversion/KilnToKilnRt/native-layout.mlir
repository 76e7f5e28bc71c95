// RUN: kiln-opt %s --split-input-file --convert-kiln-to-kiln-rt | FileCheck %s

// Between oneDNN ops the activations stay in oneDNN's native layout: the
// first conv writes its result so, the pooling reads and writes it so, and
// the second conv reads its input and its residual so. Its own result is
// returned, so it is written NCHW.
// CHECK-LABEL: func.func @chain
//       CHECK:   %[[A:.+]] = kiln_rt.onednn_conv
//  CHECK-SAME:     native_layout_result
//   CHECK-NOT:     native_layout_input
//       CHECK:   %[[P:.+]] = kiln_rt.onednn_pool %[[A]]
//  CHECK-SAME:     native_layout_input, native_layout_result
//       CHECK:   %[[B:.+]] = kiln_rt.onednn_conv %[[P]], %{{.+}} post(%[[P]] : tensor<1x8x4x4xf32>)
//  CHECK-SAME:     native_layout_input, native_layout_post_operands = array<i1: true>
//   CHECK-NOT:     native_layout_result
//       CHECK:   return %[[B]]
func.func @chain(%x: tensor<1x4x8x8xf32>) -> tensor<1x8x4x4xf32> {
  %w = kiln.constant dense<0.5> : tensor<8x4x1x1xf32>
  %w2 = kiln.constant dense<0.5> : tensor<8x8x1x1xf32>
  %a = kiln.conv %x, %w {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, kiln.library_call = "onednn"} : (tensor<1x4x8x8xf32>, tensor<8x4x1x1xf32>) -> tensor<1x8x8x8xf32>
  %p = kiln.max_pool %a {ceil_mode = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>, kiln.library_call = "onednn"} : tensor<1x8x8x8xf32> -> tensor<1x8x4x4xf32>
  %b = kiln.fused (%p, %w2, %p) {kiln.library_call = "onednn"} : (tensor<1x8x4x4xf32>, tensor<8x8x1x1xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  ^bb0(%input: tensor<1x8x4x4xf32>, %weight: tensor<8x8x1x1xf32>, %residual: tensor<1x8x4x4xf32>):
    %conv = kiln.conv %input, %weight {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x8x4x4xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x4x4xf32>
    %sum = kiln.add %conv, %residual : (tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
    kiln.yield %sum : tensor<1x8x4x4xf32>
  }
  return %b : tensor<1x8x4x4xf32>
}

// -----

// A result that generated code reads too stays NCHW.
// CHECK-LABEL: func.func @negative_read_by_codegen
//       CHECK:   kiln_rt.onednn_conv
//   CHECK-NOT:   native_layout
//       CHECK:   kiln.relu
func.func @negative_read_by_codegen(%x: tensor<1x4x8x8xf32>) -> (tensor<1x8x4x4xf32>, tensor<1x8x8x8xf32>) {
  %w = kiln.constant dense<0.5> : tensor<8x4x1x1xf32>
  %a = kiln.conv %x, %w {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, kiln.library_call = "onednn"} : (tensor<1x4x8x8xf32>, tensor<8x4x1x1xf32>) -> tensor<1x8x8x8xf32>
  %p = kiln.max_pool %a {ceil_mode = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>, kiln.library_call = "onednn"} : tensor<1x8x8x8xf32> -> tensor<1x8x4x4xf32>
  %r = kiln.relu %a : tensor<1x8x8x8xf32>
  return %p, %r : tensor<1x8x4x4xf32>, tensor<1x8x8x8xf32>
}

// -----

// The native layout stores whole blocks of 8 channels: 12 channels stay
// NCHW between oneDNN ops.
// CHECK-LABEL: func.func @negative_partial_channel_block
//       CHECK:   kiln_rt.onednn_conv
//   CHECK-NOT:   native_layout
//       CHECK:   return
func.func @negative_partial_channel_block(%x: tensor<1x4x8x8xf32>) -> tensor<1x12x4x4xf32> {
  %w = kiln.constant dense<0.5> : tensor<12x4x1x1xf32>
  %a = kiln.conv %x, %w {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, kiln.library_call = "onednn"} : (tensor<1x4x8x8xf32>, tensor<12x4x1x1xf32>) -> tensor<1x12x8x8xf32>
  %p = kiln.max_pool %a {ceil_mode = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>, kiln.library_call = "onednn"} : tensor<1x12x8x8xf32> -> tensor<1x12x4x4xf32>
  return %p : tensor<1x12x4x4xf32>
}
