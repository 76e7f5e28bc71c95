// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln --verify-diagnostics

// With a run-time condition the branches must yield the same types.
func.func @if_errors_opset11(%c: tensor<i1> loc("c"), %x: tensor<3xf32> loc("x"), %y: tensor<4xf32> loc("y")) -> tensor<?xf32> {
  // expected-error@unknown {{node 'if_0' (If): with a run-time condition, the branches must yield the same types; output 0 is 'tensor<3xf32>' and 'tensor<4xf32>'}}
  %r = kiln_onnx.node "If"(%c) {domain = "", opset = 11 : i64, region_names = ["else_branch", "then_branch"]} graphs {
    kiln_onnx.yield %y : tensor<4xf32>
  }, {
    kiln_onnx.yield %x : tensor<3xf32>
  } : (tensor<i1>) -> tensor<?xf32> loc("if_0")
  return %r : tensor<?xf32>
}

// -----

// Unsupported nodes inside a branch are reported with the others, before
// anything is converted.
func.func @if_errors_opset11(%c: tensor<i1> loc("c"), %x: tensor<3xf32> loc("x")) -> tensor<3xf32> {
  %r = kiln_onnx.node "If"(%c) {domain = "", opset = 11 : i64, region_names = ["else_branch", "then_branch"]} graphs {
    // expected-error@unknown {{node 'inner_0' (Frobnicate, opset 11): unsupported operator}}
    %e = kiln_onnx.node "Frobnicate"(%x) {domain = "", opset = 11 : i64} : (tensor<3xf32>) -> tensor<3xf32> loc("inner_0")
    kiln_onnx.yield %e : tensor<3xf32>
  }, {
    kiln_onnx.yield %x : tensor<3xf32>
  } : (tensor<i1>) -> tensor<3xf32> loc("if_0")
  return %r : tensor<3xf32>
}

// -----

// The condition has one element.
func.func @if_errors_opset11(%c: tensor<2xi1> loc("c"), %x: tensor<3xf32> loc("x")) -> tensor<3xf32> {
  // expected-error@unknown {{node 'if_0' (If): the condition must have one element, got 'tensor<2xi1>'}}
  %r = kiln_onnx.node "If"(%c) {domain = "", opset = 11 : i64, region_names = ["else_branch", "then_branch"]} graphs {
    kiln_onnx.yield %x : tensor<3xf32>
  }, {
    kiln_onnx.yield %x : tensor<3xf32>
  } : (tensor<2xi1>) -> tensor<3xf32> loc("if_0")
  return %r : tensor<3xf32>
}

// -----

// Branches yield tensors and take no inputs.
func.func @if_errors_opset11(%c: tensor<i1> loc("c"), %x: tensor<3xf32> loc("x")) -> (tensor<3xf32>, tensor<3xf32>) {
  %none = kiln_onnx.none loc("none")
  // expected-error@unknown {{node 'if_0' (If, opset 11): a subgraph yields a value that is not a tensor: 'none'}}
  %r = kiln_onnx.node "If"(%c) {domain = "", opset = 11 : i64, region_names = ["else_branch", "then_branch"]} graphs {
    kiln_onnx.yield %x : tensor<3xf32>
  }, {
    kiln_onnx.yield %none : none
  } : (tensor<i1>) -> tensor<3xf32> loc("if_0")
  // expected-error@unknown {{node 'if_1' (If, opset 11): subgraphs with inputs are not supported}}
  %s = kiln_onnx.node "If"(%c) {domain = "", opset = 11 : i64, region_names = ["else_branch", "then_branch"]} graphs {
  ^bb0(%a: tensor<3xf32>):
    kiln_onnx.yield %a : tensor<3xf32>
  }, {
    kiln_onnx.yield %x : tensor<3xf32>
  } : (tensor<i1>) -> tensor<3xf32> loc("if_1")
  return %r, %s : tensor<3xf32>, tensor<3xf32>
}
