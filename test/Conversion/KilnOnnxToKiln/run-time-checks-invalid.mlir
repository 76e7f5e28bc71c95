// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln --verify-diagnostics

// A run-time shape operand needs a declared static output shape to compile
// for.
func.func @reshape_errors_opset14(%x: tensor<2x3xf32> loc("x"), %s: tensor<2xi64> loc("s"), %s3: tensor<3xi64> loc("s3")) -> (tensor<?x3xf32>, tensor<3x3xf32>, tensor<6xf32>) {
  // expected-error@unknown {{node 'reshape_0' (Reshape): input 1 ('shape') must be a constant when output 0 has no declared static shape (declared 'tensor<?x3xf32>'); shapes that depend on run-time values are not supported yet}}
  %a = kiln_onnx.node "Reshape"(%x, %s) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?x3xf32> loc("reshape_0")
  // expected-error@unknown {{node 'reshape_1' (Reshape): the declared output shape [3, 3] has 9 elements, the input 6}}
  %b = kiln_onnx.node "Reshape"(%x, %s) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<3x3xf32> loc("reshape_1")
  // expected-error@unknown {{node 'reshape_2' (Reshape): input 1 ('shape') has 3 entries, the declared output shape [6] 1}}
  %c = kiln_onnx.node "Reshape"(%x, %s3) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>, tensor<3xi64>) -> tensor<6xf32> loc("reshape_2")
  return %a, %b, %c : tensor<?x3xf32>, tensor<3x3xf32>, tensor<6xf32>
}

// -----

// Run-time axes that no set of dimensions can satisfy.
func.func @axes_errors_opset13(%x: tensor<1x3x1xf32> loc("x"), %a1: tensor<1xi64> loc("a1"), %a2: tensor<2xi64> loc("a2")) -> (tensor<1x3xf32>, tensor<3x1x1x1xf32>, tensor<3x1xf32>, tensor<3x3xf32>) {
  // expected-error@unknown {{node 'unsqueeze_0' (Unsqueeze): the declared output shape [1, 3] does not have rank 5 (the input's 3 plus 2 axes)}}
  %a = kiln_onnx.node "Unsqueeze"(%x, %a2) {domain = "", opset = 13 : i64} : (tensor<1x3x1xf32>, tensor<2xi64>) -> tensor<1x3xf32> loc("unsqueeze_0")
  // expected-error@unknown {{node 'unsqueeze_1' (Unsqueeze): no 1 inserted axes turn the input [1, 3, 1] into the declared output shape [3, 1, 1, 1]}}
  %b = kiln_onnx.node "Unsqueeze"(%x, %a1) {domain = "", opset = 13 : i64} : (tensor<1x3x1xf32>, tensor<1xi64>) -> tensor<3x1x1x1xf32> loc("unsqueeze_1")
  // expected-error@unknown {{node 'squeeze_0' (Squeeze): no 2 axes of size 1 of the input [1, 3, 1] leave the declared output shape [3, 1]}}
  %c = kiln_onnx.node "Squeeze"(%x, %a2) {domain = "", opset = 13 : i64} : (tensor<1x3x1xf32>, tensor<2xi64>) -> tensor<3x1xf32> loc("squeeze_0")
  // expected-error@unknown {{node 'sum_0' (ReduceSum): no 1 axes of the input [1, 3, 1] reduce to the declared output shape [3, 3]}}
  %d = kiln_onnx.node "ReduceSum"(%x, %a1) {domain = "", opset = 13 : i64, onnx_attrs = {keepdims = 0 : i64}} : (tensor<1x3x1xf32>, tensor<1xi64>) -> tensor<3x3xf32> loc("sum_0")
  return %a, %b, %c, %d : tensor<1x3xf32>, tensor<3x1x1x1xf32>, tensor<3x1xf32>, tensor<3x3xf32>
}

// -----

// Too many sets of axes give the declared shape to compare with at run time.
func.func @squeeze_too_many_axis_sets_opset13(%x: tensor<1x1x1x1x1x1x1x1x1x1x1x1xf32> loc("x"), %axes: tensor<6xi64> loc("axes")) -> tensor<1x1x1x1x1x1xf32> {
  // expected-error@unknown {{node 'squeeze_0' (Squeeze): more than 256 sets of axes give the declared shape}}
  %y = kiln_onnx.node "Squeeze"(%x, %axes) {domain = "", opset = 13 : i64} : (tensor<1x1x1x1x1x1x1x1x1x1x1x1xf32>, tensor<6xi64>) -> tensor<1x1x1x1x1x1xf32> loc("squeeze_0")
  return %y : tensor<1x1x1x1x1x1xf32>
}

// -----

// Axes of a tensor of rank above 20 are not enumerated.
func.func @squeeze_rank_too_high_opset13(%x: tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf32> loc("x"), %axes: tensor<1xi64> loc("axes")) -> tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf32> {
  // expected-error@unknown {{node 'squeeze_0' (Squeeze): cannot check run-time axes of a rank-21 tensor (at most 20)}}
  %y = kiln_onnx.node "Squeeze"(%x, %axes) {domain = "", opset = 13 : i64} : (tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf32>, tensor<1xi64>) -> tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf32> loc("squeeze_0")
  return %y : tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf32>
}

// -----

// TopK, Split, OneHot and ConstantOfShape with run-time operands whose
// declared outputs do not fit.
func.func @sizes_errors(%x: tensor<3x4xf32> loc("x"), %k2: tensor<2xi64> loc("k2"), %k: tensor<1xi64> loc("k"), %i: tensor<3xi64> loc("i"), %d2: tensor<2xf32> loc("d2"), %v: tensor<2xf32> loc("v"), %s3: tensor<3xi64> loc("s3")) -> (tensor<3x2xf32>, tensor<3x2xi64>, tensor<?x4xf32>, tensor<3x4xi64>, tensor<3x2xf32>, tensor<3x5xf32>, tensor<2x3xf32>) {
  // expected-error@unknown {{node 'topk_0' (TopK): input 1 ('K') must have one element, got 2}}
  %tv, %ti = kiln_onnx.node "TopK"(%x, %k2) {domain = "", opset = 11 : i64} : (tensor<3x4xf32>, tensor<2xi64>) -> (tensor<3x2xf32>, tensor<3x2xi64>) loc("topk_0")
  // expected-error@unknown {{node 'split_0' (Split): input 1 ('split') must be a constant when output 0 has no declared static shape (declared 'tensor<?x4xf32>'); shapes that depend on run-time values are not supported yet}}
  %sa, %sb = kiln_onnx.node "Split"(%x, %k) {domain = "", opset = 13 : i64} : (tensor<3x4xf32>, tensor<1xi64>) -> (tensor<?x4xf32>, tensor<3x4xi64>) loc("split_0")
  // expected-error@unknown {{node 'split_1' (Split): input 1 ('split') has 1 entries for 2 outputs}}
  %sc, %sd = kiln_onnx.node "Split"(%x, %k) {domain = "", opset = 13 : i64, onnx_attrs = {axis = 1 : i64}} : (tensor<3x4xf32>, tensor<1xi64>) -> (tensor<3x2xf32>, tensor<3x2xf32>) loc("split_1")
  // expected-error@unknown {{node 'onehot_0' (OneHot): depth must be a scalar and the declared output shape [3, 5] of rank 2}}
  %oh = kiln_onnx.node "OneHot"(%i, %d2, %v) {domain = "", opset = 11 : i64} : (tensor<3xi64>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x5xf32> loc("onehot_0")
  // expected-error@unknown {{node 'fill_0' (ConstantOfShape): input 0 ('input') has 3 entries, the declared output shape [2, 3] 2}}
  %f = kiln_onnx.node "ConstantOfShape"(%s3) {domain = "", opset = 9 : i64} : (tensor<3xi64>) -> tensor<2x3xf32> loc("fill_0")
  return %tv, %ti, %sa, %sb, %sc, %oh, %f : tensor<3x2xf32>, tensor<3x2xi64>, tensor<?x4xf32>, tensor<3x4xi64>, tensor<3x2xf32>, tensor<3x5xf32>, tensor<2x3xf32>
}

// -----

// Expand and Tile with run-time operands whose declared outputs do not
// broadcast or repeat the input.
func.func @broadcast_errors_opset13(%x: tensor<3x2xf32> loc("x"), %s2: tensor<2xi64> loc("s2"), %s3: tensor<3xi64> loc("s3")) -> (tensor<3x2xf32>, tensor<4x2xf32>, tensor<3x2xf32>, tensor<4x2xf32>) {
  // expected-error@unknown {{node 'expand_0' (Expand): the declared output shape [3, 2] does not have rank 3 (the larger of the input's and input 1's size)}}
  %a = kiln_onnx.node "Expand"(%x, %s3) {domain = "", opset = 13 : i64} : (tensor<3x2xf32>, tensor<3xi64>) -> tensor<3x2xf32> loc("expand_0")
  // expected-error@unknown {{node 'expand_1' (Expand): the declared output shape [4, 2] does not broadcast the input shape [3, 2]}}
  %b = kiln_onnx.node "Expand"(%x, %s2) {domain = "", opset = 13 : i64} : (tensor<3x2xf32>, tensor<2xi64>) -> tensor<4x2xf32> loc("expand_1")
  // expected-error@unknown {{node 'tile_0' (Tile): input 1 ('repeats') and the declared output shape [3, 2] must have one entry per input dimension (2)}}
  %c = kiln_onnx.node "Tile"(%x, %s3) {domain = "", opset = 13 : i64} : (tensor<3x2xf32>, tensor<3xi64>) -> tensor<3x2xf32> loc("tile_0")
  // expected-error@unknown {{node 'tile_1' (Tile): the declared output shape [4, 2] does not repeat the input shape [3, 2]}}
  %d = kiln_onnx.node "Tile"(%x, %s2) {domain = "", opset = 13 : i64} : (tensor<3x2xf32>, tensor<2xi64>) -> tensor<4x2xf32> loc("tile_1")
  return %a, %b, %c, %d : tensor<3x2xf32>, tensor<4x2xf32>, tensor<3x2xf32>, tensor<4x2xf32>
}

// -----

// Range and CumSum operands of the wrong shape.
func.func @scalar_errors(%x: tensor<2x3xf32> loc("x"), %s: tensor<f32> loc("s"), %v: tensor<2xf32> loc("v"), %a2: tensor<2xi64> loc("a2")) -> (tensor<2xf32>, tensor<2x2xf32>, tensor<2x3xf32>) {
  // expected-error@unknown {{node 'range_0' (Range): start, limit and delta must be scalars}}
  %a = kiln_onnx.node "Range"(%s, %v, %s) {domain = "", opset = 11 : i64} : (tensor<f32>, tensor<2xf32>, tensor<f32>) -> tensor<2xf32> loc("range_0")
  // expected-error@unknown {{node 'range_1' (Range): the declared output shape [2, 2] is not 1-D}}
  %b = kiln_onnx.node "Range"(%s, %s, %s) {domain = "", opset = 11 : i64} : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<2x2xf32> loc("range_1")
  // expected-error@unknown {{node 'cumsum_0' (CumSum): input 1 ('axis') must be a scalar and the input not a scalar}}
  %c = kiln_onnx.node "CumSum"(%x, %a2) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x3xf32> loc("cumsum_0")
  return %a, %b, %c : tensor<2xf32>, tensor<2x2xf32>, tensor<2x3xf32>
}

// -----

// A check that fails for every value is a compile error: a constant zero
// delta fails whatever the run-time start.
func.func @range_zero_delta_opset11(%s: tensor<i64> loc("s")) -> tensor<2xi64> {
  %l = kiln_onnx.constant dense<4> : tensor<i64> loc("l")
  %d = kiln_onnx.constant dense<0> : tensor<i64> loc("d")
  // expected-error@unknown {{node 'range_0' (Range): inputs 0 to 2 ('start', 'limit', 'delta') must give the declared length 2 with a non-zero delta}}
  %y = kiln_onnx.node "Range"(%s, %l, %d) {domain = "", opset = 11 : i64} : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<2xi64> loc("range_0")
  return %y : tensor<2xi64>
}

// -----

// Resize with run-time scales or sizes that do not fit the node.
func.func @resize_errors(%x: tensor<1x4xf32> loc("x"), %s3: tensor<3xf32> loc("s3"), %s: tensor<2xf32> loc("s"), %z: tensor<2xi64> loc("z")) -> (tensor<1x8xf32>, tensor<1x8xf32>, tensor<1x8xf32>) {
  %none = kiln_onnx.none loc("none")
  // expected-error@unknown {{node 'resize_0' (Resize): input 2 ('scales') must hold one float per resized axis (2) and the declared output shape [1, 8] have rank 2}}
  %a = kiln_onnx.node "Resize"(%x, %none, %s3) {domain = "", opset = 13 : i64} : (tensor<1x4xf32>, none, tensor<3xf32>) -> tensor<1x8xf32> loc("resize_0")
  // expected-error@unknown {{node 'resize_1' (Resize): expects either scales or sizes, not both}}
  %b = kiln_onnx.node "Resize"(%x, %none, %s, %z) {domain = "", opset = 13 : i64} : (tensor<1x4xf32>, none, tensor<2xf32>, tensor<2xi64>) -> tensor<1x8xf32> loc("resize_1")
  // expected-error@unknown {{node 'resize_2' (Resize): input 3 ('sizes') must be a constant with keep_aspect_ratio_policy = 'not_larger'}}
  %c = kiln_onnx.node "Resize"(%x, %none, %none, %z) {domain = "", opset = 18 : i64, onnx_attrs = {keep_aspect_ratio_policy = "not_larger"}} : (tensor<1x4xf32>, none, none, tensor<2xi64>) -> tensor<1x8xf32> loc("resize_2")
  return %a, %b, %c : tensor<1x8xf32>, tensor<1x8xf32>, tensor<1x8xf32>
}

// -----

// Slice and Pad with run-time bounds that no value can make fit.
func.func @slice_pad_errors(%x: tensor<2x3xf32> loc("x"), %b1: tensor<1xi64> loc("b1"), %b2: tensor<2xi64> loc("b2"), %p3: tensor<3xi64> loc("p3")) -> (tensor<2x3xf32>, tensor<2x4xf32>, tensor<3x3xf32>, tensor<3x4xf32>) {
  // expected-error@unknown {{node 'slice_0' (Slice): starts, ends, axes and steps must have the same length}}
  %a = kiln_onnx.node "Slice"(%x, %b1, %b2) {domain = "", opset = 13 : i64} : (tensor<2x3xf32>, tensor<1xi64>, tensor<2xi64>) -> tensor<2x3xf32> loc("slice_0")
  // expected-error@unknown {{node 'slice_1' (Slice): the declared output shape [2, 4] does not fit in the input shape [2, 3]}}
  %b = kiln_onnx.node "Slice"(%x, %b1, %b1) {domain = "", opset = 13 : i64} : (tensor<2x3xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<2x4xf32> loc("slice_1")
  // expected-error@unknown {{node 'pad_0' (Pad): pads has 3 entries, expects 4, and the declared output shape [3, 3] rank 2}}
  %c = kiln_onnx.node "Pad"(%x, %p3) {domain = "", opset = 13 : i64} : (tensor<2x3xf32>, tensor<3xi64>) -> tensor<3x3xf32> loc("pad_0")
  %axes = kiln_onnx.constant dense<[0]> : tensor<1xi64> loc("axes")
  %none = kiln_onnx.none loc("none")
  // expected-error@unknown {{node 'pad_1' (Pad): the declared output shape [3, 4] changes dimension 1, which is not padded}}
  %d = kiln_onnx.node "Pad"(%x, %b2, %none, %axes) {domain = "", opset = 18 : i64} : (tensor<2x3xf32>, tensor<2xi64>, none, tensor<1xi64>) -> tensor<3x4xf32> loc("pad_1")
  return %a, %b, %c, %d : tensor<2x3xf32>, tensor<2x4xf32>, tensor<3x3xf32>, tensor<3x4xf32>
}

// -----

// A window's run-time size is one number and its declared output 1-D.
func.func @window_errors_opset17(%n: tensor<2xi64> loc("n")) -> tensor<4xf32> {
  // expected-error@unknown {{node 'hann_0' (HannWindow): size must be one number and the declared output shape [4] 1-D}}
  %a = kiln_onnx.node "HannWindow"(%n) {domain = "", opset = 17 : i64} : (tensor<2xi64>) -> tensor<4xf32> loc("hann_0")
  return %a : tensor<4xf32>
}

// -----

// A run-time roi needs two floats per resized axis, and constant or
// run-time sizes, not run-time scales.
func.func @resize_roi_errors_opset13(%x: tensor<1x4xf32> loc("x"), %roi3: tensor<3xf32> loc("roi3"), %roi: tensor<4xf32> loc("roi"), %s: tensor<2xf32> loc("s")) -> (tensor<1x3xf32>, tensor<1x8xf32>) {
  %none = kiln_onnx.none loc("none")
  %sizes = kiln_onnx.constant dense<[1, 3]> : tensor<2xi64> loc("sizes")
  // expected-error@unknown {{node 'resize_0' (Resize): input 1 ('roi') must hold two floats per resized axis (4)}}
  %a = kiln_onnx.node "Resize"(%x, %roi3, %none, %sizes) {domain = "", opset = 13 : i64, onnx_attrs = {coordinate_transformation_mode = "tf_crop_and_resize"}} : (tensor<1x4xf32>, tensor<3xf32>, none, tensor<2xi64>) -> tensor<1x3xf32> loc("resize_0")
  // expected-error@unknown {{node 'resize_1' (Resize): input 1 ('roi') must be a constant with run-time scales}}
  %b = kiln_onnx.node "Resize"(%x, %roi, %s) {domain = "", opset = 13 : i64, onnx_attrs = {coordinate_transformation_mode = "tf_crop_and_resize"}} : (tensor<1x4xf32>, tensor<4xf32>, tensor<2xf32>) -> tensor<1x8xf32> loc("resize_1")
  return %a, %b : tensor<1x3xf32>, tensor<1x8xf32>
}
