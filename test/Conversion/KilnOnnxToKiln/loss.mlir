// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln | FileCheck %s

// NegativeLogLikelihoodLoss with weights and ignore_index, mean reduction:
// the weighted sum divided by the sum of the applied weights.
// CHECK-LABEL: func.func @nll_loss_weight_ignore_opset13
//  CHECK-SAME:   (%[[IN:.+]]: tensor<3x5xf32>, %[[T:.+]]: tensor<3xi64>, %[[W:.+]]: tensor<5xf32>)
//       CHECK:   %[[IGN:.+]] = kiln.equal %[[T]]
//       CHECK:   %[[SAFE:.+]] = kiln.select %[[IGN]], %{{.+}}, %[[T]]
//       CHECK:   kiln.gather_elements %[[IN]], %{{.+}} {axis = 1 : i64} : (tensor<3x5xf32>, tensor<3x1xi64>) -> tensor<3x1xf32>
//       CHECK:   kiln.neg
//       CHECK:   kiln.gather %[[W]], %[[SAFE]] {axis = 0 : i64}
//       CHECK:   %[[SUM:.+]] = kiln.reduce_sum %{{.+}} {axes = array<i64: 0>, keep_dims = false} : tensor<3xf32> -> tensor<f32>
//       CHECK:   %[[WSUM:.+]] = kiln.reduce_sum %{{.+}} {axes = array<i64: 0>, keep_dims = false} : tensor<3xf32> -> tensor<f32>
//       CHECK:   kiln.div %[[SUM]], %[[WSUM]]
func.func @nll_loss_weight_ignore_opset13(%in: tensor<3x5xf32>, %t: tensor<3xi64>, %w: tensor<5xf32>) -> tensor<f32> {
  %y = kiln_onnx.node "NegativeLogLikelihoodLoss"(%in, %t, %w) {domain = "", opset = 13 : i64, onnx_attrs = {ignore_index = 1 : i64}} : (tensor<3x5xf32>, tensor<3xi64>, tensor<5xf32>) -> tensor<f32>
  return %y : tensor<f32>
}

// -----

// SoftmaxCrossEntropyLoss: log_softmax over the classes, then the NLL loss;
// log_softmax is also the second output.
// CHECK-LABEL: func.func @softmax_cross_entropy_opset13
//       CHECK:   %[[LP:.+]] = kiln.log_softmax %{{.+}} {axis = 1 : i64} : tensor<2x3x4xf32>
//       CHECK:   kiln.gather_elements %[[LP]]
//       CHECK:   %[[L:.+]] = kiln.neg
//       CHECK:   return %[[L]], %[[LP]]
func.func @softmax_cross_entropy_opset13(%s: tensor<2x3x4xf32>, %l: tensor<2x4xi64>) -> (tensor<2x4xf32>, tensor<2x3x4xf32>) {
  %y, %lp = kiln_onnx.node "SoftmaxCrossEntropyLoss"(%s, %l) {domain = "", opset = 13 : i64, onnx_attrs = {reduction = "none"}} : (tensor<2x3x4xf32>, tensor<2x4xi64>) -> (tensor<2x4xf32>, tensor<2x3x4xf32>)
  return %y, %lp : tensor<2x4xf32>, tensor<2x3x4xf32>
}
