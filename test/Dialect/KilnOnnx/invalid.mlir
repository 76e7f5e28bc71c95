// RUN: kiln-opt %s --split-input-file --verify-diagnostics

func.func @negative_region_names_count(%c: tensor<i1>, %a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{expects one region name per region, got 1 names for 2 regions}}
  %r = kiln_onnx.node "If"(%c) {domain = "", opset = 13 : i64, region_names = ["then_branch"]} graphs {
    kiln_onnx.yield %a : tensor<2xf32>
  }, {
    kiln_onnx.yield %a : tensor<2xf32>
  } : (tensor<i1>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @negative_yield_outside_node(%a: tensor<2xf32>) {
  // expected-error @+1 {{expects parent op 'kiln_onnx.node'}}
  kiln_onnx.yield %a : tensor<2xf32>
}

// -----

func.func @negative_constant_type_mismatch() {
  // expected-error @+1 {{failed to verify that all of {value, result} have same type}}
  %0 = "kiln_onnx.constant"() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<3xf32>
  return
}
