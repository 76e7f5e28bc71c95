// RUN: kiln-opt %s --split-input-file --verify-diagnostics --convert-kiln-to-linalg

// A body op without a lowering is reported by name at its own location, as
// it would be outside a kiln.fused.
func.func @negative_fused_index_matmul(%a: tensor<2x3xindex>, %b: tensor<3x4xindex>) -> tensor<2x4xindex> {
  %0 = kiln.fused (%a, %b) : (tensor<2x3xindex>, tensor<3x4xindex>) -> tensor<2x4xindex> {
  ^bb0(%lhs: tensor<2x3xindex>, %rhs: tensor<3x4xindex>):
    // expected-error @+1 {{unsupported kiln.matmul (index element type)}}
    %mm = kiln.matmul %lhs, %rhs : (tensor<2x3xindex>, tensor<3x4xindex>) -> tensor<2x4xindex>
    kiln.yield %mm : tensor<2x4xindex>
  }
  return %0 : tensor<2x4xindex>
}
