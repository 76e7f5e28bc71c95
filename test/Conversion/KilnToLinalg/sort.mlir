// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// TopK along the last axis: loops over a [outer, n, inner] view; each
// element bubbles into a buffer of k entries ordered by value, then by
// index, without branches.
// CHECK-LABEL: func.func @top_k_largest_f32
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<3x5xf32>
//       CHECK:   %[[VIEW:.+]] = tensor.expand_shape %[[INPUT]] {{\[}}[0], [1, 2]] output_shape [3, 5, 1] : tensor<3x5xf32> into tensor<3x5x1xf32>
//       CHECK:   %[[VALUES:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<3x2x1xf32>)
//       CHECK:   %[[INDICES:.+]] = linalg.fill ins(%{{.+}} : i64) outs(%{{.+}} : tensor<3x2x1xi64>)
//       CHECK:   %[[LOOP:.+]]:2 = scf.for %[[O:.+]] = {{.+}} iter_args(%{{.+}} = %[[VALUES]], %{{.+}} = %[[INDICES]])
//       CHECK:     scf.for %[[I:.+]] = {{.+}} iter_args
//       CHECK:       scf.for %[[J:.+]] = {{.+}} iter_args
//       CHECK:         %[[ELEMENT:.+]] = tensor.extract %[[VIEW]][%[[O]], %[[J]], %[[I]]] : tensor<3x5x1xf32>
//       CHECK:         %[[POSITION:.+]] = arith.index_cast %[[J]] : index to i64
//       CHECK:         scf.for %[[Q:.+]] = {{.+}} iter_args(%[[BUF_VALUES:.+]] = %{{.+}}, %[[BUF_INDICES:.+]] = %{{.+}}, %[[CUR:.+]] = %[[ELEMENT]], %[[CUR_INDEX:.+]] = %[[POSITION]])
//       CHECK:           %[[KEPT:.+]] = tensor.extract %[[BUF_VALUES]][%[[O]], %[[Q]], %[[I]]]
//       CHECK:           %[[KEPT_INDEX:.+]] = tensor.extract %[[BUF_INDICES]][%[[O]], %[[Q]], %[[I]]]
//       CHECK:           %[[EMPTY:.+]] = arith.cmpi sge, %[[Q]], %{{.+}} : index
//       CHECK:           %[[BETTER:.+]] = arith.cmpf ogt, %[[CUR]], %[[KEPT]] : f32
//       CHECK:           %[[EQUAL:.+]] = arith.cmpf oeq, %[[CUR]], %[[KEPT]] : f32
//       CHECK:           %[[LOWER:.+]] = arith.cmpi slt, %[[CUR_INDEX]], %[[KEPT_INDEX]] : i64
//       CHECK:           %[[TIE:.+]] = arith.andi %[[EQUAL]], %[[LOWER]] : i1
//       CHECK:           %[[FIRST:.+]] = arith.ori %[[BETTER]], %[[TIE]] : i1
//       CHECK:           %[[TAKE:.+]] = arith.ori %[[EMPTY]], %[[FIRST]] : i1
//       CHECK:           arith.select %[[TAKE]], %[[CUR]], %[[KEPT]] : f32
//       CHECK:           tensor.insert
//       CHECK:   tensor.collapse_shape %[[LOOP]]#0 {{\[}}[0], [1, 2]] : tensor<3x2x1xf32> into tensor<3x2xf32>
//       CHECK:   tensor.collapse_shape %[[LOOP]]#1 {{\[}}[0], [1, 2]] : tensor<3x2x1xi64> into tensor<3x2xi64>
func.func @top_k_largest_f32(%input: tensor<3x5xf32>) -> (tensor<3x2xf32>, tensor<3x2xi64>) {
  %values, %indices = kiln.top_k %input {k = 2 : i64, axis = 1 : i64, largest = true, sorted = true} : tensor<3x5xf32> -> tensor<3x2xf32>, tensor<3x2xi64>
  return %values, %indices : tensor<3x2xf32>, tensor<3x2xi64>
}

// -----

// Smallest of unsigned values compares unsigned; axis 0 views the input as
// [1, n, inner].
// CHECK-LABEL: func.func @top_k_smallest_ui8_axis0
//  CHECK-SAME:   -> (tensor<2x3xi8>, tensor<2x3xi64>)
//       CHECK:   %[[VIEW:.+]] = tensor.expand_shape %{{.+}} {{\[}}[0, 1], [2]] output_shape [1, 4, 3] : tensor<4x3xi8> into tensor<1x4x3xi8>
//       CHECK:   arith.cmpi ult
func.func @top_k_smallest_ui8_axis0(%input: tensor<4x3xui8>) -> (tensor<2x3xui8>, tensor<2x3xi64>) {
  %values, %indices = kiln.top_k %input {k = 2 : i64, axis = 0 : i64, largest = false, sorted = true} : tensor<4x3xui8> -> tensor<2x3xui8>, tensor<2x3xi64>
  return %values, %indices : tensor<2x3xui8>, tensor<2x3xi64>
}
