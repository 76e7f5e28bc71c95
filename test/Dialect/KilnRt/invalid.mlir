// RUN: kiln-opt %s --split-input-file --verify-diagnostics

func.func @negative_callee_outside_runtime(%a: memref<4xf32>) {
  // expected-error @+1 {{expects callee (@memcpy) to be a runtime function, named kiln_rt_*}}
  %s = kiln_rt.call @memcpy(%a) : (memref<4xf32>) -> i32
  return
}

// -----

func.func @negative_tensor_argument(%a: tensor<4xf32>) {
  // expected-error @+1 {{expects argument #0 to be a memref or a scalar, got 'tensor<4xf32>'}}
  %s = kiln_rt.call @kiln_rt_cpu_relu(%a) : (tensor<4xf32>) -> i32
  return
}
