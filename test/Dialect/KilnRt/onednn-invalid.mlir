// RUN: kiln-opt %s --split-input-file --verify-diagnostics

func.func @mixed_forms(%x: tensor<1x4x8x8xf32>, %init: memref<1x4x4x4xf32>) {
  // expected-error @+1 {{expects all operands to be tensors or all to be buffers}}
  kiln_rt.onednn_pool %x outs(%init : memref<1x4x4x4xf32>) {kind = "max", kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, scratch_size = 0 : i64} : tensor<1x4x8x8xf32>
  return
}

// -----

func.func @no_result_on_tensors(%x: tensor<1x4x8x8xf32>, %init: tensor<1x4x4x4xf32>) {
  // expected-error @+1 {{expects a result on tensors}}
  kiln_rt.onednn_pool %x outs(%init : tensor<1x4x4x4xf32>) {kind = "max", kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, scratch_size = 0 : i64} : tensor<1x4x8x8xf32>
  return
}

// -----

func.func @result_on_buffers(%x: memref<1x4x8x8xf32>, %init: memref<1x4x4x4xf32>) {
  // expected-error @+1 {{expects no result on buffers}}
  %y = kiln_rt.onednn_pool %x outs(%init : memref<1x4x4x4xf32>) {kind = "max", kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, scratch_size = 0 : i64} : memref<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @wrong_scratch(%x: memref<1x4x8x8xf32>, %init: memref<1x4x4x4xf32>, %s: memref<16xi8>) {
  // expected-error @+1 {{expects a scratch buffer of scratch_size (64) bytes, got 'memref<16xi8>'}}
  kiln_rt.onednn_pool %x outs(%init : memref<1x4x4x4xf32>) scratch(%s : memref<16xi8>) {kind = "max", kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, scratch_size = 64 : i64} : memref<1x4x8x8xf32>
  return
}

// -----

func.func @negative_scratch_size(%x: memref<1x4x8x8xf32>, %init: memref<1x4x4x4xf32>) {
  // expected-error @+1 {{expects a non-negative scratch_size (-1)}}
  kiln_rt.onednn_pool %x outs(%init : memref<1x4x4x4xf32>) {kind = "max", kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, scratch_size = -1 : i64} : memref<1x4x8x8xf32>
  return
}

// -----

func.func @unknown_pool_kind(%x: tensor<1x4x8x8xf32>, %init: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  // expected-error @+1 {{expects kind to be max, avg_include_pad or avg_exclude_pad, got 'min'}}
  %y = kiln_rt.onednn_pool %x outs(%init : tensor<1x4x4x4xf32>) {kind = "min", kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, scratch_size = 0 : i64} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// -----

func.func @pool_kernel_rank(%x: tensor<1x4x8x8xf32>, %init: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  // expected-error @+1 {{expects 2 positive kernel_shape entries}}
  %y = kiln_rt.onednn_pool %x outs(%init : tensor<1x4x4x4xf32>) {kind = "max", kernel_shape = array<i64: 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, scratch_size = 0 : i64} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// -----

func.func @pool_window(%x: tensor<1x4x8x8xf32>, %init: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  // expected-error @+1 {{expects positive strides and dilations, non-negative pads}}
  %y = kiln_rt.onednn_pool %x outs(%init : tensor<1x4x4x4xf32>) {kind = "max", kernel_shape = array<i64: 2, 2>, strides = array<i64: 0, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, scratch_size = 0 : i64} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// -----

func.func @pool_pads_count(%x: tensor<1x4x8x8xf32>, %init: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  // expected-error @+1 {{expects 2 strides and dilations and 4 pads}}
  %y = kiln_rt.onednn_pool %x outs(%init : tensor<1x4x4x4xf32>) {kind = "max", kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0>, scratch_size = 0 : i64} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// -----

func.func @pool_rank(%x: tensor<1x4xf32>, %init: tensor<1x4xf32>) -> tensor<1x4xf32> {
  // expected-error @+1 {{expects 1 to 3 spatial dimensions, got 0}}
  %y = kiln_rt.onednn_pool %x outs(%init : tensor<1x4xf32>) {kind = "max", kernel_shape = array<i64>, strides = array<i64>, dilations = array<i64>, pads = array<i64>, scratch_size = 0 : i64} : tensor<1x4xf32> -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

func.func @pool_init_shape(%x: tensor<1x4x8x8xf32>, %init: tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error @+1 {{expects init of N x C x ..., got 'tensor<1x3x4x4xf32>'}}
  %y = kiln_rt.onednn_pool %x outs(%init : tensor<1x3x4x4xf32>) {kind = "max", kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, scratch_size = 0 : i64} : tensor<1x4x8x8xf32> -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// -----

func.func @conv_group(%x: tensor<1x4x6x6xf32>, %w: tensor<8x4x3x3xf32>, %init: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{expects group (2) to divide the channels and the weight's second dimension to be C / group}}
  %y = kiln_rt.onednn_conv %x, %w outs(%init : tensor<1x8x4x4xf32>) {dilations = array<i64: 1, 1>, group = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, scratch_size = 0 : i64} : tensor<1x4x6x6xf32>, tensor<8x4x3x3xf32> -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}

// -----

func.func @conv_weight_rank(%x: tensor<1x4x6x6xf32>, %w: tensor<8x4x3xf32>, %init: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{expects weight and init of the input's rank (4)}}
  %y = kiln_rt.onednn_conv %x, %w outs(%init : tensor<1x8x4x4xf32>) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, scratch_size = 0 : i64} : tensor<1x4x6x6xf32>, tensor<8x4x3xf32> -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}

// -----

func.func @conv_init(%x: tensor<1x4x6x6xf32>, %w: tensor<8x4x3x3xf32>, %init: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  // expected-error @+1 {{expects init of N x M x ..., got 'tensor<1x4x4x4xf32>'}}
  %y = kiln_rt.onednn_conv %x, %w outs(%init : tensor<1x4x4x4xf32>) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, scratch_size = 0 : i64} : tensor<1x4x6x6xf32>, tensor<8x4x3x3xf32> -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// -----

func.func @conv_bias(%x: tensor<1x4x6x6xf32>, %w: tensor<8x4x3x3xf32>, %b: tensor<4xf32>, %init: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{expects a bias of shape [8], got 'tensor<4xf32>'}}
  %y = kiln_rt.onednn_conv %x, %w bias(%b : tensor<4xf32>) outs(%init : tensor<1x8x4x4xf32>) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, scratch_size = 0 : i64} : tensor<1x4x6x6xf32>, tensor<8x4x3x3xf32> -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}

// -----

func.func @unknown_post_op(%x: tensor<1x4x6x6xf32>, %w: tensor<8x4x3x3xf32>, %init: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{expects a known post-op, got 'softplus'}}
  %y = kiln_rt.onednn_conv %x, %w outs(%init : tensor<1x8x4x4xf32>) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, post_ops = ["softplus"], post_op_alphas = array<f32: 0.0>, post_op_betas = array<f32: 0.0>, scratch_size = 0 : i64} : tensor<1x4x6x6xf32>, tensor<8x4x3x3xf32> -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}

// -----

func.func @post_op_params(%x: tensor<1x4x6x6xf32>, %w: tensor<8x4x3x3xf32>, %init: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{expects one post_op_alphas and post_op_betas entry per post-op (1)}}
  %y = kiln_rt.onednn_conv %x, %w outs(%init : tensor<1x8x4x4xf32>) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, post_ops = ["relu"], scratch_size = 0 : i64} : tensor<1x4x6x6xf32>, tensor<8x4x3x3xf32> -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}

// -----

func.func @too_many_post_ops(%x: tensor<1x4x6x6xf32>, %w: tensor<8x4x3x3xf32>, %init: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{expects at most 8 post-ops, got 9}}
  %y = kiln_rt.onednn_conv %x, %w outs(%init : tensor<1x8x4x4xf32>) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, post_ops = ["relu", "relu", "relu", "relu", "relu", "relu", "relu", "relu", "relu"], post_op_alphas = array<f32: 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0>, post_op_betas = array<f32: 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0>, scratch_size = 0 : i64} : tensor<1x4x6x6xf32>, tensor<8x4x3x3xf32> -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}

// -----

func.func @missing_binary_operand(%x: tensor<1x4x6x6xf32>, %w: tensor<8x4x3x3xf32>, %init: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{expects one post_operands value per binary post-op}}
  %y = kiln_rt.onednn_conv %x, %w outs(%init : tensor<1x8x4x4xf32>) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, post_ops = ["add"], post_op_alphas = array<f32: 0.0>, post_op_betas = array<f32: 0.0>, scratch_size = 0 : i64} : tensor<1x4x6x6xf32>, tensor<8x4x3x3xf32> -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}

// -----

func.func @extra_binary_operand(%x: tensor<1x4x6x6xf32>, %w: tensor<8x4x3x3xf32>, %r: tensor<1x8x4x4xf32>, %init: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{expects one post_operands value per binary post-op, got 1 for 0}}
  %y = kiln_rt.onednn_conv %x, %w post(%r : tensor<1x8x4x4xf32>) outs(%init : tensor<1x8x4x4xf32>) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, scratch_size = 0 : i64} : tensor<1x4x6x6xf32>, tensor<8x4x3x3xf32> -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}

// -----

func.func @binary_operand_shape(%x: tensor<1x4x6x6xf32>, %w: tensor<8x4x3x3xf32>, %r: tensor<1x4x4x4xf32>, %init: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{expects post-op operand #0 ('tensor<1x4x4x4xf32>') to broadcast to the result}}
  %y = kiln_rt.onednn_conv %x, %w post(%r : tensor<1x4x4x4xf32>) outs(%init : tensor<1x8x4x4xf32>) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, post_ops = ["add"], post_op_alphas = array<f32: 0.0>, post_op_betas = array<f32: 0.0>, scratch_size = 0 : i64} : tensor<1x4x6x6xf32>, tensor<8x4x3x3xf32> -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}

// -----

func.func @matmul_k(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>, %init: tensor<2x5xf32>) -> tensor<2x5xf32> {
  // expected-error @+1 {{expects the K of lhs (3) and rhs (4) to match}}
  %y = kiln_rt.onednn_matmul %a, %b outs(%init : tensor<2x5xf32>) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_lhs = false, trans_rhs = false, scratch_size = 0 : i64} : tensor<2x3xf32>, tensor<4x5xf32> -> tensor<2x5xf32>
  return %y : tensor<2x5xf32>
}

// -----

func.func @matmul_rank(%a: tensor<3xf32>, %b: tensor<3x5xf32>, %init: tensor<1x5xf32>) -> tensor<1x5xf32> {
  // expected-error @+1 {{expects operands of rank 2 to 6, got 'tensor<3xf32>'}}
  %y = kiln_rt.onednn_matmul %a, %b outs(%init : tensor<1x5xf32>) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_lhs = false, trans_rhs = false, scratch_size = 0 : i64} : tensor<3xf32>, tensor<3x5xf32> -> tensor<1x5xf32>
  return %y : tensor<1x5xf32>
}

// -----

func.func @matmul_result(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>, %init: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{expects init to end in 2 x 5}}
  %y = kiln_rt.onednn_matmul %a, %b outs(%init : tensor<2x4xf32>) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_lhs = false, trans_rhs = false, scratch_size = 0 : i64} : tensor<2x3xf32>, tensor<3x5xf32> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @matmul_batch(%a: tensor<3x2x3xf32>, %b: tensor<2x3x5xf32>, %init: tensor<3x2x5xf32>) -> tensor<3x2x5xf32> {
  // expected-error @+1 {{expects the batch dimensions to broadcast to the result's}}
  %y = kiln_rt.onednn_matmul %a, %b outs(%init : tensor<3x2x5xf32>) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_lhs = false, trans_rhs = false, scratch_size = 0 : i64} : tensor<3x2x3xf32>, tensor<2x3x5xf32> -> tensor<3x2x5xf32>
  return %y : tensor<3x2x5xf32>
}

// -----

func.func @matmul_bias(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>, %c: tensor<4xf32>, %init: tensor<2x5xf32>) -> tensor<2x5xf32> {
  // expected-error @+1 {{expects the bias to broadcast to the result}}
  %y = kiln_rt.onednn_matmul %a, %b bias(%c : tensor<4xf32>) outs(%init : tensor<2x5xf32>) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_lhs = false, trans_rhs = false, scratch_size = 0 : i64} : tensor<2x3xf32>, tensor<3x5xf32> -> tensor<2x5xf32>
  return %y : tensor<2x5xf32>
}

// -----

func.func @result_type(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>, %init: tensor<2x5xf32>) -> tensor<1x10xf32> {
  // expected-error @+1 {{expects the result type ('tensor<1x10xf32>') to be the type of init ('tensor<2x5xf32>')}}
  %y = kiln_rt.onednn_matmul %a, %b outs(%init : tensor<2x5xf32>) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_lhs = false, trans_rhs = false, scratch_size = 0 : i64} : tensor<2x3xf32>, tensor<3x5xf32> -> tensor<1x10xf32>
  return %y : tensor<1x10xf32>
}

// -----

func.func @native_layout_flags(%x: tensor<1x4x6x6xf32>, %w: tensor<8x4x3x3xf32>, %r: tensor<1x8x4x4xf32>, %init: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{expects one native_layout_post_operands entry per post operand, or none}}
  %y = kiln_rt.onednn_conv %x, %w post(%r : tensor<1x8x4x4xf32>) outs(%init : tensor<1x8x4x4xf32>) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, post_ops = ["add"], post_op_alphas = array<f32: 0.0>, post_op_betas = array<f32: 0.0>, scratch_size = 0 : i64, native_layout_post_operands = array<i1: true, false>} : tensor<1x4x6x6xf32>, tensor<8x4x3x3xf32> -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}

// -----

// (C3) The Winograd shim computes stride-1 3x3 convs only.
func.func @winograd_strided(%x: tensor<1x8x8x8xf32>, %w: tensor<8x8x3x3xf32>, %init: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{is marked winograd, but Winograd needs unit strides and dilations and pads of 0 or 1}}
  %y = kiln_rt.onednn_conv %x, %w outs(%init : tensor<1x8x4x4xf32>) {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, group = 1 : i64, native_layout_input, native_layout_result, winograd = 4 : i64, scratch_size = 1048576 : i64} : tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32> -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}

// -----

// (C3) ... and reads and writes the native layout.
func.func @winograd_nchw(%x: tensor<1x8x8x8xf32>, %w: tensor<8x8x3x3xf32>, %init: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{is marked winograd, but Winograd needs the native layout with channels in whole blocks}}
  %y = kiln_rt.onednn_conv %x, %w outs(%init : tensor<1x8x8x8xf32>) {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, group = 1 : i64, native_layout_result, winograd = 2 : i64, scratch_size = 1048576 : i64} : tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32> -> tensor<1x8x8x8xf32>
  return %y : tensor<1x8x8x8xf32>
}

// -----

// (C3) Tiles of 2x2 or 4x4 results.
func.func @winograd_tile(%x: tensor<1x8x8x8xf32>, %w: tensor<8x8x3x3xf32>, %init: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{expects winograd tiles of 2 or 4 results a side, got 3}}
  %y = kiln_rt.onednn_conv %x, %w outs(%init : tensor<1x8x8x8xf32>) {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, group = 1 : i64, native_layout_input, native_layout_result, winograd = 3 : i64, scratch_size = 1048576 : i64} : tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32> -> tensor<1x8x8x8xf32>
  return %y : tensor<1x8x8x8xf32>
}
