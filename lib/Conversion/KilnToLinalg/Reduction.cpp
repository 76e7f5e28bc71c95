// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Lowers the reductions (`kiln.reduce_*`) to `linalg.reduce`, and the
// normalizations built on reductions (`kiln.softmax`, `kiln.log_softmax`,
// `kiln.layer_norm`, `kiln.batch_norm`) to reducing and elementwise
// `linalg.generic`s. 16-bit floats are computed in `f32` and rounded once.

#include "Patterns.h"

#include "kiln/Conversion/KilnToLinalg/KilnToLinalg.h"
#include "kiln/Dialect/Kiln/IR/KilnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Returns `shape` without the dimensions in `dims` (sorted).
static SmallVector<int64_t> dropDims(ArrayRef<int64_t> shape,
                                     ArrayRef<int64_t> dims) {
  SmallVector<int64_t> result;
  for (auto [d, size] : llvm::enumerate(shape))
    if (!llvm::is_contained(dims, static_cast<int64_t>(d)))
      result.push_back(size);
  return result;
}

/// Returns the map from a loop nest of `rank` dimensions to a tensor of the
/// loops that are not in `dims`.
static AffineMap getProjectionMap(MLIRContext *context, int64_t rank,
                                  ArrayRef<int64_t> dims) {
  SmallVector<AffineExpr> exprs;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(dims, d))
      exprs.push_back(getAffineDimExpr(d, context));
  return AffineMap::get(rank, 0, exprs, context);
}

/// The body of a normalization `linalg.generic`: `full` are the elements of
/// the inputs that span the whole loop nest, `partial` those of the inputs
/// that span only the kept (non-reduced) loops, and `acc` the output
/// element.
using NormalizationBodyFn = function_ref<Value(
    OpBuilder &, Location, ValueRange full, ValueRange partial, Value acc)>;

/// Builds a `linalg.generic` over a loop nest of `shape` whose loops in
/// `dims` are reductions (none for an elementwise result). `full` inputs
/// are read with the identity map, `partial` inputs and `init` with the map
/// that drops `dims`. Returns its result.
static Value buildNormalizationGeneric(OpBuilder &b, Location loc,
                                       ArrayRef<int64_t> shape,
                                       ArrayRef<int64_t> dims, ValueRange full,
                                       ValueRange partial, Value init,
                                       ArrayRef<int64_t> partialDims,
                                       NormalizationBodyFn body) {
  MLIRContext *context = b.getContext();
  int64_t rank = shape.size();
  SmallVector<AffineMap> maps;
  for (size_t i = 0; i < full.size(); ++i)
    maps.push_back(b.getMultiDimIdentityMap(rank));
  for (size_t i = 0; i < partial.size(); ++i)
    maps.push_back(getProjectionMap(context, rank, partialDims));
  maps.push_back(getProjectionMap(context, rank, dims));
  SmallVector<utils::IteratorType> iterators;
  for (int64_t d = 0; d < rank; ++d)
    iterators.push_back(llvm::is_contained(dims, d)
                            ? utils::IteratorType::reduction
                            : utils::IteratorType::parallel);
  SmallVector<Value> inputs(full);
  llvm::append_range(inputs, partial);
  size_t numFull = full.size();
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps,
      iterators, [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value result = body(nested, nestedLoc, args.take_front(numFull),
                            args.drop_front(numFull).drop_back(), args.back());
        linalg::YieldOp::create(nested, nestedLoc, result);
      });
  return generic.getResult(0);
}

/// Returns a `linalg.generic` reducing `input` (of original element type
/// `type`) over `dims` into `init` with `combine(element in the computation
/// type, accumulator)`.
static Value buildReduction(
    OpBuilder &b, Location loc, Value input, Type type, ArrayRef<int64_t> dims,
    Value init,
    function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  ArrayRef<int64_t> shape = cast<RankedTensorType>(input.getType()).getShape();
  Type computeType = getElementTypeOrSelf(init.getType());
  return buildNormalizationGeneric(
      b, loc, shape, dims, input, {}, init, dims,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange full, ValueRange,
          Value acc) {
        Value element =
            convertScalar(nested, nestedLoc, full[0], type, computeType);
        return combine(nested, nestedLoc, element, acc);
      });
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

/// `centered * (1 / sqrt(variance + epsilon))` in `centered`'s type. The
/// reciprocal depends only on the statistics, which the innermost loop of
/// a layer or batch normalization does not walk: LLVM computes it once per
/// row or channel, where dividing by the deviation would stay in every
/// element (as ONNX Runtime, it multiplies).
static Value normalize(OpBuilder &b, Location loc, Value centered,
                       Value variance, double epsilon) {
  Type type = centered.getType();
  Value shifted = arith::AddFOp::create(b, loc, variance,
                                        createScalar(b, loc, type, epsilon));
  Value deviation = math::SqrtOp::create(b, loc, shifted);
  Value inverse =
      arith::DivFOp::create(b, loc, createScalar(b, loc, type, 1.0), deviation);
  return arith::MulFOp::create(b, loc, centered, inverse);
}

namespace {

/// `kiln.reduce_*` becomes `linalg.reduce` onto a `linalg.fill` of the
/// reduction's identity (`-inf`/lowest for max, `+inf`/highest for min),
/// followed for the mean by a division by the element count, and for
/// `keep_dims` by a `tensor.expand_shape`. Sums, means and products of
/// 16-bit floats accumulate in `f32`.
template <typename OpTy>
struct ConvertReduceOp : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(convertResultTypes(*this->getTypeConverter(), rewriter, op,
                                  resultTypes)))
      return failure();
    ArrayRef<int64_t> axes = op.getAxes();
    if (axes.empty()) {
      rewriter.replaceOp(op, adaptor.getInput());
      return success();
    }
    Location loc = op.getLoc();
    Type type = getElementTypeOrSelf(op.getInput().getType());
    constexpr bool isMax = std::is_same_v<OpTy, ReduceMaxOp>;
    constexpr bool isMin = std::is_same_v<OpTy, ReduceMinOp>;
    constexpr bool isProd = std::is_same_v<OpTy, ReduceProdOp>;
    constexpr bool isMean = std::is_same_v<OpTy, ReduceMeanOp>;
    Type accType = (isMax || isMin) ? getSignlessElementType(type)
                                    : getAccumulatorType(type);
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    SmallVector<int64_t> reducedShape = dropDims(inputType.getShape(), axes);

    Value identity;
    if constexpr (isMax)
      identity = createLowest(rewriter, loc, type);
    else if constexpr (isMin)
      identity = createHighest(rewriter, loc, type);
    else
      identity = createScalar(rewriter, loc, accType, isProd ? 1.0 : 0.0);
    Value init = createFilledTensor(rewriter, loc, reducedShape, identity);
    auto reduce = linalg::ReduceOp::create(
        rewriter, loc, ValueRange{adaptor.getInput()}, ValueRange{init}, axes,
        [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
          Value element = convertScalar(b, nestedLoc, args[0], type, accType);
          Value result;
          if constexpr (isMax)
            result = createMax(b, nestedLoc, type, element, args[1]);
          else if constexpr (isMin)
            result = createMin(b, nestedLoc, type, element, args[1]);
          else if constexpr (isProd)
            result = createMul(b, nestedLoc, accType, element, args[1]);
          else
            result = createAdd(b, nestedLoc, accType, element, args[1]);
          linalg::YieldOp::create(b, nestedLoc, result);
        });
    Value result = reduce.getResult(0);

    if constexpr (isMean) {
      // Divide by the count and round to the element type in one generic.
      int64_t count = 1;
      for (int64_t axis : axes)
        count *= inputType.getDimSize(axis);
      auto reducedType =
          RankedTensorType::get(reducedShape, getSignlessElementType(type));
      result = buildElementwise(
          rewriter, loc, reducedType, result,
          [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
            Value divisor =
                createScalar(b, nestedLoc, accType, static_cast<double>(count));
            Value mean;
            if (isa<FloatType>(accType))
              mean = arith::DivFOp::create(b, nestedLoc, args[0], divisor);
            else if (isUnsignedLike(type))
              mean = arith::DivUIOp::create(b, nestedLoc, args[0], divisor);
            else
              mean = arith::DivSIOp::create(b, nestedLoc, args[0], divisor);
            return convertScalar(b, nestedLoc, mean, accType, type);
          });
    } else {
      result = convertTensor(rewriter, loc, result, accType, type);
    }
    rewriter.replaceOp(
        op, reshapeTensor(rewriter, loc, result, resultTypes.front()));
    return success();
  }
};

/// `kiln.softmax` becomes four `linalg.generic`s: the maximum along `axis`
/// (reducing), `e = exp(x - max)`, the sum of `e` (reducing) and the
/// result `e * (1 / sum)`. `kiln.log_softmax` becomes three: the maximum,
/// the sum of `exp(x - max)` and `x - max - log(sum)`.
template <typename OpTy>
struct ConvertSoftmaxOp : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(convertResultTypes(*this->getTypeConverter(), rewriter, op,
                                  resultTypes)))
      return failure();
    Location loc = op.getLoc();
    RankedTensorType resultType = resultTypes.front();
    Type type = resultType.getElementType();
    Type computeType = getAccumulatorType(type);
    Value input = adaptor.getInput();
    ArrayRef<int64_t> shape = resultType.getShape();
    SmallVector<int64_t> axis = {static_cast<int64_t>(op.getAxis())};
    SmallVector<int64_t> reducedShape = dropDims(shape, axis);

    // 1. The maximum along the axis (NaN propagates).
    Value maxInit = createFilledTensor(
        rewriter, loc, reducedShape, createLowest(rewriter, loc, computeType));
    Value max = buildReduction(
        rewriter, loc, input, type, axis, maxInit,
        [](OpBuilder &b, Location nestedLoc, Value element, Value acc) {
          return arith::MaximumFOp::create(b, nestedLoc, element, acc);
        });
    // `x - max` in the computation type.
    auto shift = [&](OpBuilder &b, Location nestedLoc, Value x, Value max) {
      Value wide = convertScalar(b, nestedLoc, x, type, computeType);
      return arith::SubFOp::create(b, nestedLoc, wide, max).getResult();
    };
    constexpr bool isLog = std::is_same_v<OpTy, LogSoftmaxOp>;
    Value sumInit =
        createFilledTensor(rewriter, loc, reducedShape,
                           createScalar(rewriter, loc, computeType, 0.0));
    Value init = createEmptyTensor(rewriter, loc, shape, type);
    Value result;
    if (isLog) {
      // 2. The sum of `exp(x - max)`; 3. `x - max - log(sum)`.
      Value sum = buildNormalizationGeneric(
          rewriter, loc, shape, axis, input, max, sumInit, axis,
          [&](OpBuilder &b, Location nestedLoc, ValueRange full,
              ValueRange partial, Value acc) {
            Value exp = math::ExpOp::create(
                b, nestedLoc, shift(b, nestedLoc, full[0], partial[0]));
            return arith::AddFOp::create(b, nestedLoc, acc, exp);
          });
      result = buildNormalizationGeneric(
          rewriter, loc, shape, {}, input, ValueRange{max, sum}, init, axis,
          [&](OpBuilder &b, Location nestedLoc, ValueRange full,
              ValueRange partial, Value) {
            Value value = arith::SubFOp::create(
                b, nestedLoc, shift(b, nestedLoc, full[0], partial[0]),
                math::LogOp::create(b, nestedLoc, partial[1]));
            return convertScalar(b, nestedLoc, value, computeType, type);
          });
    } else {
      // 2. `e = exp(x - max)`, once: it has two readers, so elementwise
      // fusion leaves it alone rather than computing it in each (the
      // exponentials were a third of vit_tiny's softmax time).
      Value exps = buildNormalizationGeneric(
          rewriter, loc, shape, {}, input, max,
          createEmptyTensor(rewriter, loc, shape, computeType), axis,
          [&](OpBuilder &b, Location nestedLoc, ValueRange full,
              ValueRange partial, Value) -> Value {
            return math::ExpOp::create(
                b, nestedLoc, shift(b, nestedLoc, full[0], partial[0]));
          });
      // 3. Their sum.
      Value sum = buildReduction(
          rewriter, loc, exps, computeType, axis, sumInit,
          [](OpBuilder &b, Location nestedLoc, Value element, Value acc) {
            return arith::AddFOp::create(b, nestedLoc, acc, element);
          });
      // 4. `e * (1 / sum)`: the reciprocal is invariant along the axis,
      // which the innermost loop walks, so LLVM computes it once per row
      // instead of dividing every element.
      result = buildNormalizationGeneric(
          rewriter, loc, shape, {}, exps, sum, init, axis,
          [&](OpBuilder &b, Location nestedLoc, ValueRange full,
              ValueRange partial, Value) {
            Value one = createScalar(b, nestedLoc, computeType, 1.0);
            Value reciprocal =
                arith::DivFOp::create(b, nestedLoc, one, partial[0]);
            Value value =
                arith::MulFOp::create(b, nestedLoc, full[0], reciprocal);
            return convertScalar(b, nestedLoc, value, computeType, type);
          });
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// `kiln.layer_norm` becomes three `linalg.generic`s over the normalized
/// dimensions `[axis, rank)`: the mean (a sum, then a division), the biased
/// variance `sum((x - mean)^2) / n` (two passes, numerically stable), and
/// the elementwise `(x - mean) * (1 / sqrt(variance + epsilon)) * scale +
/// bias` with `scale` and `bias` broadcast.
struct ConvertLayerNormOp : OpConversionPattern<LayerNormOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(LayerNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(
            convertResultTypes(*getTypeConverter(), rewriter, op, resultTypes)))
      return failure();
    Location loc = op.getLoc();
    RankedTensorType resultType = resultTypes.front();
    Type type = resultType.getElementType();
    Type computeType = getAccumulatorType(type);
    Value input = adaptor.getInput();
    ArrayRef<int64_t> shape = resultType.getShape();
    int64_t rank = shape.size();
    auto axis = static_cast<int64_t>(op.getAxis());
    SmallVector<int64_t> dims = llvm::to_vector(llvm::seq<int64_t>(axis, rank));
    SmallVector<int64_t> keptShape(shape.take_front(axis));
    int64_t count = getNumElements(shape.drop_front(axis));
    auto keptType = RankedTensorType::get(keptShape, computeType);

    // 1. The mean.
    Value zeros =
        createFilledTensor(rewriter, loc, keptShape,
                           createScalar(rewriter, loc, computeType, 0.0));
    Value sum = buildReduction(
        rewriter, loc, input, type, dims, zeros,
        [](OpBuilder &b, Location nestedLoc, Value element, Value acc) {
          return arith::AddFOp::create(b, nestedLoc, element, acc);
        });
    auto divideByCount = [&](OpBuilder &b, Location nestedLoc,
                             ValueRange args) {
      return arith::DivFOp::create(
          b, nestedLoc, args[0],
          createScalar(b, nestedLoc, computeType, static_cast<double>(count)));
    };
    Value mean = buildElementwise(rewriter, loc, keptType, sum, divideByCount);
    // 2. The biased variance.
    Value squares = buildNormalizationGeneric(
        rewriter, loc, shape, dims, input, mean, zeros, dims,
        [&](OpBuilder &b, Location nestedLoc, ValueRange full,
            ValueRange partial, Value acc) {
          Value x = convertScalar(b, nestedLoc, full[0], type, computeType);
          Value centered = arith::SubFOp::create(b, nestedLoc, x, partial[0]);
          Value square =
              arith::MulFOp::create(b, nestedLoc, centered, centered);
          return arith::AddFOp::create(b, nestedLoc, acc, square);
        });
    Value variance =
        buildElementwise(rewriter, loc, keptType, squares, divideByCount);
    // 3. Normalize, scale and shift. `scale` and `bias` broadcast to the
    // input's shape (aligned from the last dimension).
    double epsilon = op.getEpsilonAttr().getValueAsDouble();
    Value init = createEmptyTensor(rewriter, loc, shape, type);
    MLIRContext *context = rewriter.getContext();
    SmallVector<AffineMap> maps = {
        rewriter.getMultiDimIdentityMap(rank),
        getBroadcastMap(
            context,
            cast<RankedTensorType>(adaptor.getScale().getType()).getShape(),
            shape),
        getBroadcastMap(
            context,
            cast<RankedTensorType>(adaptor.getBias().getType()).getShape(),
            shape),
        getProjectionMap(context, rank, dims),
        getProjectionMap(context, rank, dims),
        rewriter.getMultiDimIdentityMap(rank)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType},
        ValueRange{input, adaptor.getScale(), adaptor.getBias(), mean,
                   variance},
        ValueRange{init}, maps, iterators,
        [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
          auto widen = [&](Value value) {
            return convertScalar(b, nestedLoc, value, type, computeType);
          };
          Value centered =
              arith::SubFOp::create(b, nestedLoc, widen(args[0]), args[3]);
          Value normalized =
              normalize(b, nestedLoc, centered, args[4], epsilon);
          Value scaled =
              arith::MulFOp::create(b, nestedLoc, normalized, widen(args[1]));
          Value result =
              arith::AddFOp::create(b, nestedLoc, scaled, widen(args[2]));
          linalg::YieldOp::create(
              b, nestedLoc,
              convertScalar(b, nestedLoc, result, computeType, type));
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// `kiln.batch_norm` becomes one elementwise `linalg.generic` computing
/// `(x - mean) * (1 / sqrt(variance + epsilon)) * scale + bias`, the four
/// `[C]` operands read through the channel loop (dimension 1).
struct ConvertBatchNormOp : OpConversionPattern<BatchNormOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(BatchNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(
            convertResultTypes(*getTypeConverter(), rewriter, op, resultTypes)))
      return failure();
    Location loc = op.getLoc();
    RankedTensorType resultType = resultTypes.front();
    Type type = resultType.getElementType();
    Type computeType = getAccumulatorType(type);
    int64_t rank = resultType.getRank();
    double epsilon = op.getEpsilonAttr().getValueAsDouble();
    MLIRContext *context = rewriter.getContext();
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap channel = AffineMap::get(rank, 0, getAffineDimExpr(1, context));
    SmallVector<AffineMap> maps = {identity, channel, channel,
                                   channel,  channel, identity};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    Value init = createEmptyTensor(rewriter, loc, resultType.getShape(), type);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType},
        ValueRange{adaptor.getInput(), adaptor.getScale(), adaptor.getBias(),
                   adaptor.getMean(), adaptor.getVariance()},
        ValueRange{init}, maps, iterators,
        [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
          auto widen = [&](Value value) {
            return convertScalar(b, nestedLoc, value, type, computeType);
          };
          Value centered = arith::SubFOp::create(b, nestedLoc, widen(args[0]),
                                                 widen(args[3]));
          Value normalized =
              normalize(b, nestedLoc, centered, widen(args[4]), epsilon);
          Value scaled =
              arith::MulFOp::create(b, nestedLoc, normalized, widen(args[1]));
          Value result =
              arith::AddFOp::create(b, nestedLoc, scaled, widen(args[2]));
          linalg::YieldOp::create(
              b, nestedLoc,
              convertScalar(b, nestedLoc, result, computeType, type));
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Entry point
//===----------------------------------------------------------------------===//

void lowering::populateReductionPatterns(const TypeConverter &typeConverter,
                                         RewritePatternSet &patterns) {
  patterns
      .add<ConvertBatchNormOp, ConvertLayerNormOp, ConvertReduceOp<ReduceMaxOp>,
           ConvertReduceOp<ReduceMeanOp>, ConvertReduceOp<ReduceMinOp>,
           ConvertReduceOp<ReduceProdOp>, ConvertReduceOp<ReduceSumOp>,
           ConvertSoftmaxOp<LogSoftmaxOp>, ConvertSoftmaxOp<SoftmaxOp>>(
          typeConverter, patterns.getContext());
}
