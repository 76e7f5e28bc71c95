// RUN: kiln-opt %s --split-input-file --verify-diagnostics --convert-kiln-to-linalg

// Unsigned constants are re-typed by bitcasting their data, which only
// dense and dense_resource storage allow.
func.func @negative_constant_sparse_ui8() -> tensor<3xui8> {
  // expected-error @+1 {{unsupported kiln.constant (unsigned constant stored as neither dense nor dense_resource elements)}}
  %c = kiln.constant sparse<[[1]], [200]> : tensor<3xui8>
  return %c : tensor<3xui8>
}
