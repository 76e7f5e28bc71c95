// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// A binary op broadcasts through its indexing maps: the missing leading
// dimension is dropped from the rhs map.
// CHECK-DAG: #[[$ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$TRAILING:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @add_broadcast_f32
//  CHECK-SAME:   %[[LHS:[a-zA-Z0-9_]+]]: tensor<2x3xf32>, %[[RHS:[a-zA-Z0-9_]+]]: tensor<3xf32>
//       CHECK:   %[[INIT:.+]] = tensor.empty() : tensor<2x3xf32>
//       CHECK:   %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$TRAILING]], #[[$ID]]], iterator_types = ["parallel", "parallel"]}
//  CHECK-SAME:       ins(%[[LHS]], %[[RHS]] : tensor<2x3xf32>, tensor<3xf32>) outs(%[[INIT]] : tensor<2x3xf32>)
//       CHECK:     arith.addf
//   CHECK-NOT:   kiln.
//       CHECK:   return %[[SUM]]
func.func @add_broadcast_f32(%lhs: tensor<2x3xf32>, %rhs: tensor<3xf32>) -> tensor<2x3xf32> {
  %sum = kiln.add %lhs, %rhs : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %sum : tensor<2x3xf32>
}

// -----

// A size-1 dimension against a larger one reads index 0.
// CHECK-DAG: #[[$ZERO_ROW:.+]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @mul_broadcast_unit_dim
//       CHECK:   linalg.generic {indexing_maps = [#{{.+}}, #[[$ZERO_ROW]], #{{.+}}]
//       CHECK:     arith.muli
func.func @mul_broadcast_unit_dim(%lhs: tensor<4x3xi32>, %rhs: tensor<1x3xi32>) -> tensor<4x3xi32> {
  %product = kiln.mul %lhs, %rhs : (tensor<4x3xi32>, tensor<1x3xi32>) -> tensor<4x3xi32>
  return %product : tensor<4x3xi32>
}

// -----

// Rank-0 operands give a loop nest of no loops.
// CHECK-LABEL: func.func @sub_rank0
//       CHECK:   linalg.generic {indexing_maps = [#{{.+}}, #{{.+}}, #{{.+}}], iterator_types = []}
//       CHECK:     arith.subf
func.func @sub_rank0(%lhs: tensor<f32>, %rhs: tensor<f32>) -> tensor<f32> {
  %difference = kiln.sub %lhs, %rhs : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %difference : tensor<f32>
}

// -----

// Unsigned types become signless in the signature; the arithmetic keeps
// the signedness of the original type.
// CHECK-LABEL: func.func @div_ui8
//  CHECK-SAME:   (%{{.+}}: tensor<4xi8>, %{{.+}}: tensor<4xi8>) -> tensor<4xi8>
//       CHECK:     arith.divui
func.func @div_ui8(%lhs: tensor<4xui8>, %rhs: tensor<4xui8>) -> tensor<4xui8> {
  %quotient = kiln.div %lhs, %rhs : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  return %quotient : tensor<4xui8>
}

// -----

// Signed integer division truncates toward zero.
// CHECK-LABEL: func.func @div_i32
//       CHECK:     arith.divsi
func.func @div_i32(%lhs: tensor<4xi32>, %rhs: tensor<4xi32>) -> tensor<4xi32> {
  %quotient = kiln.div %lhs, %rhs : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %quotient : tensor<4xi32>
}

// -----

// Float max and min propagate NaN.
// CHECK-LABEL: func.func @max_min_f32
//       CHECK:     arith.maximumf
//       CHECK:     arith.minimumf
func.func @max_min_f32(%lhs: tensor<4xf32>, %rhs: tensor<4xf32>) -> tensor<4xf32> {
  %max = kiln.max %lhs, %rhs : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %min = kiln.min %max, %rhs : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %min : tensor<4xf32>
}

// -----

// Integer max and min follow the signedness.
// CHECK-LABEL: func.func @max_min_integers
//       CHECK:     arith.maxui
//       CHECK:     arith.minsi
func.func @max_min_integers(%a: tensor<4xui16>, %b: tensor<4xui16>, %c: tensor<4xi64>, %d: tensor<4xi64>) -> (tensor<4xui16>, tensor<4xi64>) {
  %max = kiln.max %a, %b : (tensor<4xui16>, tensor<4xui16>) -> tensor<4xui16>
  %min = kiln.min %c, %d : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  return %max, %min : tensor<4xui16>, tensor<4xi64>
}

// -----

// Pow is `math.powf` on floats and `math.ipowi` on integers.
// CHECK-LABEL: func.func @pow_f32_and_i32
//       CHECK:     math.powf
//       CHECK:     math.ipowi
func.func @pow_f32_and_i32(%x: tensor<4xf32>, %n: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi32>) {
  %power = kiln.pow %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %ipower = kiln.pow %n, %n : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %power, %ipower : tensor<4xf32>, tensor<4xi32>
}

// -----

// Comparisons: ordered float predicates, signed or unsigned integer ones.
// CHECK-LABEL: func.func @compare
//       CHECK:     arith.cmpf ogt
//       CHECK:     arith.cmpi ult
//       CHECK:     arith.cmpi sge
//       CHECK:     arith.cmpf oeq
//       CHECK:     arith.cmpi sle
func.func @compare(%f: tensor<4xf32>, %u: tensor<4xui8>, %i: tensor<4xi32>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %greater = kiln.greater %f, %f : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %less = kiln.less %u, %u : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xi1>
  %greater_equal = kiln.greater_equal %i, %i : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  %equal = kiln.equal %f, %f : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %less_equal = kiln.less_equal %i, %i : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  return %greater, %less, %greater_equal, %equal, %less_equal : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// -----

// Logic ops and `not` on booleans.
// CHECK-LABEL: func.func @logic
//       CHECK:     arith.andi
//       CHECK:     arith.ori
//       CHECK:     arith.xori
//       CHECK:     %[[TRUE:.+]] = arith.constant true
//       CHECK:     arith.xori %{{.+}}, %[[TRUE]] : i1
func.func @logic(%a: tensor<4xi1>, %b: tensor<4xi1>) -> tensor<4xi1> {
  %and = kiln.and %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %or = kiln.or %and, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %xor = kiln.xor %or, %a : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %not = kiln.not %xor : tensor<4xi1>
  return %not : tensor<4xi1>
}

// -----

// Relu is `max(x, 0)`; on unsigned integers it is the identity.
// CHECK-LABEL: func.func @relu
//       CHECK:     %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
//       CHECK:     arith.maximumf %{{.+}}, %[[ZERO]] : f32
//       CHECK:     %[[IZERO:.+]] = arith.constant 0 : i32
//       CHECK:     arith.maxsi %{{.+}}, %[[IZERO]] : i32
//       CHECK:   ^bb0(%[[IN:.+]]: i8, %{{.+}}: i8):
//  CHECK-NEXT:     linalg.yield %[[IN]] : i8
func.func @relu(%f: tensor<4xf32>, %i: tensor<4xi32>, %u: tensor<4xui8>) -> (tensor<4xf32>, tensor<4xi32>, tensor<4xui8>) {
  %0 = kiln.relu %f : tensor<4xf32>
  %1 = kiln.relu %i : tensor<4xi32>
  %2 = kiln.relu %u : tensor<4xui8>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xi32>, tensor<4xui8>
}

// -----

// Unary math on floats.
// CHECK-LABEL: func.func @unary_math
//       CHECK:     math.absf
//       CHECK:     math.ceil
//       CHECK:     math.cos
//       CHECK:     math.erf
//       CHECK:     math.exp
//       CHECK:     math.floor
//       CHECK:     math.log
//       CHECK:     arith.negf
//       CHECK:     arith.divf
//       CHECK:     math.roundeven
//       CHECK:     math.sin
//       CHECK:     math.sqrt
//       CHECK:     math.tanh
func.func @unary_math(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = kiln.abs %x : tensor<4xf32>
  %1 = kiln.ceil %0 : tensor<4xf32>
  %2 = kiln.cos %1 : tensor<4xf32>
  %3 = kiln.erf %2 : tensor<4xf32>
  %4 = kiln.exp %3 : tensor<4xf32>
  %5 = kiln.floor %4 : tensor<4xf32>
  %6 = kiln.log %5 : tensor<4xf32>
  %7 = kiln.neg %6 : tensor<4xf32>
  %8 = kiln.reciprocal %7 : tensor<4xf32>
  %9 = kiln.round %8 : tensor<4xf32>
  %10 = kiln.sin %9 : tensor<4xf32>
  %11 = kiln.sqrt %10 : tensor<4xf32>
  %12 = kiln.tanh %11 : tensor<4xf32>
  return %12 : tensor<4xf32>
}

// -----

// Abs and neg on integers: `math.absi` and `0 - x`; abs of an unsigned value
// is the value.
// CHECK-LABEL: func.func @abs_neg_integers
//       CHECK:     math.absi
//       CHECK:     %[[ZERO:.+]] = arith.constant 0 : i32
//       CHECK:     arith.subi %[[ZERO]], %{{.+}} : i32
//       CHECK:   ^bb0(%[[IN:.+]]: i8, %{{.+}}: i8):
//  CHECK-NEXT:     linalg.yield %[[IN]] : i8
func.func @abs_neg_integers(%i: tensor<4xi32>, %u: tensor<4xui8>) -> (tensor<4xi32>, tensor<4xui8>) {
  %abs = kiln.abs %i : tensor<4xi32>
  %neg = kiln.neg %abs : tensor<4xi32>
  %uabs = kiln.abs %u : tensor<4xui8>
  return %neg, %uabs : tensor<4xi32>, tensor<4xui8>
}

// -----

// Sigmoid is `1 / (1 + exp(-x))`.
// CHECK-LABEL: func.func @sigmoid_f32
//       CHECK:   ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32):
//       CHECK:     %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
//       CHECK:     %[[NEG:.+]] = arith.negf %[[IN]] : f32
//       CHECK:     %[[EXP:.+]] = math.exp %[[NEG]] : f32
//       CHECK:     %[[DEN:.+]] = arith.addf %[[ONE]], %[[EXP]] : f32
//       CHECK:     %[[OUT:.+]] = arith.divf %[[ONE]], %[[DEN]] : f32
//       CHECK:     linalg.yield %[[OUT]]
func.func @sigmoid_f32(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = kiln.sigmoid %x : tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Sign: floats keep zero and NaN as they are; integers pick -1, 0 or 1.
// CHECK-LABEL: func.func @sign
//       CHECK:   ^bb0(%[[X:.+]]: f32, %{{.+}}: f32):
//   CHECK-DAG:     %[[NEG:.+]] = arith.cmpf olt, %[[X]]
//   CHECK-DAG:     %[[POS:.+]] = arith.cmpf ogt, %[[X]]
//       CHECK:     %[[POS_OR_X:.+]] = arith.select %[[POS]], %{{.+}}, %[[X]] : f32
//       CHECK:     arith.select %[[NEG]], %{{.+}}, %[[POS_OR_X]] : f32
//       CHECK:     arith.cmpi slt
//       CHECK:     arith.cmpi sgt
//       CHECK:     arith.cmpi ne
func.func @sign(%f: tensor<4xf32>, %i: tensor<4xi32>, %u: tensor<4xui8>) -> (tensor<4xf32>, tensor<4xi32>, tensor<4xui8>) {
  %0 = kiln.sign %f : tensor<4xf32>
  %1 = kiln.sign %i : tensor<4xi32>
  %2 = kiln.sign %u : tensor<4xui8>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xi32>, tensor<4xui8>
}

// -----

// Casts pick the arith op from the original types.
// CHECK-LABEL: func.func @cast_conversions
//       CHECK:     arith.fptosi %{{.+}} : f32 to i32
//       CHECK:     arith.fptoui %{{.+}} : f32 to i8
//       CHECK:     arith.uitofp %{{.+}} : i8 to f32
//       CHECK:     arith.sitofp %{{.+}} : i64 to f32
//       CHECK:     arith.extui %{{.+}} : i8 to i32
//       CHECK:     arith.extsi %{{.+}} : i8 to i64
//       CHECK:     arith.trunci %{{.+}} : i64 to i16
//       CHECK:     arith.truncf %{{.+}} : f32 to f16
//       CHECK:     arith.extf %{{.+}} : f16 to f64
func.func @cast_conversions(%f: tensor<4xf32>, %u: tensor<4xui8>, %i64: tensor<4xi64>, %i8: tensor<4xi8>, %h: tensor<4xf16>)
    -> (tensor<4xi32>, tensor<4xui8>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi64>, tensor<4xi16>, tensor<4xf16>, tensor<4xf64>) {
  %0 = kiln.cast %f : tensor<4xf32> to tensor<4xi32>
  %1 = kiln.cast %f : tensor<4xf32> to tensor<4xui8>
  %2 = kiln.cast %u : tensor<4xui8> to tensor<4xf32>
  %3 = kiln.cast %i64 : tensor<4xi64> to tensor<4xf32>
  %4 = kiln.cast %u : tensor<4xui8> to tensor<4xi32>
  %5 = kiln.cast %i8 : tensor<4xi8> to tensor<4xi64>
  %6 = kiln.cast %i64 : tensor<4xi64> to tensor<4xi16>
  %7 = kiln.cast %f : tensor<4xf32> to tensor<4xf16>
  %8 = kiln.cast %h : tensor<4xf16> to tensor<4xf64>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<4xi32>, tensor<4xui8>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi64>, tensor<4xi16>, tensor<4xf16>, tensor<4xf64>
}

// -----

// Casts to bool compare with zero (NaN is true); bool to float is unsigned.
// CHECK-LABEL: func.func @cast_bool
//       CHECK:     %[[FZERO:.+]] = arith.constant 0.000000e+00 : f32
//       CHECK:     arith.cmpf une, %{{.+}}, %[[FZERO]] : f32
//       CHECK:     %[[IZERO:.+]] = arith.constant 0 : i64
//       CHECK:     arith.cmpi ne, %{{.+}}, %[[IZERO]] : i64
//       CHECK:     arith.uitofp %{{.+}} : i1 to f32
func.func @cast_bool(%f: tensor<4xf32>, %i: tensor<4xi64>, %b: tensor<4xi1>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xf32>) {
  %0 = kiln.cast %f : tensor<4xf32> to tensor<4xi1>
  %1 = kiln.cast %i : tensor<4xi64> to tensor<4xi1>
  %2 = kiln.cast %b : tensor<4xi1> to tensor<4xf32>
  return %0, %1, %2 : tensor<4xi1>, tensor<4xi1>, tensor<4xf32>
}

// -----

// Same-width casts between `f16` and `bf16` go through `f32`; between
// `ui8` and `i8` they keep the bits.
// CHECK-LABEL: func.func @cast_same_width
//       CHECK:     %[[WIDE:.+]] = arith.extf %{{.+}} : f16 to f32
//       CHECK:     arith.truncf %[[WIDE]] : f32 to bf16
//       CHECK:   ^bb0(%[[IN:.+]]: i8, %{{.+}}: i8):
//  CHECK-NEXT:     linalg.yield %[[IN]] : i8
func.func @cast_same_width(%h: tensor<4xf16>, %u: tensor<4xui8>) -> (tensor<4xbf16>, tensor<4xi8>) {
  %0 = kiln.cast %h : tensor<4xf16> to tensor<4xbf16>
  %1 = kiln.cast %u : tensor<4xui8> to tensor<4xi8>
  return %0, %1 : tensor<4xbf16>, tensor<4xi8>
}

// -----

// Clip is `min(max(x, lo), hi)` with the bounds in the element type.
// CHECK-LABEL: func.func @clip_f32
//       CHECK:   ^bb0(%[[X:.+]]: f32, %{{.+}}: f32):
//   CHECK-DAG:     %[[LO:.+]] = arith.constant 0.000000e+00 : f32
//   CHECK-DAG:     %[[HI:.+]] = arith.constant 6.000000e+00 : f32
//       CHECK:     %[[MAX:.+]] = arith.maximumf %[[X]], %[[LO]] : f32
//       CHECK:     arith.minimumf %[[MAX]], %[[HI]] : f32
func.func @clip_f32(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = kiln.clip %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Integer clip bounds are clamped to the type's range (here [0, 255], stored
// as `i8`) and rounded inward.
// CHECK-LABEL: func.func @clip_ui8
//       CHECK:   ^bb0(%[[X:.+]]: i8, %{{.+}}: i8):
//   CHECK-DAG:     %[[LO:.+]] = arith.constant 0 : i8
//   CHECK-DAG:     %[[HI:.+]] = arith.constant -1 : i8
//       CHECK:     %[[MAX:.+]] = arith.maxui %[[X]], %[[LO]] : i8
//       CHECK:     arith.minui %[[MAX]], %[[HI]] : i8
func.func @clip_ui8(%x: tensor<4xui8>) -> tensor<4xui8> {
  %y = kiln.clip %x {min = -5.0 : f64, max = 300.5 : f64} : tensor<4xui8>
  return %y : tensor<4xui8>
}

// -----

// Signed clip bounds keep their sign; fractions round inward.
// CHECK-LABEL: func.func @clip_i32
//   CHECK-DAG:     arith.constant -2 : i32
//   CHECK-DAG:     arith.constant 3 : i32
//       CHECK:     arith.maxsi
//       CHECK:     arith.minsi
func.func @clip_i32(%x: tensor<4xi32>) -> tensor<4xi32> {
  %y = kiln.clip %x {min = -2.5 : f64, max = 3.5 : f64} : tensor<4xi32>
  return %y : tensor<4xi32>
}

// -----

// Select broadcasts its three operands.
// CHECK-DAG: #[[$ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$COLUMN:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[$SCALAR:.+]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @select_broadcast
//  CHECK-SAME:   %[[COND:[a-zA-Z0-9_]+]]: tensor<2x3xi1>, %[[ON_TRUE:[a-zA-Z0-9_]+]]: tensor<3xf32>, %[[ON_FALSE:[a-zA-Z0-9_]+]]: tensor<f32>
//       CHECK:   linalg.generic {indexing_maps = [#[[$ID]], #[[$COLUMN]], #[[$SCALAR]], #[[$ID]]]
//  CHECK-SAME:       ins(%[[COND]], %[[ON_TRUE]], %[[ON_FALSE]] :
//       CHECK:     arith.select
func.func @select_broadcast(%cond: tensor<2x3xi1>, %on_true: tensor<3xf32>, %on_false: tensor<f32>) -> tensor<2x3xf32> {
  %y = kiln.select %cond, %on_true, %on_false : (tensor<2x3xi1>, tensor<3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Transcendental functions of f16 are computed in f32 and rounded once.
// CHECK-LABEL: func.func @exp_f16
//       CHECK:   ^bb0(%[[IN:.+]]: f16, %{{.+}}: f16):
//       CHECK:     %[[WIDE:.+]] = arith.extf %[[IN]] : f16 to f32
//       CHECK:     %[[EXP:.+]] = math.exp %[[WIDE]] : f32
//       CHECK:     %[[NARROW:.+]] = arith.truncf %[[EXP]] : f32 to f16
//       CHECK:     linalg.yield %[[NARROW]] : f16
func.func @exp_f16(%x: tensor<4xf16>) -> tensor<4xf16> {
  %y = kiln.exp %x : tensor<4xf16>
  return %y : tensor<4xf16>
}

// -----

// Exact f16 operations stay in f16.
// CHECK-LABEL: func.func @floor_f16
//       CHECK:     math.floor %{{.+}} : f16
//   CHECK-NOT:     arith.extf
func.func @floor_f16(%x: tensor<4xf16>) -> tensor<4xf16> {
  %y = kiln.floor %x : tensor<4xf16>
  return %y : tensor<4xf16>
}
