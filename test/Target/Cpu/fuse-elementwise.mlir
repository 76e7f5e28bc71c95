// RUN: kiln-opt %s --split-input-file --kiln-cpu-fuse-elementwise | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>

// Elementwise chains fuse into one generic.
// CHECK-LABEL: func.func @chain
//       CHECK:   linalg.generic
//       CHECK:     math.exp
//       CHECK:     arith.maximumf
//   CHECK-NOT:   linalg.generic
func.func @chain(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %c0 = arith.constant 0.0 : f32
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.exp %in : f32
    linalg.yield %v : f32
  } -> tensor<4x8xf32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.maximumf %in, %c0 : f32
    linalg.yield %v : f32
  } -> tensor<4x8xf32>
  return %b : tensor<4x8xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>

// A ReLU on the operand of a matrix product (here a generic, as packed
// ones are) stays its own op: fused into the product, it would put a
// maximum in its body, which would no longer be a contraction.
// CHECK-LABEL: func.func @producer_of_contraction
//       CHECK:   %[[R:.+]] = linalg.generic
//       CHECK:     arith.maximumf
//       CHECK:   linalg.generic {{.+}} ins(%[[R]], %{{.+}} : tensor<4x8xf32>, tensor<8x16xf32>)
//  CHECK-NEXT:   ^bb0
//  CHECK-NEXT:     arith.mulf
//  CHECK-NEXT:     arith.addf
func.func @producer_of_contraction(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %c: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %c0 = arith.constant 0.0 : f32
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.maximumf %in, %c0 : f32
    linalg.yield %v : f32
  } -> tensor<4x8xf32>
  %y = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]} ins(%r, %w : tensor<4x8xf32>, tensor<8x16xf32>) outs(%c : tensor<4x16xf32>) {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// A matrix product on a reshaped operand (a Gemm after a Flatten) keeps
// the reshape: expanded along it, it would become a generic.
// CHECK-LABEL: func.func @reshaped_operand
//       CHECK:   %[[F:.+]] = tensor.collapse_shape
//       CHECK:   linalg.matmul ins(%[[F]],
func.func @reshaped_operand(%x: tensor<1x2x4xf32>, %w: tensor<8x16xf32>, %c: tensor<1x16xf32>) -> tensor<1x16xf32> {
  %f = tensor.collapse_shape %x [[0], [1, 2]] : tensor<1x2x4xf32> into tensor<1x8xf32>
  %y = linalg.matmul ins(%f, %w : tensor<1x8xf32>, tensor<8x16xf32>) outs(%c : tensor<1x16xf32>) -> tensor<1x16xf32>
  return %y : tensor<1x16xf32>
}
