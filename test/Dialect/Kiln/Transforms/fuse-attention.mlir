// RUN: kiln-opt %s --split-input-file --kiln-fuse-attention | FileCheck %s

// `kiln-fuse-attention`: matmul(Q, K), single-use elementwise ops on the
// scores, softmax over the last axis and matmul(probs, V) become one
// kiln.fused region.

// BERT's form: scale by a division, additive mask, softmax, .V. The scalar
// scale is copied into the body; the mask (not a splat) is an input.
// CHECK-LABEL: func.func @attention_scale_mask
//  CHECK-SAME:   %[[Q:[a-zA-Z0-9_]+]]: tensor<1x2x8x4xf32>, %[[K:[a-zA-Z0-9_]+]]: tensor<1x2x4x8xf32>, %[[V:[a-zA-Z0-9_]+]]: tensor<1x2x8x4xf32>, %[[MASK:[a-zA-Z0-9_]+]]: tensor<1x1x1x8xf32>
//       CHECK:   %[[FUSED:.+]] = kiln.fused(%[[Q]], %[[K]], %[[MASK]], %[[V]]) : (tensor<1x2x8x4xf32>, tensor<1x2x4x8xf32>, tensor<1x1x1x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
//  CHECK-NEXT:   ^bb0(%[[ARG_Q:.+]]: tensor<1x2x8x4xf32>, %[[ARG_K:.+]]: tensor<1x2x4x8xf32>, %[[ARG_MASK:.+]]: tensor<1x1x1x8xf32>, %[[ARG_V:.+]]: tensor<1x2x8x4xf32>):
//  CHECK-NEXT:     %[[SCALE:.+]] = kiln.constant dense<2.000000e+00> : tensor<f32>
//  CHECK-NEXT:     %[[S:.+]] = kiln.matmul %[[ARG_Q]], %[[ARG_K]]
//  CHECK-NEXT:     %[[D:.+]] = kiln.div %[[S]], %[[SCALE]]
//  CHECK-NEXT:     %[[M:.+]] = kiln.add %[[D]], %[[ARG_MASK]]
//  CHECK-NEXT:     %[[P:.+]] = kiln.softmax %[[M]] {axis = 3 : i64}
//  CHECK-NEXT:     %[[O:.+]] = kiln.matmul %[[P]], %[[ARG_V]]
//  CHECK-NEXT:     kiln.yield %[[O]]
//  CHECK-NEXT:   }
//  CHECK-NEXT:   return %[[FUSED]]
func.func @attention_scale_mask(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x8x4xf32>, %mask: tensor<1x1x1x8xf32>) -> tensor<1x2x8x4xf32> {
  %scale = kiln.constant dense<2.0> : tensor<f32>
  %0 = kiln.matmul %q, %k : (tensor<1x2x8x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x8x8xf32>
  %1 = kiln.div %0, %scale : (tensor<1x2x8x8xf32>, tensor<f32>) -> tensor<1x2x8x8xf32>
  %2 = kiln.add %1, %mask : (tensor<1x2x8x8xf32>, tensor<1x1x1x8xf32>) -> tensor<1x2x8x8xf32>
  %3 = kiln.softmax %2 {axis = 3 : i64} : tensor<1x2x8x8xf32>
  %4 = kiln.matmul %3, %v : (tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  return %4 : tensor<1x2x8x4xf32>
}

// -----

// ViT's form: the scale is applied to Q and K before the matmul, so nothing
// sits between the matmul and the softmax.
// CHECK-LABEL: func.func @attention_no_scale
//       CHECK:   kiln.fused
//  CHECK-NEXT:   ^bb0
//  CHECK-NEXT:     kiln.matmul
//  CHECK-NEXT:     kiln.softmax
//  CHECK-NEXT:     kiln.matmul
//  CHECK-NEXT:     kiln.yield
func.func @attention_no_scale(%q: tensor<3x8x4xf32>, %k: tensor<3x4x8xf32>, %v: tensor<3x8x4xf32>) -> tensor<3x8x4xf32> {
  %0 = kiln.matmul %q, %k : (tensor<3x8x4xf32>, tensor<3x4x8xf32>) -> tensor<3x8x8xf32>
  %1 = kiln.softmax %0 {axis = 2 : i64} : tensor<3x8x8xf32>
  %2 = kiln.matmul %1, %v : (tensor<3x8x8xf32>, tensor<3x8x4xf32>) -> tensor<3x8x4xf32>
  return %2 : tensor<3x8x4xf32>
}

// -----

// The probabilities are also returned (a model that outputs attention
// weights): they would escape the region, so nothing fuses.
// CHECK-LABEL: func.func @negative_probs_used_twice
//   CHECK-NOT:   kiln.fused
func.func @negative_probs_used_twice(%q: tensor<8x4xf32>, %k: tensor<4x8xf32>, %v: tensor<8x4xf32>) -> (tensor<8x4xf32>, tensor<8x8xf32>) {
  %0 = kiln.matmul %q, %k : (tensor<8x4xf32>, tensor<4x8xf32>) -> tensor<8x8xf32>
  %1 = kiln.softmax %0 {axis = 1 : i64} : tensor<8x8xf32>
  %2 = kiln.matmul %1, %v : (tensor<8x8xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>
  return %2, %1 : tensor<8x4xf32>, tensor<8x8xf32>
}

// -----

// The scores are used by something else: nothing fuses.
// CHECK-LABEL: func.func @negative_scores_used_twice
//   CHECK-NOT:   kiln.fused
func.func @negative_scores_used_twice(%q: tensor<8x4xf32>, %k: tensor<4x8xf32>, %v: tensor<8x4xf32>) -> (tensor<8x4xf32>, tensor<8x8xf32>) {
  %0 = kiln.matmul %q, %k : (tensor<8x4xf32>, tensor<4x8xf32>) -> tensor<8x8xf32>
  %1 = kiln.relu %0 : tensor<8x8xf32>
  %2 = kiln.softmax %1 {axis = 1 : i64} : tensor<8x8xf32>
  %3 = kiln.matmul %2, %v : (tensor<8x8xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>
  return %3, %0 : tensor<8x4xf32>, tensor<8x8xf32>
}

// -----

// A softmax over another axis than the keys' is not attention.
// CHECK-LABEL: func.func @negative_softmax_not_last_axis
//   CHECK-NOT:   kiln.fused
func.func @negative_softmax_not_last_axis(%q: tensor<8x4xf32>, %k: tensor<4x8xf32>, %v: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %0 = kiln.matmul %q, %k : (tensor<8x4xf32>, tensor<4x8xf32>) -> tensor<8x8xf32>
  %1 = kiln.softmax %0 {axis = 0 : i64} : tensor<8x8xf32>
  %2 = kiln.matmul %1, %v : (tensor<8x8xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>
  return %2 : tensor<8x4xf32>
}

// -----

// The probabilities feed the second matmul as its right operand: not the
// attention contraction over the keys.
// CHECK-LABEL: func.func @negative_probs_on_the_right
//   CHECK-NOT:   kiln.fused
func.func @negative_probs_on_the_right(%q: tensor<8x4xf32>, %k: tensor<4x8xf32>, %v: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = kiln.matmul %q, %k : (tensor<8x4xf32>, tensor<4x8xf32>) -> tensor<8x8xf32>
  %1 = kiln.softmax %0 {axis = 1 : i64} : tensor<8x8xf32>
  %2 = kiln.matmul %v, %1 : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  return %2 : tensor<4x8xf32>
}

// -----

// The softmax input does not come from a matmul (here a gemm): not the
// pattern.
// CHECK-LABEL: func.func @negative_scores_not_from_matmul
//   CHECK-NOT:   kiln.fused
func.func @negative_scores_not_from_matmul(%q: tensor<8x4xf32>, %k: tensor<8x4xf32>, %v: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %0 = kiln.gemm %q, %k {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = true} : (tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<8x8xf32>
  %1 = kiln.softmax %0 {axis = 1 : i64} : tensor<8x8xf32>
  %2 = kiln.matmul %1, %v : (tensor<8x8xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>
  return %2 : tensor<8x4xf32>
}

// -----

// Between the matmul and the softmax, an op that is not elementwise on the
// scores (a transpose) breaks the pattern.
// CHECK-LABEL: func.func @negative_transpose_in_chain
//   CHECK-NOT:   kiln.fused
func.func @negative_transpose_in_chain(%q: tensor<8x4xf32>, %k: tensor<4x8xf32>, %v: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %0 = kiln.matmul %q, %k : (tensor<8x4xf32>, tensor<4x8xf32>) -> tensor<8x8xf32>
  %1 = kiln.transpose %0 {permutation = array<i64: 1, 0>} : tensor<8x8xf32> -> tensor<8x8xf32>
  %2 = kiln.softmax %1 {axis = 1 : i64} : tensor<8x8xf32>
  %3 = kiln.matmul %2, %v : (tensor<8x8xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>
  return %3 : tensor<8x4xf32>
}
