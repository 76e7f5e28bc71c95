// RUN: kiln-opt %s --split-input-file --verify-diagnostics --convert-kiln-to-linalg

// A check that fails on every run is a compile error with its message.
func.func @negative_assert_false() {
  %false = kiln.constant dense<false> : tensor<i1>
  // expected-error @+1 {{node 'r' (Reshape): input 1 ('shape') must give the declared shape [2, 3] (the check fails on every run)}}
  kiln.assert %false, "node 'r' (Reshape): input 1 ('shape') must give the declared shape [2, 3]" : tensor<i1>
  return
}
