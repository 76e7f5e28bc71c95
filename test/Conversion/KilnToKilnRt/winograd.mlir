// RUN: kiln-opt %s --split-input-file --convert-kiln-to-kiln-rt="scratchpad-reserve=0" | FileCheck %s

// A 3x3 conv between oneDNN ops, its input, residual and result in the
// native layout, computes by Winograd. An 8x8 result has 4 tiles of 4x4
// results, too few (kMinWinogradTiles), but 16 of 2x2: F(2x2, 3x3). Its
// scratch is the three layout copies the direct conv would reserve
// (3 x 2048 bytes) plus the transformed input and products (2 x 16
// positions x 16 tiles x 8 channels x 4 bytes = 16384). The 1x1 convs
// around it do not qualify.
// CHECK-LABEL: func.func @chain
//       CHECK:   %[[A:.+]] = kiln_rt.onednn_conv
//   CHECK-NOT:     winograd
//  CHECK-SAME:     : tensor<1x8x8x8xf32>, tensor<8x8x1x1xf32>
//       CHECK:   %[[B:.+]] = kiln_rt.onednn_conv %[[A]]
//  CHECK-SAME:     native_layout_input, native_layout_post_operands = array<i1: true>, native_layout_result
//  CHECK-SAME:     post_ops = ["add", "relu"]
//  CHECK-SAME:     scratch_size = 22528 : i64, strides = array<i64: 1, 1>, winograd = 2 : i64
//       CHECK:   kiln_rt.onednn_conv %[[B]]
//   CHECK-NOT:     winograd
//  CHECK-SAME:     : tensor<1x8x8x8xf32>, tensor<8x8x1x1xf32>
func.func @chain(%x: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  %w1 = kiln.constant dense<0.5> : tensor<8x8x1x1xf32>
  %w3 = kiln.constant dense<0.25> : tensor<8x8x3x3xf32>
  %a = kiln.conv %x, %w1 {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, kiln.library_call = "onednn"} : (tensor<1x8x8x8xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x8x8xf32>
  %b = kiln.fused (%a, %w3, %a) {kiln.library_call = "onednn"} : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>, tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  ^bb0(%input: tensor<1x8x8x8xf32>, %weight: tensor<8x8x3x3xf32>, %residual: tensor<1x8x8x8xf32>):
    %conv = kiln.conv %input, %weight {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x8x8xf32>
    %sum = kiln.add %conv, %residual : (tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
    %relu = kiln.relu %sum : tensor<1x8x8x8xf32>
    kiln.yield %relu : tensor<1x8x8x8xf32>
  }
  %c = kiln.conv %b, %w1 {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, kiln.library_call = "onednn"} : (tensor<1x8x8x8xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x8x8xf32>
  return %c : tensor<1x8x8x8xf32>
}

// -----

// A 16x16 result has 16 tiles of 4x4 results: F(4x4, 3x3), whose
// transforms take 2 x 36 positions x 16 tiles x 8 channels x 4 bytes
// beside the two layout copies (2 x 8192).
// CHECK-LABEL: func.func @four_by_four
//       CHECK:   kiln_rt.onednn_conv
//       CHECK:   kiln_rt.onednn_conv
//  CHECK-SAME:     scratch_size = 53248 : i64, strides = array<i64: 1, 1>, winograd = 4 : i64
func.func @four_by_four(%x: tensor<1x8x16x16xf32>) -> tensor<1x8x16x16xf32> {
  %w1 = kiln.constant dense<0.5> : tensor<8x8x1x1xf32>
  %w3 = kiln.constant dense<0.25> : tensor<8x8x3x3xf32>
  %a = kiln.conv %x, %w1 {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, kiln.library_call = "onednn"} : (tensor<1x8x16x16xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x16x16xf32>
  %b = kiln.conv %a, %w3 {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, kiln.library_call = "onednn"} : (tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x16x16xf32>
  %c = kiln.conv %b, %w1 {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, kiln.library_call = "onednn"} : (tensor<1x8x16x16xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x16x16xf32>
  return %c : tensor<1x8x16x16xf32>
}

// -----

// Direct convs, all 3x3 between oneDNN ops but one: strided; with too few
// tiles (a 6x6 result: 9); reading NCHW (the function's argument); and a
// sigmoid post-op, which the Winograd shim does not apply.
// CHECK-LABEL: func.func @negatives
//   CHECK-NOT:   winograd
//       CHECK:   return
func.func @negatives(%x: tensor<1x8x16x16xf32>) -> (tensor<1x8x8x8xf32>, tensor<1x8x6x6xf32>, tensor<1x8x16x16xf32>) {
  %w1 = kiln.constant dense<0.5> : tensor<8x8x1x1xf32>
  %w3 = kiln.constant dense<0.25> : tensor<8x8x3x3xf32>
  %nchw = kiln.conv %x, %w3 {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, kiln.library_call = "onednn"} : (tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x16x16xf32>
  %s = kiln.fused (%nchw, %w3) {kiln.library_call = "onednn"} : (tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x16x16xf32> {
  ^bb0(%input: tensor<1x8x16x16xf32>, %weight: tensor<8x8x3x3xf32>):
    %conv = kiln.conv %input, %weight {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x16x16xf32>
    %sig = kiln.sigmoid %conv : tensor<1x8x16x16xf32>
    kiln.yield %sig : tensor<1x8x16x16xf32>
  }
  %strided = kiln.conv %s, %w3 {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>, kiln.library_call = "onednn"} : (tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x8x8xf32>
  %small = kiln.conv %strided, %w3 {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, kiln.library_call = "onednn"} : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x6x6xf32>
  %out = kiln.conv %small, %w1 {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, kiln.library_call = "onednn"} : (tensor<1x8x6x6xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x6x6xf32>
  %keep = kiln.conv %strided, %w1 {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, kiln.library_call = "onednn"} : (tensor<1x8x8x8xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x8x8xf32>
  return %keep, %out, %s : tensor<1x8x8x8xf32>, tensor<1x8x6x6xf32>, tensor<1x8x16x16xf32>
}
