// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// Constants become `arith.constant`s; unsigned values keep their bits in a
// signless type.
// CHECK-LABEL: func.func @constant_ui8
//  CHECK-SAME:   () -> tensor<3xi8>
//       CHECK:   %[[CST:.+]] = arith.constant dense<[1, -56, -1]> : tensor<3xi8>
//   CHECK-NOT:   kiln.
//       CHECK:   return %[[CST]]
func.func @constant_ui8() -> tensor<3xui8> {
  %c = kiln.constant dense<[1, 200, 255]> : tensor<3xui8>
  return %c : tensor<3xui8>
}

// -----

// Float constants are kept as they are.
// CHECK-LABEL: func.func @constant_f32
//       CHECK:   arith.constant dense<[1.500000e+00, -2.000000e+00]> : tensor<2xf32>
func.func @constant_f32() -> tensor<2xf32> {
  %c = kiln.constant dense<[1.5, -2.0]> : tensor<2xf32>
  return %c : tensor<2xf32>
}

// -----

// A reshape that merges dimensions is a `tensor.collapse_shape`.
// CHECK-LABEL: func.func @reshape_collapse
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3x4xf32>
//       CHECK:   tensor.collapse_shape %[[INPUT]] {{\[}}[0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
func.func @reshape_collapse(%input: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  %y = kiln.reshape %input : tensor<2x3x4xf32> to tensor<6x4xf32>
  return %y : tensor<6x4xf32>
}

// -----

// A reshape that splits dimensions is a `tensor.expand_shape`.
// CHECK-LABEL: func.func @reshape_expand
//       CHECK:   tensor.expand_shape %{{.+}} {{\[}}[0, 1], [2]] output_shape [2, 3, 4] : tensor<6x4xf32> into tensor<2x3x4xf32>
func.func @reshape_expand(%input: tensor<6x4xf32>) -> tensor<2x3x4xf32> {
  %y = kiln.reshape %input : tensor<6x4xf32> to tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// -----

// Shapes that no grouping relates go through 1-D.
// CHECK-LABEL: func.func @reshape_through_flat
//       CHECK:   %[[FLAT:.+]] = tensor.collapse_shape %{{.+}} {{\[}}[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
//       CHECK:   tensor.expand_shape %[[FLAT]] {{\[}}[0, 1]] output_shape [4, 6] : tensor<24xf32> into tensor<4x6xf32>
func.func @reshape_through_flat(%input: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  %y = kiln.reshape %input : tensor<2x3x4xf32> to tensor<4x6xf32>
  return %y : tensor<4x6xf32>
}

// -----

// Reshapes to and from rank 0 use empty reassociations.
// CHECK-LABEL: func.func @reshape_rank0
//       CHECK:   tensor.collapse_shape %{{.+}} [] : tensor<1x1xf32> into tensor<f32>
//       CHECK:   tensor.expand_shape %{{.+}} [] output_shape [1, 1, 1] : tensor<f32> into tensor<1x1x1xf32>
func.func @reshape_rank0(%a: tensor<1x1xf32>, %b: tensor<f32>) -> (tensor<f32>, tensor<1x1x1xf32>) {
  %0 = kiln.reshape %a : tensor<1x1xf32> to tensor<f32>
  %1 = kiln.reshape %b : tensor<f32> to tensor<1x1x1xf32>
  return %0, %1 : tensor<f32>, tensor<1x1x1xf32>
}

// -----

// Transpose is `linalg.transpose`.
// CHECK-LABEL: func.func @transpose_3d
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3x4xf32>
//       CHECK:   %[[INIT:.+]] = tensor.empty() : tensor<4x2x3xf32>
//       CHECK:   linalg.transpose ins(%[[INPUT]] : tensor<2x3x4xf32>) outs(%[[INIT]] : tensor<4x2x3xf32>) permutation = [2, 0, 1]
func.func @transpose_3d(%input: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %y = kiln.transpose %input {permutation = array<i64: 2, 0, 1>} : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  return %y : tensor<4x2x3xf32>
}

// -----

// Concat inserts each input at its offset along the axis.
// CHECK-LABEL: func.func @concat_axis1
//  CHECK-SAME:   %[[A:[a-zA-Z0-9_]+]]: tensor<2x3xf32>, %[[B:[a-zA-Z0-9_]+]]: tensor<2x1xf32>
//       CHECK:   %[[INIT:.+]] = tensor.empty() : tensor<2x4xf32>
//       CHECK:   %[[FIRST:.+]] = tensor.insert_slice %[[A]] into %[[INIT]][0, 0] [2, 3] [1, 1]
//       CHECK:   %[[SECOND:.+]] = tensor.insert_slice %[[B]] into %[[FIRST]][0, 3] [2, 1] [1, 1]
//       CHECK:   return %[[SECOND]]
func.func @concat_axis1(%a: tensor<2x3xf32>, %b: tensor<2x1xf32>) -> tensor<2x4xf32> {
  %y = kiln.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// A slice with positive strides is one `tensor.extract_slice`.
// CHECK-LABEL: func.func @slice_positive_strides
//       CHECK:   tensor.extract_slice %{{.+}}[1, 0] [2, 8] [2, 1] : tensor<4x8xf32> to tensor<2x8xf32>
//   CHECK-NOT:   linalg.generic
func.func @slice_positive_strides(%input: tensor<4x8xf32>) -> tensor<2x8xf32> {
  %y = kiln.slice %input {starts = array<i64: 1, 0>, limits = array<i64: 4, 8>, strides = array<i64: 2, 1>} : tensor<4x8xf32> -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// A negative stride extracts the elements in ascending order (7, 5, 3, 1
// read as 1, 3, 5, 7), then a generic reads them back to front.
// CHECK-DAG: #[[$REVERSE:.+]] = affine_map<(d0, d1) -> (d0, -d1 + 3)>
// CHECK-DAG: #[[$ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @slice_negative_stride
//       CHECK:   %[[SLICE:.+]] = tensor.extract_slice %{{.+}}[0, 1] [4, 4] [1, 2] : tensor<4x8xf32> to tensor<4x4xf32>
//       CHECK:   linalg.generic {indexing_maps = [#[[$REVERSE]], #[[$ID]]]
//  CHECK-SAME:       ins(%[[SLICE]] : tensor<4x4xf32>)
func.func @slice_negative_stride(%input: tensor<4x8xf32>) -> tensor<4x4xf32> {
  %y = kiln.slice %input {starts = array<i64: 0, 7>, limits = array<i64: 4, -1>, strides = array<i64: 1, -2>} : tensor<4x8xf32> -> tensor<4x4xf32>
  return %y : tensor<4x4xf32>
}

// -----

// An empty slice is an empty tensor.
// CHECK-LABEL: func.func @slice_empty
//       CHECK:   %[[EMPTY:.+]] = tensor.empty() : tensor<0x8xf32>
//       CHECK:   return %[[EMPTY]]
func.func @slice_empty(%input: tensor<4x8xf32>) -> tensor<0x8xf32> {
  %y = kiln.slice %input {starts = array<i64: 2, 0>, limits = array<i64: 2, 8>, strides = array<i64: 1, 1>} : tensor<4x8xf32> -> tensor<0x8xf32>
  return %y : tensor<0x8xf32>
}

// -----

// Gather reads the index through the result's middle dimensions, wraps a
// negative index (`idx + dim`), clamps it into range and extracts from
// `data`.
// CHECK-DAG: #[[$INDICES:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2)>
// CHECK-LABEL: func.func @gather_axis1
//  CHECK-SAME:   %[[DATA:[a-zA-Z0-9_]+]]: tensor<4x5x3xf32>, %[[INDICES:[a-zA-Z0-9_]+]]: tensor<2x2xi64>
//       CHECK:   linalg.generic {indexing_maps = [#[[$INDICES]], #{{.+}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
//  CHECK-SAME:       ins(%[[INDICES]] : tensor<2x2xi64>)
//       CHECK:   ^bb0(%[[IDX:.+]]: i64, %{{.+}}: f32):
//       CHECK:     %[[D0:.+]] = linalg.index 0 : index
//       CHECK:     %[[D3:.+]] = linalg.index 3 : index
//       CHECK:     %[[ZERO:.+]] = arith.constant 0 : i64
//       CHECK:     %[[NEGATIVE:.+]] = arith.cmpi slt, %[[IDX]], %[[ZERO]] : i64
//       CHECK:     %[[DIM:.+]] = arith.constant 5 : i64
//       CHECK:     %[[SHIFTED:.+]] = arith.addi %[[IDX]], %[[DIM]] : i64
//       CHECK:     %[[WRAPPED:.+]] = arith.select %[[NEGATIVE]], %[[SHIFTED]], %[[IDX]] : i64
//       CHECK:     %[[LOW:.+]] = arith.maxsi %[[WRAPPED]], %[[ZERO]] : i64
//       CHECK:     %[[LAST:.+]] = arith.constant 4 : i64
//       CHECK:     %[[CLAMPED:.+]] = arith.minsi %[[LOW]], %[[LAST]] : i64
//       CHECK:     %[[INDEX:.+]] = arith.index_cast %[[CLAMPED]] : i64 to index
//       CHECK:     %[[ELEMENT:.+]] = tensor.extract %[[DATA]][%[[D0]], %[[INDEX]], %[[D3]]] : tensor<4x5x3xf32>
//       CHECK:     linalg.yield %[[ELEMENT]] : f32
func.func @gather_axis1(%data: tensor<4x5x3xf32>, %indices: tensor<2x2xi64>) -> tensor<4x2x2x3xf32> {
  %y = kiln.gather %data, %indices {axis = 1 : i64} : (tensor<4x5x3xf32>, tensor<2x2xi64>) -> tensor<4x2x2x3xf32>
  return %y : tensor<4x2x2x3xf32>
}

// -----

// A rank-0 index reads through a map with no results.
// CHECK-DAG: #[[$SCALAR:.+]] = affine_map<(d0) -> ()>
// CHECK-LABEL: func.func @gather_scalar_index
//       CHECK:   linalg.generic {indexing_maps = [#[[$SCALAR]], #{{.+}}]
//       CHECK:     arith.index_cast %{{.+}} : i32 to index
func.func @gather_scalar_index(%data: tensor<4x3xf32>, %index: tensor<i32>) -> tensor<3xf32> {
  %y = kiln.gather %data, %index {axis = 0 : i64} : (tensor<4x3xf32>, tensor<i32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}

// -----

// GatherElements replaces the axis coordinate by the wrapped index.
// CHECK-LABEL: func.func @gather_elements_axis1
//  CHECK-SAME:   %[[DATA:[a-zA-Z0-9_]+]]: tensor<3x4xf32>
//       CHECK:     %[[D0:.+]] = linalg.index 0 : index
//       CHECK:     arith.constant 4 : i64
//       CHECK:     %[[INDEX:.+]] = arith.index_cast %{{.+}} : i64 to index
//       CHECK:     tensor.extract %[[DATA]][%[[D0]], %[[INDEX]]] : tensor<3x4xf32>
func.func @gather_elements_axis1(%data: tensor<3x4xf32>, %indices: tensor<3x2xi64>) -> tensor<3x2xf32> {
  %y = kiln.gather_elements %data, %indices {axis = 1 : i64} : (tensor<3x4xf32>, tensor<3x2xi64>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

// Expand is a generic copying through a broadcasting map.
// CHECK-DAG: #[[$BROADCAST:.+]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func.func @expand_3x1
//       CHECK:   linalg.generic {indexing_maps = [#[[$BROADCAST]], #{{.+}}], iterator_types = ["parallel", "parallel", "parallel"]}
//       CHECK:   ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32):
//  CHECK-NEXT:     linalg.yield %[[IN]] : f32
func.func @expand_3x1(%input: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %y = kiln.expand %input : tensor<3x1xf32> -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}
