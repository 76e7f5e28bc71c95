// RUN: kiln-opt %s --split-input-file --kiln-cpu-pack-constant-operands="max-vector-lanes=8" | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-cpu-pack-constant-operands | FileCheck %s --check-prefix=DEFAULT

// A matrix-vector product's tile computes 8 columns (max-vector-lanes):
// B[k, n] = 16 * k + n becomes two panels Bp[n / 8, k, n % 8], and the
// product a generic over (m, panel, column, k) on C seen as [1, 2, 8].
// CHECK-DAG:   #[[$A:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d3)>
// CHECK-DAG:   #[[$B:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d3, d2)>
// CHECK-DAG:   #[[$C:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @matrix_vector
//  CHECK-SAME:   (%[[X:.+]]: tensor<1x2xi32>, %[[INIT:.+]]: tensor<1x16xi32>)
//       CHECK:   %[[W:.+]] = arith.constant dense<{{\[}}{{\[}}[0, 1, 2, 3, 4, 5, 6, 7], [16, 17, 18, 19, 20, 21, 22, 23]], {{\[}}[8, 9, 10, 11, 12, 13, 14, 15], [24, 25, 26, 27, 28, 29, 30, 31]]]> : tensor<2x2x8xi32>
//       CHECK:   %[[PANELS:.+]] = tensor.expand_shape %[[INIT]] {{\[}}[0], [1, 2]] output_shape [1, 2, 8]
//       CHECK:   %[[P:.+]] = linalg.generic {indexing_maps = [#[[$A]], #[[$B]], #[[$C]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[X]], %[[W]] : tensor<1x2xi32>, tensor<2x2x8xi32>) outs(%[[PANELS]] : tensor<1x2x8xi32>)
//       CHECK:     arith.muli
//       CHECK:     arith.addi
//       CHECK:   %[[Y:.+]] = tensor.collapse_shape %[[P]] {{\[}}[0], [1, 2]] : tensor<1x2x8xi32> into tensor<1x16xi32>
//       CHECK:   return %[[Y]]
func.func @matrix_vector(%x: tensor<1x2xi32>, %init: tensor<1x16xi32>) -> tensor<1x16xi32> {
  %w = arith.constant dense<[[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]]> : tensor<2x16xi32>
  %y = linalg.matmul ins(%x, %w : tensor<1x2xi32>, tensor<2x16xi32>) outs(%init : tensor<1x16xi32>) -> tensor<1x16xi32>
  return %y : tensor<1x16xi32>
}

// -----

// With four rows and more, a tile's 64 accumulator lanes (the default) are
// 4 rows of 16 columns: panels of 16. Casts in the matmul's body (f16
// operands, f32 result) come along.
// DEFAULT-LABEL: func.func @rows
//       DEFAULT:   arith.constant dense<1.000000e+00> : tensor<8x256x16xf16>
//       DEFAULT:   linalg.generic
//       DEFAULT:     arith.extf
//       DEFAULT:     arith.extf
//       DEFAULT:     arith.mulf
//       DEFAULT:     arith.addf
//       DEFAULT:   tensor.collapse_shape {{.+}} : tensor<8x8x16xf32> into tensor<8x128xf32>
func.func @rows(%x: tensor<8x256xf16>, %init: tensor<8x128xf32>) -> tensor<8x128xf32> {
  %w = arith.constant dense<1.0> : tensor<256x128xf16>
  %y = linalg.matmul ins(%x, %w : tensor<8x256xf16>, tensor<256x128xf16>) outs(%init : tensor<8x128xf32>) -> tensor<8x128xf32>
  return %y : tensor<8x128xf32>
}

// -----

// A constant read transposed (B[n, k], a Gemm with transB) is packed from
// its transposed order; a single panel too, which is B[k, n].
// CHECK-LABEL: func.func @transposed_constant
//       CHECK:   %[[W:.+]] = arith.constant dense<{{\[}}{{\[}}[1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]]> : tensor<1x3x2xf32>
//       CHECK:   linalg.generic {{.+}} ins(%{{.+}}, %[[W]] : tensor<4x3xf32>, tensor<1x3x2xf32>)
func.func @transposed_constant(%x: tensor<4x3xf32>, %init: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<4x3xf32>, tensor<2x3xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// A slice of a constant (one direction of an LSTM's weights) is computed
// and packed; the original constant goes.
// CHECK-LABEL: func.func @slice_of_constant
//   CHECK-NOT:   tensor.extract_slice
//       CHECK:   %[[W:.+]] = arith.constant dense<{{\[}}{{\[}}[7, 9], [8, 10]]]> : tensor<1x2x2xi32>
//       CHECK:   linalg.generic {{.+}} ins(%{{.+}}, %[[W]] : tensor<1x2xi32>, tensor<1x2x2xi32>)
func.func @slice_of_constant(%x: tensor<1x2xi32>, %init: tensor<1x2xi32>) -> tensor<1x2xi32> {
  %w = arith.constant dense<[[[1, 2], [3, 4]], [[7, 8], [9, 10]]]> : tensor<2x2x2xi32>
  %d = tensor.extract_slice %w[1, 0, 0] [1, 2, 2] [1, 1, 1] : tensor<2x2x2xi32> to tensor<2x2xi32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %d : tensor<1x2xi32>, tensor<2x2xi32>) outs(%init : tensor<1x2xi32>) -> tensor<1x2xi32>
  return %y : tensor<1x2xi32>
}

// -----

// Left as they are: columns of B[k, n] that fit one tile (one panel is B),
// a constant something else reads too (it would be stored twice, packed
// and not), and operands that are not constants, transposed or not.
// CHECK-LABEL: func.func @unchanged
//   CHECK-NOT:   linalg.generic
//       CHECK:   return
func.func @unchanged(%x: tensor<1x4xf32>, %b: tensor<4x16xf32>, %bt: tensor<16x4xf32>, %i8: tensor<1x8xf32>, %i16: tensor<1x16xf32>) -> (tensor<1x8xf32>, tensor<1x16xf32>, tensor<4x16xf32>, tensor<1x16xf32>, tensor<1x16xf32>) {
  %narrow = arith.constant dense<1.0> : tensor<4x8xf32>
  %a = linalg.matmul ins(%x, %narrow : tensor<1x4xf32>, tensor<4x8xf32>) outs(%i8 : tensor<1x8xf32>) -> tensor<1x8xf32>
  %shared = arith.constant dense<2.0> : tensor<4x16xf32>
  %s = linalg.matmul ins(%x, %shared : tensor<1x4xf32>, tensor<4x16xf32>) outs(%i16 : tensor<1x16xf32>) -> tensor<1x16xf32>
  %v = linalg.matmul ins(%x, %b : tensor<1x4xf32>, tensor<4x16xf32>) outs(%i16 : tensor<1x16xf32>) -> tensor<1x16xf32>
  %r = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %bt : tensor<1x4xf32>, tensor<16x4xf32>) outs(%i16 : tensor<1x16xf32>) -> tensor<1x16xf32>
  return %a, %s, %shared, %v, %r : tensor<1x8xf32>, tensor<1x16xf32>, tensor<4x16xf32>, tensor<1x16xf32>, tensor<1x16xf32>
}
