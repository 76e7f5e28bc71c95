// RUN: kiln-opt %s --split-input-file --kiln-cpu-transpose-constant-operands | FileCheck %s

// A constant read transposed (B[n, k], a Gemm with transB) is stored
// transposed at compile time, and the matmul reads it in the plain order
// (the default maps, which the printer leaves out).
// CHECK-LABEL: func.func @transposed_constant
//       CHECK:   %[[W:.+]] = arith.constant dense<{{\[}}[1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
//       CHECK:   linalg.matmul ins(%{{.+}}, %[[W]] : tensor<4x3xf32>, tensor<3x2xf32>)
func.func @transposed_constant(%x: tensor<4x3xf32>, %init: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<4x3xf32>, tensor<2x3xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// A slice of a constant (one direction of an LSTM's weights) is computed
// and transposed; the original constant goes.
// CHECK-LABEL: func.func @slice_of_constant
//   CHECK-NOT:   tensor.extract_slice
//       CHECK:   %[[W:.+]] = arith.constant dense<{{\[}}[7, 9], [8, 10]]> : tensor<2x2xi32>
//       CHECK:   linalg.matmul ins(%{{.+}}, %[[W]] : tensor<1x2xi32>, tensor<2x2xi32>)
func.func @slice_of_constant(%x: tensor<1x2xi32>, %init: tensor<1x2xi32>) -> tensor<1x2xi32> {
  %w = arith.constant dense<[[[1, 2], [3, 4]], [[7, 8], [9, 10]]]> : tensor<2x2x2xi32>
  %d = tensor.extract_slice %w[1, 0, 0] [1, 2, 2] [1, 1, 1] : tensor<2x2x2xi32> to tensor<2x2xi32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %d : tensor<1x2xi32>, tensor<2x2xi32>) outs(%init : tensor<1x2xi32>) -> tensor<1x2xi32>
  return %y : tensor<1x2xi32>
}

// -----

// A constant something else reads too stays as it is: transposing it would
// keep two copies in the model.
// CHECK-LABEL: func.func @shared_constant
//       CHECK:   %[[W:.+]] = arith.constant dense<{{.+}}> : tensor<2x3xf32>
//       CHECK:   linalg.matmul indexing_maps = [#{{.+}}, #{{.+}}, #{{.+}}] ins(%{{.+}}, %[[W]] : tensor<4x3xf32>, tensor<2x3xf32>)
func.func @shared_constant(%x: tensor<4x3xf32>, %init: tensor<4x2xf32>) -> (tensor<4x2xf32>, tensor<2x3xf32>) {
  %w = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<4x3xf32>, tensor<2x3xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y, %w : tensor<4x2xf32>, tensor<2x3xf32>
}

// -----

// A transposed operand that is not a constant stays as it is.
// CHECK-LABEL: func.func @transposed_argument
//       CHECK:   linalg.matmul indexing_maps = [#{{.+}}, #{{.+}}, #{{.+}}] ins(%{{.+}}, %{{.+}} : tensor<4x3xf32>, tensor<2x3xf32>)
func.func @transposed_argument(%x: tensor<4x3xf32>, %w: tensor<2x3xf32>, %init: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<4x3xf32>, tensor<2x3xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// A constant in the plain order is not this pass's business.
// CHECK-LABEL: func.func @plain
//       CHECK:   %[[W:.+]] = arith.constant dense<1.000000e+00> : tensor<4x100xf32>
//       CHECK:   linalg.matmul ins(%{{.+}}, %[[W]] : tensor<2x4xf32>, tensor<4x100xf32>)
func.func @plain(%x: tensor<2x4xf32>, %init: tensor<2x100xf32>) -> tensor<2x100xf32> {
  %w = arith.constant dense<1.0> : tensor<4x100xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x4xf32>, tensor<4x100xf32>) outs(%init : tensor<2x100xf32>) -> tensor<2x100xf32>
  return %y : tensor<2x100xf32>
}
