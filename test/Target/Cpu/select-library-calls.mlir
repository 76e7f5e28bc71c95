// RUN: kiln-opt %s --split-input-file --kiln-cpu-select-library-calls="backend=onednn" | FileCheck %s --check-prefix=ONEDNN
// RUN: kiln-opt %s --split-input-file --kiln-cpu-select-library-calls="backend=codegen" | FileCheck %s --check-prefix=CODEGEN
// RUN: kiln-opt %s --split-input-file --kiln-cpu-select-library-calls | FileCheck %s --check-prefix=AUTO

// Every op oneDNN can run goes to oneDNN with backend=onednn; none with
// codegen. With auto, the large conv goes to oneDNN and the 1x2x2 gemm
// (4 multiply-adds, far below a call's overhead) stays generated code.
// ONEDNN-LABEL: func.func @candidates
//       ONEDNN:   kiln.conv {{.*}}kiln.library_call = "onednn"
//       ONEDNN:   kiln.gemm {{.*}}kiln.library_call = "onednn"
//       ONEDNN:   kiln.matmul {{.*}}kiln.library_call = "onednn"
//       ONEDNN:   kiln.max_pool {{.*}}kiln.library_call = "onednn"
//       ONEDNN:   kiln.avg_pool {{.*}}kiln.library_call = "onednn"
// CODEGEN-LABEL: func.func @candidates
//   CODEGEN-NOT:   kiln.library_call
// AUTO-LABEL: func.func @candidates
//       AUTO:   kiln.conv {{.*}}kiln.library_call = "onednn"
//   AUTO-NOT:   kiln.gemm {{.*}}kiln.library_call
//       AUTO:   kiln.matmul {{.*}}kiln.library_call = "onednn"
func.func @candidates(%x: tensor<1x16x32x32xf32>, %a: tensor<1x2xf32>, %m: tensor<64x256xf32>, %n: tensor<256x64xf32>) -> (tensor<1x16x32x32xf32>, tensor<1x2xf32>, tensor<64x64xf32>, tensor<1x16x16x16xf32>, tensor<1x16x16x16xf32>) {
  %w = kiln.constant dense<0.5> : tensor<16x16x3x3xf32>
  %b = kiln.constant dense<0.25> : tensor<16xf32>
  %y = kiln.conv %x, %w, %b {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x16x32x32xf32>, tensor<16x16x3x3xf32>, tensor<16xf32>) -> tensor<1x16x32x32xf32>
  %gw = kiln.constant dense<1.0> : tensor<2x2xf32>
  %g = kiln.gemm %a, %gw {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %mm = kiln.matmul %m, %n : (tensor<64x256xf32>, tensor<256x64xf32>) -> tensor<64x64xf32>
  %p = kiln.max_pool %y {ceil_mode = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x16x32x32xf32> -> tensor<1x16x16x16xf32>
  %q = kiln.avg_pool %y {ceil_mode = false, count_include_pad = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x16x32x32xf32> -> tensor<1x16x16x16xf32>
  return %y, %g, %mm, %p, %q : tensor<1x16x32x32xf32>, tensor<1x2xf32>, tensor<64x64xf32>, tensor<1x16x16x16xf32>, tensor<1x16x16x16xf32>
}

// -----

// What oneDNN cannot run stays generated code even with backend=onednn:
// weights computed at run time, alpha with run-time B, an integer matmul,
// a ceil_mode window past the padding counted by count_include_pad.
// ONEDNN-LABEL: func.func @negative_not_candidates
//   ONEDNN-NOT:   kiln.library_call
func.func @negative_not_candidates(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>, %a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %i: tensor<2x3xi32>, %j: tensor<3x4xi32>, %p: tensor<1x4x6x6xf32>) -> (tensor<1x4x6x6xf32>, tensor<2x4xf32>, tensor<2x4xi32>, tensor<1x4x4x4xf32>) {
  %y = kiln.conv %x, %w {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  %g = kiln.gemm %a, %b {alpha = 2.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %m = kiln.matmul %i, %j : (tensor<2x3xi32>, tensor<3x4xi32>) -> tensor<2x4xi32>
  %q = kiln.avg_pool %p {ceil_mode = true, count_include_pad = true, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<1x4x6x6xf32> -> tensor<1x4x4x4xf32>
  return %y, %g, %m, %q : tensor<1x4x6x6xf32>, tensor<2x4xf32>, tensor<2x4xi32>, tensor<1x4x4x4xf32>
}

// -----

// A fused region goes to oneDNN whole when its epilogue maps to post-ops
// (its body is left alone). When it does not, the region stays generated
// code, but its anchor may still be a oneDNN call inside it.
// ONEDNN-LABEL: func.func @fused
//       ONEDNN:   kiln.fused{{.*}}kiln.library_call = "onednn"
//   ONEDNN-NOT:   kiln.library_call
//       ONEDNN:   kiln.relu
//       ONEDNN:   kiln.fused(
//   ONEDNN-NOT:   kiln.library_call
//       ONEDNN:   kiln.matmul {{.*}}kiln.library_call = "onednn"
//       ONEDNN:   kiln.exp
func.func @fused(%a: tensor<2x4xf32>, %b: tensor<4x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  %y = kiln.fused (%a, %b) : (tensor<2x4xf32>, tensor<4x8xf32>) -> tensor<2x8xf32> {
  ^bb0(%lhs: tensor<2x4xf32>, %rhs: tensor<4x8xf32>):
    %m = kiln.matmul %lhs, %rhs : (tensor<2x4xf32>, tensor<4x8xf32>) -> tensor<2x8xf32>
    %r = kiln.relu %m : tensor<2x8xf32>
    kiln.yield %r : tensor<2x8xf32>
  }
  %z = kiln.fused (%a, %b) : (tensor<2x4xf32>, tensor<4x8xf32>) -> tensor<2x8xf32> {
  ^bb0(%lhs: tensor<2x4xf32>, %rhs: tensor<4x8xf32>):
    %m = kiln.matmul %lhs, %rhs : (tensor<2x4xf32>, tensor<4x8xf32>) -> tensor<2x8xf32>
    %e = kiln.exp %m : tensor<2x8xf32>
    kiln.yield %e : tensor<2x8xf32>
  }
  return %y, %z : tensor<2x8xf32>, tensor<2x8xf32>
}
