// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln | FileCheck %s

// Gather keeps negative indices for run time; the axis is normalized. A
// run-time check makes `run` fail on an index outside [-4, 4).
// CHECK-LABEL: func.func @gather_negative_axis_opset13
//  CHECK-SAME:   (%[[D:.+]]: tensor<3x4xf32>, %[[I:.+]]: tensor<2xi64>)
//       CHECK:   %[[LO:.+]] = kiln.constant dense<-4> : tensor<i64>
//       CHECK:   kiln.greater_equal %[[I]], %[[LO]]
//       CHECK:   %[[HI:.+]] = kiln.constant dense<4> : tensor<i64>
//       CHECK:   kiln.less %[[I]], %[[HI]]
//       CHECK:   kiln.assert %{{.+}}, "node 'gather_0' (Gather): input 1 ('indices') has an entry outside [-4, 4)" : tensor<i1>
//       CHECK:   kiln.gather %[[D]], %[[I]] {axis = 1 : i64} : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<3x2xf32>
func.func @gather_negative_axis_opset13(%d: tensor<3x4xf32>, %i: tensor<2xi64>) -> tensor<3x2xf32> {
  %y = kiln_onnx.node "Gather"(%d, %i) {domain = "", opset = 13 : i64, onnx_attrs = {axis = -1 : i64}} : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<3x2xf32> loc("gather_0")
  return %y : tensor<3x2xf32>
}

// -----

// Constant indices in range need no check.
// CHECK-LABEL: func.func @gather_constant_indices_opset13
//   CHECK-NOT:   kiln.assert
//       CHECK:   kiln.gather
func.func @gather_constant_indices_opset13(%d: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %i = kiln_onnx.constant dense<[-3, 2]> : tensor<2xi64>
  %y = kiln_onnx.node "Gather"(%d, %i) {domain = "", opset = 13 : i64} : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// GatherElements, its i32 indices checked against the data's axis size.
// CHECK-LABEL: func.func @gather_elements_opset13
//       CHECK:   kiln.assert %{{.+}}, "node 'ge_0' (GatherElements): input 1 ('indices') has an entry outside [-3, 3)"
//       CHECK:   kiln.gather_elements %{{.+}}, %{{.+}} {axis = 0 : i64} : (tensor<3x3xf32>, tensor<2x3xi32>) -> tensor<2x3xf32>
func.func @gather_elements_opset13(%d: tensor<3x3xf32>, %i: tensor<2x3xi32>) -> tensor<2x3xf32> {
  %y = kiln_onnx.node "GatherElements"(%d, %i) {domain = "", opset = 13 : i64} : (tensor<3x3xf32>, tensor<2x3xi32>) -> tensor<2x3xf32> loc("ge_0")
  return %y : tensor<2x3xf32>
}

// -----

// GatherND: the addressed dimensions are flattened and gathered by linear
// index (negative coordinates wrapped, weighted by the strides).
// CHECK-LABEL: func.func @gather_nd_opset13
//  CHECK-SAME:   (%[[D:.+]]: tensor<2x3x4xf32>, %[[I:.+]]: tensor<5x2xi64>)
//       CHECK:   %[[DIMS:.+]] = kiln.constant dense<[2, 3]> : tensor<2xi64>
//       CHECK:   %[[W:.+]] = kiln.select
//       CHECK:   %[[STRIDES:.+]] = kiln.constant dense<[3, 1]> : tensor<2xi64>
//       CHECK:   %[[M:.+]] = kiln.mul %[[W]], %[[STRIDES]]
//       CHECK:   %[[L:.+]] = kiln.reduce_sum %[[M]] {axes = array<i64: 1>, keep_dims = false} : tensor<5x2xi64> -> tensor<5xi64>
//       CHECK:   %[[FLAT:.+]] = kiln.reshape %[[D]] : tensor<2x3x4xf32> to tensor<6x4xf32>
//       CHECK:   kiln.gather %[[FLAT]], %[[L]] {axis = 0 : i64} : (tensor<6x4xf32>, tensor<5xi64>) -> tensor<5x4xf32>
func.func @gather_nd_opset13(%d: tensor<2x3x4xf32>, %i: tensor<5x2xi64>) -> tensor<5x4xf32> {
  %y = kiln_onnx.node "GatherND"(%d, %i) {domain = "", opset = 13 : i64} : (tensor<2x3x4xf32>, tensor<5x2xi64>) -> tensor<5x4xf32>
  return %y : tensor<5x4xf32>
}

// -----

// GatherND with batch_dims: each batch entry's block is offset.
// CHECK-LABEL: func.func @gather_nd_batch_dims_opset13
//       CHECK:   %[[OFF:.+]] = kiln.constant dense<{{\[}}[0], [3]]> : tensor<2x1xi64>
//       CHECK:   kiln.add %{{.+}}, %[[OFF]]
//       CHECK:   kiln.gather %{{.+}}, %{{.+}} {axis = 0 : i64} : (tensor<6x4xf32>, tensor<2x2xi64>) -> tensor<2x2x4xf32>
func.func @gather_nd_batch_dims_opset13(%d: tensor<2x3x4xf32>, %i: tensor<2x2x1xi64>) -> tensor<2x2x4xf32> {
  %y = kiln_onnx.node "GatherND"(%d, %i) {domain = "", opset = 13 : i64, onnx_attrs = {batch_dims = 1 : i64}} : (tensor<2x3x4xf32>, tensor<2x2x1xi64>) -> tensor<2x2x4xf32>
  return %y : tensor<2x2x4xf32>
}

// -----

// ScatterElements: every update's linear target (constant part plus index
// times the axis stride) compared with every data position; the hits
// select a matmul of the updates.
// CHECK-LABEL: func.func @scatter_elements_opset16
//  CHECK-SAME:   (%[[D:.+]]: tensor<2x3xf32>, %[[I:.+]]: tensor<2x1xi64>, %[[U:.+]]: tensor<2x1xf32>)
//       CHECK:   %[[BASE:.+]] = kiln.constant dense<{{\[}}[0], [3]]> : tensor<2x1xi64>
//       CHECK:   %[[L:.+]] = kiln.add %{{.+}}, %[[BASE]]
//       CHECK:   %[[HIT:.+]] = kiln.equal %{{.+}}, %{{.+}} : (tensor<2x1xi64>, tensor<1x6xi64>) -> tensor<2x6xi1>
//       CHECK:   %[[HF:.+]] = kiln.cast %[[HIT]] : tensor<2x6xi1> to tensor<2x6xf32>
//       CHECK:   %[[HT:.+]] = kiln.transpose %[[HF]]
//       CHECK:   %[[GOT:.+]] = kiln.matmul %[[HT]], %{{.+}} : (tensor<6x2xf32>, tensor<2x1xf32>) -> tensor<6x1xf32>
//       CHECK:   %[[ANY:.+]] = kiln.greater
//       CHECK:   kiln.select %[[ANY]], %[[GOT]], %{{.+}}
func.func @scatter_elements_opset16(%d: tensor<2x3xf32>, %i: tensor<2x1xi64>, %u: tensor<2x1xf32>) -> tensor<2x3xf32> {
  %y = kiln_onnx.node "ScatterElements"(%d, %i, %u) {domain = "", opset = 16 : i64, onnx_attrs = {axis = 1 : i64}} : (tensor<2x3xf32>, tensor<2x1xi64>, tensor<2x1xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// ScatterND with reduction = add adds the matmul to the data.
// CHECK-LABEL: func.func @scatter_nd_add_opset16
//       CHECK:   %[[GOT:.+]] = kiln.matmul %{{.+}}, %{{.+}} : (tensor<4x2xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
//       CHECK:   kiln.add %{{.+}}, %[[GOT]] : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
func.func @scatter_nd_add_opset16(%d: tensor<4x3xf32>, %i: tensor<2x1xi64>, %u: tensor<2x3xf32>) -> tensor<4x3xf32> {
  %y = kiln_onnx.node "ScatterND"(%d, %i, %u) {domain = "", opset = 16 : i64, onnx_attrs = {reduction = "add"}} : (tensor<4x3xf32>, tensor<2x1xi64>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

// ScatterND with reduction = mul multiplies by the product of the selected
// updates (1 where none hits).
// CHECK-LABEL: func.func @scatter_nd_mul_opset16
//       CHECK:   %[[SEL:.+]] = kiln.select %{{.+}}, %{{.+}}, %{{.+}} : (tensor<2x4x1xi1>, tensor<2x1x3xf32>, tensor<f32>) -> tensor<2x4x3xf32>
//       CHECK:   %[[P:.+]] = kiln.reduce_prod %[[SEL]] {axes = array<i64: 0>, keep_dims = false}
//       CHECK:   kiln.mul %{{.+}}, %[[P]]
func.func @scatter_nd_mul_opset16(%d: tensor<4x3xf32>, %i: tensor<2x1xi64>, %u: tensor<2x3xf32>) -> tensor<4x3xf32> {
  %y = kiln_onnx.node "ScatterND"(%d, %i, %u) {domain = "", opset = 16 : i64, onnx_attrs = {reduction = "mul"}} : (tensor<4x3xf32>, tensor<2x1xi64>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

// MaxUnpool scatters the values into zeros of the unpooled shape at
// MaxPool's flat indices.
// CHECK-LABEL: func.func @max_unpool_opset11
//       CHECK:   %[[ZERO:.+]] = kiln.constant dense<0.000000e+00> : tensor<16x1xf32>
//       CHECK:   kiln.equal %{{.+}}, %{{.+}} : (tensor<4x1xi64>, tensor<1x16xi64>) -> tensor<4x16xi1>
//       CHECK:   kiln.select %{{.+}}, %{{.+}}, %[[ZERO]]
//       CHECK:   kiln.reshape %{{.+}} : tensor<16x1xf32> to tensor<1x1x4x4xf32>
func.func @max_unpool_opset11(%x: tensor<1x1x2x2xf32>, %i: tensor<1x1x2x2xi64>) -> tensor<1x1x4x4xf32> {
  %y = kiln_onnx.node "MaxUnpool"(%x, %i) {domain = "", opset = 11 : i64, onnx_attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>) -> tensor<1x1x4x4xf32>
  return %y : tensor<1x1x4x4xf32>
}

// -----

// A larger output_shape pads the unpooled tensor with zeros at the end.
// CHECK-LABEL: func.func @max_unpool_output_shape_opset11
//       CHECK:   %[[U:.+]] = kiln.reshape %{{.+}} : tensor<16x1xf32> to tensor<1x1x4x4xf32>
//       CHECK:   %[[R:.+]] = kiln.concat %[[U]], %{{.+}} {axis = 2 : i64} : (tensor<1x1x4x4xf32>, tensor<1x1x1x4xf32>) -> tensor<1x1x5x4xf32>
//       CHECK:   kiln.concat %[[R]], %{{.+}} {axis = 3 : i64} : (tensor<1x1x5x4xf32>, tensor<1x1x5x1xf32>) -> tensor<1x1x5x5xf32>
func.func @max_unpool_output_shape_opset11(%x: tensor<1x1x2x2xf32>, %i: tensor<1x1x2x2xi64>) -> tensor<1x1x5x5xf32> {
  %shape = kiln_onnx.constant dense<[1, 1, 5, 5]> : tensor<4xi64>
  %y = kiln_onnx.node "MaxUnpool"(%x, %i, %shape) {domain = "", opset = 11 : i64, onnx_attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>, tensor<4xi64>) -> tensor<1x1x5x5xf32>
  return %y : tensor<1x1x5x5xf32>
}

// -----

// Compress with a run-time condition: as many true entries as the declared
// output has along the axis (checked); entry k reads the position whose
// running count of true entries is k + 1.
// CHECK-LABEL: func.func @compress_run_time_condition_opset11
//  CHECK-SAME:   (%[[X:.+]]: tensor<3x2xf32>, %[[C:.+]]: tensor<3xi1>)
//       CHECK:   kiln.reduce_sum %{{.+}} {axes = array<i64: 0>, keep_dims = false} : tensor<3x3xi64> -> tensor<3xi64>
//       CHECK:   kiln.assert %{{.+}}, "node 'compress_0' (Compress): input 1 ('condition') must have 2 true entries, the declared output's size along axis 0"
//       CHECK:   %[[I:.+]] = kiln.min
//       CHECK:   kiln.gather %[[X]], %[[I]] {axis = 0 : i64} : (tensor<3x2xf32>, tensor<2xi64>) -> tensor<2x2xf32>
func.func @compress_run_time_condition_opset11(%x: tensor<3x2xf32>, %c: tensor<3xi1>) -> tensor<2x2xf32> {
  %y = kiln_onnx.node "Compress"(%x, %c) {domain = "", opset = 11 : i64, onnx_attrs = {axis = 0 : i64}} : (tensor<3x2xf32>, tensor<3xi1>) -> tensor<2x2xf32> loc("compress_0")
  return %y : tensor<2x2xf32>
}

// -----

// Compress with a constant condition and no axis: a gather of the flattened
// input at constant positions.
// CHECK-LABEL: func.func @compress_constant_condition_opset11
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x2xf32>)
//   CHECK-NOT:   kiln.assert
//       CHECK:   %[[FLAT:.+]] = kiln.reshape %[[X]] : tensor<2x2xf32> to tensor<4xf32>
//       CHECK:   %[[I:.+]] = kiln.constant dense<[1, 3]> : tensor<2xi64>
//       CHECK:   kiln.gather %[[FLAT]], %[[I]] {axis = 0 : i64}
func.func @compress_constant_condition_opset11(%x: tensor<2x2xf32>) -> tensor<2xf32> {
  %c = kiln_onnx.constant dense<[false, true, false, true]> : tensor<4xi1>
  %y = kiln_onnx.node "Compress"(%x, %c) {domain = "", opset = 11 : i64} : (tensor<2x2xf32>, tensor<4xi1>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}
