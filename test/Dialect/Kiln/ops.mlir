// RUN: kiln-opt %s | kiln-opt | FileCheck %s

// Round trip of every `kiln` op: the printed form parses back to itself.

//===----------------------------------------------------------------------===//
// Unary ops
//===----------------------------------------------------------------------===//

// `kiln.abs` (any numeric element type) prints its one type.
// CHECK-LABEL: func.func @abs
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xi32>
//       CHECK:   kiln.abs %[[INPUT]] : tensor<2x3xi32>
func.func @abs(%input: tensor<2x3xi32>) -> tensor<2x3xi32> {
  %0 = kiln.abs %input : tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// `kiln.ceil` (float only) prints its one type.
// CHECK-LABEL: func.func @ceil
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//       CHECK:   kiln.ceil %[[INPUT]] : tensor<2x3xf32>
func.func @ceil(%input: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.ceil %input : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// `kiln.cos` (float only) prints its one type.
// CHECK-LABEL: func.func @cos
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//       CHECK:   kiln.cos %[[INPUT]] : tensor<2x3xf32>
func.func @cos(%input: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.cos %input : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// `kiln.erf` (float only) prints its one type.
// CHECK-LABEL: func.func @erf
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//       CHECK:   kiln.erf %[[INPUT]] : tensor<2x3xf32>
func.func @erf(%input: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.erf %input : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// `kiln.exp` (float only) prints its one type.
// CHECK-LABEL: func.func @exp
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//       CHECK:   kiln.exp %[[INPUT]] : tensor<2x3xf32>
func.func @exp(%input: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.exp %input : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// `kiln.floor` (float only) prints its one type.
// CHECK-LABEL: func.func @floor
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//       CHECK:   kiln.floor %[[INPUT]] : tensor<2x3xf32>
func.func @floor(%input: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.floor %input : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// `kiln.log` (float only) prints its one type.
// CHECK-LABEL: func.func @log
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//       CHECK:   kiln.log %[[INPUT]] : tensor<2x3xf32>
func.func @log(%input: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.log %input : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// `kiln.neg` (any numeric element type) prints its one type.
// CHECK-LABEL: func.func @neg
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xi64>
//       CHECK:   kiln.neg %[[INPUT]] : tensor<2x3xi64>
func.func @neg(%input: tensor<2x3xi64>) -> tensor<2x3xi64> {
  %0 = kiln.neg %input : tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// `kiln.not` (i1 only) prints its one type.
// CHECK-LABEL: func.func @not
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xi1>
//       CHECK:   kiln.not %[[INPUT]] : tensor<2x3xi1>
func.func @not(%input: tensor<2x3xi1>) -> tensor<2x3xi1> {
  %0 = kiln.not %input : tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// `kiln.reciprocal` (float only) prints its one type.
// CHECK-LABEL: func.func @reciprocal
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//       CHECK:   kiln.reciprocal %[[INPUT]] : tensor<2x3xf32>
func.func @reciprocal(%input: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.reciprocal %input : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// `kiln.relu` (any numeric element type) prints its one type.
// CHECK-LABEL: func.func @relu
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//       CHECK:   kiln.relu %[[INPUT]] : tensor<2x3xf32>
func.func @relu(%input: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.relu %input : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// `kiln.round` (float only) prints its one type.
// CHECK-LABEL: func.func @round
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//       CHECK:   kiln.round %[[INPUT]] : tensor<2x3xf32>
func.func @round(%input: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.round %input : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// `kiln.sigmoid` (float only) prints its one type.
// CHECK-LABEL: func.func @sigmoid
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xf16>
//       CHECK:   kiln.sigmoid %[[INPUT]] : tensor<2x3xf16>
func.func @sigmoid(%input: tensor<2x3xf16>) -> tensor<2x3xf16> {
  %0 = kiln.sigmoid %input : tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

// `kiln.sign` (any numeric element type) prints its one type.
// CHECK-LABEL: func.func @sign
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xi8>
//       CHECK:   kiln.sign %[[INPUT]] : tensor<2x3xi8>
func.func @sign(%input: tensor<2x3xi8>) -> tensor<2x3xi8> {
  %0 = kiln.sign %input : tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// `kiln.sin` (float only) prints its one type.
// CHECK-LABEL: func.func @sin
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//       CHECK:   kiln.sin %[[INPUT]] : tensor<2x3xf32>
func.func @sin(%input: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.sin %input : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// `kiln.sqrt` (float only) prints its one type.
// CHECK-LABEL: func.func @sqrt
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//       CHECK:   kiln.sqrt %[[INPUT]] : tensor<2x3xf32>
func.func @sqrt(%input: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.sqrt %input : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// `kiln.tanh` (float only) prints its one type.
// CHECK-LABEL: func.func @tanh
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xbf16>
//       CHECK:   kiln.tanh %[[INPUT]] : tensor<2x3xbf16>
func.func @tanh(%input: tensor<2x3xbf16>) -> tensor<2x3xbf16> {
  %0 = kiln.tanh %input : tensor<2x3xbf16>
  return %0 : tensor<2x3xbf16>
}

//===----------------------------------------------------------------------===//
// Broadcasting binary ops
//===----------------------------------------------------------------------===//

// `kiln.add` broadcasts `rhs`.
// CHECK-LABEL: func.func @add
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<2x3xf32>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<3xf32>
//       CHECK:   kiln.add %[[LHS]], %[[RHS]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
func.func @add(%lhs: tensor<2x3xf32>, %rhs: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.add %lhs, %rhs : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// `kiln.div` takes integers.
// CHECK-LABEL: func.func @div
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<2x3xi32>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<2x3xi32>
//       CHECK:   kiln.div %[[LHS]], %[[RHS]] : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
func.func @div(%lhs: tensor<2x3xi32>, %rhs: tensor<2x3xi32>) -> tensor<2x3xi32> {
  %0 = kiln.div %lhs, %rhs : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// `kiln.max` broadcasts both operands.
// CHECK-LABEL: func.func @max
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<4x1xf32>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<1x5xf32>
//       CHECK:   kiln.max %[[LHS]], %[[RHS]] : (tensor<4x1xf32>, tensor<1x5xf32>) -> tensor<4x5xf32>
func.func @max(%lhs: tensor<4x1xf32>, %rhs: tensor<1x5xf32>) -> tensor<4x5xf32> {
  %0 = kiln.max %lhs, %rhs : (tensor<4x1xf32>, tensor<1x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// `kiln.min` keeps the shape.
// CHECK-LABEL: func.func @min
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<2x3xf32>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//       CHECK:   kiln.min %[[LHS]], %[[RHS]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @min(%lhs: tensor<2x3xf32>, %rhs: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.min %lhs, %rhs : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// `kiln.mul` broadcasts a scalar.
// CHECK-LABEL: func.func @mul
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<2x3xf32>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<f32>
//       CHECK:   kiln.mul %[[LHS]], %[[RHS]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
func.func @mul(%lhs: tensor<2x3xf32>, %rhs: tensor<f32>) -> tensor<2x3xf32> {
  %0 = kiln.mul %lhs, %rhs : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// `kiln.pow` keeps the shape.
// CHECK-LABEL: func.func @pow
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<2x3xf32>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//       CHECK:   kiln.pow %[[LHS]], %[[RHS]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @pow(%lhs: tensor<2x3xf32>, %rhs: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.pow %lhs, %rhs : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// `kiln.sub` broadcasts `lhs`.
// CHECK-LABEL: func.func @sub
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<3xi64>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<2x3xi64>
//       CHECK:   kiln.sub %[[LHS]], %[[RHS]] : (tensor<3xi64>, tensor<2x3xi64>) -> tensor<2x3xi64>
func.func @sub(%lhs: tensor<3xi64>, %rhs: tensor<2x3xi64>) -> tensor<2x3xi64> {
  %0 = kiln.sub %lhs, %rhs : (tensor<3xi64>, tensor<2x3xi64>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// `kiln.equal` returns `i1`.
// CHECK-LABEL: func.func @equal
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<2x3xf32>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<3xf32>
//       CHECK:   kiln.equal %[[LHS]], %[[RHS]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
func.func @equal(%lhs: tensor<2x3xf32>, %rhs: tensor<3xf32>) -> tensor<2x3xi1> {
  %0 = kiln.equal %lhs, %rhs : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// `kiln.greater` returns `i1`.
// CHECK-LABEL: func.func @greater
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<2x3xi32>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<2x3xi32>
//       CHECK:   kiln.greater %[[LHS]], %[[RHS]] : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi1>
func.func @greater(%lhs: tensor<2x3xi32>, %rhs: tensor<2x3xi32>) -> tensor<2x3xi1> {
  %0 = kiln.greater %lhs, %rhs : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// `kiln.greater_equal` returns `i1`.
// CHECK-LABEL: func.func @greater_equal
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<2x3xf32>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//       CHECK:   kiln.greater_equal %[[LHS]], %[[RHS]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
func.func @greater_equal(%lhs: tensor<2x3xf32>, %rhs: tensor<2x3xf32>) -> tensor<2x3xi1> {
  %0 = kiln.greater_equal %lhs, %rhs : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// `kiln.less` returns `i1`.
// CHECK-LABEL: func.func @less
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<2x3xf32>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<1xf32>
//       CHECK:   kiln.less %[[LHS]], %[[RHS]] : (tensor<2x3xf32>, tensor<1xf32>) -> tensor<2x3xi1>
func.func @less(%lhs: tensor<2x3xf32>, %rhs: tensor<1xf32>) -> tensor<2x3xi1> {
  %0 = kiln.less %lhs, %rhs : (tensor<2x3xf32>, tensor<1xf32>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// `kiln.less_equal` returns `i1`.
// CHECK-LABEL: func.func @less_equal
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<2x3xf32>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//       CHECK:   kiln.less_equal %[[LHS]], %[[RHS]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
func.func @less_equal(%lhs: tensor<2x3xf32>, %rhs: tensor<2x3xf32>) -> tensor<2x3xi1> {
  %0 = kiln.less_equal %lhs, %rhs : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// `kiln.and` takes `i1`.
// CHECK-LABEL: func.func @and
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<2x3xi1>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<2x3xi1>
//       CHECK:   kiln.and %[[LHS]], %[[RHS]] : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
func.func @and(%lhs: tensor<2x3xi1>, %rhs: tensor<2x3xi1>) -> tensor<2x3xi1> {
  %0 = kiln.and %lhs, %rhs : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// `kiln.or` takes `i1`.
// CHECK-LABEL: func.func @or
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<2x3xi1>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<3xi1>
//       CHECK:   kiln.or %[[LHS]], %[[RHS]] : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
func.func @or(%lhs: tensor<2x3xi1>, %rhs: tensor<3xi1>) -> tensor<2x3xi1> {
  %0 = kiln.or %lhs, %rhs : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// `kiln.xor` takes `i1`.
// CHECK-LABEL: func.func @xor
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<2x3xi1>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<2x3xi1>
//       CHECK:   kiln.xor %[[LHS]], %[[RHS]] : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
func.func @xor(%lhs: tensor<2x3xi1>, %rhs: tensor<2x3xi1>) -> tensor<2x3xi1> {
  %0 = kiln.xor %lhs, %rhs : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

//===----------------------------------------------------------------------===//
// Other elementwise ops
//===----------------------------------------------------------------------===//

// `kiln.cast` changes the element type and keeps the shape.
// CHECK-LABEL: func.func @cast
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x3xi64>
//       CHECK:   kiln.cast %[[INPUT]] : tensor<2x3xi64> to tensor<2x3xf32>
func.func @cast(%input: tensor<2x3xi64>) -> tensor<2x3xf32> {
  %0 = kiln.cast %input : tensor<2x3xi64> to tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// `kiln.clip` always carries both bounds.
// CHECK-LABEL: func.func @clip
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<1x32x4x4xf32>
//       CHECK:   kiln.clip %[[INPUT]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : tensor<1x32x4x4xf32>
func.func @clip(%input: tensor<1x32x4x4xf32>) -> tensor<1x32x4x4xf32> {
  %0 = kiln.clip %input {max = 6.0 : f64, min = 0.0 : f64} : tensor<1x32x4x4xf32>
  return %0 : tensor<1x32x4x4xf32>
}

// `kiln.select` broadcasts its three operands.
// CHECK-LABEL: func.func @select
//  CHECK-SAME:   %[[CONDITION:[a-zA-Z0-9_]+]]: tensor<4xi1>, %[[ON_TRUE:[a-zA-Z0-9_]+]]: tensor<2x4xf32>, %[[ON_FALSE:[a-zA-Z0-9_]+]]: tensor<f32>
//       CHECK:   kiln.select %[[CONDITION]], %[[ON_TRUE]], %[[ON_FALSE]] : (tensor<4xi1>, tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
func.func @select(%condition: tensor<4xi1>, %on_true: tensor<2x4xf32>, %on_false: tensor<f32>) -> tensor<2x4xf32> {
  %0 = kiln.select %condition, %on_true, %on_false : (tensor<4xi1>, tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

//===----------------------------------------------------------------------===//
// Tensor ops
//===----------------------------------------------------------------------===//

// `kiln.assert` prints its condition, its message and the condition's type.
// CHECK-LABEL: func.func @assert
//  CHECK-SAME:   %[[OK:[a-zA-Z0-9_]+]]: tensor<i1>
//       CHECK:   kiln.assert %[[OK]], "node 'r' (Reshape): input 1 ('shape') must give the declared shape [2, 3]" : tensor<i1>
func.func @assert(%ok: tensor<i1>) {
  kiln.assert %ok, "node 'r' (Reshape): input 1 ('shape') must give the declared shape [2, 3]" : tensor<i1>
  return
}

// `kiln.concat` joins any number of inputs along `axis`.
// CHECK-LABEL: func.func @concat
//  CHECK-SAME:   %[[A:[a-zA-Z0-9_]+]]: tensor<1x64x8x8xf32>, %[[B:[a-zA-Z0-9_]+]]: tensor<1x32x8x8xf32>, %[[C:[a-zA-Z0-9_]+]]: tensor<1x16x8x8xf32>
//       CHECK:   kiln.concat %[[A]], %[[B]], %[[C]] {axis = 1 : i64} : (tensor<1x64x8x8xf32>, tensor<1x32x8x8xf32>, tensor<1x16x8x8xf32>) -> tensor<1x112x8x8xf32>
func.func @concat(%a: tensor<1x64x8x8xf32>, %b: tensor<1x32x8x8xf32>, %c: tensor<1x16x8x8xf32>) -> tensor<1x112x8x8xf32> {
  %0 = kiln.concat %a, %b, %c {axis = 1 : i64} : (tensor<1x64x8x8xf32>, tensor<1x32x8x8xf32>, tensor<1x16x8x8xf32>) -> tensor<1x112x8x8xf32>
  return %0 : tensor<1x112x8x8xf32>
}

// `kiln.constant` prints its value after the attribute dictionary.
// CHECK-LABEL: func.func @constant
//       CHECK:   kiln.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
func.func @constant() -> tensor<2xf32> {
  %0 = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// `kiln.expand` broadcasts to the result type written in the IR.
// CHECK-LABEL: func.func @expand
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<3x1xf32>
//       CHECK:   kiln.expand %[[INPUT]] : tensor<3x1xf32> -> tensor<2x3x4xf32>
func.func @expand(%input: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.expand %input : tensor<3x1xf32> -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// `kiln.gather` takes `i64` or `i32` indices.
// CHECK-LABEL: func.func @gather
//  CHECK-SAME:   %[[DATA:[a-zA-Z0-9_]+]]: tensor<100x16xf32>, %[[INDICES:[a-zA-Z0-9_]+]]: tensor<2x3xi32>
//       CHECK:   kiln.gather %[[DATA]], %[[INDICES]] {axis = 0 : i64} : (tensor<100x16xf32>, tensor<2x3xi32>) -> tensor<2x3x16xf32>
func.func @gather(%data: tensor<100x16xf32>, %indices: tensor<2x3xi32>) -> tensor<2x3x16xf32> {
  %0 = kiln.gather %data, %indices {axis = 0 : i64} : (tensor<100x16xf32>, tensor<2x3xi32>) -> tensor<2x3x16xf32>
  return %0 : tensor<2x3x16xf32>
}

// `kiln.gather_elements` returns the shape of its indices.
// CHECK-LABEL: func.func @gather_elements
//  CHECK-SAME:   %[[DATA:[a-zA-Z0-9_]+]]: tensor<3x4xf32>, %[[INDICES:[a-zA-Z0-9_]+]]: tensor<3x2xi64>
//       CHECK:   kiln.gather_elements %[[DATA]], %[[INDICES]] {axis = 1 : i64} : (tensor<3x4xf32>, tensor<3x2xi64>) -> tensor<3x2xf32>
func.func @gather_elements(%data: tensor<3x4xf32>, %indices: tensor<3x2xi64>) -> tensor<3x2xf32> {
  %0 = kiln.gather_elements %data, %indices {axis = 1 : i64} : (tensor<3x4xf32>, tensor<3x2xi64>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// `kiln.reshape` keeps the element count.
// CHECK-LABEL: func.func @reshape
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<1x512x1x1xf32>
//       CHECK:   kiln.reshape %[[INPUT]] : tensor<1x512x1x1xf32> to tensor<1x512xf32>
func.func @reshape(%input: tensor<1x512x1x1xf32>) -> tensor<1x512xf32> {
  %0 = kiln.reshape %input : tensor<1x512x1x1xf32> to tensor<1x512xf32>
  return %0 : tensor<1x512xf32>
}

// `kiln.slice` spells out every dimension; here one walks backwards.
// CHECK-LABEL: func.func @slice
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<4x8xf32>
//       CHECK:   kiln.slice %[[INPUT]] {limits = array<i64: 4, -1>, starts = array<i64: 1, 7>, strides = array<i64: 2, -2>} : tensor<4x8xf32> -> tensor<2x4xf32>
func.func @slice(%input: tensor<4x8xf32>) -> tensor<2x4xf32> {
  %0 = kiln.slice %input {limits = array<i64: 4, -1>, starts = array<i64: 1, 7>, strides = array<i64: 2, -2>} : tensor<4x8xf32> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// `kiln.top_k` has two results: values and `i64` indices.
// CHECK-LABEL: func.func @top_k
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x10xf32>
//       CHECK:   %[[VALUES:.*]], %[[INDICES:.*]] = kiln.top_k %[[INPUT]] {axis = 1 : i64, k = 3 : i64, largest = false, sorted = true} : tensor<2x10xf32> -> tensor<2x3xf32>, tensor<2x3xi64>
//       CHECK:   return %[[VALUES]], %[[INDICES]]
func.func @top_k(%input: tensor<2x10xf32>) -> (tensor<2x3xf32>, tensor<2x3xi64>) {
  %values, %indices = kiln.top_k %input {axis = 1 : i64, k = 3 : i64, largest = false, sorted = true} : tensor<2x10xf32> -> tensor<2x3xf32>, tensor<2x3xi64>
  return %values, %indices : tensor<2x3xf32>, tensor<2x3xi64>
}

// `kiln.transpose` permutes the dimensions.
// CHECK-LABEL: func.func @transpose
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<1x128x4x64xf32>
//       CHECK:   kiln.transpose %[[INPUT]] {permutation = array<i64: 0, 2, 1, 3>} : tensor<1x128x4x64xf32> -> tensor<1x4x128x64xf32>
func.func @transpose(%input: tensor<1x128x4x64xf32>) -> tensor<1x4x128x64xf32> {
  %0 = kiln.transpose %input {permutation = array<i64: 0, 2, 1, 3>} : tensor<1x128x4x64xf32> -> tensor<1x4x128x64xf32>
  return %0 : tensor<1x4x128x64xf32>
}

//===----------------------------------------------------------------------===//
// NN ops
//===----------------------------------------------------------------------===//

// `kiln.gemm` with its optional addend `c`.
// CHECK-LABEL: func.func @gemm
//  CHECK-SAME:   %[[A:[a-zA-Z0-9_]+]]: tensor<1x512xf32>, %[[B:[a-zA-Z0-9_]+]]: tensor<1000x512xf32>, %[[C:[a-zA-Z0-9_]+]]: tensor<1000xf32>
//       CHECK:   kiln.gemm %[[A]], %[[B]], %[[C]] {alpha = 1.000000e+00 : f32, beta = 5.000000e-01 : f32, trans_a = false, trans_b = true} : (tensor<1x512xf32>, tensor<1000x512xf32>, tensor<1000xf32>) -> tensor<1x1000xf32>
func.func @gemm(%a: tensor<1x512xf32>, %b: tensor<1000x512xf32>, %c: tensor<1000xf32>) -> tensor<1x1000xf32> {
  %0 = kiln.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 0.5 : f32, trans_a = false, trans_b = true} : (tensor<1x512xf32>, tensor<1000x512xf32>, tensor<1000xf32>) -> tensor<1x1000xf32>
  return %0 : tensor<1x1000xf32>
}

// `kiln.gemm` without `c` prints two operands.
// CHECK-LABEL: func.func @gemm_without_c
//  CHECK-SAME:   %[[A:[a-zA-Z0-9_]+]]: tensor<3x4xi32>, %[[B:[a-zA-Z0-9_]+]]: tensor<4x5xi32>
//       CHECK:   kiln.gemm %[[A]], %[[B]] {alpha = 1.000000e+00 : f32, beta = 0.000000e+00 : f32, trans_a = false, trans_b = false} : (tensor<3x4xi32>, tensor<4x5xi32>) -> tensor<3x5xi32>
func.func @gemm_without_c(%a: tensor<3x4xi32>, %b: tensor<4x5xi32>) -> tensor<3x5xi32> {
  %0 = kiln.gemm %a, %b {alpha = 1.0 : f32, beta = 0.0 : f32, trans_a = false, trans_b = false} : (tensor<3x4xi32>, tensor<4x5xi32>) -> tensor<3x5xi32>
  return %0 : tensor<3x5xi32>
}

// `kiln.matmul` broadcasts the batch dimensions.
// CHECK-LABEL: func.func @matmul
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<2x1x8x16xf32>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<3x16x4xf32>
//       CHECK:   kiln.matmul %[[LHS]], %[[RHS]] : (tensor<2x1x8x16xf32>, tensor<3x16x4xf32>) -> tensor<2x3x8x4xf32>
func.func @matmul(%lhs: tensor<2x1x8x16xf32>, %rhs: tensor<3x16x4xf32>) -> tensor<2x3x8x4xf32> {
  %0 = kiln.matmul %lhs, %rhs : (tensor<2x1x8x16xf32>, tensor<3x16x4xf32>) -> tensor<2x3x8x4xf32>
  return %0 : tensor<2x3x8x4xf32>
}

// `kiln.avg_pool` carries every window attribute.
// CHECK-LABEL: func.func @avg_pool
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<1x64x112x112xf32>
//       CHECK:   kiln.avg_pool %[[INPUT]] {ceil_mode = false, count_include_pad = true, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<1x64x112x112xf32> -> tensor<1x64x56x56xf32>
func.func @avg_pool(%input: tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32> {
  %0 = kiln.avg_pool %input {ceil_mode = false, count_include_pad = true, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<1x64x112x112xf32> -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// `kiln.conv` with its optional bias.
// CHECK-LABEL: func.func @conv
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<1x3x224x224xf32>, %[[WEIGHT:[a-zA-Z0-9_]+]]: tensor<64x3x7x7xf32>, %[[BIAS:[a-zA-Z0-9_]+]]: tensor<64xf32>
//       CHECK:   kiln.conv %[[INPUT]], %[[WEIGHT]], %[[BIAS]] {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 3, 3, 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
func.func @conv(%input: tensor<1x3x224x224xf32>, %weight: tensor<64x3x7x7xf32>, %bias: tensor<64xf32>) -> tensor<1x64x112x112xf32> {
  %0 = kiln.conv %input, %weight, %bias {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 3, 3, 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
  return %0 : tensor<1x64x112x112xf32>
}

// `kiln.conv` without bias, 1-D and depthwise.
// CHECK-LABEL: func.func @conv_without_bias
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<1x8x32xf32>, %[[WEIGHT:[a-zA-Z0-9_]+]]: tensor<8x1x3xf32>
//       CHECK:   kiln.conv %[[INPUT]], %[[WEIGHT]] {dilations = array<i64: 1>, group = 8 : i64, pads = array<i64: 1, 1>, strides = array<i64: 1>} : (tensor<1x8x32xf32>, tensor<8x1x3xf32>) -> tensor<1x8x32xf32>
func.func @conv_without_bias(%input: tensor<1x8x32xf32>, %weight: tensor<8x1x3xf32>) -> tensor<1x8x32xf32> {
  %0 = kiln.conv %input, %weight {dilations = array<i64: 1>, group = 8 : i64, pads = array<i64: 1, 1>, strides = array<i64: 1>} : (tensor<1x8x32xf32>, tensor<8x1x3xf32>) -> tensor<1x8x32xf32>
  return %0 : tensor<1x8x32xf32>
}

// `kiln.max_pool` carries every window attribute.
// CHECK-LABEL: func.func @max_pool
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<1x64x112x112xf32>
//       CHECK:   kiln.max_pool %[[INPUT]] {ceil_mode = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<1x64x112x112xf32> -> tensor<1x64x56x56xf32>
func.func @max_pool(%input: tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32> {
  %0 = kiln.max_pool %input {ceil_mode = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<1x64x112x112xf32> -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// `kiln.batch_norm` takes four per-channel operands.
// CHECK-LABEL: func.func @batch_norm
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<1x16x8x8xf32>, %[[SCALE:[a-zA-Z0-9_]+]]: tensor<16xf32>, %[[BIAS:[a-zA-Z0-9_]+]]: tensor<16xf32>, %[[MEAN:[a-zA-Z0-9_]+]]: tensor<16xf32>, %[[VARIANCE:[a-zA-Z0-9_]+]]: tensor<16xf32>
//       CHECK:   kiln.batch_norm %[[INPUT]], %[[SCALE]], %[[BIAS]], %[[MEAN]], %[[VARIANCE]] {epsilon = 9.99999974E-6 : f32} : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
func.func @batch_norm(%input: tensor<1x16x8x8xf32>, %scale: tensor<16xf32>, %bias: tensor<16xf32>, %mean: tensor<16xf32>, %variance: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  %0 = kiln.batch_norm %input, %scale, %bias, %mean, %variance {epsilon = 1.0e-05 : f32} : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// `kiln.layer_norm` normalizes from `axis` to the last dimension.
// CHECK-LABEL: func.func @layer_norm
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<1x128x768xf32>, %[[SCALE:[a-zA-Z0-9_]+]]: tensor<768xf32>, %[[BIAS:[a-zA-Z0-9_]+]]: tensor<768xf32>
//       CHECK:   kiln.layer_norm %[[INPUT]], %[[SCALE]], %[[BIAS]] {axis = 2 : i64, epsilon = 9.99999996E-13 : f32} : (tensor<1x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<1x128x768xf32>
func.func @layer_norm(%input: tensor<1x128x768xf32>, %scale: tensor<768xf32>, %bias: tensor<768xf32>) -> tensor<1x128x768xf32> {
  %0 = kiln.layer_norm %input, %scale, %bias {axis = 2 : i64, epsilon = 1.0e-12 : f32} : (tensor<1x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<1x128x768xf32>
  return %0 : tensor<1x128x768xf32>
}

// `kiln.log_softmax` keeps its input's type.
// CHECK-LABEL: func.func @log_softmax
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<4x10xf32>
//       CHECK:   kiln.log_softmax %[[INPUT]] {axis = 1 : i64} : tensor<4x10xf32>
func.func @log_softmax(%input: tensor<4x10xf32>) -> tensor<4x10xf32> {
  %0 = kiln.log_softmax %input {axis = 1 : i64} : tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

// `kiln.softmax` keeps its input's type.
// CHECK-LABEL: func.func @softmax
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<4x10xf32>
//       CHECK:   kiln.softmax %[[INPUT]] {axis = 0 : i64} : tensor<4x10xf32>
func.func @softmax(%input: tensor<4x10xf32>) -> tensor<4x10xf32> {
  %0 = kiln.softmax %input {axis = 0 : i64} : tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

// `kiln.reduce_max` keeps the reduced dimensions as 1.
// CHECK-LABEL: func.func @reduce_max
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<1x512x7x7xf32>
//       CHECK:   kiln.reduce_max %[[INPUT]] {axes = array<i64: 2, 3>, keep_dims = true} : tensor<1x512x7x7xf32> -> tensor<1x512x1x1xf32>
func.func @reduce_max(%input: tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32> {
  %0 = kiln.reduce_max %input {axes = array<i64: 2, 3>, keep_dims = true} : tensor<1x512x7x7xf32> -> tensor<1x512x1x1xf32>
  return %0 : tensor<1x512x1x1xf32>
}

// `kiln.reduce_mean` drops the reduced dimensions.
// CHECK-LABEL: func.func @reduce_mean
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<1x512x7x7xf32>
//       CHECK:   kiln.reduce_mean %[[INPUT]] {axes = array<i64: 2, 3>, keep_dims = false} : tensor<1x512x7x7xf32> -> tensor<1x512xf32>
func.func @reduce_mean(%input: tensor<1x512x7x7xf32>) -> tensor<1x512xf32> {
  %0 = kiln.reduce_mean %input {axes = array<i64: 2, 3>, keep_dims = false} : tensor<1x512x7x7xf32> -> tensor<1x512xf32>
  return %0 : tensor<1x512xf32>
}

// `kiln.reduce_min` keeps the reduced dimensions as 1.
// CHECK-LABEL: func.func @reduce_min
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<1x512x7x7xf32>
//       CHECK:   kiln.reduce_min %[[INPUT]] {axes = array<i64: 2, 3>, keep_dims = true} : tensor<1x512x7x7xf32> -> tensor<1x512x1x1xf32>
func.func @reduce_min(%input: tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32> {
  %0 = kiln.reduce_min %input {axes = array<i64: 2, 3>, keep_dims = true} : tensor<1x512x7x7xf32> -> tensor<1x512x1x1xf32>
  return %0 : tensor<1x512x1x1xf32>
}

// `kiln.reduce_prod` drops the reduced dimensions.
// CHECK-LABEL: func.func @reduce_prod
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<1x512x7x7xi32>
//       CHECK:   kiln.reduce_prod %[[INPUT]] {axes = array<i64: 2, 3>, keep_dims = false} : tensor<1x512x7x7xi32> -> tensor<1x512xi32>
func.func @reduce_prod(%input: tensor<1x512x7x7xi32>) -> tensor<1x512xi32> {
  %0 = kiln.reduce_prod %input {axes = array<i64: 2, 3>, keep_dims = false} : tensor<1x512x7x7xi32> -> tensor<1x512xi32>
  return %0 : tensor<1x512xi32>
}

// `kiln.reduce_sum` drops the reduced dimensions.
// CHECK-LABEL: func.func @reduce_sum
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<1x512x7x7xf32>
//       CHECK:   kiln.reduce_sum %[[INPUT]] {axes = array<i64: 2, 3>, keep_dims = false} : tensor<1x512x7x7xf32> -> tensor<1x512xf32>
func.func @reduce_sum(%input: tensor<1x512x7x7xf32>) -> tensor<1x512xf32> {
  %0 = kiln.reduce_sum %input {axes = array<i64: 2, 3>, keep_dims = false} : tensor<1x512x7x7xf32> -> tensor<1x512xf32>
  return %0 : tensor<1x512xf32>
}

// `kiln.lstm` forward, without peepholes or clip.
// CHECK-LABEL: func.func @lstm
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<10x1x8xf32>, %[[W:[a-zA-Z0-9_]+]]: tensor<1x64x8xf32>, %[[R:[a-zA-Z0-9_]+]]: tensor<1x64x16xf32>, %[[B:[a-zA-Z0-9_]+]]: tensor<1x128xf32>, %[[INITIAL_H:[a-zA-Z0-9_]+]]: tensor<1x1x16xf32>, %[[INITIAL_C:[a-zA-Z0-9_]+]]: tensor<1x1x16xf32>
//       CHECK:   %[[Y:.*]], %[[Y_H:.*]], %[[Y_C:.*]] = kiln.lstm %[[X]], %[[W]], %[[R]], %[[B]], %[[INITIAL_H]], %[[INITIAL_C]] {activations = ["Sigmoid", "Tanh", "Tanh"], direction = "forward", hidden_size = 16 : i64, input_forget = false} : (tensor<10x1x8xf32>, tensor<1x64x8xf32>, tensor<1x64x16xf32>, tensor<1x128xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>) -> (tensor<10x1x1x16xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>)
//       CHECK:   return %[[Y]], %[[Y_H]], %[[Y_C]]
func.func @lstm(%x: tensor<10x1x8xf32>, %w: tensor<1x64x8xf32>, %r: tensor<1x64x16xf32>, %b: tensor<1x128xf32>, %initial_h: tensor<1x1x16xf32>, %initial_c: tensor<1x1x16xf32>) -> (tensor<10x1x1x16xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>) {
  %y, %y_h, %y_c = kiln.lstm %x, %w, %r, %b, %initial_h, %initial_c {activations = ["Sigmoid", "Tanh", "Tanh"], direction = "forward", hidden_size = 16 : i64, input_forget = false} : (tensor<10x1x8xf32>, tensor<1x64x8xf32>, tensor<1x64x16xf32>, tensor<1x128xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>) -> (tensor<10x1x1x16xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>)
  return %y, %y_h, %y_c : tensor<10x1x1x16xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>
}

// `kiln.lstm` bidirectional, with peepholes and clip.
// CHECK-LABEL: func.func @lstm_bidirectional_peepholes
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<5x2x4xf32>, %[[W:[a-zA-Z0-9_]+]]: tensor<2x32x4xf32>, %[[R:[a-zA-Z0-9_]+]]: tensor<2x32x8xf32>, %[[B:[a-zA-Z0-9_]+]]: tensor<2x64xf32>, %[[INITIAL_H:[a-zA-Z0-9_]+]]: tensor<2x2x8xf32>, %[[INITIAL_C:[a-zA-Z0-9_]+]]: tensor<2x2x8xf32>, %[[PEEPHOLES:[a-zA-Z0-9_]+]]: tensor<2x24xf32>
//       CHECK:   kiln.lstm %[[X]], %[[W]], %[[R]], %[[B]], %[[INITIAL_H]], %[[INITIAL_C]], %[[PEEPHOLES]] {activations = ["Sigmoid", "Tanh", "Tanh", "Sigmoid", "Relu", "Relu"], clip = 3.000000e+00 : f32, direction = "bidirectional", hidden_size = 8 : i64, input_forget = true} : (tensor<5x2x4xf32>, tensor<2x32x4xf32>, tensor<2x32x8xf32>, tensor<2x64xf32>, tensor<2x2x8xf32>, tensor<2x2x8xf32>, tensor<2x24xf32>) -> (tensor<5x2x2x8xf32>, tensor<2x2x8xf32>, tensor<2x2x8xf32>)
func.func @lstm_bidirectional_peepholes(%x: tensor<5x2x4xf32>, %w: tensor<2x32x4xf32>, %r: tensor<2x32x8xf32>, %b: tensor<2x64xf32>, %initial_h: tensor<2x2x8xf32>, %initial_c: tensor<2x2x8xf32>, %peepholes: tensor<2x24xf32>) -> tensor<5x2x2x8xf32> {
  %y, %y_h, %y_c = kiln.lstm %x, %w, %r, %b, %initial_h, %initial_c, %peepholes {activations = ["Sigmoid", "Tanh", "Tanh", "Sigmoid", "Relu", "Relu"], clip = 3.0 : f32, direction = "bidirectional", hidden_size = 8 : i64, input_forget = true} : (tensor<5x2x4xf32>, tensor<2x32x4xf32>, tensor<2x32x8xf32>, tensor<2x64xf32>, tensor<2x2x8xf32>, tensor<2x2x8xf32>, tensor<2x24xf32>) -> (tensor<5x2x2x8xf32>, tensor<2x2x8xf32>, tensor<2x2x8xf32>)
  return %y : tensor<5x2x2x8xf32>
}
