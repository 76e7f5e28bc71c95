// RUN: kiln-opt %s --split-input-file --kiln-fuse-epilogues | FileCheck %s

// `kiln-fuse-epilogues`: an anchor (conv, matmul, gemm) and the elementwise
// ops after it, up to the first value used elsewhere, become one kiln.fused.

// conv + relu (ResNet's conv/relu pairs). Weights and bias become inputs.
// CHECK-LABEL: func.func @conv_relu
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<1x2x4x4xf32>, %[[W:[a-zA-Z0-9_]+]]: tensor<3x2x1x1xf32>, %[[B:[a-zA-Z0-9_]+]]: tensor<3xf32>
//       CHECK:   %[[FUSED:.+]] = kiln.fused(%[[X]], %[[W]], %[[B]])
//  CHECK-NEXT:   ^bb0(%[[ARG0:.+]]: tensor<1x2x4x4xf32>, %[[ARG1:.+]]: tensor<3x2x1x1xf32>, %[[ARG2:.+]]: tensor<3xf32>):
//  CHECK-NEXT:     %[[CONV:.+]] = kiln.conv %[[ARG0]], %[[ARG1]], %[[ARG2]]
//  CHECK-NEXT:     %[[RELU:.+]] = kiln.relu %[[CONV]]
//  CHECK-NEXT:     kiln.yield %[[RELU]]
//  CHECK-NEXT:   }
//  CHECK-NEXT:   return %[[FUSED]]
func.func @conv_relu(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>, %b: tensor<3xf32>) -> tensor<1x3x4x4xf32> {
  %0 = kiln.conv %x, %w, %b {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
  %1 = kiln.relu %0 : tensor<1x3x4x4xf32>
  return %1 : tensor<1x3x4x4xf32>
}

// -----

// conv + residual add + relu (the end of a ResNet basic block): the skip
// input, defined before the conv, becomes an input.
// CHECK-LABEL: func.func @conv_residual_relu
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<1x3x4x4xf32>, %[[W:[a-zA-Z0-9_]+]]: tensor<3x3x1x1xf32>
//       CHECK:   kiln.fused(%[[X]], %[[W]])
//  CHECK-NEXT:   ^bb0(%[[ARG0:.+]]: tensor<1x3x4x4xf32>, %[[ARG1:.+]]: tensor<3x3x1x1xf32>):
//  CHECK-NEXT:     %[[CONV:.+]] = kiln.conv %[[ARG0]], %[[ARG1]]
//  CHECK-NEXT:     %[[ADD:.+]] = kiln.add %[[CONV]], %[[ARG0]]
//  CHECK-NEXT:     %[[RELU:.+]] = kiln.relu %[[ADD]]
//  CHECK-NEXT:     kiln.yield %[[RELU]]
func.func @conv_residual_relu(%x: tensor<1x3x4x4xf32>, %w: tensor<3x3x1x1xf32>) -> tensor<1x3x4x4xf32> {
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x4x4xf32>, tensor<3x3x1x1xf32>) -> tensor<1x3x4x4xf32>
  %1 = kiln.add %0, %x : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %2 = kiln.relu %1 : tensor<1x3x4x4xf32>
  return %2 : tensor<1x3x4x4xf32>
}

// -----

// matmul + bias + erf-GELU (BERT's and ViT's FFN): the biased value has two
// users, both in the region; the scalar constants are copied into the body,
// the bias vector comes in as an input.
// CHECK-LABEL: func.func @matmul_bias_gelu
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<1x8x4xf32>, %[[W:[a-zA-Z0-9_]+]]: tensor<4x16xf32>
//       CHECK:   %[[BIAS:.+]] = kiln.constant dense<{{.+}}> : tensor<16xf32>
//       CHECK:   %[[FUSED:.+]] = kiln.fused(%[[X]], %[[W]], %[[BIAS]])
//  CHECK-NEXT:   ^bb0(%[[ARG0:.+]]: tensor<1x8x4xf32>, %[[ARG1:.+]]: tensor<4x16xf32>, %[[ARG2:.+]]: tensor<16xf32>):
//   CHECK-DAG:     %[[SQRT2:.+]] = kiln.constant dense<1.41421354> : tensor<f32>
//   CHECK-DAG:     %[[ONE:.+]] = kiln.constant dense<1.000000e+00> : tensor<f32>
//   CHECK-DAG:     %[[HALF:.+]] = kiln.constant dense<5.000000e-01> : tensor<f32>
//       CHECK:     %[[MM:.+]] = kiln.matmul %[[ARG0]], %[[ARG1]]
//  CHECK-NEXT:     %[[B:.+]] = kiln.add %[[MM]], %[[ARG2]]
//  CHECK-NEXT:     %[[D:.+]] = kiln.div %[[B]], %[[SQRT2]]
//  CHECK-NEXT:     %[[E:.+]] = kiln.erf %[[D]]
//  CHECK-NEXT:     %[[A:.+]] = kiln.add %[[E]], %[[ONE]]
//  CHECK-NEXT:     %[[M:.+]] = kiln.mul %[[B]], %[[A]]
//  CHECK-NEXT:     %[[H:.+]] = kiln.mul %[[M]], %[[HALF]]
//  CHECK-NEXT:     kiln.yield %[[H]]
//       CHECK:   return %[[FUSED]]
func.func @matmul_bias_gelu(%x: tensor<1x8x4xf32>, %w: tensor<4x16xf32>) -> tensor<1x8x16xf32> {
  %bias = kiln.constant dense<[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0]> : tensor<16xf32>
  %sqrt2 = kiln.constant dense<1.41421354> : tensor<f32>
  %one = kiln.constant dense<1.0> : tensor<f32>
  %half = kiln.constant dense<0.5> : tensor<f32>
  %0 = kiln.matmul %x, %w : (tensor<1x8x4xf32>, tensor<4x16xf32>) -> tensor<1x8x16xf32>
  %1 = kiln.add %0, %bias : (tensor<1x8x16xf32>, tensor<16xf32>) -> tensor<1x8x16xf32>
  %2 = kiln.div %1, %sqrt2 : (tensor<1x8x16xf32>, tensor<f32>) -> tensor<1x8x16xf32>
  %3 = kiln.erf %2 : tensor<1x8x16xf32>
  %4 = kiln.add %3, %one : (tensor<1x8x16xf32>, tensor<f32>) -> tensor<1x8x16xf32>
  %5 = kiln.mul %1, %4 : (tensor<1x8x16xf32>, tensor<1x8x16xf32>) -> tensor<1x8x16xf32>
  %6 = kiln.mul %5, %half : (tensor<1x8x16xf32>, tensor<f32>) -> tensor<1x8x16xf32>
  return %6 : tensor<1x8x16xf32>
}

// -----

// gemm + clip (MobileNetV2's ReLU6 after a conv has the same shape).
// CHECK-LABEL: func.func @gemm_clip
//       CHECK:   kiln.fused
//       CHECK:     kiln.gemm
//  CHECK-NEXT:     kiln.clip
//  CHECK-NEXT:     kiln.yield
func.func @gemm_clip(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>, %c: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = kiln.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = true} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %1 = kiln.clip %0 {min = 0.0 : f64, max = 6.0 : f64} : tensor<2x4xf32>
  return %1 : tensor<2x4xf32>
}

// -----

// The region stops before the first value used elsewhere: the bias add's
// result is also returned, so only matmul + add fuse; the relu stays out.
// CHECK-LABEL: func.func @stop_at_shared_value
//       CHECK:   %[[FUSED:.+]] = kiln.fused
//       CHECK:     kiln.matmul
//  CHECK-NEXT:     kiln.add
//  CHECK-NEXT:     kiln.yield
//  CHECK-NEXT:   }
//  CHECK-NEXT:   %[[RELU:.+]] = kiln.relu %[[FUSED]]
//  CHECK-NEXT:   return %[[FUSED]], %[[RELU]]
func.func @stop_at_shared_value(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  %0 = kiln.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = kiln.add %0, %c : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %2 = kiln.relu %1 : tensor<2x4xf32>
  return %1, %2 : tensor<2x4xf32>, tensor<2x4xf32>
}

// -----

// The other operand of an epilogue op may be defined after the anchor, as
// long as it does not depend on it: the region is placed at its last op.
// CHECK-LABEL: func.func @operand_defined_after_anchor
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<2x3xf32>, %[[Y:[a-zA-Z0-9_]+]]: tensor<3x4xf32>, %[[Z:[a-zA-Z0-9_]+]]: tensor<2x4xf32>
//       CHECK:   %[[SKIP:.+]] = kiln.sigmoid %[[Z]]
//       CHECK:   kiln.fused(%[[X]], %[[Y]], %[[SKIP]])
//       CHECK:     kiln.matmul
//  CHECK-NEXT:     kiln.add
//  CHECK-NEXT:     kiln.yield
func.func @operand_defined_after_anchor(%x: tensor<2x3xf32>, %y: tensor<3x4xf32>, %z: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %0 = kiln.matmul %x, %y : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = kiln.sigmoid %z : tensor<2x4xf32>
  %2 = kiln.add %0, %1 : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %2 : tensor<2x4xf32>
}

// -----

// Nothing fuses when the anchor's result has another user: the anchor
// would have to be computed twice or escape the region.
// CHECK-LABEL: func.func @negative_anchor_with_two_users
//   CHECK-NOT:   kiln.fused
//       CHECK:   kiln.matmul
//       CHECK:   kiln.relu
func.func @negative_anchor_with_two_users(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  %0 = kiln.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = kiln.relu %0 : tensor<2x4xf32>
  return %0, %1 : tensor<2x4xf32>, tensor<2x4xf32>
}

// -----

// An anchor alone is not worth a region.
// CHECK-LABEL: func.func @negative_anchor_alone
//   CHECK-NOT:   kiln.fused
func.func @negative_anchor_alone(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = kiln.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// An op whose result is larger than the anchor's (it broadcasts the anchor
// up) is not an epilogue: the kernel writes the anchor's shape.
// CHECK-LABEL: func.func @negative_broadcast_result
//   CHECK-NOT:   kiln.fused
func.func @negative_broadcast_result(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<5x2x4xf32>) -> tensor<5x2x4xf32> {
  %0 = kiln.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = kiln.add %0, %c : (tensor<2x4xf32>, tensor<5x2x4xf32>) -> tensor<5x2x4xf32>
  return %1 : tensor<5x2x4xf32>
}

// -----

// Ops that are not elementwise arithmetic (here a softmax and a cast) end
// the region without joining it.
// CHECK-LABEL: func.func @negative_not_elementwise
//   CHECK-NOT:   kiln.fused
func.func @negative_not_elementwise(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf16>) {
  %0 = kiln.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = kiln.softmax %0 {axis = 1 : i64} : tensor<2x4xf32>
  %2 = kiln.cast %1 : tensor<2x4xf32> to tensor<2x4xf16>
  return %1, %2 : tensor<2x4xf32>, tensor<2x4xf16>
}

// -----

// An epilogue op whose other operand is computed from the anchor outside
// the region would make the region feed itself: it does not join.
// CHECK-LABEL: func.func @negative_operand_depends_on_anchor
//       CHECK:   %[[FUSED:.+]] = kiln.fused
//       CHECK:     kiln.matmul
//  CHECK-NEXT:     kiln.relu
//  CHECK-NEXT:     kiln.yield
//       CHECK:   %[[T:.+]] = kiln.transpose %[[FUSED]]
//       CHECK:   kiln.add %[[FUSED]], %[[T]]
func.func @negative_operand_depends_on_anchor(%a: tensor<4x3xf32>, %b: tensor<3x4xf32>) -> tensor<4x4xf32> {
  %0 = kiln.matmul %a, %b : (tensor<4x3xf32>, tensor<3x4xf32>) -> tensor<4x4xf32>
  %1 = kiln.relu %0 : tensor<4x4xf32>
  %2 = kiln.transpose %1 {permutation = array<i64: 1, 0>} : tensor<4x4xf32> -> tensor<4x4xf32>
  %3 = kiln.add %1, %2 : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  return %3 : tensor<4x4xf32>
}

// -----

// Anchors already inside a kiln.fused (an attention region) are left alone.
// CHECK-LABEL: func.func @negative_anchor_in_region
//       CHECK:   kiln.fused
//       CHECK:     kiln.matmul
//  CHECK-NEXT:     kiln.relu
//  CHECK-NEXT:     kiln.yield
//   CHECK-NOT:   kiln.fused
func.func @negative_anchor_in_region(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = kiln.fused (%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32> {
  ^bb0(%lhs: tensor<2x3xf32>, %rhs: tensor<3x4xf32>):
    %mm = kiln.matmul %lhs, %rhs : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    %r = kiln.relu %mm : tensor<2x4xf32>
    kiln.yield %r : tensor<2x4xf32>
  }
  return %0 : tensor<2x4xf32>
}
