// RUN: kiln-opt %s --split-input-file --verify-diagnostics --convert-kiln-to-linalg

// Integer gemm cannot scale by a fraction.
func.func @negative_gemm_i32_fractional_alpha(%a: tensor<4x3xi32>, %b: tensor<3x5xi32>) -> tensor<4x5xi32> {
  // expected-error @+1 {{unsupported kiln.gemm (non-integral alpha or beta with integer element type)}}
  %y = kiln.gemm %a, %b {alpha = 0.5 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<4x3xi32>, tensor<3x5xi32>) -> tensor<4x5xi32>
  return %y : tensor<4x5xi32>
}

// -----

// Index element types have no lowering; every op is reported, not just the
// first.
func.func @negative_matmul_index(%a: tensor<2x2xindex>, %b: tensor<2x2xindex>) -> tensor<2x2xindex> {
  // expected-error @+1 {{unsupported kiln.matmul (index element type)}}
  %y = kiln.matmul %a, %b : (tensor<2x2xindex>, tensor<2x2xindex>) -> tensor<2x2xindex>
  // expected-error @+1 {{unsupported kiln.matmul (index element type)}}
  %z = kiln.matmul %y, %b : (tensor<2x2xindex>, tensor<2x2xindex>) -> tensor<2x2xindex>
  return %z : tensor<2x2xindex>
}
