// RUN: kiln-opt %s --kiln-cpu-select-library-calls="backend=onednn" \
// RUN:   --convert-kiln-to-kiln-rt --convert-kiln-to-linalg | FileCheck %s

// A region that stays generated code (exp is not a oneDNN post-op) but
// whose anchor the dispatch gives to oneDNN: the anchor becomes a kiln_rt
// call inside the body, the body still verifies, and the lowering inlines
// it like any other.
// CHECK-LABEL: func.func @anchor_dispatched_in_region
//       CHECK:   %[[MM:.+]] = kiln_rt.onednn_matmul
//       CHECK:   linalg.generic {{.+}} ins(%[[MM]] : tensor<2x8xf32>)
//       CHECK:     math.exp
//   CHECK-NOT:   kiln.fused
//   CHECK-NOT:   kiln.yield
func.func @anchor_dispatched_in_region(%a: tensor<2x4xf32>, %b: tensor<4x8xf32>) -> tensor<2x8xf32> {
  %z = kiln.fused (%a, %b) : (tensor<2x4xf32>, tensor<4x8xf32>) -> tensor<2x8xf32> {
  ^bb0(%lhs: tensor<2x4xf32>, %rhs: tensor<4x8xf32>):
    %m = kiln.matmul %lhs, %rhs : (tensor<2x4xf32>, tensor<4x8xf32>) -> tensor<2x8xf32>
    %e = kiln.exp %m : tensor<2x8xf32>
    kiln.yield %e : tensor<2x8xf32>
  }
  return %z : tensor<2x8xf32>
}
