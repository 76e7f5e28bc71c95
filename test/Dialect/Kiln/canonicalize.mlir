// RUN: kiln-opt %s --canonicalize --split-input-file | FileCheck %s

// Folders and canonicalization patterns of the `kiln` ops, each with the
// case it must leave alone.

//===----------------------------------------------------------------------===//
// Identities of binary ops
//===----------------------------------------------------------------------===//

// `x + 0` is `x`.
// CHECK-LABEL: func.func @add_zero
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//   CHECK-NOT:   kiln.add
//       CHECK:   return %[[X]]
func.func @add_zero(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %zero = kiln.constant dense<0.0> : tensor<3xf32>
  %0 = kiln.add %x, %zero : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// `x + 0` where the zero broadcasts `x` to a bigger shape is not `x`.
// CHECK-LABEL: func.func @negative_add_zero_broadcasts_lhs
//       CHECK:   %[[SUM:.*]] = kiln.add
//       CHECK:   return %[[SUM]]
func.func @negative_add_zero_broadcasts_lhs(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  %zero = kiln.constant dense<0.0> : tensor<2x3xf32>
  %0 = kiln.add %x, %zero : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// `x - 0` is `x`, for integers too.
// CHECK-LABEL: func.func @sub_zero
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<4xi32>
//   CHECK-NOT:   kiln.sub
//       CHECK:   return %[[X]]
func.func @sub_zero(%x: tensor<4xi32>) -> tensor<4xi32> {
  %zero = kiln.constant dense<0> : tensor<4xi32>
  %0 = kiln.sub %x, %zero : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// `0 - x` is `-x`, not `x`: only a zero on the right folds.
// CHECK-LABEL: func.func @negative_sub_from_zero
//       CHECK:   %[[DIFF:.*]] = kiln.sub
//       CHECK:   return %[[DIFF]]
func.func @negative_sub_from_zero(%x: tensor<4xf32>) -> tensor<4xf32> {
  %zero = kiln.constant dense<0.0> : tensor<4xf32>
  %0 = kiln.sub %zero, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// `x * 1` is `x`.
// CHECK-LABEL: func.func @mul_one
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<4xf32>
//   CHECK-NOT:   kiln.mul
//       CHECK:   return %[[X]]
func.func @mul_one(%x: tensor<4xf32>) -> tensor<4xf32> {
  %one = kiln.constant dense<1.0> : tensor<f32>
  %0 = kiln.mul %x, %one : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// `x * 2` stays.
// CHECK-LABEL: func.func @negative_mul_two
//       CHECK:   %[[PRODUCT:.*]] = kiln.mul
//       CHECK:   return %[[PRODUCT]]
func.func @negative_mul_two(%x: tensor<4xf32>) -> tensor<4xf32> {
  %two = kiln.constant dense<2.0> : tensor<4xf32>
  %0 = kiln.mul %x, %two : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// `x / 1` is `x`.
// CHECK-LABEL: func.func @div_one
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<4xi64>
//   CHECK-NOT:   kiln.div
//       CHECK:   return %[[X]]
func.func @div_one(%x: tensor<4xi64>) -> tensor<4xi64> {
  %one = kiln.constant dense<1> : tensor<4xi64>
  %0 = kiln.div %x, %one : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// `x ^ 1` is `x`.
// CHECK-LABEL: func.func @pow_one
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<4xf32>
//   CHECK-NOT:   kiln.pow
//       CHECK:   return %[[X]]
func.func @pow_one(%x: tensor<4xf32>) -> tensor<4xf32> {
  %one = kiln.constant dense<1.0> : tensor<4xf32>
  %0 = kiln.pow %x, %one : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// `max(x, x)` is `x`.
// CHECK-LABEL: func.func @max_same_operand
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<4xf32>
//   CHECK-NOT:   kiln.max
//       CHECK:   return %[[X]]
func.func @max_same_operand(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = kiln.max %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// `min(x, x)` is `x`.
// CHECK-LABEL: func.func @min_same_operand
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<4xf32>
//   CHECK-NOT:   kiln.min
//       CHECK:   return %[[X]]
func.func @min_same_operand(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = kiln.min %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// `max(x, y)` of two different values stays.
// CHECK-LABEL: func.func @negative_max_different_operands
//       CHECK:   %[[MAX:.*]] = kiln.max
//       CHECK:   return %[[MAX]]
func.func @negative_max_different_operands(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = kiln.max %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// Constant folding of binary ops
//===----------------------------------------------------------------------===//

// -----

// Two float constants of the result's shape fold, elementwise.
// CHECK-LABEL: func.func @add_constants
//       CHECK:   %[[SUM:.*]] = kiln.constant dense<[4.000000e+00, 6.000000e+00]> : tensor<2xf32>
//   CHECK-NOT:   kiln.add
//       CHECK:   return %[[SUM]]
func.func @add_constants() -> tensor<2xf32> {
  %a = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %b = kiln.constant dense<[3.0, 4.0]> : tensor<2xf32>
  %0 = kiln.add %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Integer constants fold too.
// CHECK-LABEL: func.func @sub_constants
//       CHECK:   %[[DIFF:.*]] = kiln.constant dense<[-2, 5]> : tensor<2xi32>
//   CHECK-NOT:   kiln.sub
//       CHECK:   return %[[DIFF]]
func.func @sub_constants() -> tensor<2xi32> {
  %a = kiln.constant dense<[1, 7]> : tensor<2xi32>
  %b = kiln.constant dense<[3, 2]> : tensor<2xi32>
  %0 = kiln.sub %a, %b : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// `kiln.mul` of constants folds.
// CHECK-LABEL: func.func @mul_constants
//       CHECK:   %[[PRODUCT:.*]] = kiln.constant dense<[3.000000e+00, 8.000000e+00]> : tensor<2xf32>
//   CHECK-NOT:   kiln.mul
//       CHECK:   return %[[PRODUCT]]
func.func @mul_constants() -> tensor<2xf32> {
  %a = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %b = kiln.constant dense<[3.0, 4.0]> : tensor<2xf32>
  %0 = kiln.mul %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Float `kiln.div` of constants folds.
// CHECK-LABEL: func.func @div_float_constants
//       CHECK:   %[[QUOTIENT:.*]] = kiln.constant dense<[2.500000e-01, 5.000000e-01]> : tensor<2xf32>
//   CHECK-NOT:   kiln.div
//       CHECK:   return %[[QUOTIENT]]
func.func @div_float_constants() -> tensor<2xf32> {
  %a = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %b = kiln.constant dense<[4.0, 4.0]> : tensor<2xf32>
  %0 = kiln.div %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Integer `kiln.div` is left to run time: a zero divisor is undefined.
// CHECK-LABEL: func.func @negative_div_integer_constants
//       CHECK:   %[[QUOTIENT:.*]] = kiln.div
//       CHECK:   return %[[QUOTIENT]]
func.func @negative_div_integer_constants() -> tensor<2xi32> {
  %a = kiln.constant dense<[7, 8]> : tensor<2xi32>
  %b = kiln.constant dense<[2, 0]> : tensor<2xi32>
  %0 = kiln.div %a, %b : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// `kiln.max` of constants folds.
// CHECK-LABEL: func.func @max_constants
//       CHECK:   %[[MAX:.*]] = kiln.constant dense<[3, 7]> : tensor<2xi64>
//   CHECK-NOT:   kiln.max
//       CHECK:   return %[[MAX]]
func.func @max_constants() -> tensor<2xi64> {
  %a = kiln.constant dense<[1, 7]> : tensor<2xi64>
  %b = kiln.constant dense<[3, -2]> : tensor<2xi64>
  %0 = kiln.max %a, %b : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// `kiln.min` of constants folds.
// CHECK-LABEL: func.func @min_constants
//       CHECK:   %[[MIN:.*]] = kiln.constant dense<[1.000000e+00, -2.000000e+00]> : tensor<2xf32>
//   CHECK-NOT:   kiln.min
//       CHECK:   return %[[MIN]]
func.func @min_constants() -> tensor<2xf32> {
  %a = kiln.constant dense<[1.0, 7.0]> : tensor<2xf32>
  %b = kiln.constant dense<[3.0, -2.0]> : tensor<2xf32>
  %0 = kiln.min %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Constants that broadcast are left to the lowering.
// CHECK-LABEL: func.func @negative_add_broadcasting_constants
//       CHECK:   %[[SUM:.*]] = kiln.add
//       CHECK:   return %[[SUM]]
func.func @negative_add_broadcasting_constants() -> tensor<2x2xf32> {
  %a = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %b = kiln.constant dense<[[3.0, 4.0], [5.0, 6.0]]> : tensor<2x2xf32>
  %0 = kiln.add %a, %b : (tensor<2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

//===----------------------------------------------------------------------===//
// kiln.cast
//===----------------------------------------------------------------------===//

// -----

// A cast to the input's own type is the input.
// CHECK-LABEL: func.func @cast_same_type
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<4xf32>
//   CHECK-NOT:   kiln.cast
//       CHECK:   return %[[X]]
func.func @cast_same_type(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = kiln.cast %x : tensor<4xf32> to tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A cast to another element type stays.
// CHECK-LABEL: func.func @negative_cast_other_type
//       CHECK:   %[[CAST:.*]] = kiln.cast
//       CHECK:   return %[[CAST]]
func.func @negative_cast_other_type(%x: tensor<4xf32>) -> tensor<4xf16> {
  %0 = kiln.cast %x : tensor<4xf32> to tensor<4xf16>
  return %0 : tensor<4xf16>
}

//===----------------------------------------------------------------------===//
// kiln.assert
//===----------------------------------------------------------------------===//

// -----

// A check of the constant true always passes: it is erased.
// CHECK-LABEL: func.func @assert_true
//   CHECK-NOT:   kiln.assert
func.func @assert_true() {
  %true = kiln.constant dense<true> : tensor<i1>
  kiln.assert %true, "node 'r' (Reshape): bad shape" : tensor<i1>
  return
}

// -----

// A check of the constant false stays, for the lowering to report.
// CHECK-LABEL: func.func @negative_assert_false
//       CHECK:   %[[FALSE:.+]] = kiln.constant dense<false> : tensor<i1>
//       CHECK:   kiln.assert %[[FALSE]], "node 'r' (Reshape): bad shape"
func.func @negative_assert_false() {
  %false = kiln.constant dense<false> : tensor<i1>
  kiln.assert %false, "node 'r' (Reshape): bad shape" : tensor<i1>
  return
}

// -----

// A check of a run-time value stays, though nothing uses its result: it has
// none, and it is not dead.
// CHECK-LABEL: func.func @negative_assert_argument
//  CHECK-SAME:   %[[OK:[a-zA-Z0-9_]+]]: tensor<i1>
//       CHECK:   kiln.assert %[[OK]], "node 'r' (Reshape): bad shape"
func.func @negative_assert_argument(%ok: tensor<i1>) {
  kiln.assert %ok, "node 'r' (Reshape): bad shape" : tensor<i1>
  return
}

//===----------------------------------------------------------------------===//
// kiln.concat
//===----------------------------------------------------------------------===//

// -----

// A concatenation of one input is that input.
// CHECK-LABEL: func.func @concat_single_input
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//   CHECK-NOT:   kiln.concat
//       CHECK:   return %[[X]]
func.func @concat_single_input(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.concat %x {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A concatenation of two inputs stays, even of the same value.
// CHECK-LABEL: func.func @negative_concat_two_inputs
//       CHECK:   %[[CONCAT:.*]] = kiln.concat
//       CHECK:   return %[[CONCAT]]
func.func @negative_concat_two_inputs(%x: tensor<2x3xf32>) -> tensor<2x6xf32> {
  %0 = kiln.concat %x, %x {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

//===----------------------------------------------------------------------===//
// kiln.expand
//===----------------------------------------------------------------------===//

// -----

// An expand to the input's own type is the input.
// CHECK-LABEL: func.func @expand_same_type
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//   CHECK-NOT:   kiln.expand
//       CHECK:   return %[[X]]
func.func @expand_same_type(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.expand %x : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// An expand that only adds a leading 1 still changes the type: it stays.
// CHECK-LABEL: func.func @negative_expand_adds_unit_dimension
//       CHECK:   %[[EXPAND:.*]] = kiln.expand
//       CHECK:   return %[[EXPAND]]
func.func @negative_expand_adds_unit_dimension(%x: tensor<2x3xf32>) -> tensor<1x2x3xf32> {
  %0 = kiln.expand %x : tensor<2x3xf32> -> tensor<1x2x3xf32>
  return %0 : tensor<1x2x3xf32>
}

//===----------------------------------------------------------------------===//
// kiln.reshape
//===----------------------------------------------------------------------===//

// -----

// A reshape to the input's own type is the input.
// CHECK-LABEL: func.func @reshape_same_type
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//   CHECK-NOT:   kiln.reshape
//       CHECK:   return %[[X]]
func.func @reshape_same_type(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.reshape %x : tensor<2x3xf32> to tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A reshape of a constant is a constant of the new shape.
// CHECK-LABEL: func.func @reshape_constant
//       CHECK:   %[[CST:.*]] = kiln.constant dense<{{\[}}[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
//   CHECK-NOT:   kiln.reshape
//       CHECK:   return %[[CST]]
func.func @reshape_constant() -> tensor<2x3xi32> {
  %cst = kiln.constant dense<[1, 2, 3, 4, 5, 6]> : tensor<6xi32>
  %0 = kiln.reshape %cst : tensor<6xi32> to tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// Two reshapes in a row are one reshape of the first input.
// CHECK-LABEL: func.func @reshape_of_reshape
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<2x3x4xf32>
//       CHECK:   %[[RESHAPE:.*]] = kiln.reshape %[[X]] : tensor<2x3x4xf32> to tensor<4x6xf32>
//   CHECK-NOT:   kiln.reshape
//       CHECK:   return %[[RESHAPE]]
func.func @reshape_of_reshape(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  %0 = kiln.reshape %x : tensor<2x3x4xf32> to tensor<24xf32>
  %1 = kiln.reshape %0 : tensor<24xf32> to tensor<4x6xf32>
  return %1 : tensor<4x6xf32>
}

// -----

// A reshape of a non-constant, non-reshape value stays.
// CHECK-LABEL: func.func @negative_reshape_of_relu
//       CHECK:   %[[RELU:.*]] = kiln.relu
//       CHECK:   %[[RESHAPE:.*]] = kiln.reshape %[[RELU]]
//       CHECK:   return %[[RESHAPE]]
func.func @negative_reshape_of_relu(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  %0 = kiln.relu %x : tensor<2x3xf32>
  %1 = kiln.reshape %0 : tensor<2x3xf32> to tensor<6xf32>
  return %1 : tensor<6xf32>
}

//===----------------------------------------------------------------------===//
// kiln.slice
//===----------------------------------------------------------------------===//

// -----

// A slice that reads every dimension whole, forwards, is the input.
// CHECK-LABEL: func.func @slice_identity
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<4x8xf32>
//   CHECK-NOT:   kiln.slice
//       CHECK:   return %[[X]]
func.func @slice_identity(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = kiln.slice %x {limits = array<i64: 4, 8>, starts = array<i64: 0, 0>, strides = array<i64: 1, 1>} : tensor<4x8xf32> -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// A slice that reverses a dimension keeps the type but not the order.
// CHECK-LABEL: func.func @negative_slice_reverse
//       CHECK:   %[[SLICE:.*]] = kiln.slice
//       CHECK:   return %[[SLICE]]
func.func @negative_slice_reverse(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = kiln.slice %x {limits = array<i64: 4, -1>, starts = array<i64: 0, 7>, strides = array<i64: 1, -1>} : tensor<4x8xf32> -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

//===----------------------------------------------------------------------===//
// kiln.transpose
//===----------------------------------------------------------------------===//

// -----

// The identity permutation is the input.
// CHECK-LABEL: func.func @transpose_identity
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//   CHECK-NOT:   kiln.transpose
//       CHECK:   return %[[X]]
func.func @transpose_identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.transpose %x {permutation = array<i64: 0, 1>} : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A splat reads the same in any order.
// CHECK-LABEL: func.func @transpose_splat
//       CHECK:   %[[CST:.*]] = kiln.constant dense<5.000000e-01> : tensor<3x2xf32>
//   CHECK-NOT:   kiln.transpose
//       CHECK:   return %[[CST]]
func.func @transpose_splat() -> tensor<3x2xf32> {
  %cst = kiln.constant dense<0.5> : tensor<2x3xf32>
  %0 = kiln.transpose %cst {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// Two transposes compose into one.
// CHECK-LABEL: func.func @transpose_of_transpose
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<2x3x4xf32>
//       CHECK:   %[[TRANSPOSE:.*]] = kiln.transpose %[[X]] {permutation = array<i64: 2, 1, 0>} : tensor<2x3x4xf32> -> tensor<4x3x2xf32>
//   CHECK-NOT:   kiln.transpose
//       CHECK:   return %[[TRANSPOSE]]
func.func @transpose_of_transpose(%x: tensor<2x3x4xf32>) -> tensor<4x3x2xf32> {
  %0 = kiln.transpose %x {permutation = array<i64: 1, 2, 0>} : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
  %1 = kiln.transpose %0 {permutation = array<i64: 1, 0, 2>} : tensor<3x4x2xf32> -> tensor<4x3x2xf32>
  return %1 : tensor<4x3x2xf32>
}

// -----

// Two transposes that cancel out fold away entirely.
// CHECK-LABEL: func.func @transpose_inverse_pair
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//   CHECK-NOT:   kiln.transpose
//       CHECK:   return %[[X]]
func.func @transpose_inverse_pair(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.transpose %x {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  %1 = kiln.transpose %0 {permutation = array<i64: 1, 0>} : tensor<3x2xf32> -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// -----

// A transpose of a non-splat constant is left to the lowering.
// CHECK-LABEL: func.func @negative_transpose_dense_constant
//       CHECK:   %[[TRANSPOSE:.*]] = kiln.transpose
//       CHECK:   return %[[TRANSPOSE]]
func.func @negative_transpose_dense_constant() -> tensor<2x1xf32> {
  %cst = kiln.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
  %0 = kiln.transpose %cst {permutation = array<i64: 1, 0>} : tensor<1x2xf32> -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

// -----

// A reduction over no axes is the input.
// CHECK-LABEL: func.func @reduce_sum_no_axes
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<2x3xf32>
//   CHECK-NOT:   kiln.reduce_sum
//       CHECK:   return %[[X]]
func.func @reduce_sum_no_axes(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.reduce_sum %x {axes = array<i64>, keep_dims = false} : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Every reduction over no axes folds; here `keep_dims` is set.
// CHECK-LABEL: func.func @reduce_no_axes_every_kind
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<2x3xi32>
//   CHECK-NOT:   kiln.reduce
//       CHECK:   return %[[X]], %[[X]], %[[X]], %[[X]]
func.func @reduce_no_axes_every_kind(%x: tensor<2x3xi32>) -> (tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>) {
  %0 = kiln.reduce_max %x {axes = array<i64>, keep_dims = true} : tensor<2x3xi32> -> tensor<2x3xi32>
  %1 = kiln.reduce_mean %x {axes = array<i64>, keep_dims = true} : tensor<2x3xi32> -> tensor<2x3xi32>
  %2 = kiln.reduce_min %x {axes = array<i64>, keep_dims = true} : tensor<2x3xi32> -> tensor<2x3xi32>
  %3 = kiln.reduce_prod %x {axes = array<i64>, keep_dims = true} : tensor<2x3xi32> -> tensor<2x3xi32>
  return %0, %1, %2, %3 : tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>
}

// -----

// A reduction over dimensions of size 1, kept, reads one element each: it
// is the input too.
// CHECK-LABEL: func.func @reduce_mean_unit_dimensions_kept
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<2x1x1xf32>
//   CHECK-NOT:   kiln.reduce_mean
//       CHECK:   return %[[X]]
func.func @reduce_mean_unit_dimensions_kept(%x: tensor<2x1x1xf32>) -> tensor<2x1x1xf32> {
  %0 = kiln.reduce_mean %x {axes = array<i64: 1, 2>, keep_dims = true} : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
  return %0 : tensor<2x1x1xf32>
}

// -----

// A reduction over a real axis stays.
// CHECK-LABEL: func.func @negative_reduce_sum_axis
//       CHECK:   %[[SUM:.*]] = kiln.reduce_sum
//       CHECK:   return %[[SUM]]
func.func @negative_reduce_sum_axis(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  %0 = kiln.reduce_sum %x {axes = array<i64: 1>, keep_dims = true} : tensor<2x3xf32> -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

// A reduction that drops a dimension of size 1 changes the type: it stays
// (a reshape would do, but that is not a fold).
// CHECK-LABEL: func.func @negative_reduce_max_unit_dimension_dropped
//       CHECK:   %[[MAX:.*]] = kiln.reduce_max
//       CHECK:   return %[[MAX]]
func.func @negative_reduce_max_unit_dimension_dropped(%x: tensor<2x1xf32>) -> tensor<2xf32> {
  %0 = kiln.reduce_max %x {axes = array<i64: 1>, keep_dims = false} : tensor<2x1xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
