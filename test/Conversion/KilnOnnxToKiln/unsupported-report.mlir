// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln --verify-diagnostics

// Everything the conversion cannot handle is reported at once, before any
// node is converted: unknown operators (also in other domains), operator
// versions before the first supported one, and values of types kiln has no
// form for (strings, sequences, optionals, maps, complex numbers).
func.func @main_graph(
    // expected-error@unknown {{graph input 'names': unsupported string type 'tensor<3x!kiln_onnx.string>'}}
    %names: tensor<3x!kiln_onnx.string> {kiln_onnx.name = "names"} loc("names"),
    // expected-error@unknown {{graph input 'seq': unsupported sequence type '!kiln_onnx.seq<tensor<2xf32>>'}}
    %seq: !kiln_onnx.seq<tensor<2xf32>> {kiln_onnx.name = "seq"} loc("seq"),
    %x: tensor<2x3xf32> {kiln_onnx.name = "x"} loc("x"))
    -> (tensor<2x3xf32> {kiln_onnx.name = "y"}) {
  // expected-error@unknown {{node 'foo_0' (FooBar, opset 17): unsupported operator}}
  %a = kiln_onnx.node "FooBar"(%x) {domain = "", opset = 17 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32> loc("foo_0")
  // expected-error@unknown {{node 'fused_0' (com.microsoft.FusedGemm, opset 1): unsupported operator}}
  %b = kiln_onnx.node "FusedGemm"(%a, %x) {domain = "com.microsoft", opset = 1 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32> loc("fused_0")
  // expected-error@unknown {{node 'erf_0' (Erf, opset 7): unsupported operator version (supported from opset 9)}}
  %c = kiln_onnx.node "Erf"(%b) {domain = "", opset = 7 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32> loc("erf_0")
  // expected-error@unknown {{node 'len_0' (SequenceLength, opset 17): unsupported operator}}
  // expected-error@unknown {{node 'len_0' (SequenceLength, opset 17): unsupported sequence type '!kiln_onnx.seq<tensor<2xf32>>' of input 0}}
  %n = kiln_onnx.node "SequenceLength"(%seq) {domain = "", opset = 17 : i64} : (!kiln_onnx.seq<tensor<2xf32>>) -> tensor<i64> loc("len_0")
  // expected-error@unknown {{node 'cast_0' (Cast, opset 13): unsupported string type 'tensor<2x3x!kiln_onnx.string>' of output 0}}
  %s = kiln_onnx.node "Cast"(%x) {domain = "", opset = 13 : i64, onnx_attrs = {to = 8 : i64}} : (tensor<2x3xf32>) -> tensor<2x3x!kiln_onnx.string> loc("cast_0")
  // expected-error@unknown {{node 'opt_0' (Optional, opset 15): unsupported operator}}
  // expected-error@unknown {{node 'opt_0' (Optional, opset 15): unsupported optional type '!kiln_onnx.opt<tensor<2x3xf32>>' of output 0}}
  %o = kiln_onnx.node "Optional"(%x) {domain = "", opset = 15 : i64} : (tensor<2x3xf32>) -> !kiln_onnx.opt<tensor<2x3xf32>> loc("opt_0")
  // expected-error@unknown {{initializer 'w_complex': unsupported complex type 'tensor<2xcomplex<f32>>'}}
  %w = kiln_onnx.constant dense<[(1.0, 2.0), (3.0, 4.0)]> : tensor<2xcomplex<f32>> loc("w_complex")
  // A supported node among them gets no error.
  %r = kiln_onnx.node "Relu"(%c) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32> loc("relu_0")
  return %r : tensor<2x3xf32>
}

// -----

// A graph input that kiln-set-input-shapes did not fix is named.
func.func @main_graph(
    // expected-error@unknown {{graph input 'tokens' has no static shape ('tensor<?x8xi64>'); fix it with kiln-set-input-shapes (--input-shape tokens=D0xD1x...)}}
    %t: tensor<?x8xi64> {kiln_onnx.name = "tokens"} loc("tokens"))
    -> tensor<?x8xi64> {
  %y = kiln_onnx.node "Identity"(%t) {domain = "", opset = 16 : i64} : (tensor<?x8xi64>) -> tensor<?x8xi64> loc("id_0")
  return %y : tensor<?x8xi64>
}

// -----

// A graph output of a type kiln has no form for.
// expected-error@unknown {{graph output 'out': unsupported map type '!kiln_onnx.map<i64, tensor<f32>>'}}
func.func @main_graph(%m: tensor<2xf32> {kiln_onnx.name = "x"} loc("x")) -> (!kiln_onnx.map<i64, tensor<f32>> {kiln_onnx.name = "out"}) {
  // expected-error@unknown {{node 'zipmap_0' (ZipMap, opset 1): unsupported operator}}
  // expected-error@unknown {{node 'zipmap_0' (ZipMap, opset 1): unsupported map type '!kiln_onnx.map<i64, tensor<f32>>' of output 0}}
  %y = kiln_onnx.node "ZipMap"(%m) {domain = "", opset = 1 : i64} : (tensor<2xf32>) -> !kiln_onnx.map<i64, tensor<f32>> loc("zipmap_0")
  return %y : !kiln_onnx.map<i64, tensor<f32>>
} loc("main_graph")

// -----

// Handler errors are reported for every node that has one; the users of a
// failed node are skipped without errors of their own.
func.func @main_graph(%x: tensor<2x3xf32> {kiln_onnx.name = "x"} loc("x"), %s: tensor<2xi64> {kiln_onnx.name = "s"} loc("s")) -> (tensor<?x?xf32>, tensor<2x3xf32>) {
  // expected-error@unknown {{node 'reshape_0' (Reshape): input 1 ('shape') must be a constant when output 0 has no declared static shape (declared 'tensor<?x?xf32>'); shapes that depend on run-time values are not supported yet}}
  %r = kiln_onnx.node "Reshape"(%x, %s) {domain = "", opset = 14 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?x?xf32> loc("reshape_0")
  %n = kiln_onnx.node "Neg"(%r) {domain = "", opset = 13 : i64} : (tensor<?x?xf32>) -> tensor<?x?xf32> loc("neg_0")
  // expected-error@unknown {{node 'gelu_0' (Gelu): unsupported approximate = 'cubic' (expects 'none' or 'tanh')}}
  %g = kiln_onnx.node "Gelu"(%x) {domain = "", opset = 20 : i64, onnx_attrs = {approximate = "cubic"}} : (tensor<2x3xf32>) -> tensor<2x3xf32> loc("gelu_0")
  return %n, %g : tensor<?x?xf32>, tensor<2x3xf32>
}
