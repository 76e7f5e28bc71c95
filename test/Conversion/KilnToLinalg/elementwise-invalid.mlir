// RUN: kiln-opt %s --split-input-file --verify-diagnostics --convert-kiln-to-linalg

// `index` elements have no arithmetic lowering.
func.func @negative_add_index(%lhs: tensor<4xindex>, %rhs: tensor<4xindex>) -> tensor<4xindex> {
  // expected-error @+1 {{unsupported kiln.add (index element type)}}
  %sum = kiln.add %lhs, %rhs : (tensor<4xindex>, tensor<4xindex>) -> tensor<4xindex>
  return %sum : tensor<4xindex>
}

// -----

// A cast to `index` is reported; the supported ops around it still lower.
func.func @negative_cast_to_index(%x: tensor<4xi64>) -> tensor<4xindex> {
  %y = kiln.neg %x : tensor<4xi64>
  // expected-error @+1 {{unsupported kiln.cast (index element type)}}
  %z = kiln.cast %y : tensor<4xi64> to tensor<4xindex>
  return %z : tensor<4xindex>
}
