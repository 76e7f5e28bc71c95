// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// `kiln.assert` becomes the runtime's check on the condition's one element.
// CHECK-LABEL: func.func @assert
//  CHECK-SAME:   %[[OK:[a-zA-Z0-9_]+]]: tensor<i1>
//       CHECK:   %[[FLAG:.+]] = tensor.extract %[[OK]][] : tensor<i1>
//       CHECK:   kiln_rt.assert %[[FLAG]], "node 'r' (Reshape): input 1 ('shape') must give the declared shape [2, 3]"
//   CHECK-NOT:   kiln.assert
func.func @assert(%ok: tensor<i1>) {
  kiln.assert %ok, "node 'r' (Reshape): input 1 ('shape') must give the declared shape [2, 3]" : tensor<i1>
  return
}

// -----

// A condition computed by other `kiln` ops reads their lowered result.
// CHECK-LABEL: func.func @assert_computed
//       CHECK:   %[[EQ:.+]] = linalg.generic
//       CHECK:   %[[FLAG:.+]] = tensor.extract %[[EQ]][] : tensor<i1>
//       CHECK:   kiln_rt.assert %[[FLAG]], "node 'k' (TopK): input 1 ('K') must be 3"
func.func @assert_computed(%k: tensor<i64>) {
  %three = kiln.constant dense<3> : tensor<i64>
  %ok = kiln.equal %k, %three : (tensor<i64>, tensor<i64>) -> tensor<i1>
  kiln.assert %ok, "node 'k' (TopK): input 1 ('K') must be 3" : tensor<i1>
  return
}
