// RUN: kiln-opt %s --split-input-file --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" | FileCheck %s

// The op bufferizes in place into its destination, with a scratch buffer of
// scratch_size bytes allocated in front of it.
// CHECK-LABEL: func.func @pool
//  CHECK-SAME:   %[[X:[a-z0-9]+]]: memref<1x4x8x8xf32>
//       CHECK:   %[[OUT:.+]] = memref.alloc() {{.*}}: memref<1x4x4x4xf32>
//       CHECK:   %[[SCRATCH:.+]] = memref.alloc() {alignment = 64 : i64} : memref<128xi8>
//       CHECK:   kiln_rt.onednn_pool %[[X]] outs(%[[OUT]] : memref<1x4x4x4xf32>) scratch(%[[SCRATCH]] : memref<128xi8>)
//       CHECK:   return %[[OUT]]
func.func @pool(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32> {
  %init = tensor.empty() : tensor<1x4x4x4xf32>
  %y = kiln_rt.onednn_pool %x outs(%init : tensor<1x4x4x4xf32>) {kind = "max", kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, scratch_size = 128 : i64} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// -----

// No scratch when scratch_size is 0; the conv's weights and bias read
// their constants' globals.
// CHECK-LABEL: func.func @conv
//   CHECK-DAG:   %[[W:.+]] = memref.get_global @{{.+}} : memref<8x4x1x1xf32>
//   CHECK-DAG:   %[[OUT:.+]] = memref.alloc() {{.*}}: memref<1x8x2x2xf32>
//       CHECK:   kiln_rt.onednn_conv %{{.+}}, %[[W]] outs(%[[OUT]] : memref<1x8x2x2xf32>) {
//   CHECK-NOT:   scratch(
func.func @conv(%x: tensor<1x4x2x2xf32>) -> tensor<1x8x2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<8x4x1x1xf32>
  %init = tensor.empty() : tensor<1x8x2x2xf32>
  %y = kiln_rt.onednn_conv %x, %w outs(%init : tensor<1x8x2x2xf32>) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, scratch_size = 0 : i64} : tensor<1x4x2x2xf32>, tensor<8x4x1x1xf32> -> tensor<1x8x2x2xf32>
  return %y : tensor<1x8x2x2xf32>
}

// -----

// The destination of a matmul with a run-time post-op operand: the
// operand is only read, the destination written.
// CHECK-LABEL: func.func @matmul_post_operand
//  CHECK-SAME:   %[[A:[a-z0-9]+]]: memref<2x3xf32>, %[[B:[a-z0-9]+]]: memref<3x4xf32>, %[[C:[a-z0-9]+]]: memref<2x4xf32>
//       CHECK:   kiln_rt.onednn_matmul %[[A]], %[[B]] post(%[[C]] : memref<2x4xf32>) outs(%[[OUT:.+]] : memref<2x4xf32>) scratch(
func.func @matmul_post_operand(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %init = tensor.empty() : tensor<2x4xf32>
  %y = kiln_rt.onednn_matmul %a, %b post(%c : tensor<2x4xf32>) outs(%init : tensor<2x4xf32>) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_lhs = false, trans_rhs = false, post_ops = ["add"], post_op_alphas = array<f32: 0.0>, post_op_betas = array<f32: 0.0>, scratch_size = 64 : i64} : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
