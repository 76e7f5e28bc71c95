// RUN: kiln-opt %s --split-input-file --convert-kiln-to-kiln-rt | FileCheck %s
// RUN: kiln-opt %s --split-input-file --convert-kiln-to-kiln-rt="scratchpad-reserve=0" | FileCheck %s --check-prefix=RESERVE0

// A marked conv becomes kiln_rt.onednn_conv writing a tensor.empty; its
// scratch holds the channels-last input (1x4x8x8 f32: 1024 bytes) and
// result (1x8x8x8: 2048 bytes) and the 4 MiB scratchpad reserve.
// CHECK-LABEL: func.func @conv
//  CHECK-SAME:   %[[X:[a-z0-9]+]]: tensor<1x4x8x8xf32>
//   CHECK-DAG:   %[[W:.+]] = kiln.constant {{.*}} : tensor<8x4x3x3xf32>
//   CHECK-DAG:   %[[B:.+]] = kiln.constant {{.*}} : tensor<8xf32>
//   CHECK-DAG:   %[[INIT:.+]] = tensor.empty() : tensor<1x8x8x8xf32>
//       CHECK:   %[[Y:.+]] = kiln_rt.onednn_conv %[[X]], %[[W]] bias(%[[B]] : tensor<8xf32>) outs(%[[INIT]] : tensor<1x8x8x8xf32>)
//  CHECK-SAME:     group = 1 : i64
//  CHECK-SAME:     pads = array<i64: 1, 1, 1, 1>
//  CHECK-SAME:     scratch_size = 4197376 : i64
//       CHECK:   return %[[Y]]
// RESERVE0-LABEL: func.func @conv
//       RESERVE0:   scratch_size = 3072 : i64
func.func @conv(%x: tensor<1x4x8x8xf32>) -> tensor<1x8x8x8xf32> {
  %w = kiln.constant dense<0.5> : tensor<8x4x3x3xf32>
  %b = kiln.constant dense<0.25> : tensor<8xf32>
  %y = kiln.conv %x, %w, %b {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, kiln.library_call = "onednn"} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, tensor<8xf32>) -> tensor<1x8x8x8xf32>
  return %y : tensor<1x8x8x8xf32>
}

// -----

// Gemm: the transposes and alpha carry over; a constant C is the bias,
// scaled by beta at create time.
// CHECK-LABEL: func.func @gemm_constant_c
//       CHECK:   %[[C:.+]] = kiln.constant {{.*}} : tensor<5xf32>
//       CHECK:   kiln_rt.onednn_matmul %{{.+}}, %{{.+}} bias(%[[C]] : tensor<5xf32>) outs(
//  CHECK-SAME:     alpha = 2.000000e+00 : f32, beta = 5.000000e-01 : f32
//  CHECK-SAME:     trans_lhs = true, trans_rhs = true
//   CHECK-NOT:     post(
func.func @gemm_constant_c(%a: tensor<3x4xf32>) -> tensor<4x5xf32> {
  %b = kiln.constant dense<1.0> : tensor<5x3xf32>
  %c = kiln.constant dense<1.0> : tensor<5xf32>
  %y = kiln.gemm %a, %b, %c {alpha = 2.0 : f32, beta = 0.5 : f32, trans_a = true, trans_b = true, kiln.library_call = "onednn"} : (tensor<3x4xf32>, tensor<5x3xf32>, tensor<5xf32>) -> tensor<4x5xf32>
  return %y : tensor<4x5xf32>
}

// -----

// A C computed at run time is a binary add post-op.
// CHECK-LABEL: func.func @gemm_run_time_c
//  CHECK-SAME:   %[[A:[a-z0-9]+]]: tensor<4x3xf32>, %[[C:[a-z0-9]+]]: tensor<4x1xf32>
//       CHECK:   kiln_rt.onednn_matmul %[[A]], %{{.+}} post(%[[C]] : tensor<4x1xf32>) outs(
//  CHECK-SAME:     post_ops = ["add"]
func.func @gemm_run_time_c(%a: tensor<4x3xf32>, %c: tensor<4x1xf32>) -> tensor<4x5xf32> {
  %b = kiln.constant dense<1.0> : tensor<3x5xf32>
  %y = kiln.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false, kiln.library_call = "onednn"} : (tensor<4x3xf32>, tensor<3x5xf32>, tensor<4x1xf32>) -> tensor<4x5xf32>
  return %y : tensor<4x5xf32>
}

// -----

// A batched matmul with both operands at run time.
// CHECK-LABEL: func.func @matmul_batched
//       CHECK:   kiln_rt.onednn_matmul %{{.+}}, %{{.+}} outs(%{{.+}} : tensor<2x3x5xf32>) {{.*}}trans_lhs = false, trans_rhs = false
//  CHECK-SAME:     : tensor<2x3x4xf32>, tensor<4x5xf32> -> tensor<2x3x5xf32>
func.func @matmul_batched(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>) -> tensor<2x3x5xf32> {
  %y = kiln.matmul %a, %b {kiln.library_call = "onednn"} : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  return %y : tensor<2x3x5xf32>
}

// -----

// ceil_mode becomes a larger end pad: 6 columns and a 3-wide window
// moved by 2 give ceil(3 / 2) + 1 = 3 windows, one more than oneDNN's
// floor, so the end pads grow from 0 to 1.
// CHECK-LABEL: func.func @max_pool_ceil_mode
//       CHECK:   kiln_rt.onednn_pool %{{.+}} outs(
//  CHECK-SAME:     kind = "max"
//  CHECK-SAME:     pads = array<i64: 0, 0, 1, 1>
func.func @max_pool_ceil_mode(%x: tensor<1x2x6x6xf32>) -> tensor<1x2x3x3xf32> {
  %y = kiln.max_pool %x {ceil_mode = true, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>, kiln.library_call = "onednn"} : tensor<1x2x6x6xf32> -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// -----

// CHECK-LABEL: func.func @avg_pool_kinds
//       CHECK:   kiln_rt.onednn_pool {{.*}}kind = "avg_include_pad"
//       CHECK:   kiln_rt.onednn_pool {{.*}}kind = "avg_exclude_pad"
func.func @avg_pool_kinds(%x: tensor<1x2x6x6xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %y = kiln.avg_pool %x {ceil_mode = false, count_include_pad = true, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>, kiln.library_call = "onednn"} : tensor<1x2x6x6xf32> -> tensor<1x2x3x3xf32>
  %z = kiln.avg_pool %x {ceil_mode = false, count_include_pad = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>, kiln.library_call = "onednn"} : tensor<1x2x6x6xf32> -> tensor<1x2x3x3xf32>
  return %y, %z : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}

// -----

// Unmarked ops are left for convert-kiln-to-linalg.
// CHECK-LABEL: func.func @negative_unmarked
//       CHECK:   kiln.matmul
//   CHECK-NOT:   kiln_rt.onednn_matmul
func.func @negative_unmarked(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %y = kiln.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
