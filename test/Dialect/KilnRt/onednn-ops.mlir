// RUN: kiln-opt %s | kiln-opt | FileCheck %s

// A conv with a bias and two post-ops (a residual add, then relu) on
// tensors, writing its destination.
// CHECK-LABEL: func.func @conv_on_tensors
//       CHECK:   %{{.+}} = kiln_rt.onednn_conv %{{.+}}, %{{.+}} bias(%{{.+}} : tensor<8xf32>) post(%{{.+}} : tensor<1x8x6x6xf32>) outs(%{{.+}} : tensor<1x8x6x6xf32>) {{{.*}}post_ops = ["add", "relu"]{{.*}}} : tensor<1x8x6x6xf32>, tensor<8x8x3x3xf32> -> tensor<1x8x6x6xf32>
func.func @conv_on_tensors(%x: tensor<1x8x6x6xf32>, %w: tensor<8x8x3x3xf32>, %b: tensor<8xf32>, %r: tensor<1x8x6x6xf32>, %init: tensor<1x8x6x6xf32>) -> tensor<1x8x6x6xf32> {
  %y = kiln_rt.onednn_conv %x, %w bias(%b : tensor<8xf32>) post(%r : tensor<1x8x6x6xf32>) outs(%init : tensor<1x8x6x6xf32>) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, post_ops = ["add", "relu"], post_op_alphas = array<f32: 0.0, 0.0>, post_op_betas = array<f32: 0.0, 0.0>, scratch_size = 4096 : i64} : tensor<1x8x6x6xf32>, tensor<8x8x3x3xf32> -> tensor<1x8x6x6xf32>
  return %y : tensor<1x8x6x6xf32>
}

// The same on buffers: no result, a scratch buffer of scratch_size bytes.
// CHECK-LABEL: func.func @conv_on_buffers
//       CHECK:   kiln_rt.onednn_conv %{{.+}}, %{{.+}} outs(%{{.+}} : memref<1x8x6x6xf32>) scratch(%{{.+}} : memref<4096xi8>) {{{.*}}} : memref<1x8x6x6xf32>, memref<8x8x3x3xf32>{{$}}
func.func @conv_on_buffers(%x: memref<1x8x6x6xf32>, %w: memref<8x8x3x3xf32>, %y: memref<1x8x6x6xf32>, %s: memref<4096xi8>) {
  kiln_rt.onednn_conv %x, %w outs(%y : memref<1x8x6x6xf32>) scratch(%s : memref<4096xi8>) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, scratch_size = 4096 : i64} : memref<1x8x6x6xf32>, memref<8x8x3x3xf32>
  return
}

// CHECK-LABEL: func.func @matmul
//       CHECK:   kiln_rt.onednn_matmul %{{.+}}, %{{.+}} bias(%{{.+}} : tensor<1000xf32>) outs(%{{.+}} : tensor<1x1000xf32>) {{.*}}trans_rhs = true{{.*}} : tensor<1x512xf32>, tensor<1000x512xf32> -> tensor<1x1000xf32>
func.func @matmul(%a: tensor<1x512xf32>, %w: tensor<1000x512xf32>, %b: tensor<1000xf32>, %init: tensor<1x1000xf32>) -> tensor<1x1000xf32> {
  %y = kiln_rt.onednn_matmul %a, %w bias(%b : tensor<1000xf32>) outs(%init : tensor<1x1000xf32>) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_lhs = false, trans_rhs = true, scratch_size = 0 : i64} : tensor<1x512xf32>, tensor<1000x512xf32> -> tensor<1x1000xf32>
  return %y : tensor<1x1000xf32>
}

// CHECK-LABEL: func.func @pool
//       CHECK:   kiln_rt.onednn_pool %{{.+}} outs(%{{.+}} : tensor<1x4x4x4xf32>) {{{.*}}kind = "max"{{.*}}} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
func.func @pool(%x: tensor<1x4x8x8xf32>, %init: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %y = kiln_rt.onednn_pool %x outs(%init : tensor<1x4x4x4xf32>) {kind = "max", kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, scratch_size = 0 : i64} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}
