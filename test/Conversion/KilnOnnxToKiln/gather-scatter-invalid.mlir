// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln --verify-diagnostics

// Scatter shapes, reductions by opset, booleans.
func.func @scatter_elements_errors_opset16(%d: tensor<2x3xf32> loc("d"), %i: tensor<2xi64> loc("i"), %u: tensor<2xf32> loc("u"), %b: tensor<3xi1> loc("b"), %bi: tensor<1xi64> loc("bi"), %bu: tensor<1xi1> loc("bu")) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xi1>) {
  // expected-error@unknown {{node 'se_0' (ScatterElements): indices and updates must have the same shape and the data's rank}}
  %a = kiln_onnx.node "ScatterElements"(%d, %i, %u) {domain = "", opset = 16 : i64} : (tensor<2x3xf32>, tensor<2xi64>, tensor<2xf32>) -> tensor<?xf32> loc("se_0")
  %i2 = kiln_onnx.constant dense<[[0]]> : tensor<1x1xi64> loc("i2")
  %u2 = kiln_onnx.constant dense<[[1.0, 2.0, 3.0]]> : tensor<1x3xf32> loc("u2")
  // expected-error@unknown {{node 'snd_0' (ScatterND): unsupported reduction = 'max'}}
  %c = kiln_onnx.node "ScatterND"(%d, %i2, %u2) {domain = "", opset = 16 : i64, onnx_attrs = {reduction = "max"}} : (tensor<2x3xf32>, tensor<1x1xi64>, tensor<1x3xf32>) -> tensor<?xf32> loc("snd_0")
  // expected-error@unknown {{node 'se_1' (ScatterElements): scatters of booleans are not supported}}
  %e = kiln_onnx.node "ScatterElements"(%b, %bi, %bu) {domain = "", opset = 16 : i64} : (tensor<3xi1>, tensor<1xi64>, tensor<1xi1>) -> tensor<?xi1> loc("se_1")
  return %a, %c, %e : tensor<?xf32>, tensor<?xf32>, tensor<?xi1>
}

// -----

// GatherND indices must address the data.
func.func @gather_nd_errors_opset13(%d: tensor<2x3xf32> loc("d"), %i: tensor<4x3xi64> loc("i")) -> tensor<?xf32> {
  // expected-error@unknown {{node 'gnd_0' (GatherND): indices 'tensor<4x3xi64>' do not address data 'tensor<2x3xf32>' with batch_dims = 0}}
  %a = kiln_onnx.node "GatherND"(%d, %i) {domain = "", opset = 13 : i64} : (tensor<2x3xf32>, tensor<4x3xi64>) -> tensor<?xf32> loc("gnd_0")
  return %a : tensor<?xf32>
}

// -----

// MaxUnpool needs a kernel shape and indices of the values' shape.
func.func @max_unpool_errors_opset11(%x: tensor<1x1x2x2xf32> loc("x"), %i: tensor<1x1x2x2xi64> loc("i")) -> tensor<?xf32> {
  // expected-error@unknown {{node 'unpool_0' (MaxUnpool): expects N x C x D... values, indices of their shape and a kernel_shape per spatial dimension}}
  %a = kiln_onnx.node "MaxUnpool"(%x, %i) {domain = "", opset = 11 : i64} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>) -> tensor<?xf32> loc("unpool_0")
  return %a : tensor<?xf32>
}

// -----

// output_shape cannot be smaller than the unpooled shape.
func.func @max_unpool_errors_opset11(%x: tensor<1x1x2x2xf32> loc("x"), %i: tensor<1x1x2x2xi64> loc("i")) -> tensor<?xf32> {
  %shape = kiln_onnx.constant dense<[1, 1, 3, 3]> : tensor<4xi64> loc("shape")
  // expected-error@unknown {{node 'unpool_0' (MaxUnpool): invalid output shape [1, 1, 3, 3] for the unpooled shape [1, 1, 4, 4]}}
  %a = kiln_onnx.node "MaxUnpool"(%x, %i, %shape) {domain = "", opset = 11 : i64, onnx_attrs = {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>, tensor<4xi64>) -> tensor<?xf32> loc("unpool_0")
  return %a : tensor<?xf32>
}

// -----

// Compress needs a declared output shape that keeps the other dimensions,
// and a condition no longer than the axis.
func.func @compress_errors_opset11(%x: tensor<3x2xf32> loc("x"), %c: tensor<3xi1> loc("c"), %c4: tensor<4xi1> loc("c4")) -> (tensor<?x2xf32>, tensor<2x2xf32>, tensor<2x3xf32>) {
  // expected-error@unknown {{node 'compress_0' (Compress): input 1 ('condition') must be a constant when output 0 has no declared static shape (declared 'tensor<?x2xf32>'); shapes that depend on run-time values are not supported yet}}
  %a = kiln_onnx.node "Compress"(%x, %c) {domain = "", opset = 11 : i64, onnx_attrs = {axis = 0 : i64}} : (tensor<3x2xf32>, tensor<3xi1>) -> tensor<?x2xf32> loc("compress_0")
  // expected-error@unknown {{node 'compress_1' (Compress): condition (4 entries) must not be longer than dimension 0 (3) and the declared output shape [2, 2] must have rank 2}}
  %b = kiln_onnx.node "Compress"(%x, %c4) {domain = "", opset = 11 : i64, onnx_attrs = {axis = 0 : i64}} : (tensor<3x2xf32>, tensor<4xi1>) -> tensor<2x2xf32> loc("compress_1")
  // expected-error@unknown {{node 'compress_2' (Compress): the declared output shape [2, 3] does not keep the input's other dimensions or has more entries than the condition}}
  %d = kiln_onnx.node "Compress"(%x, %c) {domain = "", opset = 11 : i64, onnx_attrs = {axis = 0 : i64}} : (tensor<3x2xf32>, tensor<3xi1>) -> tensor<2x3xf32> loc("compress_2")
  return %a, %b, %d : tensor<?x2xf32>, tensor<2x2xf32>, tensor<2x3xf32>
}

// -----

// An axis of the wrong attribute type is reported once; the libFuzzer
// target found this one crashing.
func.func @compress_axis_type_opset11(%x: tensor<3x2xf32> loc("x"), %c: tensor<3xi1> loc("c")) -> tensor<2x2xf32> {
  // expected-error@unknown {{node 'compress_1' (Compress): attribute 'axis' must be an INT, got ""}}
  %a = kiln_onnx.node "Compress"(%x, %c) {domain = "", opset = 11 : i64, onnx_attrs = {axis = ""}} : (tensor<3x2xf32>, tensor<3xi1>) -> tensor<2x2xf32> loc("compress_1")
  return %a : tensor<2x2xf32>
}

// -----

// Constant indices outside the data fail the compile, naming the range.
func.func @indices_out_of_range_opset13(%d: tensor<3x4xf32> loc("d"), %u: tensor<1x4xf32> loc("u")) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %i = kiln_onnx.constant dense<[0, 3]> : tensor<2xi64> loc("i")
  // expected-error@unknown {{node 'gather_0' (Gather): input 1 ('indices') has an entry outside [-3, 3)}}
  %a = kiln_onnx.node "Gather"(%d, %i) {domain = "", opset = 13 : i64} : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<?xf32> loc("gather_0")
  %nd = kiln_onnx.constant dense<[[1, -5]]> : tensor<1x2xi64> loc("nd")
  // expected-error@unknown {{node 'gnd_0' (GatherND): input 1 ('indices') has an entry outside [-d, d) for the sizes d = [3, 4] of the dimensions it addresses}}
  %b = kiln_onnx.node "GatherND"(%d, %nd) {domain = "", opset = 13 : i64} : (tensor<3x4xf32>, tensor<1x2xi64>) -> tensor<?xf32> loc("gnd_0")
  %row = kiln_onnx.constant dense<[[7]]> : tensor<1x1xi64> loc("row")
  // expected-error@unknown {{node 'snd_0' (ScatterND): input 1 ('indices') has an entry outside [-3, 3)}}
  %c = kiln_onnx.node "ScatterND"(%d, %row, %u) {domain = "", opset = 13 : i64} : (tensor<3x4xf32>, tensor<1x1xi64>, tensor<1x4xf32>) -> tensor<?xf32> loc("snd_0")
  return %a, %b, %c : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}
