// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Lowers the elementwise `kiln` ops (unary math, broadcasting binary ops,
// comparisons, logic, select, cast, clip) to one `linalg.generic` each, with
// broadcasting spelled as indexing maps.

#include "Patterns.h"

#include "kiln/Conversion/KilnToLinalg/KilnToLinalg.h"
#include "kiln/Dialect/Kiln/IR/KilnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Returns the binary `FloatOp` for floats, `SignedOp` or `UnsignedOp` for
/// integers of the original element type `type`, applied to `operands`.
template <typename FloatOp, typename SignedOp, typename UnsignedOp>
static Value createByType(OpBuilder &b, Location loc, Type type,
                          ValueRange operands) {
  if (isa<FloatType>(type))
    return FloatOp::create(b, loc, operands[0], operands[1]);
  if (isUnsignedLike(type))
    return UnsignedOp::create(b, loc, operands[0], operands[1]);
  return SignedOp::create(b, loc, operands[0], operands[1]);
}

/// Returns the comparison `lhs <pred> rhs` for the original element type
/// `type`: ordered float predicates (false on NaN), signed or unsigned
/// integer predicates.
static Value createCompare(OpBuilder &b, Location loc, Type type,
                           arith::CmpFPredicate floatPredicate,
                           arith::CmpIPredicate signedPredicate,
                           arith::CmpIPredicate unsignedPredicate, Value lhs,
                           Value rhs) {
  if (isa<FloatType>(type))
    return arith::CmpFOp::create(b, loc, floatPredicate, lhs, rhs);
  return arith::CmpIOp::create(
      b, loc, isUnsignedLike(type) ? unsignedPredicate : signedPredicate, lhs,
      rhs);
}

/// Returns `sign(x)`: -1, 0 or 1 (NaN and signed zeros stay as they are).
static Value createSign(OpBuilder &b, Location loc, Type type, Value x) {
  Type storage = x.getType();
  Value zero = createScalar(b, loc, storage, 0.0);
  Value one = createScalar(b, loc, storage, 1.0);
  if (isUnsignedLike(type)) {
    Value nonZero =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, x, zero);
    return arith::SelectOp::create(b, loc, nonZero, one, zero);
  }
  Value minusOne = createScalar(b, loc, storage, -1.0);
  Value negative = createCompare(b, loc, type, arith::CmpFPredicate::OLT,
                                 arith::CmpIPredicate::slt,
                                 arith::CmpIPredicate::ult, x, zero);
  Value positive = createCompare(b, loc, type, arith::CmpFPredicate::OGT,
                                 arith::CmpIPredicate::sgt,
                                 arith::CmpIPredicate::ugt, x, zero);
  // Floats keep `x` when neither holds, so NaN stays NaN and 0 stays 0.
  Value otherwise = isa<FloatType>(type) ? x : zero;
  Value positiveOrOther =
      arith::SelectOp::create(b, loc, positive, one, otherwise);
  return arith::SelectOp::create(b, loc, negative, minusOne, positiveOrOther);
}

/// Returns `1 / (1 + exp(-x))`.
static Value createSigmoid(OpBuilder &b, Location loc, Value x) {
  Value one = createScalar(b, loc, x.getType(), 1.0);
  Value negated = arith::NegFOp::create(b, loc, x);
  Value exp = math::ExpOp::create(b, loc, negated);
  Value denominator = arith::AddFOp::create(b, loc, one, exp);
  return arith::DivFOp::create(b, loc, one, denominator);
}

/// Returns the bound `value` of `kiln.clip` as a constant of the original
/// element type `type`: rounded to nearest for floats (an out-of-range bound
/// becomes an infinity), clamped to the type's range for integers, rounded
/// inward (`ceil` for the lower bound, `floor` for the upper) so that
/// clamping an integer to it equals clamping to the real bound.
static Value createClipBound(OpBuilder &b, Location loc, Type type,
                             double value, bool isUpper) {
  if (isa<FloatType>(type))
    return createScalar(b, loc, type, value);
  unsigned width = type.getIntOrFloatBitWidth();
  auto storage = IntegerType::get(type.getContext(), width);
  value = isUpper ? std::floor(value) : std::ceil(value);
  APInt bits;
  if (isUnsignedLike(type)) {
    // 2^width as a double; exact for every width we meet.
    double limit = std::ldexp(1.0, width);
    if (value <= 0)
      bits = APInt::getMinValue(width);
    else if (value >= limit - 1)
      bits = APInt::getMaxValue(width);
    else
      bits = APInt(width, static_cast<uint64_t>(value));
  } else {
    double limit = std::ldexp(1.0, width - 1);
    if (value <= -limit)
      bits = APInt::getSignedMinValue(width);
    else if (value >= limit - 1)
      bits = APInt::getSignedMaxValue(width);
    else
      bits = APInt(width, static_cast<uint64_t>(static_cast<int64_t>(value)),
                   /*isSigned=*/true, /*implicitTrunc=*/true);
  }
  return arith::ConstantOp::create(b, loc, IntegerAttr::get(storage, bits));
}

/// Builds the scalar computation of the elementwise `op` on one element.
/// `args` are the operands' elements in their signless storage types, `type`
/// the original element type of the op's data operands. Returns null for an
/// op this file does not know.
static Value buildScalar(Operation *op, Type type, OpBuilder &b, Location loc,
                         ValueRange args) {
  Value x = args.front();
  bool isFloat = isa<FloatType>(type);
  return llvm::TypeSwitch<Operation *, Value>(op)
      // Unary.
      .Case([&](AbsOp) -> Value {
        if (isFloat)
          return math::AbsFOp::create(b, loc, x);
        if (isUnsignedLike(type))
          return x;
        return math::AbsIOp::create(b, loc, x);
      })
      .Case([&](CeilOp) { return math::CeilOp::create(b, loc, x); })
      .Case([&](CosOp) { return math::CosOp::create(b, loc, x); })
      .Case([&](ErfOp) { return math::ErfOp::create(b, loc, x); })
      .Case([&](ExpOp) { return math::ExpOp::create(b, loc, x); })
      .Case([&](FloorOp) { return math::FloorOp::create(b, loc, x); })
      .Case([&](LogOp) { return math::LogOp::create(b, loc, x); })
      .Case([&](NegOp) -> Value {
        if (isFloat)
          return arith::NegFOp::create(b, loc, x);
        return arith::SubIOp::create(b, loc,
                                     createScalar(b, loc, x.getType(), 0.0), x);
      })
      .Case([&](NotOp) {
        return arith::XOrIOp::create(b, loc, x,
                                     createScalar(b, loc, x.getType(), 1.0));
      })
      .Case([&](ReciprocalOp) {
        return arith::DivFOp::create(b, loc,
                                     createScalar(b, loc, x.getType(), 1.0), x);
      })
      .Case([&](ReluOp) -> Value {
        if (isUnsignedLike(type))
          return x;
        return createMax(b, loc, type, x,
                         createScalar(b, loc, x.getType(), 0.0));
      })
      .Case([&](RoundOp) { return math::RoundEvenOp::create(b, loc, x); })
      .Case([&](SigmoidOp) { return createSigmoid(b, loc, x); })
      .Case([&](SignOp) { return createSign(b, loc, type, x); })
      .Case([&](SinOp) { return math::SinOp::create(b, loc, x); })
      .Case([&](SqrtOp) { return math::SqrtOp::create(b, loc, x); })
      .Case([&](TanhOp) { return math::TanhOp::create(b, loc, x); })
      // Arithmetic.
      .Case([&](AddOp) { return createAdd(b, loc, type, args[0], args[1]); })
      .Case([&](SubOp) -> Value {
        if (isFloat)
          return arith::SubFOp::create(b, loc, args[0], args[1]);
        return arith::SubIOp::create(b, loc, args[0], args[1]);
      })
      .Case([&](MulOp) { return createMul(b, loc, type, args[0], args[1]); })
      .Case([&](DivOp) {
        // Integer division truncates toward zero, as ONNX's does.
        return createByType<arith::DivFOp, arith::DivSIOp, arith::DivUIOp>(
            b, loc, type, args);
      })
      .Case([&](MaxOp) { return createMax(b, loc, type, args[0], args[1]); })
      .Case([&](MinOp) { return createMin(b, loc, type, args[0], args[1]); })
      .Case([&](PowOp) -> Value {
        if (isFloat)
          return math::PowFOp::create(b, loc, args[0], args[1]);
        return math::IPowIOp::create(b, loc, args[0], args[1]);
      })
      // Comparisons.
      .Case([&](EqualOp) {
        return createCompare(b, loc, type, arith::CmpFPredicate::OEQ,
                             arith::CmpIPredicate::eq, arith::CmpIPredicate::eq,
                             args[0], args[1]);
      })
      .Case([&](GreaterOp) {
        return createCompare(b, loc, type, arith::CmpFPredicate::OGT,
                             arith::CmpIPredicate::sgt,
                             arith::CmpIPredicate::ugt, args[0], args[1]);
      })
      .Case([&](GreaterEqualOp) {
        return createCompare(b, loc, type, arith::CmpFPredicate::OGE,
                             arith::CmpIPredicate::sge,
                             arith::CmpIPredicate::uge, args[0], args[1]);
      })
      .Case([&](LessOp) {
        return createCompare(b, loc, type, arith::CmpFPredicate::OLT,
                             arith::CmpIPredicate::slt,
                             arith::CmpIPredicate::ult, args[0], args[1]);
      })
      .Case([&](LessEqualOp) {
        return createCompare(b, loc, type, arith::CmpFPredicate::OLE,
                             arith::CmpIPredicate::sle,
                             arith::CmpIPredicate::ule, args[0], args[1]);
      })
      // Logic.
      .Case([&](AndOp) {
        return arith::AndIOp::create(b, loc, args[0], args[1]);
      })
      .Case(
          [&](OrOp) { return arith::OrIOp::create(b, loc, args[0], args[1]); })
      .Case([&](XorOp) {
        return arith::XOrIOp::create(b, loc, args[0], args[1]);
      })
      // Others.
      .Case([&](SelectOp) {
        return arith::SelectOp::create(b, loc, args[0], args[1], args[2]);
      })
      .Case([&](CastOp cast) {
        return convertScalar(b, loc, x, type,
                             getElementTypeOrSelf(cast.getType()));
      })
      .Case([&](ClipOp clip) {
        Value lower =
            createClipBound(b, loc, type, clip.getMinAttr().getValueAsDouble(),
                            /*isUpper=*/false);
        Value upper =
            createClipBound(b, loc, type, clip.getMaxAttr().getValueAsDouble(),
                            /*isUpper=*/true);
        return createMin(b, loc, type, createMax(b, loc, type, x, lower),
                         upper);
      })
      .Default([](Operation *) { return Value(); });
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

/// Lowers an elementwise `kiln` op to a `linalg.generic` whose inputs are the
/// op's operands broadcast to the result shape and whose body is
/// `buildScalar`.
template <typename OpTy>
struct ConvertElementwiseOp : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(convertResultTypes(*this->getTypeConverter(), rewriter, op,
                                  resultTypes)))
      return failure();
    // The data operands come last (`kiln.select`'s condition comes first)
    // and share one element type.
    Type type = getElementTypeOrSelf(op->getOperands().back().getType());
    Location loc = op.getLoc();
    // Transcendental functions of 16-bit floats are computed in f32 and
    // rounded once, as ONNX Runtime does; libm has no f16 versions.
    bool widen = isa<CosOp, ErfOp, ExpOp, LogOp, PowOp, SigmoidOp, SinOp,
                     SqrtOp, TanhOp>(op.getOperation()) &&
                 (type.isF16() || type.isBF16());
    Value result = buildElementwise(
        rewriter, loc, resultTypes.front(), adaptor.getOperands(),
        [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
          if (!widen)
            return buildScalar(op, type, b, nestedLoc, args);
          Type wide = b.getF32Type();
          SmallVector<Value> wideArgs;
          for (Value arg : args)
            wideArgs.push_back(convertScalar(b, nestedLoc, arg, type, wide));
          Value value = buildScalar(op, wide, b, nestedLoc, wideArgs);
          return convertScalar(b, nestedLoc, value, wide, type);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Entry point
//===----------------------------------------------------------------------===//

void lowering::populateElementwisePatterns(const TypeConverter &typeConverter,
                                           RewritePatternSet &patterns) {
  patterns.add<
      // Unary.
      ConvertElementwiseOp<AbsOp>, ConvertElementwiseOp<CeilOp>,
      ConvertElementwiseOp<CosOp>, ConvertElementwiseOp<ErfOp>,
      ConvertElementwiseOp<ExpOp>, ConvertElementwiseOp<FloorOp>,
      ConvertElementwiseOp<LogOp>, ConvertElementwiseOp<NegOp>,
      ConvertElementwiseOp<NotOp>, ConvertElementwiseOp<ReciprocalOp>,
      ConvertElementwiseOp<ReluOp>, ConvertElementwiseOp<RoundOp>,
      ConvertElementwiseOp<SigmoidOp>, ConvertElementwiseOp<SignOp>,
      ConvertElementwiseOp<SinOp>, ConvertElementwiseOp<SqrtOp>,
      ConvertElementwiseOp<TanhOp>,
      // Binary.
      ConvertElementwiseOp<AddOp>, ConvertElementwiseOp<DivOp>,
      ConvertElementwiseOp<MaxOp>, ConvertElementwiseOp<MinOp>,
      ConvertElementwiseOp<MulOp>, ConvertElementwiseOp<PowOp>,
      ConvertElementwiseOp<SubOp>, ConvertElementwiseOp<EqualOp>,
      ConvertElementwiseOp<GreaterOp>, ConvertElementwiseOp<GreaterEqualOp>,
      ConvertElementwiseOp<LessOp>, ConvertElementwiseOp<LessEqualOp>,
      ConvertElementwiseOp<AndOp>, ConvertElementwiseOp<OrOp>,
      ConvertElementwiseOp<XorOp>,
      // Others.
      ConvertElementwiseOp<CastOp>, ConvertElementwiseOp<ClipOp>,
      ConvertElementwiseOp<SelectOp>>(typeConverter, patterns.getContext());
}
