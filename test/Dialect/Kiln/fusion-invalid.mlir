// RUN: kiln-opt %s --split-input-file --verify-diagnostics

// Every verifier message of the fusion ops (`KilnFusionOps.td`).

// (C1) of kiln.fused: one body argument per input.
func.func @fused_argument_count(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{expects the body to have one argument per input (2), not 3}}
  %0 = kiln.fused (%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32> {
  ^bb0(%lhs: tensor<2x3xf32>, %rhs: tensor<3x4xf32>, %extra: tensor<3x4xf32>):
    %mm = kiln.matmul %lhs, %rhs : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    kiln.yield %mm : tensor<2x4xf32>
  }
  return %0 : tensor<2x4xf32>
}

// -----

// (C1) of kiln.fused: body arguments have the inputs' types.
func.func @fused_argument_type(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{expects body argument 1 ('tensor<3x5xf32>') to have the type of input 1 ('tensor<3x4xf32>')}}
  %0 = kiln.fused (%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32> {
  ^bb0(%lhs: tensor<2x3xf32>, %rhs: tensor<3x5xf32>):
    %mm = kiln.matmul %lhs, %rhs : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
    %s = kiln.slice %mm {limits = array<i64: 2, 4>, starts = array<i64: 0, 0>, strides = array<i64: 1, 1>} : tensor<2x5xf32> -> tensor<2x4xf32>
    kiln.yield %s : tensor<2x4xf32>
  }
  return %0 : tensor<2x4xf32>
}

// -----

// (C2) of kiln.fused: at least one result.
func.func @fused_no_result(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{expects at least one result}}
  kiln.fused (%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> () {
  ^bb0(%lhs: tensor<2x3xf32>, %rhs: tensor<3x4xf32>):
    %mm = kiln.matmul %lhs, %rhs : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    kiln.yield
  }
  return
}

// -----

// (C2) of kiln.fused: the body ends with kiln.yield.
func.func @fused_no_yield(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = kiln.fused (%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32> {
  ^bb0(%lhs: tensor<2x3xf32>, %rhs: tensor<3x4xf32>):
    // expected-error @+1 {{block with no terminator}}
    %mm = kiln.matmul %lhs, %rhs : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  }
  return %0 : tensor<2x4xf32>
}

// -----

// (C3) of kiln.fused: only kiln ops in the body.
func.func @fused_foreign_op(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = kiln.fused (%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32> {
  ^bb0(%lhs: tensor<2x3xf32>, %rhs: tensor<3x4xf32>):
    %mm = kiln.matmul %lhs, %rhs : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    // expected-error @+1 {{'arith.addf' op cannot be in the body of kiln.fused: only kiln ops without regions can}}
    %sum = arith.addf %mm, %mm : tensor<2x4xf32>
    kiln.yield %sum : tensor<2x4xf32>
  }
  return %0 : tensor<2x4xf32>
}

// -----

// (C3) of kiln.fused: no nested kiln.fused.
func.func @fused_nested(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = kiln.fused (%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32> {
  ^bb0(%lhs: tensor<2x3xf32>, %rhs: tensor<3x4xf32>):
    %mm = kiln.matmul %lhs, %rhs : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    // expected-error @+1 {{'kiln.fused' op cannot be in the body of kiln.fused: only kiln ops without regions can}}
    %inner = kiln.fused (%lhs, %rhs) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32> {
    ^bb0(%l: tensor<2x3xf32>, %r: tensor<3x4xf32>):
      %m = kiln.matmul %l, %r : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
      kiln.yield %m : tensor<2x4xf32>
    }
    kiln.yield %inner : tensor<2x4xf32>
  }
  return %0 : tensor<2x4xf32>
}

// -----

// (C4) of kiln.fused: the first non-constant op is the anchor.
func.func @fused_no_anchor(%a: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{expects the first non-constant op of the body to be kiln.conv, kiln.matmul or kiln.gemm, not kiln.relu}}
  %0 = kiln.fused (%a) : (tensor<2x4xf32>) -> tensor<2x4xf32> {
  ^bb0(%x: tensor<2x4xf32>):
    %r = kiln.relu %x : tensor<2x4xf32>
    kiln.yield %r : tensor<2x4xf32>
  }
  return %0 : tensor<2x4xf32>
}

// -----

// (C4) of kiln.fused: a body of constants only has no anchor.
func.func @fused_only_constants() -> tensor<f32> {
  // expected-error @+1 {{expects the first non-constant op of the body to be kiln.conv, kiln.matmul or kiln.gemm, found none}}
  %0 = kiln.fused () : () -> tensor<f32> {
    %c = kiln.constant dense<1.0> : tensor<f32>
    kiln.yield %c : tensor<f32>
  }
  return %0 : tensor<f32>
}

// -----

// (C1) of kiln.yield: its operand types are the results of kiln.fused.
func.func @yield_type(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = kiln.fused (%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32> {
  ^bb0(%lhs: tensor<2x3xf32>, %rhs: tensor<3x4xf32>):
    %mm = kiln.matmul %lhs, %rhs : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    // expected-error @+1 {{expects operand types ('tensor<2x3xf32>') to be the result types of kiln.fused ('tensor<2x4xf32>')}}
    kiln.yield %lhs : tensor<2x3xf32>
  }
  return %0 : tensor<2x4xf32>
}

// -----

// kiln.yield only ends a kiln.fused.
func.func @yield_outside(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{expects parent op 'kiln.fused'}}
  kiln.yield %a : tensor<2x3xf32>
}

// -----

// kiln.fused is isolated from above: the body cannot use outer values.
func.func @fused_captures(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  // expected-note @+1 {{required by region isolation constraints}}
  %0 = kiln.fused (%a) : (tensor<2x3xf32>) -> tensor<2x4xf32> {
  ^bb0(%lhs: tensor<2x3xf32>):
    // expected-error @+1 {{using value defined outside the region}}
    %mm = kiln.matmul %lhs, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    kiln.yield %mm : tensor<2x4xf32>
  }
  return %0 : tensor<2x4xf32>
}
