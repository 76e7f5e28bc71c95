// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln | FileCheck %s

// A batched matmul: b is a batch label, j the contracted one.
// CHECK-LABEL: func.func @einsum_batch_matmul_opset12
//  CHECK-SAME:   (%[[X:.+]]: tensor<5x2x3xf32>, %[[Y:.+]]: tensor<5x3x4xf32>)
//       CHECK:   %[[P:.+]] = kiln.matmul %[[X]], %[[Y]] : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
//       CHECK:   return %[[P]]
func.func @einsum_batch_matmul_opset12(%x: tensor<5x2x3xf32>, %y: tensor<5x3x4xf32>) -> tensor<5x2x4xf32> {
  %z = kiln_onnx.node "Einsum"(%x, %y) {domain = "", opset = 12 : i64, onnx_attrs = {equation = "bij, bjk -> bik"}} : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
  return %z : tensor<5x2x4xf32>
}

// -----

// The implicit output of "i,i" is empty: an inner product.
// CHECK-LABEL: func.func @einsum_inner_product_opset12
//       CHECK:   kiln.matmul %{{.+}}, %{{.+}} : (tensor<1x1x5xf32>, tensor<1x5x1xf32>) -> tensor<1x1x1xf32>
//       CHECK:   kiln.reshape %{{.+}} : tensor<1x1x1xf32> to tensor<f32>
func.func @einsum_inner_product_opset12(%x: tensor<5xf32>, %y: tensor<5xf32>) -> tensor<f32> {
  %z = kiln_onnx.node "Einsum"(%x, %y) {domain = "", opset = 12 : i64, onnx_attrs = {equation = "i,i"}} : (tensor<5xf32>, tensor<5xf32>) -> tensor<f32>
  return %z : tensor<f32>
}

// -----

// A repeated label takes the diagonal: the pair flattened, every (n+1)-th
// element; the ellipsis dimensions stay in front.
// CHECK-LABEL: func.func @einsum_batch_diagonal_opset12
//       CHECK:   %[[FLAT:.+]] = kiln.reshape %{{.+}} : tensor<3x5x5xf32> to tensor<3x25xf32>
//       CHECK:   kiln.slice %[[FLAT]] {limits = array<i64: 3, 25>, starts = array<i64: 0, 0>, strides = array<i64: 1, 6>} : tensor<3x25xf32> -> tensor<3x5xf32>
func.func @einsum_batch_diagonal_opset12(%x: tensor<3x5x5xf32>) -> tensor<3x5xf32> {
  %z = kiln_onnx.node "Einsum"(%x) {domain = "", opset = 12 : i64, onnx_attrs = {equation = "...ii ->...i"}} : (tensor<3x5x5xf32>) -> tensor<3x5xf32>
  return %z : tensor<3x5xf32>
}

// -----

// Labels only one operand uses and the output drops are summed; an output
// order is a transpose.
// CHECK-LABEL: func.func @einsum_sum_transpose_opset12
//       CHECK:   kiln.reduce_sum %{{.+}} {axes = array<i64: 1>, keep_dims = false} : tensor<2x3xf32> -> tensor<2xf32>
//       CHECK:   kiln.transpose %{{.+}} {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
func.func @einsum_sum_transpose_opset12(%x: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<3x2xf32>) {
  %a = kiln_onnx.node "Einsum"(%x) {domain = "", opset = 12 : i64, onnx_attrs = {equation = "ij->i"}} : (tensor<2x3xf32>) -> tensor<2xf32>
  %b = kiln_onnx.node "Einsum"(%x) {domain = "", opset = 12 : i64, onnx_attrs = {equation = "ij->ji"}} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %a, %b : tensor<2xf32>, tensor<3x2xf32>
}
