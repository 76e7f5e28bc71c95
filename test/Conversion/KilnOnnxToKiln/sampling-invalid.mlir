// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln --verify-diagnostics

// GridSample 16 samples 4-D images with known modes.
func.func @grid_sample_errors_opset16(%x: tensor<1x1x3x2xf32> loc("x"), %g: tensor<1x2x4x2xf32> loc("g"), %v: tensor<1x1x3xf32> loc("v")) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'gs_0' (GridSample): expects a float N x C x H x W input and an N x H_out x W_out x 2 grid, got 'tensor<1x1x3xf32>' and 'tensor<1x2x4x2xf32>'}}
  %a = kiln_onnx.node "GridSample"(%v, %g) {domain = "", opset = 16 : i64} : (tensor<1x1x3xf32>, tensor<1x2x4x2xf32>) -> tensor<?xf32> loc("gs_0")
  // expected-error@unknown {{node 'gs_1' (GridSample): unsupported mode = 'linear'}}
  %b = kiln_onnx.node "GridSample"(%x, %g) {domain = "", opset = 16 : i64, onnx_attrs = {mode = "linear"}} : (tensor<1x1x3x2xf32>, tensor<1x2x4x2xf32>) -> tensor<?xf32> loc("gs_1")
  // expected-error@unknown {{node 'gs_2' (GridSample): unsupported padding_mode = 'wrap'}}
  %c = kiln_onnx.node "GridSample"(%x, %g) {domain = "", opset = 16 : i64, onnx_attrs = {padding_mode = "wrap"}} : (tensor<1x1x3x2xf32>, tensor<1x2x4x2xf32>) -> tensor<?xf32> loc("gs_2")
  return %a, %b, %c : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// Resize's output shape comes from scales or sizes (constants, or checked
// against a declared shape), not both;
// antialiasing and unknown modes are reported.
func.func @resize_errors_opset13(%x: tensor<1x4xf32> loc("x"), %s: tensor<2xf32> loc("s")) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %none = kiln_onnx.none loc("none")
  // expected-error@unknown {{node 'resize_0' (Resize): input 2 ('scales') must be a constant when output 0 has no declared static shape (declared 'tensor<?xf32>'); shapes that depend on run-time values are not supported yet}}
  %a = kiln_onnx.node "Resize"(%x, %none, %s) {domain = "", opset = 13 : i64} : (tensor<1x4xf32>, none, tensor<2xf32>) -> tensor<?xf32> loc("resize_0")
  %scales = kiln_onnx.constant dense<[1.0, 2.0]> : tensor<2xf32> loc("scales")
  %sizes = kiln_onnx.constant dense<[1, 8]> : tensor<2xi64> loc("sizes")
  // expected-error@unknown {{node 'resize_1' (Resize): expects either scales or sizes, one per resized axis (and a roi of two per axis)}}
  %b = kiln_onnx.node "Resize"(%x, %none, %scales, %sizes) {domain = "", opset = 13 : i64} : (tensor<1x4xf32>, none, tensor<2xf32>, tensor<2xi64>) -> tensor<?xf32> loc("resize_1")
  // expected-error@unknown {{node 'resize_2' (Resize): antialias = 1 is not supported}}
  %c = kiln_onnx.node "Resize"(%x, %none, %scales) {domain = "", opset = 18 : i64, onnx_attrs = {antialias = 1 : i64, mode = "linear"}} : (tensor<1x4xf32>, none, tensor<2xf32>) -> tensor<?xf32> loc("resize_2")
  // expected-error@unknown {{node 'resize_3' (Resize): unsupported coordinate_transformation_mode = 'corners'}}
  %d = kiln_onnx.node "Resize"(%x, %none, %scales) {domain = "", opset = 13 : i64, onnx_attrs = {coordinate_transformation_mode = "corners"}} : (tensor<1x4xf32>, none, tensor<2xf32>) -> tensor<?xf32> loc("resize_3")
  return %a, %b, %c, %d : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// Linear resizing of integers is not supported (nearest is).
func.func @resize_errors_opset13(%x: tensor<1x4xui8> loc("x")) -> tensor<?xui8> {
  %none = kiln_onnx.none loc("none")
  %scales = kiln_onnx.constant dense<[1.0, 1.5]> : tensor<2xf32> loc("scales")
  // expected-error@unknown {{node 'resize_0' (Resize): linear and cubic resizing of 'ui8' is not supported}}
  %a = kiln_onnx.node "Resize"(%x, %none, %scales) {domain = "", opset = 13 : i64, onnx_attrs = {mode = "linear"}} : (tensor<1x4xui8>, none, tensor<2xf32>) -> tensor<?xui8> loc("resize_0")
  return %a : tensor<?xui8>
}

// -----

// A mode of the wrong attribute type is reported once, with run-time scales
// too; the libFuzzer target found this one crashing.
func.func @resize_mode_type_opset13(%x: tensor<1x1x2x4xf32> loc("x"), %scales: tensor<4xf32> loc("scales")) -> tensor<1x1x1x2xf32> {
  %none = kiln_onnx.none loc("none")
  // expected-error@unknown {{node 'resize_1' (Resize): attribute 'mode' must be a STRING, got array<i64>}}
  %a = kiln_onnx.node "Resize"(%x, %none, %scales) {domain = "", opset = 13 : i64, onnx_attrs = {mode = array<i64>}} : (tensor<1x1x2x4xf32>, none, tensor<4xf32>) -> tensor<1x1x1x2xf32> loc("resize_1")
  return %a : tensor<1x1x1x2xf32>
}

// -----

// Linear resizing of integers with run-time scales is reported, not built
// on; the libFuzzer target found this one crashing.
func.func @resize_runtime_int_opset13(%x: tensor<1x1x2x2xi16> loc("x"), %scales: tensor<4xf32> loc("scales")) -> tensor<1x1x4x4xi16> {
  %none = kiln_onnx.none loc("none")
  // expected-error@unknown {{node 'resize_2' (Resize): linear and cubic resizing of 'i16' is not supported}}
  %a = kiln_onnx.node "Resize"(%x, %none, %scales) {domain = "", opset = 13 : i64, onnx_attrs = {mode = "linear", coordinate_transformation_mode = "align_corners"}} : (tensor<1x1x2x2xi16>, none, tensor<4xf32>) -> tensor<1x1x4x4xi16> loc("resize_2")
  return %a : tensor<1x1x4x4xi16>
}
