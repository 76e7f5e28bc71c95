// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// IR-building helpers shared by the `kiln` to `linalg` patterns: scalar
// arithmetic by original element type, broadcast indexing maps, elementwise
// `linalg.generic`s, reshapes and pads.

#include "Patterns.h"

#include "kiln/Conversion/KilnToLinalg/KilnToLinalg.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

//===----------------------------------------------------------------------===//
// Diagnostics
//===----------------------------------------------------------------------===//

LogicalResult lowering::emitUnsupported(ConversionPatternRewriter &rewriter,
                                        Operation *op, const Twine &why) {
  std::string reason = why.str();
  op->emitError() << "unsupported " << op->getName() << " (" << reason << ")";
  return rewriter.notifyMatchFailure(op, reason);
}

LogicalResult lowering::checkElementTypes(ConversionPatternRewriter &rewriter,
                                          Operation *op) {
  auto isIndex = [](Type type) { return getElementTypeOrSelf(type).isIndex(); };
  if (llvm::any_of(op->getOperandTypes(), isIndex) ||
      llvm::any_of(op->getResultTypes(), isIndex))
    return emitUnsupported(rewriter, op, "index element type");
  return success();
}

LogicalResult
lowering::convertResultTypes(const TypeConverter &typeConverter,
                             ConversionPatternRewriter &rewriter, Operation *op,
                             SmallVectorImpl<RankedTensorType> &types) {
  for (Type type : op->getResultTypes()) {
    auto converted =
        dyn_cast_or_null<RankedTensorType>(typeConverter.convertType(type));
    if (!converted)
      return emitUnsupported(rewriter, op, "result type cannot be converted");
    types.push_back(converted);
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Element types and scalars
//===----------------------------------------------------------------------===//

Type lowering::getElementType(Value value) {
  return getElementTypeOrSelf(value.getType());
}

bool lowering::isUnsignedLike(Type type) {
  return type.isUnsignedInteger() || type.isInteger(1);
}

Type lowering::getAccumulatorType(Type type) {
  if (type.isF16() || type.isBF16())
    return Float32Type::get(type.getContext());
  return getSignlessElementType(type);
}

Value lowering::createScalar(OpBuilder &b, Location loc, Type type,
                             double value) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(b, loc, FloatAttr::get(floatType, value));
  if (type.isIndex())
    return arith::ConstantIndexOp::create(b, loc, static_cast<int64_t>(value));
  auto intType = cast<IntegerType>(type);
  APInt bits(intType.getWidth(),
             static_cast<uint64_t>(static_cast<int64_t>(value)),
             /*isSigned=*/true, /*implicitTrunc=*/true);
  return arith::ConstantOp::create(b, loc, IntegerAttr::get(intType, bits));
}

/// Returns the lowest (`highest` false) or highest value of the original
/// element type `type` as a constant of its storage type.
static Value createExtreme(OpBuilder &b, Location loc, Type type,
                           bool highest) {
  if (auto floatType = dyn_cast<FloatType>(type)) {
    const llvm::fltSemantics &semantics = floatType.getFloatSemantics();
    // Types without infinities (some f8 formats) use their largest finite.
    APFloat value = APFloat::semanticsHasInf(semantics)
                        ? APFloat::getInf(semantics, /*Negative=*/!highest)
                        : APFloat::getLargest(semantics, /*Negative=*/!highest);
    return arith::ConstantOp::create(b, loc, FloatAttr::get(floatType, value));
  }
  auto intType = cast<IntegerType>(type);
  unsigned width = intType.getWidth();
  APInt value;
  if (isUnsignedLike(type))
    value = highest ? APInt::getMaxValue(width) : APInt::getMinValue(width);
  else
    value = highest ? APInt::getSignedMaxValue(width)
                    : APInt::getSignedMinValue(width);
  auto storage = IntegerType::get(type.getContext(), width);
  return arith::ConstantOp::create(b, loc, IntegerAttr::get(storage, value));
}

Value lowering::createLowest(OpBuilder &b, Location loc, Type type) {
  return createExtreme(b, loc, type, /*highest=*/false);
}

Value lowering::createHighest(OpBuilder &b, Location loc, Type type) {
  return createExtreme(b, loc, type, /*highest=*/true);
}

Value lowering::convertScalar(OpBuilder &b, Location loc, Value value,
                              Type from, Type to) {
  // Same storage (`uiN` and `iN`): the same bits.
  if (getSignlessElementType(from) == getSignlessElementType(to))
    return value;
  Type storage = getSignlessElementType(to);
  auto fromFloat = dyn_cast<FloatType>(from);
  auto toFloat = dyn_cast<FloatType>(to);
  // Anything to bool is `x != 0`; NaN is true.
  if (to.isSignlessInteger(1)) {
    if (fromFloat)
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, value,
                                   createScalar(b, loc, fromFloat, 0.0));
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, value,
                                 createScalar(b, loc, value.getType(), 0.0));
  }
  if (fromFloat && toFloat) {
    unsigned fromWidth = fromFloat.getWidth(), toWidth = toFloat.getWidth();
    if (fromWidth < toWidth)
      return arith::ExtFOp::create(b, loc, toFloat, value);
    if (fromWidth > toWidth)
      return arith::TruncFOp::create(b, loc, toFloat, value);
    // Same width, different formats (f16 and bf16): through f32.
    Value wide = arith::ExtFOp::create(b, loc, b.getF32Type(), value);
    return arith::TruncFOp::create(b, loc, toFloat, wide);
  }
  if (fromFloat) {
    if (isUnsignedLike(to))
      return arith::FPToUIOp::create(b, loc, storage, value);
    return arith::FPToSIOp::create(b, loc, storage, value);
  }
  if (toFloat) {
    if (isUnsignedLike(from))
      return arith::UIToFPOp::create(b, loc, toFloat, value);
    return arith::SIToFPOp::create(b, loc, toFloat, value);
  }
  unsigned fromWidth = from.getIntOrFloatBitWidth();
  unsigned toWidth = to.getIntOrFloatBitWidth();
  if (fromWidth < toWidth) {
    if (isUnsignedLike(from))
      return arith::ExtUIOp::create(b, loc, storage, value);
    return arith::ExtSIOp::create(b, loc, storage, value);
  }
  assert(fromWidth > toWidth && "same-width integers return early");
  return arith::TruncIOp::create(b, loc, storage, value);
}

Value lowering::createAdd(OpBuilder &b, Location loc, Type type, Value lhs,
                          Value rhs) {
  if (isa<FloatType>(type))
    return arith::AddFOp::create(b, loc, lhs, rhs);
  return arith::AddIOp::create(b, loc, lhs, rhs);
}

Value lowering::createMul(OpBuilder &b, Location loc, Type type, Value lhs,
                          Value rhs) {
  if (isa<FloatType>(type))
    return arith::MulFOp::create(b, loc, lhs, rhs);
  return arith::MulIOp::create(b, loc, lhs, rhs);
}

Value lowering::createMax(OpBuilder &b, Location loc, Type type, Value lhs,
                          Value rhs) {
  if (isa<FloatType>(type))
    return arith::MaximumFOp::create(b, loc, lhs, rhs);
  if (isUnsignedLike(type))
    return arith::MaxUIOp::create(b, loc, lhs, rhs);
  return arith::MaxSIOp::create(b, loc, lhs, rhs);
}

Value lowering::createMin(OpBuilder &b, Location loc, Type type, Value lhs,
                          Value rhs) {
  if (isa<FloatType>(type))
    return arith::MinimumFOp::create(b, loc, lhs, rhs);
  if (isUnsignedLike(type))
    return arith::MinUIOp::create(b, loc, lhs, rhs);
  return arith::MinSIOp::create(b, loc, lhs, rhs);
}

//===----------------------------------------------------------------------===//
// Tensors and linalg
//===----------------------------------------------------------------------===//

Value lowering::createEmptyTensor(OpBuilder &b, Location loc,
                                  ArrayRef<int64_t> shape, Type elementType) {
  return tensor::EmptyOp::create(b, loc, shape, elementType);
}

Value lowering::createFilledTensor(OpBuilder &b, Location loc,
                                   ArrayRef<int64_t> shape, Value value) {
  Value empty = createEmptyTensor(b, loc, shape, value.getType());
  return linalg::FillOp::create(b, loc, ValueRange{value}, ValueRange{empty})
      .getResult(0);
}

AffineMap lowering::getBroadcastMap(MLIRContext *context,
                                    ArrayRef<int64_t> operandShape,
                                    ArrayRef<int64_t> resultShape) {
  unsigned rank = resultShape.size();
  assert(operandShape.size() <= rank && "operand must not outrank the result");
  unsigned offset = rank - operandShape.size();
  SmallVector<AffineExpr> exprs;
  for (auto [i, size] : llvm::enumerate(operandShape)) {
    if (size == 1 && resultShape[offset + i] != 1)
      exprs.push_back(getAffineConstantExpr(0, context));
    else
      exprs.push_back(getAffineDimExpr(offset + i, context));
  }
  return AffineMap::get(rank, /*symbolCount=*/0, exprs, context);
}

Value lowering::buildElementwise(OpBuilder &b, Location loc,
                                 RankedTensorType resultType, ValueRange inputs,
                                 ElementwiseBodyFn body) {
  MLIRContext *context = b.getContext();
  ArrayRef<int64_t> shape = resultType.getShape();
  Value init = createEmptyTensor(b, loc, shape, resultType.getElementType());
  SmallVector<AffineMap> maps;
  for (Value input : inputs)
    maps.push_back(getBroadcastMap(
        context, cast<RankedTensorType>(input.getType()).getShape(), shape));
  maps.push_back(b.getMultiDimIdentityMap(shape.size()));
  SmallVector<utils::IteratorType> iterators(shape.size(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value result = body(nested, nestedLoc, args.drop_back());
        linalg::YieldOp::create(nested, nestedLoc, result);
      });
  return generic.getResult(0);
}

Value lowering::convertTensor(OpBuilder &b, Location loc, Value value,
                              Type from, Type to) {
  if (getSignlessElementType(from) == getSignlessElementType(to))
    return value;
  auto type = cast<RankedTensorType>(value.getType());
  auto resultType =
      RankedTensorType::get(type.getShape(), getSignlessElementType(to));
  return buildElementwise(
      b, loc, resultType, value,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        return convertScalar(nested, nestedLoc, args[0], from, to);
      });
}

Value lowering::reshapeTensor(OpBuilder &b, Location loc, Value value,
                              RankedTensorType type) {
  auto sourceType = cast<RankedTensorType>(value.getType());
  if (sourceType.getShape() == type.getShape())
    return value;
  int64_t sourceRank = sourceType.getRank(), rank = type.getRank();
  if (sourceRank != rank) {
    if (std::optional<SmallVector<ReassociationIndices>> reassociation =
            getReassociationIndicesForReshape(sourceType, type)) {
      if (sourceRank > rank)
        return tensor::CollapseShapeOp::create(b, loc, type, value,
                                               *reassociation);
      return tensor::ExpandShapeOp::create(b, loc, type, value, *reassociation);
    }
  }
  // No grouping relates the two shapes: go through 1-D, which costs nothing
  // (both ops are views of the same contiguous buffer).
  auto flatType = RankedTensorType::get({getNumElements(sourceType.getShape())},
                                        sourceType.getElementType());
  Value flat = value;
  if (sourceRank == 0)
    flat = tensor::ExpandShapeOp::create(b, loc, flatType, value,
                                         ArrayRef<ReassociationIndices>{});
  else if (sourceRank > 1)
    flat = tensor::CollapseShapeOp::create(
        b, loc, flatType, value,
        ArrayRef<ReassociationIndices>{
            llvm::to_vector(llvm::seq<int64_t>(0, sourceRank))});
  if (rank == 0)
    return tensor::CollapseShapeOp::create(b, loc, type, flat,
                                           ArrayRef<ReassociationIndices>{});
  if (rank == 1)
    return flat;
  return tensor::ExpandShapeOp::create(
      b, loc, type, flat,
      ArrayRef<ReassociationIndices>{
          llvm::to_vector(llvm::seq<int64_t>(0, rank))});
}

Value lowering::padTensor(OpBuilder &b, Location loc, Value value,
                          ArrayRef<int64_t> lows, ArrayRef<int64_t> highs,
                          Value padValue) {
  if (llvm::all_of(lows, [](int64_t pad) { return pad == 0; }) &&
      llvm::all_of(highs, [](int64_t pad) { return pad == 0; }))
    return value;
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape(type.getShape());
  SmallVector<OpFoldResult> lowValues, highValues;
  for (auto [dim, low, high] : llvm::zip_equal(shape, lows, highs)) {
    dim += low + high;
    lowValues.push_back(b.getIndexAttr(low));
    highValues.push_back(b.getIndexAttr(high));
  }
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  return tensor::PadOp::create(b, loc, resultType, value, lowValues, highValues,
                               padValue);
}

int64_t lowering::getNumElements(ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}
