// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln --verify-diagnostics

// GridSample 16 samples 4-D images with known modes.
func.func @main_graph(%x: tensor<1x1x3x2xf32> loc("x"), %g: tensor<1x2x4x2xf32> loc("g"), %v: tensor<1x1x3xf32> loc("v")) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'gs_0' (GridSample): expects a float N x C x H x W input and an N x H_out x W_out x 2 grid, got 'tensor<1x1x3xf32>' and 'tensor<1x2x4x2xf32>'}}
  %a = kiln_onnx.node "GridSample"(%v, %g) {domain = "", opset = 16 : i64} : (tensor<1x1x3xf32>, tensor<1x2x4x2xf32>) -> tensor<?xf32> loc("gs_0")
  // expected-error@unknown {{node 'gs_1' (GridSample): unsupported mode = 'linear'}}
  %b = kiln_onnx.node "GridSample"(%x, %g) {domain = "", opset = 16 : i64, onnx_attrs = {mode = "linear"}} : (tensor<1x1x3x2xf32>, tensor<1x2x4x2xf32>) -> tensor<?xf32> loc("gs_1")
  // expected-error@unknown {{node 'gs_2' (GridSample): unsupported padding_mode = 'wrap'}}
  %c = kiln_onnx.node "GridSample"(%x, %g) {domain = "", opset = 16 : i64, onnx_attrs = {padding_mode = "wrap"}} : (tensor<1x1x3x2xf32>, tensor<1x2x4x2xf32>) -> tensor<?xf32> loc("gs_2")
  return %a, %b, %c : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}
