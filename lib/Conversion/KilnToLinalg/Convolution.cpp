// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Lowers `kiln.conv`, `kiln.max_pool` and `kiln.avg_pool`: padding becomes
// `tensor.pad`, the sliding window a named `linalg` convolution or pooling
// op where one exists for the rank and grouping (NCHW layouts), and a
// `linalg.generic` with the convolution indexing maps otherwise. Average
// pooling divides by a per-position divisor computed at compile time.

#include "Patterns.h"

#include "kiln/Conversion/KilnToLinalg/KilnToLinalg.h"
#include "kiln/Dialect/Kiln/IR/KilnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {

/// The sliding-window attributes shared by convolutions and pools, for `k`
/// spatial dimensions.
struct Window {
  SmallVector<int64_t> kernel, strides, dilations, padLows, padHighs;
};

} // namespace

/// Returns the window of an op with `k` spatial dimensions, `kernel` sizes,
/// `strides`, `dilations` and `pads` (all begins, then all ends).
static Window getWindow(ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
                        ArrayRef<int64_t> dilations, ArrayRef<int64_t> pads) {
  int64_t k = kernel.size();
  Window window;
  window.kernel.assign(kernel.begin(), kernel.end());
  window.strides.assign(strides.begin(), strides.end());
  window.dilations.assign(dilations.begin(), dilations.end());
  window.padLows.assign(pads.begin(), pads.begin() + k);
  window.padHighs.assign(pads.begin() + k, pads.end());
  return window;
}

/// Pads the spatial dimensions of `input` (`N x C x D...`) with `padValue`:
/// the window's pads, plus whatever the last window of `outputShape` reads
/// past them (`ceil_mode` windows may hang over the end).
static Value padSpatial(OpBuilder &b, Location loc, Value input,
                        const Window &window, ArrayRef<int64_t> outputShape,
                        Value padValue) {
  ArrayRef<int64_t> shape = cast<RankedTensorType>(input.getType()).getShape();
  SmallVector<int64_t> lows = {0, 0}, highs = {0, 0};
  for (auto [i, kernel] : llvm::enumerate(window.kernel)) {
    int64_t size = shape[i + 2];
    int64_t needed = (outputShape[i + 2] - 1) * window.strides[i] +
                     window.dilations[i] * (kernel - 1) + 1;
    int64_t padded = size + window.padLows[i] + window.padHighs[i];
    lows.push_back(window.padLows[i]);
    highs.push_back(window.padHighs[i] + std::max<int64_t>(0, needed - padded));
  }
  return padTensor(b, loc, input, lows, highs, padValue);
}

/// Returns the affine expression `output * stride + tap * dilation` that a
/// sliding window reads at.
static AffineExpr windowExpr(AffineExpr output, AffineExpr tap, int64_t stride,
                             int64_t dilation) {
  return output * stride + tap * dilation;
}

/// Returns the `linalg` convolution attributes: `strides` and `dilations` as
/// `i64` tensors.
static SmallVector<NamedAttribute> getConvAttributes(OpBuilder &b,
                                                     const Window &window) {
  return {b.getNamedAttr("strides", b.getI64TensorAttr(window.strides)),
          b.getNamedAttr("dilations", b.getI64TensorAttr(window.dilations))};
}

/// Builds a pooling `linalg.generic` over `init` (`N x C x O...`) reading
/// the padded `input` through the window; `combine(element, accumulator)`
/// is the reduction. The window's shape comes from a `tensor.empty` operand
/// read by no one, as in the named pooling ops.
static Value buildPoolGeneric(
    OpBuilder &b, Location loc, Value input, Value init, const Window &window,
    function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  MLIRContext *context = b.getContext();
  auto initType = cast<RankedTensorType>(init.getType());
  int64_t k = window.kernel.size();
  int64_t numLoops = 2 + 2 * k;
  auto dim = [&](int64_t d) { return getAffineDimExpr(d, context); };
  SmallVector<AffineExpr> inputExprs = {dim(0), dim(1)}, windowExprs,
                          outputExprs = {dim(0), dim(1)};
  for (int64_t i = 0; i < k; ++i) {
    inputExprs.push_back(windowExpr(dim(2 + i), dim(2 + k + i),
                                    window.strides[i], window.dilations[i]));
    windowExprs.push_back(dim(2 + k + i));
    outputExprs.push_back(dim(2 + i));
  }
  SmallVector<AffineMap> maps = {
      AffineMap::get(numLoops, 0, inputExprs, context),
      AffineMap::get(numLoops, 0, windowExprs, context),
      AffineMap::get(numLoops, 0, outputExprs, context)};
  SmallVector<utils::IteratorType> iterators(2 + k,
                                             utils::IteratorType::parallel);
  iterators.append(k, utils::IteratorType::reduction);
  Value windowShape =
      createEmptyTensor(b, loc, window.kernel, initType.getElementType());
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{initType}, ValueRange{input, windowShape},
      ValueRange{init}, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        linalg::YieldOp::create(nested, nestedLoc,
                                combine(nested, nestedLoc, args[0], args[2]));
      });
  return generic.getResult(0);
}

/// Returns true when the window is a single unpadded tap moving one
/// element at a time: a pointwise (1x1) convolution.
static bool isPointwise(const Window &window) {
  auto isZero = [](int64_t v) { return v == 0; };
  auto isOne = [](int64_t v) { return v == 1; };
  return llvm::all_of(window.kernel, isOne) &&
         llvm::all_of(window.strides, isOne) &&
         llvm::all_of(window.padLows, isZero) &&
         llvm::all_of(window.padHighs, isZero);
}

/// Builds a pointwise convolution of `input` (`N x C x D...`) with `weight`
/// (`M x C x 1...`) onto `init` (`N x M x D...`) as the matrix product per
/// image that it is, `out[n, m, s] += w[m, c] * in[n, c, s]` over the
/// flattened positions `s`: a contraction the CPU back end tiles and
/// vectorizes like `linalg.matmul` (blocks of rows of `m`, lanes along
/// `s`), where the named convolution would stay scalar loops.
static Value buildPointwiseConv(OpBuilder &b, Location loc, Value input,
                                Value weight, Value init, Type accType) {
  MLIRContext *context = b.getContext();
  auto initType = cast<RankedTensorType>(init.getType());
  ArrayRef<int64_t> shape = initType.getShape();
  int64_t batch = shape[0], outChannels = shape[1];
  int64_t channels = cast<RankedTensorType>(input.getType()).getDimSize(1);
  int64_t positions = getNumElements(shape.drop_front(2));
  auto flat = [&](Value value, ArrayRef<int64_t> to) {
    auto type = cast<RankedTensorType>(value.getType());
    return reshapeTensor(b, loc, value,
                         RankedTensorType::get(to, type.getElementType()));
  };
  Value x = flat(input, {batch, channels, positions});
  Value w = flat(weight, {outChannels, channels});
  Value acc = flat(init, {batch, outChannels, positions});
  AffineExpr n, m, s, c;
  bindDims(context, n, m, s, c);
  SmallVector<AffineMap> maps = {AffineMap::get(4, 0, {m, c}, context),
                                 AffineMap::get(4, 0, {n, c, s}, context),
                                 AffineMap::get(4, 0, {n, m, s}, context)};
  SmallVector<utils::IteratorType> iterators(3, utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{acc.getType()}, ValueRange{w, x}, ValueRange{acc}, maps,
      iterators, [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        auto widen = [&](Value v) -> Value {
          if (v.getType() == accType)
            return v;
          return arith::ExtFOp::create(nested, nestedLoc, accType, v);
        };
        Value product = arith::MulFOp::create(nested, nestedLoc,
                                              widen(args[0]), widen(args[1]));
        linalg::YieldOp::create(
            nested, nestedLoc,
            arith::AddFOp::create(nested, nestedLoc, args[2], product)
                .getResult());
      });
  return reshapeTensor(b, loc, generic.getResult(0), initType);
}

/// Returns, per output position of one spatial dimension, how many of the
/// window's taps an average pool divides by: taps inside the input, or
/// (`countPad`) inside the input and its pads; taps that a `ceil_mode`
/// window reads past the end padding never count.
static SmallVector<int64_t> getDivisors(int64_t size, int64_t outputSize,
                                        int64_t kernel, int64_t stride,
                                        int64_t dilation, int64_t padLow,
                                        int64_t padHigh, bool countPad) {
  SmallVector<int64_t> divisors;
  int64_t begin = countPad ? -padLow : 0;
  int64_t end = countPad ? size + padHigh : size;
  for (int64_t o = 0; o < outputSize; ++o) {
    int64_t count = 0;
    for (int64_t tap = 0; tap < kernel; ++tap) {
      int64_t position = o * stride - padLow + tap * dilation;
      if (position >= begin && position < end)
        ++count;
    }
    divisors.push_back(count);
  }
  return divisors;
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

/// `kiln.conv` becomes `tensor.pad` (zeros) and, accumulating onto the bias
/// broadcast with `linalg.broadcast` (or zeros):
/// - `group == 1`, a float 1x1 kernel with unit strides and no padding: a
///   `linalg.generic` matrix product per image (`buildPointwiseConv`);
/// - `group == 1`: `linalg.conv_{1d_ncw_fcw,2d_nchw_fchw,3d_ncdhw_fcdhw}`;
/// - depthwise (`group == C == M`): `linalg.depthwise_conv_{1d_ncw_cw,
///   2d_nchw_chw,3d_ncdhw_cdhw}`;
/// - other groups in 2-D: `linalg.conv_2d_ngchw_gfchw` on the channel
///   dimensions split into `[group, channels / group]`;
/// - anything else: a `linalg.generic` with the same split and the
///   convolution indexing maps over `[n, g, m, o..., c, k...]`.
/// 16-bit floats accumulate in `f32`.
struct ConvertConvOp : OpConversionPattern<ConvOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(
            convertResultTypes(*getTypeConverter(), rewriter, op, resultTypes)))
      return failure();
    Location loc = op.getLoc();
    RankedTensorType resultType = resultTypes.front();
    Type type = getElementTypeOrSelf(op.getInput().getType());
    Type accType = getAccumulatorType(type);
    auto weightType = cast<RankedTensorType>(adaptor.getWeight().getType());
    ArrayRef<int64_t> inputShape =
        cast<RankedTensorType>(adaptor.getInput().getType()).getShape();
    ArrayRef<int64_t> weightShape = weightType.getShape();
    ArrayRef<int64_t> outputShape = resultType.getShape();
    int64_t k = outputShape.size() - 2;
    int64_t group = op.getGroup();
    int64_t channels = inputShape[1], outChannels = outputShape[1];
    Window window = getWindow(weightShape.drop_front(2), op.getStrides(),
                              op.getDilations(), op.getPads());

    Value input =
        padSpatial(rewriter, loc, adaptor.getInput(), window, outputShape,
                   createScalar(rewriter, loc, type, 0.0));
    Value weight = adaptor.getWeight();

    // The accumulator starts as the bias broadcast over everything but the
    // channels.
    Value init;
    if (Value bias = adaptor.getBias()) {
      bias = convertTensor(rewriter, loc, bias, type, accType);
      Value empty = createEmptyTensor(rewriter, loc, outputShape, accType);
      SmallVector<int64_t> dims = {0};
      for (int64_t d = 2; d < k + 2; ++d)
        dims.push_back(d);
      init = linalg::BroadcastOp::create(rewriter, loc, bias, empty, dims)
                 .getResult()[0];
    } else {
      init = createFilledTensor(rewriter, loc, outputShape,
                                createScalar(rewriter, loc, accType, 0.0));
    }
    auto accResultType = RankedTensorType::get(outputShape, accType);
    SmallVector<NamedAttribute> attributes =
        getConvAttributes(rewriter, window);

    Value result;
    if (group == 1 && isPointwise(window) && isa<FloatType>(type)) {
      result = buildPointwiseConv(rewriter, loc, input, weight, init, accType);
    } else if (group == 1 && k >= 1 && k <= 3) {
      SmallVector<Value> inputs = {input, weight};
      if (k == 1)
        result = linalg::Conv1DNcwFcwOp::create(rewriter, loc, accResultType,
                                                inputs, init, attributes)
                     .getResult(0);
      else if (k == 2)
        result = linalg::Conv2DNchwFchwOp::create(rewriter, loc, accResultType,
                                                  inputs, init, attributes)
                     .getResult(0);
      else
        result = linalg::Conv3DNcdhwFcdhwOp::create(
                     rewriter, loc, accResultType, inputs, init, attributes)
                     .getResult(0);
    } else if (group == channels && group == outChannels && k >= 1 && k <= 3) {
      // Depthwise: the weight's unit dimension 1 goes away.
      SmallVector<int64_t> filterShape = {outChannels};
      llvm::append_range(filterShape, weightShape.drop_front(2));
      weight = reshapeTensor(
          rewriter, loc, weight,
          RankedTensorType::get(filterShape, weightType.getElementType()));
      SmallVector<Value> inputs = {input, weight};
      if (k == 1)
        result = linalg::DepthwiseConv1DNcwCwOp::create(
                     rewriter, loc, accResultType, inputs, init, attributes)
                     .getResult(0);
      else if (k == 2)
        result = linalg::DepthwiseConv2DNchwChwOp::create(
                     rewriter, loc, accResultType, inputs, init, attributes)
                     .getResult(0);
      else
        result = linalg::DepthwiseConv3DNcdhwCdhwOp::create(
                     rewriter, loc, accResultType, inputs, init, attributes)
                     .getResult(0);
    } else {
      result = buildGroupedConv(rewriter, loc, input, weight, init, window,
                                group, type, accType);
    }
    rewriter.replaceOp(op, convertTensor(rewriter, loc, result, accType, type));
    return success();
  }

  /// Splits the channel dimensions of `input` (`N x C x D...`), `weight`
  /// (`M x C/G x K...`) and `init` (`N x M x O...`) into `[G, C/G]` and
  /// `[G, M/G]`, convolves with `linalg.conv_2d_ngchw_gfchw` (2-D) or a
  /// `linalg.generic`, and merges the output channels back.
  static Value buildGroupedConv(OpBuilder &b, Location loc, Value input,
                                Value weight, Value init, const Window &window,
                                int64_t group, Type type, Type accType) {
    auto split = [&](Value value, int64_t dim, int64_t groupDim) {
      auto valueType = cast<RankedTensorType>(value.getType());
      SmallVector<int64_t> shape(valueType.getShape());
      shape[dim] /= group;
      shape.insert(shape.begin() + groupDim, group);
      return reshapeTensor(
          b, loc, value,
          RankedTensorType::get(shape, valueType.getElementType()));
    };
    Value groupedInput = split(input, 1, 1);   // N x G x C/G x D...
    Value groupedWeight = split(weight, 0, 0); // G x M/G x C/G x K...
    Value groupedInit = split(init, 1, 1);     // N x G x M/G x O...
    auto groupedType = cast<RankedTensorType>(groupedInit.getType());
    int64_t k = window.kernel.size();

    Value result;
    if (k == 2) {
      result = linalg::Conv2DNgchwGfchwOp::create(
                   b, loc, groupedType, ValueRange{groupedInput, groupedWeight},
                   groupedInit, getConvAttributes(b, window))
                   .getResult(0);
    } else {
      // Loops: n, g, m, o_1..o_k (parallel); c, k_1..k_k (reduction).
      MLIRContext *context = b.getContext();
      int64_t numLoops = 4 + 2 * k;
      auto dim = [&](int64_t d) { return getAffineDimExpr(d, context); };
      AffineExpr n = dim(0), g = dim(1), m = dim(2), c = dim(3 + k);
      SmallVector<AffineExpr> inputExprs = {n, g, c}, weightExprs = {g, m, c},
                              outputExprs = {n, g, m};
      for (int64_t i = 0; i < k; ++i) {
        AffineExpr output = dim(3 + i), tap = dim(4 + k + i);
        inputExprs.push_back(
            windowExpr(output, tap, window.strides[i], window.dilations[i]));
        weightExprs.push_back(tap);
        outputExprs.push_back(output);
      }
      SmallVector<AffineMap> maps = {
          AffineMap::get(numLoops, 0, inputExprs, context),
          AffineMap::get(numLoops, 0, weightExprs, context),
          AffineMap::get(numLoops, 0, outputExprs, context)};
      SmallVector<utils::IteratorType> iterators(3 + k,
                                                 utils::IteratorType::parallel);
      iterators.append(1 + k, utils::IteratorType::reduction);
      result =
          linalg::GenericOp::create(
              b, loc, TypeRange{groupedType},
              ValueRange{groupedInput, groupedWeight}, ValueRange{groupedInit},
              maps, iterators,
              [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
                Value lhs =
                    convertScalar(nested, nestedLoc, args[0], type, accType);
                Value rhs =
                    convertScalar(nested, nestedLoc, args[1], type, accType);
                Value product = createMul(nested, nestedLoc, accType, lhs, rhs);
                linalg::YieldOp::create(
                    nested, nestedLoc,
                    createAdd(nested, nestedLoc, accType, args[2], product));
              })
              .getResult(0);
    }
    return reshapeTensor(b, loc, result,
                         cast<RankedTensorType>(init.getType()));
  }
};

/// `kiln.max_pool` becomes `tensor.pad` with the element type's lowest value
/// (`-inf` for floats), so padding never wins, then
/// `linalg.pooling_{ncw,nchw}_max` (1-D and 2-D, floats and signed
/// integers) or a pooling `linalg.generic` (3-D and more, unsigned
/// integers).
struct ConvertMaxPoolOp : OpConversionPattern<MaxPoolOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MaxPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(
            convertResultTypes(*getTypeConverter(), rewriter, op, resultTypes)))
      return failure();
    Location loc = op.getLoc();
    RankedTensorType resultType = resultTypes.front();
    Type type = getElementTypeOrSelf(op.getInput().getType());
    ArrayRef<int64_t> outputShape = resultType.getShape();
    int64_t k = outputShape.size() - 2;
    Window window = getWindow(op.getKernelShape(), op.getStrides(),
                              op.getDilations(), op.getPads());
    Value lowest = createLowest(rewriter, loc, type);
    Value input = padSpatial(rewriter, loc, adaptor.getInput(), window,
                             outputShape, lowest);
    Value init = createFilledTensor(rewriter, loc, outputShape, lowest);

    Value result;
    bool named = !isUnsignedLike(type) && (k == 1 || k == 2);
    if (named) {
      Value windowShape = createEmptyTensor(rewriter, loc, window.kernel,
                                            resultType.getElementType());
      SmallVector<Value> inputs = {input, windowShape};
      SmallVector<NamedAttribute> attributes =
          getConvAttributes(rewriter, window);
      if (k == 1)
        result = linalg::PoolingNcwMaxOp::create(rewriter, loc, resultType,
                                                 inputs, init, attributes)
                     .getResult(0);
      else
        result = linalg::PoolingNchwMaxOp::create(rewriter, loc, resultType,
                                                  inputs, init, attributes)
                     .getResult(0);
    } else {
      result = buildPoolGeneric(
          rewriter, loc, input, init, window,
          [&](OpBuilder &b, Location nestedLoc, Value element, Value acc) {
            return createMax(b, nestedLoc, type, element, acc);
          });
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// `kiln.avg_pool` becomes `tensor.pad` with zeros, a sum pool
/// (`linalg.pooling_{ncw,nchw}_sum` or a pooling `linalg.generic`), and a
/// division by the number of counted taps: one constant when every window
/// counts the same, otherwise a constant tensor of divisors over the output
/// positions, computed here since shapes are static.
struct ConvertAvgPoolOp : OpConversionPattern<AvgPoolOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(AvgPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(
            convertResultTypes(*getTypeConverter(), rewriter, op, resultTypes)))
      return failure();
    Location loc = op.getLoc();
    RankedTensorType resultType = resultTypes.front();
    Type type = resultType.getElementType();
    Type accType = getAccumulatorType(type);
    ArrayRef<int64_t> inputShape =
        cast<RankedTensorType>(adaptor.getInput().getType()).getShape();
    ArrayRef<int64_t> outputShape = resultType.getShape();
    int64_t k = outputShape.size() - 2;
    Window window = getWindow(op.getKernelShape(), op.getStrides(),
                              op.getDilations(), op.getPads());
    Value input =
        padSpatial(rewriter, loc, adaptor.getInput(), window, outputShape,
                   createScalar(rewriter, loc, type, 0.0));
    Value init = createFilledTensor(rewriter, loc, outputShape,
                                    createScalar(rewriter, loc, accType, 0.0));
    auto accResultType = RankedTensorType::get(outputShape, accType);

    Value sum;
    if (k == 1 || k == 2) {
      Value windowShape =
          createEmptyTensor(rewriter, loc, window.kernel, accType);
      SmallVector<Value> inputs = {input, windowShape};
      SmallVector<NamedAttribute> attributes =
          getConvAttributes(rewriter, window);
      if (k == 1)
        sum = linalg::PoolingNcwSumOp::create(rewriter, loc, accResultType,
                                              inputs, init, attributes)
                  .getResult(0);
      else
        sum = linalg::PoolingNchwSumOp::create(rewriter, loc, accResultType,
                                               inputs, init, attributes)
                  .getResult(0);
    } else {
      sum = buildPoolGeneric(
          rewriter, loc, input, init, window,
          [&](OpBuilder &b, Location nestedLoc, Value element, Value acc) {
            Value value = convertScalar(b, nestedLoc, element, type, accType);
            return arith::AddFOp::create(b, nestedLoc, value, acc);
          });
    }

    // The divisors are separable: the product of one count per dimension.
    SmallVector<SmallVector<int64_t>> counts;
    for (int64_t i = 0; i < k; ++i)
      counts.push_back(
          getDivisors(inputShape[i + 2], outputShape[i + 2], window.kernel[i],
                      window.strides[i], window.dilations[i], window.padLows[i],
                      window.padHighs[i], op.getCountIncludePad()));
    ArrayRef<int64_t> spatialShape = outputShape.drop_front(2);
    SmallVector<double> divisors;
    divisors.reserve(getNumElements(spatialShape));
    SmallVector<int64_t> position(k, 0);
    for (int64_t linear = 0, e = getNumElements(spatialShape); linear < e;
         ++linear) {
      int64_t rest = linear;
      double divisor = 1;
      for (int64_t i = k - 1; i >= 0; --i) {
        divisor *= counts[i][rest % spatialShape[i]];
        rest /= spatialShape[i];
      }
      divisors.push_back(divisor);
    }
    bool uniform = llvm::all_equal(divisors);
    SmallVector<Value> inputs = {sum};
    if (!uniform) {
      auto divisorType = RankedTensorType::get(spatialShape, accType);
      SmallVector<APFloat> values;
      for (double divisor : divisors) {
        APFloat value(divisor);
        bool losesInfo;
        value.convert(cast<FloatType>(accType).getFloatSemantics(),
                      APFloat::rmNearestTiesToEven, &losesInfo);
        values.push_back(value);
      }
      inputs.push_back(arith::ConstantOp::create(
          rewriter, loc, DenseElementsAttr::get(divisorType, values)));
    }
    double uniformDivisor = divisors.empty() ? 1.0 : divisors.front();
    Value result = buildElementwise(
        rewriter, loc, accResultType, inputs,
        [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
          Value divisor =
              uniform ? createScalar(b, nestedLoc, accType, uniformDivisor)
                      : args[1];
          return arith::DivFOp::create(b, nestedLoc, args[0], divisor);
        });
    rewriter.replaceOp(op, convertTensor(rewriter, loc, result, accType, type));
    return success();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Entry point
//===----------------------------------------------------------------------===//

void lowering::populateConvolutionPatterns(const TypeConverter &typeConverter,
                                           RewritePatternSet &patterns) {
  patterns.add<ConvertAvgPoolOp, ConvertConvOp, ConvertMaxPoolOp>(
      typeConverter, patterns.getContext());
}
