// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// ONNX math operators: elementwise unary and binary ops (and the activations
// that decompose into them), comparisons, logic, Clip, MatMul and Gemm.
//
// Decompositions into kiln elementwise ops (x is the input, scalars are
// rank-0 constants that broadcast):
//   LeakyRelu       select(x < 0, alpha * x, x)
//   PRelu           select(x < 0, slope * x, x)
//   Elu             select(x < 0, alpha * (exp(x) - 1), x)
//   Selu            select(x <= 0, gamma * (alpha * exp(x) - alpha), gamma * x)
//   Celu            max(x, 0) + min(alpha * (exp(x / alpha) - 1), 0)
//   ThresholdedRelu select(x > alpha, x, 0)
//   HardSigmoid     clip(alpha * x + beta, 0, 1)
//   HardSwish       x * clip(x / 6 + 0.5, 0, 1)
//   Softplus        max(x, 0) + log(exp(-|x|) + 1)
//   Softsign        x / (1 + |x|)
//   Mish            x * tanh(softplus(x))
//   Gelu            0.5 * x * (1 + erf(x / sqrt(2))), or its tanh form
//   Shrink          select(x < -lambd, x + bias, select(x > lambd, x - bias,
//   0)) Tan             sin(x) / cos(x) Sinh, Cosh      (exp(x) -/+ exp(-x)) /
//   2 Asinh, Acosh    log(x + sqrt(x * x +/- 1)) Atanh           log((1 + x) /
//   (1 - x)) / 2 Atan            Cephes' atanf: range reduction and an odd
//   polynomial Asin, Acos      atan(x / sqrt(1 - x^2)), 2 * atan(sqrt((1 - x) /
//   (1 + x))) IsNaN           !(x == x) IsInf           x == +inf || x == -inf
//   (each side as asked) Mod             r = x - y * trunc(x / y); fmod = 0
//   moves r to y's sign BitShift        x * 2^y or x / 2^y, 2^y gathered from a
//   constant table Mean            sum / n CumSum          x @ M along the
//   axis, M a constant triangle of ones Det             cofactor expansion, for
//   matrices up to 3 x 3

#include "ConstantEvaluation.h"
#include "OnnxNode.h"
#include "RunTimeChecks.h"

#include <cmath>

using namespace mlir;
using namespace mlir::kiln;

namespace {

using Results = FailureOr<SmallVector<Value>>;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

Value add(OnnxNode &node, Value lhs, Value rhs) {
  return buildBinary<AddOp, EvalOp::Add>(node, lhs, rhs);
}
Value sub(OnnxNode &node, Value lhs, Value rhs) {
  return buildBinary<SubOp, EvalOp::Sub>(node, lhs, rhs);
}
Value mul(OnnxNode &node, Value lhs, Value rhs) {
  return buildBinary<MulOp, EvalOp::Mul>(node, lhs, rhs);
}
Value div(OnnxNode &node, Value lhs, Value rhs) {
  return buildBinary<DivOp, EvalOp::Div>(node, lhs, rhs);
}

/// A rank-0 constant of `value`'s element type.
Value scalarLike(OnnxNode &node, Value value, double number) {
  if (!value)
    return nullptr;
  return node.scalar(getElementType(value), number);
}

/// `x` clamped to `[lo, hi]`; `lo > hi` clamps everything to `hi`, as ONNX
/// does.
Value clip(OnnxNode &node, Value x, double lo, double hi) {
  if (!x)
    return nullptr;
  Builder b(node.getContext());
  lo = std::min(lo, hi);
  return node.create<ClipOp>(x, b.getF64FloatAttr(lo), b.getF64FloatAttr(hi));
}

/// `x` rounded toward zero (floats).
Value trunc(OnnxNode &node, Value x) {
  if (!x)
    return nullptr;
  Value negative = node.create<LessOp>(x, scalarLike(node, x, 0));
  return node.create<SelectOp>(negative, node.create<CeilOp>(x),
                               node.create<FloorOp>(x));
}

//===----------------------------------------------------------------------===//
// Unary ops
//===----------------------------------------------------------------------===//

/// An ONNX unary op that is one kiln op. `consumed_inputs` (opset < 6) only
/// hinted at in-place execution.
template <typename OpTy>
Results convertUnary(OnnxNode &node) {
  node.ignoreAttr("consumed_inputs");
  return SmallVector<Value>{node.create<OpTy>(node.getInput(0))};
}

/// Unary ops that constant inputs evaluate (shape arithmetic uses them).
template <typename OpTy, EvalOp kEval>
Results convertEvaluatedUnary(OnnxNode &node) {
  node.ignoreAttr("consumed_inputs");
  Value x = node.getInput(0);
  if (DenseElementsAttr folded = evaluateUnary(kEval, getConstantValue(x)))
    return SmallVector<Value>{node.constant(folded)};
  return SmallVector<Value>{node.create<OpTy>(x)};
}

Results convertLeakyRelu(OnnxNode &node) {
  node.ignoreAttr("consumed_inputs");
  Value x = node.getInput(0);
  float alpha = node.getFloat("alpha", 0.01f);
  Value negative = node.create<LessOp>(x, scalarLike(node, x, 0));
  Value scaled = mul(node, x, scalarLike(node, x, alpha));
  return SmallVector<Value>{node.create<SelectOp>(negative, scaled, x)};
}

/// PRelu 1 and 6: a 1-D slope of one value per channel applies along
/// dimension 1.
Results convertPReluOpset1(OnnxNode &node) {
  node.ignoreAttr("consumed_inputs");
  Value x = node.getInput(0);
  Value slope = node.getInput(1);
  if (!x || !slope)
    return failure();
  ArrayRef<int64_t> shape = getShape(x);
  ArrayRef<int64_t> slopeShape = getShape(slope);
  if (shape.size() > 2 && slopeShape.size() == 1 && slopeShape[0] > 1 &&
      slopeShape[0] == shape[1]) {
    SmallVector<int64_t> channels(shape.size() - 1, 1);
    channels[0] = shape[1];
    slope = node.reshape(slope, channels);
  }
  Value negative = node.create<LessOp>(x, scalarLike(node, x, 0));
  Value scaled = mul(node, x, slope);
  return SmallVector<Value>{node.create<SelectOp>(negative, scaled, x)};
}

/// PRelu from 7: the slope broadcasts to X (NumPy rules).
Results convertPRelu(OnnxNode &node) {
  Value x = node.getInput(0);
  Value slope = node.getInput(1);
  Value negative = node.create<LessOp>(x, scalarLike(node, x, 0));
  Value scaled = mul(node, x, slope);
  return SmallVector<Value>{node.create<SelectOp>(negative, scaled, x)};
}

Results convertElu(OnnxNode &node) {
  node.ignoreAttr("consumed_inputs");
  Value x = node.getInput(0);
  float alpha = node.getFloat("alpha", 1.0f);
  Value negative = node.create<LessOp>(x, scalarLike(node, x, 0));
  Value expm1 = sub(node, node.create<ExpOp>(x), scalarLike(node, x, 1));
  Value scaled = mul(node, expm1, scalarLike(node, x, alpha));
  return SmallVector<Value>{node.create<SelectOp>(negative, scaled, x)};
}

Results convertSelu(OnnxNode &node) {
  node.ignoreAttr("consumed_inputs");
  Value x = node.getInput(0);
  float alpha = node.getFloat("alpha", 1.67326319217681884765625f);
  float gamma = node.getFloat("gamma", 1.05070102214813232421875f);
  Value notPositive = node.create<LessEqualOp>(x, scalarLike(node, x, 0));
  Value negativePart =
      sub(node, mul(node, node.create<ExpOp>(x), scalarLike(node, x, alpha)),
          scalarLike(node, x, alpha));
  Value selected = node.create<SelectOp>(notPositive, negativePart, x);
  return SmallVector<Value>{mul(node, selected, scalarLike(node, x, gamma))};
}

Results convertCelu(OnnxNode &node) {
  Value x = node.getInput(0);
  float alpha = node.getFloat("alpha", 1.0f);
  Value zero = scalarLike(node, x, 0);
  Value scaled = div(node, x, scalarLike(node, x, alpha));
  Value expm1 = sub(node, node.create<ExpOp>(scaled), scalarLike(node, x, 1));
  Value negativePart =
      node.create<MinOp>(mul(node, expm1, scalarLike(node, x, alpha)), zero);
  return SmallVector<Value>{
      add(node, node.create<MaxOp>(x, zero), negativePart)};
}

Results convertThresholdedRelu(OnnxNode &node) {
  Value x = node.getInput(0);
  float alpha = node.getFloat("alpha", 1.0f);
  Value above = node.create<GreaterOp>(x, scalarLike(node, x, alpha));
  return SmallVector<Value>{
      node.create<SelectOp>(above, x, scalarLike(node, x, 0))};
}

Results convertHardSigmoid(OnnxNode &node) {
  node.ignoreAttr("consumed_inputs");
  Value x = node.getInput(0);
  float alpha = node.getFloat("alpha", 0.2f);
  float beta = node.getFloat("beta", 0.5f);
  Value linear = add(node, mul(node, x, scalarLike(node, x, alpha)),
                     scalarLike(node, x, beta));
  return SmallVector<Value>{clip(node, linear, 0.0, 1.0)};
}

Results convertHardSwish(OnnxNode &node) {
  Value x = node.getInput(0);
  Value linear = add(node, mul(node, x, scalarLike(node, x, 1.0 / 6.0)),
                     scalarLike(node, x, 0.5));
  return SmallVector<Value>{mul(node, x, clip(node, linear, 0.0, 1.0))};
}

/// `log(exp(x) + 1)`, as `max(x, 0) + log(exp(-|x|) + 1)`: the same
/// value, but `exp` cannot overflow (`x` above 88 would give infinity).
Value softplus(OnnxNode &node, Value x) {
  if (!x)
    return nullptr;
  Value negAbs = node.create<NegOp>(node.create<AbsOp>(x));
  Value log1pExp = node.create<LogOp>(
      add(node, node.create<ExpOp>(negAbs), scalarLike(node, x, 1)));
  return add(node, node.create<ReluOp>(x), log1pExp);
}

Results convertSoftplus(OnnxNode &node) {
  return SmallVector<Value>{softplus(node, node.getInput(0))};
}

Results convertSoftsign(OnnxNode &node) {
  Value x = node.getInput(0);
  Value denominator = add(node, node.create<AbsOp>(x), scalarLike(node, x, 1));
  return SmallVector<Value>{div(node, x, denominator)};
}

Results convertMish(OnnxNode &node) {
  Value x = node.getInput(0);
  return SmallVector<Value>{
      mul(node, x, node.create<TanhOp>(softplus(node, x)))};
}

Results convertGelu(OnnxNode &node) {
  Value x = node.getInput(0);
  std::string approximate = node.getString("approximate", "none");
  Value inner;
  if (approximate == "none") {
    inner = node.create<ErfOp>(mul(node, x, scalarLike(node, x, M_SQRT1_2)));
  } else if (approximate == "tanh") {
    Value cube = mul(node, mul(node, x, x), x);
    Value poly = add(node, x, mul(node, cube, scalarLike(node, x, 0.044715)));
    inner = node.create<TanhOp>(
        mul(node, poly, scalarLike(node, x, std::sqrt(2.0 / M_PI))));
  } else {
    node.emitError() << "unsupported approximate = '" << approximate
                     << "' (expects 'none' or 'tanh')";
    return failure();
  }
  Value half = mul(node, x, scalarLike(node, x, 0.5));
  return SmallVector<Value>{
      mul(node, half, add(node, inner, scalarLike(node, x, 1)))};
}

Results convertShrink(OnnxNode &node) {
  Value x = node.getInput(0);
  float bias = node.getFloat("bias", 0.0f);
  float lambd = node.getFloat("lambd", 0.5f);
  Value below = node.create<LessOp>(x, scalarLike(node, x, -lambd));
  Value above = node.create<GreaterOp>(x, scalarLike(node, x, lambd));
  Value shiftedUp = add(node, x, scalarLike(node, x, bias));
  Value shiftedDown = sub(node, x, scalarLike(node, x, bias));
  Value upper =
      node.create<SelectOp>(above, shiftedDown, scalarLike(node, x, 0));
  return SmallVector<Value>{node.create<SelectOp>(below, shiftedUp, upper)};
}

Results convertTan(OnnxNode &node) {
  Value x = node.getInput(0);
  return SmallVector<Value>{
      div(node, node.create<SinOp>(x), node.create<CosOp>(x))};
}

/// Sinh (`sign = -1`) and Cosh (`sign = 1`).
template <int kSign>
Results convertHyperbolic(OnnxNode &node) {
  Value x = node.getInput(0);
  Value expX = node.create<ExpOp>(x);
  Value expNegX = node.create<ExpOp>(node.create<NegOp>(x));
  Value combined =
      kSign < 0 ? sub(node, expX, expNegX) : add(node, expX, expNegX);
  return SmallVector<Value>{mul(node, combined, scalarLike(node, x, 0.5))};
}

/// Asinh (`sign = 1`) and Acosh (`sign = -1`).
template <int kSign>
Results convertInverseHyperbolic(OnnxNode &node) {
  Value x = node.getInput(0);
  Value root = node.create<SqrtOp>(
      add(node, mul(node, x, x), scalarLike(node, x, kSign)));
  return SmallVector<Value>{node.create<LogOp>(add(node, x, root))};
}

Results convertAtanh(OnnxNode &node) {
  Value x = node.getInput(0);
  Value one = scalarLike(node, x, 1);
  Value ratio = div(node, add(node, one, x), sub(node, one, x));
  return SmallVector<Value>{
      mul(node, node.create<LogOp>(ratio), scalarLike(node, x, 0.5))};
}

/// `atan(x)` with Cephes' single-precision `atanf`: the argument reduced to
/// `[-tan(pi/8), tan(pi/8)]` (by `-1/|x|` past `tan(3pi/8)`, by
/// `(|x|-1)/(|x|+1)` past `tan(pi/8)`), a degree-9 odd polynomial, the
/// offset (pi/2, pi/4 or 0) added back and the sign restored.
Value atan(OnnxNode &node, Value x) {
  if (!x)
    return nullptr;
  auto number = [&](double value) { return scalarLike(node, x, value); };
  Value magnitude = node.create<AbsOp>(x);
  Value big = node.create<GreaterOp>(magnitude, number(2.414213562373095));
  Value mid = node.create<GreaterOp>(magnitude, number(0.4142135623730950));
  Value one = number(1);
  Value reduced = node.create<SelectOp>(
      big, node.create<NegOp>(div(node, one, magnitude)),
      node.create<SelectOp>(
          mid, div(node, sub(node, magnitude, one), add(node, magnitude, one)),
          magnitude));
  Value offset = node.create<SelectOp>(
      big, number(M_PI_2),
      node.create<SelectOp>(mid, number(M_PI_4), number(0)));
  Value z = mul(node, reduced, reduced);
  Value poly = number(8.05374449538e-2);
  for (double c : {-1.38776856032e-1, 1.99777106478e-1, -3.33329491539e-1})
    poly = add(node, mul(node, poly, z), number(c));
  Value series = add(node, mul(node, mul(node, poly, z), reduced), reduced);
  Value result = add(node, offset, series);
  Value negative = node.create<LessOp>(x, number(0));
  return node.create<SelectOp>(negative, node.create<NegOp>(result), result);
}

Results convertAtan(OnnxNode &node) {
  return SmallVector<Value>{atan(node, node.getInput(0))};
}

/// `asin(x) = atan(x / sqrt(1 - x^2))` (inf at |x| = 1 gives pi/2; NaN past
/// it).
Results convertAsin(OnnxNode &node) {
  Value x = node.getInput(0);
  if (!x)
    return failure();
  Value cosine =
      node.create<SqrtOp>(sub(node, scalarLike(node, x, 1), mul(node, x, x)));
  return SmallVector<Value>{atan(node, div(node, x, cosine))};
}

/// `acos(x) = 2 * atan(sqrt((1 - x) / (1 + x)))`, accurate near 1 too.
Results convertAcos(OnnxNode &node) {
  Value x = node.getInput(0);
  if (!x)
    return failure();
  Value one = scalarLike(node, x, 1);
  Value ratio = div(node, sub(node, one, x), add(node, one, x));
  return SmallVector<Value>{mul(node, scalarLike(node, x, 2),
                                atan(node, node.create<SqrtOp>(ratio)))};
}

Results convertIsNaN(OnnxNode &node) {
  Value x = node.getInput(0);
  return SmallVector<Value>{node.create<NotOp>(node.create<EqualOp>(x, x))};
}

Results convertIsInf(OnnxNode &node) {
  Value x = node.getInput(0);
  bool negative = node.getInt("detect_negative", 1);
  bool positive = node.getInt("detect_positive", 1);
  Value isPositive = node.create<EqualOp>(x, scalarLike(node, x, HUGE_VAL));
  Value isNegative = node.create<EqualOp>(x, scalarLike(node, x, -HUGE_VAL));
  if (positive && negative)
    return SmallVector<Value>{node.create<OrOp>(isPositive, isNegative)};
  if (positive)
    return SmallVector<Value>{isPositive};
  if (negative)
    return SmallVector<Value>{isNegative};
  // Neither: all false.
  return SmallVector<Value>{node.create<AndOp>(isPositive, isNegative)};
}

//===----------------------------------------------------------------------===//
// Binary ops
//===----------------------------------------------------------------------===//

/// Broadcasting binary ops from opset 7 on (NumPy rules).
template <typename OpTy, EvalOp kEval>
Results convertBinary(OnnxNode &node) {
  return SmallVector<Value>{
      buildBinary<OpTy, kEval>(node, node.getInput(0), node.getInput(1))};
}

/// `rhs` aligned with `lhs` for a binary op before opset 7: with
/// `broadcast = 1`, B's dimensions match A's from `axis` (default: the
/// trailing ones) and get trailing ones; without it the shapes must be
/// equal. Null after an error.
Value alignLegacyOperand(OnnxNode &node, Value lhs, Value rhs) {
  bool broadcast = node.getInt("broadcast", 0);
  std::optional<int64_t> axis = node.getOptionalInt("axis");
  if (!lhs || !rhs)
    return nullptr;
  ArrayRef<int64_t> lhsShape = getShape(lhs);
  ArrayRef<int64_t> rhsShape = getShape(rhs);
  int64_t lhsRank = lhsShape.size();
  int64_t rhsRank = rhsShape.size();
  if (!broadcast) {
    if (lhsShape != rhsShape) {
      node.emitError() << "operands of different shapes need broadcast = 1";
      return nullptr;
    }
    return rhs;
  }
  int64_t start = lhsRank - rhsRank;
  if (axis) {
    std::optional<int64_t> normalized = node.normalizeAxis(*axis, lhsRank);
    if (!normalized)
      return nullptr;
    start = *normalized;
  }
  if (start < 0 || start + rhsRank > lhsRank) {
    node.emitError() << "cannot broadcast B (rank " << rhsRank
                     << ") into A (rank " << lhsRank << ") from axis " << start;
    return nullptr;
  }
  SmallVector<int64_t> aligned(rhsShape);
  aligned.append(lhsRank - start - rhsRank, 1);
  return node.reshape(rhs, aligned);
}

/// Binary ops before opset 7: `broadcast = 1` aligns `B` with `A` from
/// `axis` (default: the trailing dimensions); `broadcast = 0` needs equal
/// shapes.
template <typename OpTy, EvalOp kEval>
Results convertLegacyBinary(OnnxNode &node) {
  node.ignoreAttr("consumed_inputs");
  Value lhs = node.getInput(0);
  Value rhs = alignLegacyOperand(node, lhs, node.getInput(1));
  if (!rhs)
    return failure();
  return SmallVector<Value>{buildBinary<OpTy, kEval>(node, lhs, rhs)};
}

/// Pow before opset 7: legacy broadcasting, one element type.
Results convertPowOpset1(OnnxNode &node) {
  Value base = node.getInput(0);
  Value exponent = alignLegacyOperand(node, base, node.getInput(1));
  if (!exponent)
    return failure();
  return SmallVector<Value>{node.create<PowOp>(base, exponent)};
}

/// Pow: the exponent may have another element type (opset 12); it is cast
/// to the base's.
Results convertPow(OnnxNode &node) {
  Value base = node.getInput(0);
  Value exponent = node.getInput(1);
  if (!base || !exponent)
    return failure();
  exponent = node.cast(exponent, getElementType(base));
  return SmallVector<Value>{node.create<PowOp>(base, exponent)};
}

Results convertWhere(OnnxNode &node) {
  Value condition = node.getInput(0);
  Value onTrue = node.getInput(1);
  Value onFalse = node.getInput(2);
  if (DenseElementsAttr folded =
          evaluateSelect(getConstantValue(condition), getConstantValue(onTrue),
                         getConstantValue(onFalse)))
    return SmallVector<Value>{node.constant(folded)};
  return SmallVector<Value>{node.create<SelectOp>(condition, onTrue, onFalse)};
}

/// Max, Min, Sum: a left-to-right chain of the binary op.
template <typename OpTy, EvalOp kEval>
Results convertVariadic(OnnxNode &node) {
  node.ignoreAttr("consumed_inputs");
  SmallVector<Value> inputs = node.getPresentInputs();
  if (inputs.empty()) {
    node.emitError() << "expects at least one input";
    return failure();
  }
  Value result = inputs.front();
  for (Value input : ArrayRef<Value>(inputs).drop_front())
    result = buildBinary<OpTy, kEval>(node, result, input);
  return SmallVector<Value>{result};
}

Results convertMean(OnnxNode &node) {
  Results sum = convertVariadic<AddOp, EvalOp::Add>(node);
  if (failed(sum))
    return failure();
  Value total = (*sum)[0];
  int64_t count = node.getPresentInputs().size();
  if (count == 1)
    return sum;
  return SmallVector<Value>{div(node, total, scalarLike(node, total, count))};
}

Results convertMod(OnnxNode &node) {
  Value x = node.getInput(0);
  Value y = node.getInput(1);
  bool fmod = node.getInt("fmod", 0);
  if (!x || !y)
    return failure();
  bool isFloat = isa<FloatType>(getElementType(x));
  if (isFloat && !fmod) {
    node.emitError() << "fmod = 0 is not allowed for floating-point inputs";
    return failure();
  }
  // `x - y * trunc(x / y)` has the sign of `x` (C's fmod); integer division
  // already truncates.
  Value quotient = div(node, x, y);
  if (isFloat)
    quotient = trunc(node, quotient);
  Value remainder = sub(node, x, mul(node, y, quotient));
  if (fmod)
    return SmallVector<Value>{remainder};
  // Python's mod takes the sign of `y`: add `y` to a non-zero remainder
  // whose sign differs.
  Value zero = scalarLike(node, x, 0);
  Value nonZero = node.create<NotOp>(node.create<EqualOp>(remainder, zero));
  Value signsDiffer = node.create<XorOp>(node.create<LessOp>(remainder, zero),
                                         node.create<LessOp>(y, zero));
  Value adjust = node.create<AndOp>(nonZero, signsDiffer);
  return SmallVector<Value>{
      node.create<SelectOp>(adjust, add(node, remainder, y), remainder)};
}

/// BitShift: `x * 2^y` or `x / 2^y`, the powers of two gathered from a
/// constant table by the shift (clamped to the table, whose entries past the
/// bit width are 0: everything is shifted out).
Results convertBitShift(OnnxNode &node) {
  Value x = node.getInput(0);
  Value y = node.getInput(1);
  std::string direction = node.getString("direction", "");
  if (!x || !y)
    return failure();
  if (direction != "LEFT" && direction != "RIGHT") {
    node.emitError() << "unsupported direction = '" << direction
                     << "' (expects 'LEFT' or 'RIGHT')";
    return failure();
  }
  auto type = dyn_cast<IntegerType>(getElementType(x));
  if (!type || !type.isUnsigned()) {
    node.emitError() << "expects unsigned integers, got "
                     << OnnxNode::getType(x);
    return failure();
  }
  unsigned width = type.getWidth();
  SmallVector<APInt> powers;
  for (unsigned k = 0; k <= width; ++k)
    powers.push_back(k < width ? APInt::getOneBitSet(width, k)
                               : APInt::getZero(width));
  Value table = node.constant(DenseElementsAttr::get(
      RankedTensorType::get({static_cast<int64_t>(powers.size())}, type),
      powers));
  Type i64 = IntegerType::get(node.getContext(), 64);
  Value shift =
      node.cast(node.create<MinOp>(y, scalarLike(node, y, width)), i64);
  Value factor = node.create<GatherOp>(table, shift, /*axis=*/0);
  if (direction == "LEFT")
    return SmallVector<Value>{mul(node, x, factor)};
  // Shifting right by the width or more gives 0; avoid dividing by 0.
  Value zero = scalarLike(node, x, 0);
  Value outOfRange = node.create<EqualOp>(factor, zero);
  Value divisor =
      node.create<SelectOp>(outOfRange, scalarLike(node, x, 1), factor);
  return SmallVector<Value>{
      node.create<SelectOp>(outOfRange, zero, div(node, x, divisor))};
}

//===----------------------------------------------------------------------===//
// Clip
//===----------------------------------------------------------------------===//

/// Clip 1 and 6: bounds are attributes, absent ones the type's limits.
Results convertClipOpset1(OnnxNode &node) {
  node.ignoreAttr("consumed_inputs");
  Value x = node.getInput(0);
  std::optional<float> lo = node.getOptionalFloat("min");
  std::optional<float> hi = node.getOptionalFloat("max");
  if (!x)
    return failure();
  Type elementType = getElementType(x);
  return SmallVector<Value>{clip(node, x,
                                 lo ? *lo : getLimit(elementType, false),
                                 hi ? *hi : getLimit(elementType, true))};
}

/// Clip from 11: bounds are optional scalar inputs. Constant bounds make a
/// `kiln.clip`; run-time ones a `kiln.max` and a `kiln.min` (which give
/// `max` everywhere when `min > max`, as ONNX says).
Results convertClipOpset11(OnnxNode &node) {
  Value x = node.getInput(0);
  if (!x)
    return failure();
  Type elementType = getElementType(x);
  double bounds[2] = {getLimit(elementType, false),
                      getLimit(elementType, true)};
  Value runtimeBounds[2] = {nullptr, nullptr};
  const char *names[2] = {"min", "max"};
  for (unsigned i = 0; i < 2; ++i) {
    Value bound = node.getOptionalInput(i + 1);
    if (!bound)
      continue;
    if (getNumElements(getShape(bound)) != 1) {
      node.emitError() << "input " << i + 1 << " ('" << names[i]
                       << "') must be a scalar, got "
                       << OnnxNode::getType(bound);
      return failure();
    }
    if (!node.getConstantInput(i + 1)) {
      runtimeBounds[i] = node.reshape(bound, {});
      continue;
    }
    std::optional<SmallVector<double>> values =
        node.requireConstantFloats(i + 1, names[i]);
    if (!values)
      return failure();
    bounds[i] = values->front();
  }
  if (!runtimeBounds[0] && !runtimeBounds[1])
    return SmallVector<Value>{clip(node, x, bounds[0], bounds[1])};
  Value lo =
      runtimeBounds[0] ? runtimeBounds[0] : node.scalar(elementType, bounds[0]);
  Value hi =
      runtimeBounds[1] ? runtimeBounds[1] : node.scalar(elementType, bounds[1]);
  return SmallVector<Value>{node.create<MinOp>(node.create<MaxOp>(x, lo), hi)};
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

/// Det of `... x M x M` matrices for M <= 3, by cofactor expansion (M = 3:
/// the rule of Sarrus).
Results convertDet(OnnxNode &node) {
  Value x = node.getInput(0);
  if (!x)
    return failure();
  ArrayRef<int64_t> shape = getShape(x);
  int64_t rank = shape.size();
  if (rank < 2 || shape[rank - 1] != shape[rank - 2] || shape.back() < 1 ||
      shape.back() > 3) {
    node.emitError() << "expects square matrices of size 1 to 3 in the last "
                        "two dimensions, got "
                     << OnnxNode::getType(x);
    return failure();
  }
  int64_t m = shape.back();
  SmallVector<int64_t> batch(shape.drop_back(2));
  auto at = [&](int64_t i, int64_t j) {
    return node.reshape(node.sliceAxis(node.sliceAxis(x, rank - 2, i, i + 1),
                                       rank - 1, j, j + 1),
                        batch);
  };
  if (m == 1)
    return SmallVector<Value>{at(0, 0)};
  if (m == 2)
    return SmallVector<Value>{sub(node, mul(node, at(0, 0), at(1, 1)),
                                  mul(node, at(0, 1), at(1, 0)))};
  Value det;
  for (int64_t j = 0; j < 3; ++j) {
    Value plus =
        mul(node, mul(node, at(0, j), at(1, (j + 1) % 3)), at(2, (j + 2) % 3));
    Value minus =
        mul(node, mul(node, at(0, j), at(1, (j + 2) % 3)), at(2, (j + 1) % 3));
    Value term = sub(node, plus, minus);
    det = det ? add(node, det, term) : term;
  }
  return SmallVector<Value>{det};
}

/// CumSum of `x` along `axis`: a product with a constant triangular matrix
/// `M` (`M[i][j] = 1` when input position `i` adds into output `j`), the
/// axis moved last and back.
Value buildCumSum(OnnxNode &node, Value x, int64_t axis, bool exclusive,
                  bool reverse) {
  ArrayRef<int64_t> shape = getShape(x);
  int64_t rank = shape.size();
  int64_t n = shape[axis];
  if (n * n > kMaxBuiltConstantElements) {
    node.emitError() << "a cumulative sum over " << n
                     << " elements is too long for its matmul form";
    return nullptr;
  }
  Type elementType = getElementType(x);
  SmallVector<Attribute> mask;
  Builder b(node.getContext());
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      bool adds =
          reverse ? (exclusive ? i > j : i >= j) : (exclusive ? i < j : i <= j);
      mask.push_back(isa<FloatType>(elementType)
                         ? Attribute(b.getFloatAttr(elementType, adds))
                         : Attribute(b.getIntegerAttr(elementType, adds)));
    }
  }
  Value matrix = node.constant(
      DenseElementsAttr::get(RankedTensorType::get({n, n}, elementType), mask));
  // Move the axis last; a 1-D input becomes a row.
  SmallVector<int64_t> permutation;
  for (int64_t i = 0; i < rank; ++i)
    if (i != axis)
      permutation.push_back(i);
  permutation.push_back(axis);
  Value moved = node.transpose(x, permutation);
  if (rank == 1)
    moved = node.reshape(moved, {1, n});
  Value sums = node.create<MatmulOp>(moved, matrix);
  if (rank == 1)
    return node.reshape(sums, shape);
  SmallVector<int64_t> inverse(rank);
  for (int64_t i = 0; i < rank; ++i)
    inverse[permutation[i]] = i;
  return node.transpose(sums, inverse);
}

/// CumSum along `axis` (input 1). A run-time axis computes the sum along
/// every dimension and selects the one the axis names, with a check that
/// the axis is in range.
Results convertCumSum(OnnxNode &node) {
  Value x = node.getInput(0);
  bool exclusive = node.getInt("exclusive", 0);
  bool reverse = node.getInt("reverse", 0);
  if (!x)
    return failure();
  int64_t rank = getShape(x).size();
  if (node.hasInput(1) && !node.getConstantInput(1)) {
    Value axes = getI64Vector(node, 1, "axis");
    if (!axes)
      return failure();
    if (getShape(axes).front() != 1 || rank == 0) {
      node.emitError() << "input 1 ('axis') must be a scalar and the input "
                          "not a scalar";
      return failure();
    }
    Type i64 = IntegerType::get(node.getContext(), 64);
    Value axis = getElement(node, axes, 0);
    addCheck(node, inRange(node, axis, -rank, rank - 1),
             "input 1 ('axis') must be in [" + std::to_string(-rank) + ", " +
                 std::to_string(rank) + ")");
    Value negative = node.create<LessOp>(axis, node.scalar(i64, 0));
    axis = node.create<SelectOp>(
        negative, node.create<AddOp>(axis, node.scalar(i64, rank)), axis);
    Value result = buildCumSum(node, x, rank - 1, exclusive, reverse);
    for (int64_t d = rank - 2; d >= 0; --d)
      result = node.create<SelectOp>(
          node.create<EqualOp>(axis, node.scalar(i64, d)),
          buildCumSum(node, x, d, exclusive, reverse), result);
    return SmallVector<Value>{result};
  }
  std::optional<SmallVector<int64_t>> axes =
      node.requireConstantInts(1, "axis");
  if (!axes)
    return failure();
  if (axes->size() != 1) {
    node.emitError() << "input 1 ('axis') must be a scalar";
    return failure();
  }
  std::optional<int64_t> axis = node.normalizeAxis(axes->front(), rank);
  if (!axis)
    return failure();
  return SmallVector<Value>{buildCumSum(node, x, *axis, exclusive, reverse)};
}

/// MatMul with NumPy semantics: 1-D operands become matrices and the added
/// dimension is removed from the result.
Results convertMatMul(OnnxNode &node) {
  Value lhs = node.getInput(0);
  Value rhs = node.getInput(1);
  if (!lhs || !rhs)
    return failure();
  ArrayRef<int64_t> lhsShape = getShape(lhs);
  ArrayRef<int64_t> rhsShape = getShape(rhs);
  if (lhsShape.empty() || rhsShape.empty()) {
    node.emitError() << "operands must have rank >= 1";
    return failure();
  }
  if (lhsShape.size() == 1)
    lhs = node.reshape(lhs, {1, lhsShape[0]});
  if (rhsShape.size() == 1)
    rhs = node.reshape(rhs, {rhsShape[0], 1});
  Value product = node.create<MatmulOp>(lhs, rhs);
  if (!product)
    return failure();
  SmallVector<int64_t> shape(getShape(product));
  if (rhsShape.size() == 1)
    shape.erase(shape.end() - 1);
  if (lhsShape.size() == 1)
    shape.erase(shape.end() - (rhsShape.size() == 1 ? 1 : 2));
  return SmallVector<Value>{node.reshape(product, shape)};
}

/// Gemm: `alpha * A' * B' + beta * C`.
Results buildGemm(OnnxNode &node, bool requireC) {
  Value a = node.getInput(0);
  Value b = node.getInput(1);
  Value c = requireC ? node.getInput(2) : node.getOptionalInput(2);
  float alpha = node.getFloat("alpha", 1.0f);
  float beta = node.getFloat("beta", 1.0f);
  bool transA = node.getInt("transA", 0);
  bool transB = node.getInt("transB", 0);
  Builder builder(node.getContext());
  return SmallVector<Value>{node.create<GemmOp>(
      a, b, OptionalOperand{c}, builder.getF32FloatAttr(alpha),
      builder.getF32FloatAttr(beta), builder.getBoolAttr(transA),
      builder.getBoolAttr(transB))};
}

/// Gemm 1 and 6: `broadcast` says whether C may broadcast; C is required.
Results convertGemmOpset1(OnnxNode &node) {
  node.getInt("broadcast", 0);
  return buildGemm(node, /*requireC=*/true);
}

/// Gemm 7 and 9: C broadcasts unidirectionally and is required.
Results convertGemmOpset7(OnnxNode &node) {
  return buildGemm(node, /*requireC=*/true);
}

/// Gemm from 11: C is optional.
Results convertGemmOpset11(OnnxNode &node) {
  return buildGemm(node, /*requireC=*/false);
}

} // namespace

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

void mlir::kiln::populateMathHandlers(OnnxHandlerRegistry &registry) {
  auto add = [&](StringRef opType, int64_t version, auto fn) {
    registry.add("", opType, version, handler(fn));
  };
  // Unary ops: the versions after the first only added element types.
  add("Abs", 1, convertEvaluatedUnary<AbsOp, EvalOp::Abs>);
  add("Ceil", 1, convertUnary<CeilOp>);
  add("Cos", 7, convertUnary<CosOp>);
  add("Erf", 9, convertUnary<ErfOp>);
  add("Exp", 1, convertUnary<ExpOp>);
  add("Floor", 1, convertUnary<FloorOp>);
  add("Log", 1, convertUnary<LogOp>);
  add("Neg", 1, convertEvaluatedUnary<NegOp, EvalOp::Neg>);
  add("Not", 1, convertEvaluatedUnary<NotOp, EvalOp::Not>);
  add("Reciprocal", 1, convertUnary<ReciprocalOp>);
  add("Relu", 1, convertUnary<ReluOp>);
  add("Round", 11, convertUnary<RoundOp>);
  add("Sigmoid", 1, convertUnary<SigmoidOp>);
  add("Sign", 9, convertUnary<SignOp>);
  add("Sin", 7, convertUnary<SinOp>);
  add("Sqrt", 1, convertUnary<SqrtOp>);
  add("Tanh", 1, convertUnary<TanhOp>);

  // Decomposed activations and functions.
  add("Acos", 7, convertAcos);
  add("Acosh", 9, convertInverseHyperbolic<-1>);
  add("Asin", 7, convertAsin);
  add("Asinh", 9, convertInverseHyperbolic<1>);
  add("Atan", 7, convertAtan);
  add("Atanh", 9, convertAtanh);
  add("Celu", 12, convertCelu);
  add("Cosh", 9, convertHyperbolic<1>);
  add("Elu", 1, convertElu);
  add("Gelu", 20, convertGelu);
  add("HardSigmoid", 1, convertHardSigmoid);
  add("HardSwish", 14, convertHardSwish);
  add("IsInf", 10, convertIsInf);
  add("IsNaN", 9, convertIsNaN);
  add("LeakyRelu", 1, convertLeakyRelu);
  add("Mish", 18, convertMish);
  add("PRelu", 1, convertPReluOpset1);
  add("PRelu", 7, convertPRelu);
  add("Selu", 1, convertSelu);
  add("Shrink", 9, convertShrink);
  add("Sinh", 9, convertHyperbolic<-1>);
  add("Softplus", 1, convertSoftplus);
  add("Softsign", 1, convertSoftsign);
  add("Tan", 7, convertTan);
  add("ThresholdedRelu", 10, convertThresholdedRelu);

  // Binary ops: opset 7 replaced `broadcast`/`axis` with NumPy rules.
  add("Add", 1, convertLegacyBinary<AddOp, EvalOp::Add>);
  add("Add", 7, convertBinary<AddOp, EvalOp::Add>);
  add("And", 1, convertLegacyBinary<AndOp, EvalOp::And>);
  add("And", 7, convertBinary<AndOp, EvalOp::And>);
  add("Div", 1, convertLegacyBinary<DivOp, EvalOp::Div>);
  add("Div", 7, convertBinary<DivOp, EvalOp::Div>);
  add("Equal", 1, convertLegacyBinary<EqualOp, EvalOp::Equal>);
  add("Equal", 7, convertBinary<EqualOp, EvalOp::Equal>);
  add("Greater", 1, convertLegacyBinary<GreaterOp, EvalOp::Greater>);
  add("Greater", 7, convertBinary<GreaterOp, EvalOp::Greater>);
  add("GreaterOrEqual", 12,
      convertBinary<GreaterEqualOp, EvalOp::GreaterEqual>);
  add("Less", 1, convertLegacyBinary<LessOp, EvalOp::Less>);
  add("Less", 7, convertBinary<LessOp, EvalOp::Less>);
  add("LessOrEqual", 12, convertBinary<LessEqualOp, EvalOp::LessEqual>);
  add("Mul", 1, convertLegacyBinary<MulOp, EvalOp::Mul>);
  add("Mul", 7, convertBinary<MulOp, EvalOp::Mul>);
  add("Or", 1, convertLegacyBinary<OrOp, EvalOp::Or>);
  add("Or", 7, convertBinary<OrOp, EvalOp::Or>);
  add("Sub", 1, convertLegacyBinary<SubOp, EvalOp::Sub>);
  add("Sub", 7, convertBinary<SubOp, EvalOp::Sub>);
  add("Xor", 1, convertLegacyBinary<XorOp, EvalOp::Xor>);
  add("Xor", 7, convertBinary<XorOp, EvalOp::Xor>);
  add("BitShift", 11, convertBitShift);
  add("Mod", 10, convertMod);
  add("Pow", 1, convertPowOpset1);
  add("Pow", 7, convertPow);
  add("Where", 9, convertWhere);

  // Variadic ops: opset 8 added broadcasting, a superset of the older
  // equal-shape form.
  add("Max", 1, convertVariadic<MaxOp, EvalOp::Max>);
  add("Mean", 1, convertMean);
  add("Min", 1, convertVariadic<MinOp, EvalOp::Min>);
  add("Sum", 1, convertVariadic<AddOp, EvalOp::Add>);

  add("Clip", 1, convertClipOpset1);
  add("Clip", 11, convertClipOpset11);
  add("CumSum", 11, convertCumSum);
  add("Det", 11, convertDet);
  add("Gemm", 1, convertGemmOpset1);
  add("Gemm", 7, convertGemmOpset7);
  add("Gemm", 11, convertGemmOpset11);
  add("MatMul", 1, convertMatMul);
}
