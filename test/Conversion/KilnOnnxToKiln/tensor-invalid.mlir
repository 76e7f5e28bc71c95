// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln --verify-diagnostics

// Reshape targets that do not fit the input.
func.func @reshape_errors_opset14(%x: tensor<2x3xf32> loc("x")) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %s0 = kiln_onnx.constant dense<[-1, -1]> : tensor<2xi64> loc("s0")
  // expected-error@unknown {{node 'reshape_0' (Reshape): shape has more than one -1}}
  %a = kiln_onnx.node "Reshape"(%x, %s0) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?xf32> loc("reshape_0")
  %s1 = kiln_onnx.constant dense<[4, -1]> : tensor<2xi64> loc("s1")
  // expected-error@unknown {{node 'reshape_1' (Reshape): cannot infer the -1 of shape [4, -1] for 6 elements}}
  %b = kiln_onnx.node "Reshape"(%x, %s1) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?xf32> loc("reshape_1")
  %s2 = kiln_onnx.constant dense<[5]> : tensor<1xi64> loc("s2")
  // expected-error@unknown {{node 'reshape_2' (Reshape): shape [5] has 5 elements, the input 6}}
  %c = kiln_onnx.node "Reshape"(%x, %s2) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<?xf32> loc("reshape_2")
  %s3 = kiln_onnx.constant dense<[6, -2]> : tensor<2xi64> loc("s3")
  // expected-error@unknown {{node 'reshape_3' (Reshape): shape entry 1 is -2}}
  %d = kiln_onnx.node "Reshape"(%x, %s3) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?xf32> loc("reshape_3")
  %s4 = kiln_onnx.constant dense<[1, 1, 0]> : tensor<3xi64> loc("s4")
  // expected-error@unknown {{node 'reshape_4' (Reshape): shape entry 2 is 0 but the input has rank 2}}
  %e = kiln_onnx.node "Reshape"(%x, %s4) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>, tensor<3xi64>) -> tensor<?xf32> loc("reshape_4")
  return %a, %b, %c, %d, %e : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// A shape operand that is not a constant (with no declared output shape),
// or not an integer tensor.
func.func @reshape_errors_opset14(%x: tensor<2x3xf32> loc("x"), %s: tensor<2xi64> loc("s")) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'reshape_0' (Reshape): input 1 ('shape') must be a constant when output 0 has no declared static shape (declared 'tensor<?xf32>'); shapes that depend on run-time values are not supported yet}}
  %a = kiln_onnx.node "Reshape"(%x, %s) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?xf32> loc("reshape_0")
  %f = kiln_onnx.constant dense<[3.0, 2.0]> : tensor<2xf32> loc("f")
  // expected-error@unknown {{node 'reshape_1' (Reshape): input 1 ('shape') must be an integer tensor, got 'tensor<2xf32>'}}
  %b = kiln_onnx.node "Reshape"(%x, %f) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<?xf32> loc("reshape_1")
  // expected-error@unknown {{node 'reshape_2' (Reshape): attribute 'shape' is missing}}
  %c = kiln_onnx.node "Reshape"(%x) {domain = "", opset = 1 : i64} : (tensor<2x3xf32>) -> tensor<?xf32> loc("reshape_2")
  return %a, %b, %c : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// Axes out of range, repeated, or naming a dimension that is not 1.
func.func @flatten_errors_opset13(%x: tensor<1x3xf32> loc("x")) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'flatten_0' (Flatten): axis 3 is out of range for rank 2 (expects [-2, 2])}}
  %a = kiln_onnx.node "Flatten"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {axis = 3 : i64}} : (tensor<1x3xf32>) -> tensor<?xf32> loc("flatten_0")
  // expected-error@unknown {{node 'squeeze_0' (Squeeze): cannot squeeze dimension 1 of size 3}}
  %b = kiln_onnx.node "Squeeze"(%x) {domain = "", opset = 11 : i64, onnx_attrs = {axes = array<i64: 1>}} : (tensor<1x3xf32>) -> tensor<?xf32> loc("squeeze_0")
  // expected-error@unknown {{node 'squeeze_1' (Squeeze): axes repeat axis 0}}
  %c = kiln_onnx.node "Squeeze"(%x) {domain = "", opset = 11 : i64, onnx_attrs = {axes = array<i64: 0, -2>}} : (tensor<1x3xf32>) -> tensor<?xf32> loc("squeeze_1")
  // expected-error@unknown {{node 'unsqueeze_0' (Unsqueeze): axes 4 is out of range for rank 3 (expects [-3, 3))}}
  %d = kiln_onnx.node "Unsqueeze"(%x) {domain = "", opset = 11 : i64, onnx_attrs = {axes = array<i64: 4>}} : (tensor<1x3xf32>) -> tensor<?xf32> loc("unsqueeze_0")
  // expected-error@unknown {{node 'unsqueeze_1' (Unsqueeze): attribute 'axes' is missing}}
  %e = kiln_onnx.node "Unsqueeze"(%x) {domain = "", opset = 11 : i64} : (tensor<1x3xf32>) -> tensor<?xf32> loc("unsqueeze_1")
  return %a, %b, %c, %d, %e : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// Concat needs its axis from opset 4 on.
func.func @concat_errors_opset13(%x: tensor<1x3xf32> loc("x")) -> tensor<?xf32> {
  // expected-error@unknown {{node 'concat_0' (Concat): attribute 'axis' is missing}}
  %a = kiln_onnx.node "Concat"(%x, %x) {domain = "", opset = 13 : i64} : (tensor<1x3xf32>, tensor<1x3xf32>) -> tensor<?xf32> loc("concat_0")
  return %a : tensor<?xf32>
}

// -----

// Split sizes must add up; an even split must divide.
func.func @split_errors_opset13(%x: tensor<5xf32> loc("x")) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %split = kiln_onnx.constant dense<[2, 2]> : tensor<2xi64> loc("split")
  // expected-error@unknown {{node 'split_0' (Split): split sizes add up to 4, but dimension 0 has size 5}}
  %a, %b = kiln_onnx.node "Split"(%x, %split) {domain = "", opset = 13 : i64} : (tensor<5xf32>, tensor<2xi64>) -> (tensor<?xf32>, tensor<?xf32>) loc("split_0")
  // expected-error@unknown {{node 'split_1' (Split): dimension 0 of size 5 does not split into 2 equal parts}}
  %c, %d = kiln_onnx.node "Split"(%x) {domain = "", opset = 13 : i64} : (tensor<5xf32>) -> (tensor<?xf32>, tensor<?xf32>) loc("split_1")
  return %a, %b, %c, %d : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// Slice: steps of 0 and lists of different lengths.
func.func @slice_errors_opset13(%x: tensor<5xf32> loc("x")) -> (tensor<?xf32>, tensor<?xf32>) {
  %s = kiln_onnx.constant dense<[0]> : tensor<1xi64> loc("s")
  %e = kiln_onnx.constant dense<[3]> : tensor<1xi64> loc("e")
  %e2 = kiln_onnx.constant dense<[3, 4]> : tensor<2xi64> loc("e2")
  %a = kiln_onnx.constant dense<[0]> : tensor<1xi64> loc("a")
  %st = kiln_onnx.constant dense<[0]> : tensor<1xi64> loc("st")
  // expected-error@unknown {{node 'slice_0' (Slice): steps must not be 0}}
  %y = kiln_onnx.node "Slice"(%x, %s, %e, %a, %st) {domain = "", opset = 13 : i64} : (tensor<5xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<?xf32> loc("slice_0")
  // expected-error@unknown {{node 'slice_1' (Slice): starts, ends, axes and steps must have the same length}}
  %z = kiln_onnx.node "Slice"(%x, %s, %e2) {domain = "", opset = 13 : i64} : (tensor<5xf32>, tensor<1xi64>, tensor<2xi64>) -> tensor<?xf32> loc("slice_1")
  return %y, %z : tensor<?xf32>, tensor<?xf32>
}

// -----

// Expand to a shape that does not broadcast; Tile with a wrong count.
func.func @expand_errors_opset13(%x: tensor<3xf32> loc("x")) -> (tensor<?xf32>, tensor<?xf32>) {
  %shape = kiln_onnx.constant dense<[2, 4]> : tensor<2xi64> loc("shape")
  // expected-error@unknown {{node 'expand_0' (Expand): shape [2, 4] does not broadcast with the input's [3]}}
  %a = kiln_onnx.node "Expand"(%x, %shape) {domain = "", opset = 13 : i64} : (tensor<3xf32>, tensor<2xi64>) -> tensor<?xf32> loc("expand_0")
  // expected-error@unknown {{node 'tile_0' (Tile): repeats has 2 entries for an input of rank 1}}
  %b = kiln_onnx.node "Tile"(%x, %shape) {domain = "", opset = 13 : i64} : (tensor<3xf32>, tensor<2xi64>) -> tensor<?xf32> loc("tile_0")
  return %a, %b : tensor<?xf32>, tensor<?xf32>
}

// -----

// Pad modes and sizes.
func.func @pad_errors_opset2(%x: tensor<3xf32> loc("x")) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'pad_0' (Pad): unsupported mode = 'mirror'}}
  %a = kiln_onnx.node "Pad"(%x) {domain = "", opset = 2 : i64, onnx_attrs = {mode = "mirror", pads = array<i64: 1, 1>}} : (tensor<3xf32>) -> tensor<?xf32> loc("pad_0")
  // expected-error@unknown {{node 'pad_1' (Pad): pads has 1 entries, expects 2}}
  %b = kiln_onnx.node "Pad"(%x) {domain = "", opset = 2 : i64, onnx_attrs = {pads = array<i64: 1>}} : (tensor<3xf32>) -> tensor<?xf32> loc("pad_1")
  // expected-error@unknown {{node 'pad_2' (Pad): pads larger than dimension 0 in mode 'reflect'}}
  %c = kiln_onnx.node "Pad"(%x) {domain = "", opset = 2 : i64, onnx_attrs = {mode = "reflect", pads = array<i64: 3, 0>}} : (tensor<3xf32>) -> tensor<?xf32> loc("pad_2")
  return %a, %b, %c : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// Casts to types kiln does not have.
func.func @cast_errors_opset13(%x: tensor<3xf32> loc("x")) -> tensor<3xf32> {
  // expected-error@unknown {{node 'cast_0' (Cast): unsupported data type 14 : i64 in attribute 'to'}}
  %a = kiln_onnx.node "Cast"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {to = 14 : i64}} : (tensor<3xf32>) -> tensor<3xf32> loc("cast_0")
  return %a : tensor<3xf32>
}

// -----

// Constants kiln cannot hold, and ConstantOfShape's value.
func.func @constant_errors_opset13() -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'const_0' (Constant): sparse and string constants are not supported}}
  %a = kiln_onnx.node "Constant"() {domain = "", opset = 13 : i64, onnx_attrs = {value_strings = ["a"]}} : () -> tensor<?xf32> loc("const_0")
  %shape = kiln_onnx.constant dense<[2, -1]> : tensor<2xi64> loc("shape")
  // expected-error@unknown {{node 'cos_0' (ConstantOfShape): shape has a negative dimension -1}}
  %b = kiln_onnx.node "ConstantOfShape"(%shape) {domain = "", opset = 9 : i64} : (tensor<2xi64>) -> tensor<?xf32> loc("cos_0")
  %ok = kiln_onnx.constant dense<[2]> : tensor<1xi64> loc("ok")
  // expected-error@unknown {{node 'cos_1' (ConstantOfShape): attribute 'value' must be a one-element tensor}}
  %c = kiln_onnx.node "ConstantOfShape"(%ok) {domain = "", opset = 9 : i64, onnx_attrs = {value = dense<[1.0, 2.0]> : tensor<2xf32>}} : (tensor<1xi64>) -> tensor<?xf32> loc("cos_1")
  return %a, %b, %c : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// Range needs scalars and a non-zero delta.
func.func @range_errors_opset11() -> tensor<?xi64> {
  %start = kiln_onnx.constant dense<0> : tensor<i64> loc("start")
  %limit = kiln_onnx.constant dense<4> : tensor<i64> loc("limit")
  %delta = kiln_onnx.constant dense<0> : tensor<i64> loc("delta")
  // expected-error@unknown {{node 'range_0' (Range): delta must not be 0}}
  %y = kiln_onnx.node "Range"(%start, %limit, %delta) {domain = "", opset = 11 : i64} : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64> loc("range_0")
  return %y : tensor<?xi64>
}

// -----

// DepthToSpace needs channels divisible by blocksize^2 and a known mode.
func.func @depth_to_space_errors_opset13(%x: tensor<1x6x2x2xf32> loc("x"), %y: tensor<1x8x2x2xf32> loc("y")) -> (tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'd2s_0' (DepthToSpace): expects a 4-D input whose channels divide by blocksize^2 (blocksize = 2)}}
  %a = kiln_onnx.node "DepthToSpace"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {blocksize = 2 : i64}} : (tensor<1x6x2x2xf32>) -> tensor<?xf32> loc("d2s_0")
  // expected-error@unknown {{node 'd2s_1' (DepthToSpace): unsupported mode = 'XYZ' (expects 'DCR' or 'CRD')}}
  %b = kiln_onnx.node "DepthToSpace"(%y) {domain = "", opset = 13 : i64, onnx_attrs = {blocksize = 2 : i64, mode = "XYZ"}} : (tensor<1x8x2x2xf32>) -> tensor<?xf32> loc("d2s_1")
  return %a, %b : tensor<?xf32>, tensor<?xf32>
}

// -----

// Gather's axis must be in range.
func.func @gather_errors_opset13(%x: tensor<3xf32> loc("x"), %i: tensor<2xi64> loc("i")) -> tensor<?xf32> {
  // expected-error@unknown {{node 'gather_0' (Gather): axis 1 is out of range for rank 1 (expects [-1, 1))}}
  %a = kiln_onnx.node "Gather"(%x, %i) {domain = "", opset = 13 : i64, onnx_attrs = {axis = 1 : i64}} : (tensor<3xf32>, tensor<2xi64>) -> tensor<?xf32> loc("gather_0")
  return %a : tensor<?xf32>
}

// -----

// OneHot's depth decides the result shape: a run-time depth needs the
// output's shape declared.
func.func @one_hot_errors_opset11(%i: tensor<3xi64> loc("i"), %d: tensor<i64> loc("d"), %v: tensor<2xf32> loc("v")) -> tensor<?x?xf32> {
  // expected-error@unknown {{node 'onehot_0' (OneHot): input 1 ('depth') must be a constant when output 0 has no declared static shape (declared 'tensor<?x?xf32>'); shapes that depend on run-time values are not supported yet}}
  %a = kiln_onnx.node "OneHot"(%i, %d, %v) {domain = "", opset = 11 : i64} : (tensor<3xi64>, tensor<i64>, tensor<2xf32>) -> tensor<?x?xf32> loc("onehot_0")
  return %a : tensor<?x?xf32>
}

// -----

// Constants built element by element are bounded.
func.func @range_errors_opset11(%x: tensor<5000x5000xf32> loc("x")) -> (tensor<?xi64>, tensor<?xf32>) {
  %start = kiln_onnx.constant dense<0> : tensor<i64> loc("start")
  %limit = kiln_onnx.constant dense<100000000> : tensor<i64> loc("limit")
  %delta = kiln_onnx.constant dense<1> : tensor<i64> loc("delta")
  // expected-error@unknown {{node 'range_0' (Range): a range of 100000000 elements is too large}}
  %a = kiln_onnx.node "Range"(%start, %limit, %delta) {domain = "", opset = 11 : i64} : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64> loc("range_0")
  // expected-error@unknown {{node 'eye_0' (EyeLike): an identity of 25000000 elements is too large}}
  %b = kiln_onnx.node "EyeLike"(%x) {domain = "", opset = 9 : i64} : (tensor<5000x5000xf32>) -> tensor<?xf32> loc("eye_0")
  return %a, %b : tensor<?xi64>, tensor<?xf32>
}
