// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln | FileCheck %s

// Adagrad (ai.onnx.preview.training): the decayed rate, the accumulated
// squares, the step; outputs X_new then H_new.
// CHECK-LABEL: func.func @adagrad_opset1
//  CHECK-SAME:   (%[[R:.+]]: tensor<f32>, %[[T:.+]]: tensor<i64>, %[[X:.+]]: tensor<2xf32>, %[[G:.+]]: tensor<2xf32>, %[[H:.+]]: tensor<2xf32>)
//       CHECK:   %[[TF:.+]] = kiln.cast %[[T]] : tensor<i64> to tensor<f32>
//       CHECK:   %[[RATE:.+]] = kiln.div %[[R]]
//       CHECK:   %[[HNEW:.+]] = kiln.add %[[H]]
//       CHECK:   %[[SQRT:.+]] = kiln.sqrt %[[HNEW]]
//       CHECK:   %[[XNEW:.+]] = kiln.sub %[[X]]
//       CHECK:   return %[[XNEW]], %[[HNEW]]
func.func @adagrad_opset1(%r: tensor<f32>, %t: tensor<i64>, %x: tensor<2xf32>, %g: tensor<2xf32>, %h: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %x2, %h2 = kiln_onnx.node "Adagrad"(%r, %t, %x, %g, %h) {domain = "ai.onnx.preview.training", opset = 1 : i64, onnx_attrs = {decay_factor = 0.1 : f32, epsilon = 1.0e-5 : f32}} : (tensor<f32>, tensor<i64>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  return %x2, %h2 : tensor<2xf32>, tensor<2xf32>
}

// -----

// Adam: the rate is corrected by sqrt(1 - beta^T) / (1 - alpha^T) only once
// T > 0, a select on the run-time T.
// CHECK-LABEL: func.func @adam_opset1
//       CHECK:   kiln.pow
//       CHECK:   kiln.pow
//       CHECK:   %[[STARTED:.+]] = kiln.greater %{{.+}}, %{{.+}} : (tensor<i64>, tensor<i64>) -> tensor<i1>
//       CHECK:   kiln.select %[[STARTED]]
//       CHECK:   kiln.sqrt
func.func @adam_opset1(%r: tensor<f32>, %t: tensor<i64>, %x: tensor<2xf32>, %g: tensor<2xf32>, %v: tensor<2xf32>, %h: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %x2, %v2, %h2 = kiln_onnx.node "Adam"(%r, %t, %x, %g, %v, %h) {domain = "ai.onnx.preview.training", opset = 1 : i64} : (tensor<f32>, tensor<i64>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  return %x2, %v2, %h2 : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// Momentum in nesterov mode steps by g + alpha * V_new.
// CHECK-LABEL: func.func @momentum_nesterov_opset1
//       CHECK:   %[[STARTED:.+]] = kiln.greater
//       CHECK:   %[[BETA:.+]] = kiln.select %[[STARTED]]
//       CHECK:   %[[VNEW:.+]] = kiln.add
//       CHECK:   %[[AV:.+]] = kiln.mul %{{.+}}, %[[VNEW]]
//       CHECK:   kiln.add %{{.+}}, %[[AV]]
func.func @momentum_nesterov_opset1(%r: tensor<f32>, %t: tensor<i64>, %x: tensor<2xf32>, %g: tensor<2xf32>, %v: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %x2, %v2 = kiln_onnx.node "Momentum"(%r, %t, %x, %g, %v) {domain = "ai.onnx.preview.training", opset = 1 : i64, onnx_attrs = {alpha = 0.9 : f32, beta = 0.1 : f32, mode = "nesterov", norm_coefficient = 0.01 : f32}} : (tensor<f32>, tensor<i64>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  return %x2, %v2 : tensor<2xf32>, tensor<2xf32>
}
