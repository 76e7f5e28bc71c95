// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// ONNX sampling operators.
//
// Resize (and Upsample) with constant scales or sizes resample one axis at a
// time, as ONNX's reference does: for every output position of the axis,
// the source coordinate (per coordinate_transformation_mode), its n
// neighbours (clamped to the axis; 1 or 2 for nearest, 2 for linear, 4 for
// cubic) and their weights are compile-time constants, so the axis becomes a
// `kiln.gather` of the neighbours, a product with the weights and a sum
// (nearest is the gather alone). Opset 10 and Upsample use ONNX Runtime's
// reading of their underspecified semantics: asymmetric coordinates, and
// for nearest the floor when upsampling and the ceiling when downsampling.
//
// GridSample (opset 16, 4-D) follows ONNX's reference step by step, on whole
// tensors:
//   1. the grid's normalized x, y become pixel coordinates (align_corners);
//   2. nearest rounds them half to even; out-of-range coordinates are
//      clamped (border) or reflected (reflection);
//   3. each tap of the interpolation (1 nearest, 2 x 2 bilinear, 4 x 4
//      bicubic with Keys' a = -0.75) reads the pixel at its integer
//      position with the padding rule (0 outside for zeros, clamped, or
//      reflected), by a `kiln.gather_elements` on the flattened image;
//   4. the taps are weighted and summed.

#include "OnnxNode.h"
#include "RunTimeChecks.h"

using namespace mlir;
using namespace mlir::kiln;

namespace {

using Results = FailureOr<SmallVector<Value>>;

/// Elementwise arithmetic on float tensors of one element type, with
/// scalars broadcasting.
struct Floats {
  OnnxNode &node;
  Type type;

  Value c(double value) { return node.scalar(type, value); }
  Value add(Value a, Value b) { return node.create<AddOp>(a, b); }
  Value sub(Value a, Value b) { return node.create<SubOp>(a, b); }
  Value mul(Value a, Value b) { return node.create<MulOp>(a, b); }
  Value div(Value a, Value b) { return node.create<DivOp>(a, b); }
  Value floor(Value a) { return node.create<FloorOp>(a); }
  Value select(Value cond, Value a, Value b) {
    return node.create<SelectOp>(cond, a, b);
  }
  Value less(Value a, Value b) { return node.create<LessOp>(a, b); }
  Value greater(Value a, Value b) { return node.create<GreaterOp>(a, b); }
  Value clamp(Value a, double lo, double hi) {
    Builder b(node.getContext());
    return node.create<ClipOp>(a, b.getF64FloatAttr(lo), b.getF64FloatAttr(hi));
  }
  /// Truncation toward zero.
  Value trunc(Value a) {
    return select(less(a, c(0)), node.create<CeilOp>(a), floor(a));
  }
  /// Whether the integral `a` is even.
  Value isEven(Value a) {
    Value half = floor(mul(a, c(0.5)));
    return node.create<EqualOp>(sub(a, mul(half, c(2))), c(0));
  }
  /// ONNX's `_gs_reflect`: reflects `x` by the nearer border until it lies
  /// in `[lo, hi]`.
  Value reflect(Value x, double lo, double hi) {
    double range = hi - lo;
    if (range <= 0)
      return clamp(x, lo, hi);
    auto fold = [&](Value distance, double near, double far) {
      Value turns = floor(div(distance, c(range)));
      Value rest = sub(distance, mul(turns, c(range)));
      return select(isEven(turns),
                    near < far ? add(c(near), rest) : sub(c(near), rest),
                    near < far ? sub(c(far), rest) : add(c(far), rest));
    };
    Value below = fold(sub(c(lo), x), lo, hi);
    Value above = fold(sub(x, c(hi)), hi, lo);
    return select(less(x, c(lo)), below, select(greater(x, c(hi)), above, x));
  }
};

/// Keys' cubic convolution weights (a = -0.75) of the four taps around a
/// point at fraction `t` past the second one.
SmallVector<Value, 4> cubicWeights(Floats &f, Value t) {
  const double a = -0.75;
  auto far = [&](Value s) { // for 1 <= s < 2
    return f.sub(
        f.mul(f.add(f.mul(f.sub(f.mul(f.c(a), s), f.c(5 * a)), s), f.c(8 * a)),
              s),
        f.c(4 * a));
  };
  auto nearWeight = [&](Value s) { // for 0 <= s < 1
    return f.add(f.mul(f.mul(f.sub(f.mul(f.c(a + 2), s), f.c(a + 3)), s), s),
                 f.c(1));
  };
  Value one = f.c(1);
  return {far(f.add(t, one)), nearWeight(t), nearWeight(f.sub(one, t)),
          far(f.sub(f.c(2), t))};
}

Results convertGridSample(OnnxNode &node) {
  Value x = node.getInput(0);
  Value grid = node.getInput(1);
  std::string mode = node.getString("mode", "bilinear");
  std::string padding = node.getString("padding_mode", "zeros");
  bool alignCorners = node.getInt("align_corners", 0);
  if (!x || !grid)
    return failure();
  ArrayRef<int64_t> shape = getShape(x);
  ArrayRef<int64_t> gridShape = getShape(grid);
  Type type = getElementType(x);
  if (shape.size() != 4 || gridShape.size() != 4 || gridShape[3] != 2 ||
      gridShape[0] != shape[0] || !isa<FloatType>(type) ||
      getElementType(grid) != type) {
    node.emitError() << "expects a float N x C x H x W input and an "
                        "N x H_out x W_out x 2 grid, got "
                     << OnnxNode::getType(x) << " and "
                     << OnnxNode::getType(grid);
    return failure();
  }
  if (mode != "bilinear" && mode != "nearest" && mode != "bicubic") {
    node.emitError() << "unsupported mode = '" << mode << "'";
    return failure();
  }
  if (padding != "zeros" && padding != "border" && padding != "reflection") {
    node.emitError() << "unsupported padding_mode = '" << padding << "'";
    return failure();
  }
  int64_t n = shape[0], channels = shape[1], height = shape[2],
          width = shape[3];
  int64_t outH = gridShape[1], outW = gridShape[2];
  Floats f{node, type};
  // 1. Pixel coordinates.
  auto coordinate = [&](int64_t index, int64_t size) {
    Value g = node.reshape(node.sliceAxis(grid, 3, index, index + 1),
                           {n, outH, outW});
    Value shifted = f.add(g, f.c(1));
    return alignCorners
               ? f.mul(shifted, f.c((size - 1) / 2.0))
               : f.div(f.sub(f.mul(shifted, f.c(size)), f.c(1)), f.c(2));
  };
  Value xs = coordinate(0, width);
  Value ys = coordinate(1, height);
  // 2. Rounding and out-of-range coordinates.
  auto limits = [&](int64_t size) {
    return alignCorners ? std::make_pair(0.0, size - 1.0)
                        : std::make_pair(-0.5, size - 0.5);
  };
  auto adjust = [&](Value v, int64_t size) {
    if (mode == "nearest")
      v = node.create<RoundOp>(v);
    auto [lo, hi] = limits(size);
    if (padding == "border")
      return f.select(
          f.less(v, f.c(lo)), f.clamp(v, 0, size - 1),
          f.select(f.greater(v, f.c(hi)), f.clamp(v, 0, size - 1), v));
    if (padding == "reflection")
      return f.reflect(v, lo, hi);
    return v;
  };
  xs = adjust(xs, width);
  ys = adjust(ys, height);
  // 3. The pixel at integral positions (as floats), with the padding rule;
  // a null mask means every position is inside.
  Value flat = node.reshape(x, {n, channels, height * width});
  Type i64 = IntegerType::get(node.getContext(), 64);
  auto position = [&](Value v, int64_t size, Value &valid) {
    if (padding == "zeros") {
      Value inside = node.create<AndOp>(node.create<GreaterEqualOp>(v, f.c(0)),
                                        f.less(v, f.c(size)));
      valid = valid ? node.create<AndOp>(valid, inside) : inside;
      return f.clamp(v, 0, size - 1);
    }
    if (padding == "border")
      return f.clamp(v, 0, size - 1);
    auto [lo, hi] = limits(size);
    return f.trunc(f.reflect(v, lo, hi));
  };
  auto pixel = [&](Value py, Value px) -> Value {
    Value valid;
    Value row = position(py, height, valid);
    Value column = position(px, width, valid);
    Value index = node.cast(f.add(f.mul(row, f.c(width)), column), i64);
    index = node.expand(node.reshape(index, {n, 1, outH * outW}),
                        {n, channels, outH * outW});
    Value values =
        node.reshape(node.create<GatherElementsOp>(flat, index, /*axis=*/2),
                     {n, channels, outH, outW});
    if (!valid)
      return values;
    return f.select(node.reshape(valid, {n, 1, outH, outW}), values, f.c(0));
  };
  auto broadcastable = [&](Value weight) {
    return node.reshape(weight, {n, 1, outH, outW});
  };
  // 4. Taps and weights.
  if (mode == "nearest")
    return SmallVector<Value>{pixel(ys, xs)};
  Value x0 = f.floor(xs);
  Value y0 = f.floor(ys);
  Value tx = f.sub(xs, x0);
  Value ty = f.sub(ys, y0);
  SmallVector<Value, 4> wx, wy;
  int64_t first;
  if (mode == "bilinear") {
    wx = {f.sub(f.c(1), tx), tx};
    wy = {f.sub(f.c(1), ty), ty};
    first = 0;
  } else {
    wx = cubicWeights(f, tx);
    wy = cubicWeights(f, ty);
    first = -1;
  }
  Value result;
  for (auto [i, weightY] : llvm::enumerate(wy)) {
    Value py = f.add(y0, f.c(first + static_cast<int64_t>(i)));
    for (auto [j, weightX] : llvm::enumerate(wx)) {
      Value px = f.add(x0, f.c(first + static_cast<int64_t>(j)));
      Value term = f.mul(pixel(py, px), broadcastable(f.mul(weightY, weightX)));
      result = result ? f.add(result, term) : term;
    }
  }
  return SmallVector<Value>{result};
}

//===----------------------------------------------------------------------===//
// Resize
//===----------------------------------------------------------------------===//

/// How Resize maps and interpolates, read from the attributes.
struct ResizeParams {
  std::string mode = "nearest";
  std::string transform = "half_pixel";
  std::string nearestMode = "round_prefer_floor";
  double cubicA = -0.75;
  bool excludeOutside = false;
  double extrapolation = 0.0;
};

/// The interpolation weights of ONNX's reference for `ratio` in (0, 1].
SmallVector<double, 4> getResizeWeights(const ResizeParams &params,
                                        double ratio, bool downsampling) {
  if (params.mode == "linear")
    return {1 - ratio, ratio};
  if (params.mode == "cubic") {
    double a = params.cubicA;
    auto far = [&](double s) {
      return ((a * s - 5 * a) * s + 8 * a) * s - 4 * a;
    };
    auto near = [&](double s) { return ((a + 2) * s - (a + 3)) * s * s + 1; };
    return {far(ratio + 1), near(ratio), near(1 - ratio), far(2 - ratio)};
  }
  if (ratio == 1)
    return {0, 1};
  const std::string &m = params.nearestMode;
  bool second = m == "round_prefer_floor"  ? ratio > 0.5
                : m == "round_prefer_ceil" ? ratio >= 0.5
                : m == "ceil"              ? true
                : m == "simple"            ? downsampling
                                           : false;
  return {second ? 0.0 : 1.0, second ? 1.0 : 0.0};
}

/// Resamples `axis` of `x` from `in` to `out` positions with scale
/// `scale` (and, for tf_crop_and_resize, the region `roiStart`..`roiEnd`).
Value resizeAxis(OnnxNode &node, Value x, int64_t axis, int64_t out,
                 double scale, double roiStart, double roiEnd,
                 const ResizeParams &params) {
  int64_t in = getShape(x)[axis];
  // 1. Source coordinates, per ONNX's `_compute_x_ori`.
  SmallVector<double> sources;
  SmallVector<bool> extrapolated;
  double outWidth = scale * in;
  for (int64_t o = 0; o < out; ++o) {
    double y = o, source;
    const std::string &t = params.transform;
    if (t == "align_corners")
      source = outWidth == 1 ? 0.0 : y * (in - 1) / (outWidth - 1);
    else if (t == "asymmetric")
      source = y / scale;
    else if (t == "tf_crop_and_resize")
      source = (outWidth == 1
                    ? (roiEnd - roiStart) * (in - 1) / 2
                    : y * (roiEnd - roiStart) * (in - 1) / (outWidth - 1)) +
               roiStart * (in - 1);
    else if (t == "pytorch_half_pixel")
      source = outWidth == 1 ? -0.5 : (y + 0.5) / scale - 0.5;
    else if (t == "tf_half_pixel_for_nn")
      source = (y + 0.5) / scale;
    else if (t == "half_pixel_symmetric")
      source = in / 2.0 * (1 - out / outWidth) + (y + 0.5) / scale - 0.5;
    else // half_pixel
      source = (y + 0.5) / scale - 0.5;
    sources.push_back(source);
    extrapolated.push_back(t == "tf_crop_and_resize" &&
                           (source < 0 || source > in - 1));
  }
  // 2. Neighbours and weights, per `_interpolate_1d_along_axis`.
  int64_t n = getResizeWeights(params, 0.5, false).size();
  int64_t pad = (n + 1) / 2;
  SmallVector<int64_t> indices;
  SmallVector<double> weights;
  bool oneHot = true;
  for (double source : sources) {
    double floor = std::floor(source);
    double ratio = source == floor ? 1.0 : source - floor;
    SmallVector<double, 4> w = getResizeWeights(params, ratio, scale < 1);
    double padded = source + pad;
    double p = std::floor(padded);
    double frac = padded - p;
    int64_t offset = n % 2 == 0
                         ? (frac == 0 ? -(n / 2) : -(n / 2) + 1)
                         : (frac <= 0.5 ? -((n - 1) / 2) : -((n - 1) / 2) + 1);
    int64_t start = static_cast<int64_t>(p) + offset - pad;
    if (params.excludeOutside) {
      double sum = 0;
      for (int64_t j = 0; j < n; ++j) {
        if (start + j < 0 || start + j >= in)
          w[j] = 0;
        sum += w[j];
      }
      for (double &weight : w)
        weight /= sum == 0 ? 1 : sum;
    }
    int64_t nonZero = 0;
    for (int64_t j = 0; j < n; ++j) {
      indices.push_back(std::clamp<int64_t>(start + j, 0, in - 1));
      weights.push_back(w[j]);
      nonZero += w[j] != 0;
    }
    oneHot = oneHot && nonZero == 1 &&
             llvm::all_of(w, [](double v) { return v == 0 || v == 1; });
  }
  // 3. Gather the neighbours (only the weighted one when they are one-hot)
  // and sum them with their weights.
  int64_t rank = getShape(x).size();
  Type type = getElementType(x);
  Value result;
  if (oneHot) {
    SmallVector<int64_t> picked;
    for (int64_t o = 0; o < out; ++o)
      for (int64_t j = 0; j < n; ++j)
        if (weights[o * n + j] != 0)
          picked.push_back(indices[o * n + j]);
    result = node.create<GatherOp>(x, node.i64Vector(picked), axis);
  } else {
    if (!isa<FloatType>(type)) {
      node.emitError() << "linear and cubic resizing of " << type
                       << " is not supported";
      return nullptr;
    }
    Value gathered = node.create<GatherOp>(
        x, node.reshape(node.i64Vector(indices), {out, n}), axis);
    SmallVector<Attribute> weightAttrs;
    for (double w : weights)
      weightAttrs.push_back(FloatAttr::get(type, w));
    SmallVector<int64_t> weightShape(rank + 1, 1);
    weightShape[axis] = out;
    weightShape[axis + 1] = n;
    Value weighted = node.create<MulOp>(
        gathered, node.constant(DenseElementsAttr::get(
                      RankedTensorType::get(weightShape, type), weightAttrs)));
    result = node.create<ReduceSumOp>(weighted, ArrayRef<int64_t>{axis + 1},
                                      /*keep_dims=*/false);
  }
  if (llvm::is_contained(extrapolated, true)) {
    SmallVector<int64_t> maskShape(rank, 1);
    maskShape[axis] = out;
    Value mask = node.constant(DenseElementsAttr::get(
        RankedTensorType::get(maskShape,
                              IntegerType::get(node.getContext(), 1)),
        ArrayRef<bool>(SmallVector<bool>(extrapolated))));
    result = node.create<SelectOp>(
        mask, node.scalar(type, params.extrapolation), result);
  }
  return result;
}

/// Resamples `axis` of `x` to `out` positions with the run-time `scale` (a
/// rank-0 `f64`): the steps of `resizeAxis`, computed at run time on `[out]`
/// vectors in `f64`. A coordinate that is not finite (from a scale the
/// check rejects) becomes 0 and every index is clamped to the axis, so that
/// no scale reads outside `x`.
Value resizeAxisRunTime(OnnxNode &node, Value x, int64_t axis, int64_t out,
                        Value scale, Value roiStart, Value roiEnd,
                        const ResizeParams &params) {
  int64_t in = getShape(x)[axis];
  MLIRContext *context = node.getContext();
  Type f64 = Float64Type::get(context);
  Type i64 = IntegerType::get(context, 64);
  auto c = [&](double value) { return node.scalar(f64, value); };
  auto add = [&](Value a, Value b) { return node.create<AddOp>(a, b); };
  auto sub = [&](Value a, Value b) { return node.create<SubOp>(a, b); };
  auto mul = [&](Value a, Value b) { return node.create<MulOp>(a, b); };
  auto div = [&](Value a, Value b) { return node.create<DivOp>(a, b); };
  auto equal = [&](Value a, Value b) { return node.create<EqualOp>(a, b); };
  auto select = [&](Value condition, Value a, Value b) {
    return node.create<SelectOp>(condition, a, b);
  };
  // 1. Source coordinates, per ONNX's `_compute_x_ori`.
  Value y = node.cast(node.i64Vector(getRange(0, out)), f64);
  Value outWidth = mul(scale, c(in));
  Value single = equal(outWidth, c(1));
  Value halfPixel = sub(div(add(y, c(0.5)), scale), c(0.5));
  const std::string &t = params.transform;
  Value source;
  if (t == "align_corners")
    source = select(single, c(0), div(mul(y, c(in - 1)), sub(outWidth, c(1))));
  else if (t == "asymmetric")
    source = div(y, scale);
  else if (t == "tf_crop_and_resize")
    source = add(select(single, mul(sub(roiEnd, roiStart), c((in - 1) / 2.0)),
                        div(mul(y, mul(sub(roiEnd, roiStart), c(in - 1))),
                            sub(outWidth, c(1)))),
                 mul(roiStart, c(in - 1)));
  else if (t == "pytorch_half_pixel")
    source = select(single, c(-0.5), halfPixel);
  else if (t == "tf_half_pixel_for_nn")
    source = div(add(y, c(0.5)), scale);
  else if (t == "half_pixel_symmetric")
    source = add(mul(c(in / 2.0), sub(c(1), div(c(out), outWidth))), halfPixel);
  else // half_pixel
    source = halfPixel;
  // NaN becomes 0, infinities and huge values a bound that still converts.
  source = select(equal(source, source), source, c(0));
  source =
      node.create<MinOp>(node.create<MaxOp>(source, c(-(1 << 30))), c(1 << 30));
  Value extrapolated;
  if (t == "tf_crop_and_resize")
    extrapolated = orOf(node, node.create<LessOp>(source, c(0)),
                        node.create<GreaterOp>(source, c(in - 1)));
  // 2. Neighbours and weights, per `_interpolate_1d_along_axis` (n is 2 or
  // 4, so the offset only depends on whether the padded source is whole).
  int64_t n = getResizeWeights(params, 0.5, false).size();
  int64_t pad = (n + 1) / 2;
  Value floor = node.create<FloorOp>(source);
  Value ratio = select(equal(source, floor), c(1), sub(source, floor));
  Value padded = add(source, c(pad));
  Value whole = node.create<FloorOp>(padded);
  Value offset =
      select(equal(sub(padded, whole), c(0)), c(-(n / 2)), c(-(n / 2) + 1));
  Value start = node.cast(sub(add(whole, offset), c(pad)), i64);
  auto tap = [&](int64_t j) {
    return clampI64(node, node.create<AddOp>(start, node.scalar(i64, j)),
                    node.scalar(i64, 0), node.scalar(i64, in - 1));
  };
  int64_t rank = getShape(x).size();
  Type type = getElementType(x);
  Value result;
  if (params.mode == "nearest") {
    // One-hot weights: the second neighbour or the first.
    // (`ceil` always takes the second; no `i1` constant vector is built, see
    // `andMask`.)
    const std::string &m = params.nearestMode;
    Value second;
    if (m == "round_prefer_floor")
      second = node.create<GreaterOp>(ratio, c(0.5));
    else if (m == "round_prefer_ceil")
      second = node.create<GreaterEqualOp>(ratio, c(0.5));
    else if (m == "simple")
      second = node.expand(node.create<LessOp>(scale, c(1)), {out});
    Value onNeighbour = equal(ratio, c(1));
    second = second ? orOf(node, second, onNeighbour) : onNeighbour;
    Value picked = m == "ceil" ? tap(1) : select(second, tap(1), tap(0));
    result = node.create<GatherOp>(x, picked, axis);
  } else {
    if (!isa<FloatType>(type)) {
      node.emitError() << "linear and cubic resizing of " << type
                       << " is not supported";
      return nullptr;
    }
    SmallVector<Value> weights;
    if (params.mode == "linear") {
      weights = {sub(c(1), ratio), ratio};
    } else {
      double a = params.cubicA;
      auto far = [&](Value s) {
        return sub(mul(add(mul(sub(mul(c(a), s), c(5 * a)), s), c(8 * a)), s),
                   c(4 * a));
      };
      auto near = [&](Value s) {
        return add(mul(mul(sub(mul(c(a + 2), s), c(a + 3)), s), s), c(1));
      };
      weights = {far(add(ratio, c(1))), near(ratio), near(sub(c(1), ratio)),
                 far(sub(c(2), ratio))};
    }
    if (params.excludeOutside) {
      Value sum = c(0);
      for (auto [j, weight] : llvm::enumerate(weights)) {
        Value index = node.create<AddOp>(start, node.scalar(i64, j));
        weight = select(inRange(node, index, 0, in - 1), weight, c(0));
        sum = add(sum, weight);
      }
      Value divisor = select(equal(sum, c(0)), c(1), sum);
      for (Value &weight : weights)
        weight = div(weight, divisor);
    }
    SmallVector<Value> indexColumns, weightColumns;
    for (int64_t j = 0; j < n; ++j) {
      indexColumns.push_back(node.reshape(tap(j), {out, 1}));
      weightColumns.push_back(node.reshape(weights[j], {out, 1}));
    }
    Value gathered =
        node.create<GatherOp>(x, node.concat(indexColumns, 1), axis);
    SmallVector<int64_t> weightShape(rank + 1, 1);
    weightShape[axis] = out;
    weightShape[axis + 1] = n;
    Value weighted = node.create<MulOp>(
        gathered, node.reshape(node.cast(node.concat(weightColumns, 1), type),
                               weightShape));
    result = node.create<ReduceSumOp>(weighted, ArrayRef<int64_t>{axis + 1},
                                      /*keep_dims=*/false);
  }
  if (extrapolated) {
    SmallVector<int64_t> maskShape(rank, 1);
    maskShape[axis] = out;
    result = select(node.reshape(extrapolated, maskShape),
                    node.scalar(type, params.extrapolation), result);
  }
  return result;
}

/// Resizes `axes` of `x` with the run-time `scales` (input `index`, one per
/// axis) to the declared output shape. The check: every scale is positive
/// and gives the declared size, `floor(scale * size)` computed in `f64` as
/// for constant scales; the coordinates are computed from the run-time
/// scales, since scales that give the same sizes may map differently.
Results buildResizeRunTime(OnnxNode &node, Value x, unsigned index,
                           ArrayRef<int64_t> axes, ArrayRef<double> roi,
                           const ResizeParams &params) {
  std::optional<SmallVector<int64_t>> declared =
      requireDeclaredShape(node, 0, index, "scales");
  Value scales = node.getInput(index);
  if (!x || !declared || !scales)
    return failure();
  ArrayRef<int64_t> shape = getShape(x);
  int64_t rank = shape.size();
  int64_t count = axes.size();
  if (static_cast<int64_t>(declared->size()) != rank ||
      getNumElements(getShape(scales)) != count ||
      !isa<FloatType>(getElementType(scales))) {
    node.emitError() << "input " << index
                     << " ('scales') must hold one float per resized axis ("
                     << count << ") and the declared output shape "
                     << formatShape(*declared) << " have rank " << rank;
    return failure();
  }
  if (params.transform == "tf_crop_and_resize" &&
      static_cast<int64_t>(roi.size()) != 2 * rank) {
    node.emitError() << "tf_crop_and_resize needs a roi of " << 2 * rank
                     << " numbers";
    return failure();
  }
  Type f64 = Float64Type::get(node.getContext());
  Value factors = node.reshape(node.cast(scales, f64), {count});
  SmallVector<double> sizes, expected;
  for (int64_t axis : axes) {
    sizes.push_back(shape[axis]);
    expected.push_back((*declared)[axis]);
    if ((*declared)[axis] > kMaxBuiltConstantElements) {
      node.emitError() << "resizing dimension " << axis << " to "
                       << (*declared)[axis] << " is too large";
      return failure();
    }
  }
  auto f64Vector = [&](ArrayRef<double> values) {
    return node.constant(
        DenseElementsAttr::get(RankedTensorType::get({count}, f64), values));
  };
  Value given =
      node.create<FloorOp>(node.create<MulOp>(factors, f64Vector(sizes)));
  addCheck(node,
           andOf(node, node.create<GreaterOp>(factors, node.scalar(f64, 0)),
                 node.create<EqualOp>(given, f64Vector(expected))),
           "input " + std::to_string(index) +
               " ('scales') must be positive and give the declared output "
               "shape " +
               formatShape(*declared));
  Value result = x;
  for (auto [i, axis] : llvm::enumerate(axes)) {
    Value roiStart = node.scalar(f64, roi.empty() ? 0 : roi[axis]);
    Value roiEnd = node.scalar(f64, roi.empty() ? 1 : roi[rank + axis]);
    result = resizeAxisRunTime(node, result, axis, (*declared)[axis],
                               getElement(node, factors, i), roiStart, roiEnd,
                               params);
    if (!result)
      return failure(); // reported (e.g. linear resizing of integers)
  }
  return SmallVector<Value>{result};
}

/// Resizes `x` to `sizes` with `scales` (one per dimension) and the region
/// `roi` (`[starts..., ends...]`, or empty), axis by axis.
Results buildResize(OnnxNode &node, Value x, ArrayRef<double> scales,
                    ArrayRef<int64_t> sizes, ArrayRef<double> roi,
                    const ResizeParams &params) {
  if (!x)
    return failure();
  int64_t rank = getShape(x).size();
  if (params.transform == "tf_crop_and_resize" &&
      static_cast<int64_t>(roi.size()) != 2 * rank) {
    node.emitError() << "tf_crop_and_resize needs a roi of " << 2 * rank
                     << " numbers";
    return failure();
  }
  Value result = x;
  for (int64_t axis = 0; axis < rank && result; ++axis) {
    double roiStart = roi.empty() ? 0 : roi[axis];
    double roiEnd = roi.empty() ? 1 : roi[rank + axis];
    if (scales[axis] == 1 && sizes[axis] == getShape(result)[axis] &&
        roiStart == 0 && roiEnd == 1)
      continue;
    if (sizes[axis] * std::max<int64_t>(getShape(result)[axis], 1) >
        kMaxBuiltConstantElements) {
      node.emitError() << "resizing dimension " << axis << " to " << sizes[axis]
                       << " is too large";
      return failure();
    }
    result = resizeAxis(node, result, axis, sizes[axis], scales[axis], roiStart,
                        roiEnd, params);
    if (!result)
      return failure(); // reported (e.g. linear resizing of integers)
  }
  return SmallVector<Value>{result};
}

/// Reads the float numbers of constant input `index` (none when it is
/// absent or empty).
std::optional<SmallVector<double>>
getOptionalFloats(OnnxNode &node, unsigned index, StringRef what) {
  if (!node.hasInput(index))
    return SmallVector<double>();
  return node.requireConstantFloats(index, what);
}

/// tf_crop_and_resize with a run-time roi (input 1, two numbers per
/// resized axis) and known `scales` and `sizes` (one per dimension): the
/// coordinates are computed at run time from the roi, as for run-time
/// scales. A roi needs no check: any value gives the same shape.
Results buildCropAndResizeRunTime(OnnxNode &node, Value x,
                                  ArrayRef<int64_t> axes,
                                  ArrayRef<double> scales,
                                  ArrayRef<int64_t> sizes,
                                  const ResizeParams &params) {
  Value roi = node.getInput(1);
  if (!x || !roi)
    return failure();
  int64_t count = axes.size();
  if (getNumElements(getShape(roi)) != 2 * count ||
      !isa<FloatType>(getElementType(roi))) {
    node.emitError() << "input 1 ('roi') must hold two floats per resized "
                        "axis ("
                     << 2 * count << ")";
    return failure();
  }
  Type f64 = Float64Type::get(node.getContext());
  Value bounds = node.reshape(node.cast(roi, f64), {2 * count});
  Value result = x;
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (sizes[axis] > kMaxBuiltConstantElements) {
      node.emitError() << "resizing dimension " << axis << " to " << sizes[axis]
                       << " is too large";
      return failure();
    }
    result = resizeAxisRunTime(node, result, axis, sizes[axis],
                               node.scalar(f64, scales[axis]),
                               getElement(node, bounds, i),
                               getElement(node, bounds, count + i), params);
  }
  return SmallVector<Value>{result};
}

/// Resize's sizes for a run-time `sizes` (input 3) on `axes`: the declared
/// output sizes there, checked against it. With the default policy the
/// sizes alone decide the scales, so equal sizes compute the same data;
/// the aspect-ratio policies read their scale from them and are not
/// supported at run time.
std::optional<SmallVector<double>>
getDeclaredSizes(OnnxNode &node, ArrayRef<int64_t> axes, StringRef policy) {
  if (policy != "stretch") {
    node.emitError() << "input 3 ('sizes') must be a constant with "
                        "keep_aspect_ratio_policy = '"
                     << policy << "'";
    return std::nullopt;
  }
  std::optional<SmallVector<int64_t>> declared =
      requireDeclaredShape(node, 0, 3, "sizes");
  Value sizes = getI64Vector(node, 3, "sizes");
  if (!declared || !sizes)
    return std::nullopt;
  int64_t rank = getShape(node.getInput(0)).size();
  if (static_cast<int64_t>(declared->size()) != rank ||
      getShape(sizes).front() != static_cast<int64_t>(axes.size())) {
    node.emitError() << "input 3 ('sizes') must have one entry per resized "
                        "axis and the declared output shape "
                     << formatShape(*declared) << " rank " << rank;
    return std::nullopt;
  }
  SmallVector<int64_t> expected;
  for (int64_t axis : axes)
    expected.push_back((*declared)[axis]);
  addCheck(node,
           buildBinary<EqualOp, EvalOp::Equal>(node, sizes,
                                               node.i64Vector(expected)),
           "input 3 ('sizes') must be the declared output sizes " +
               formatShape(expected));
  return SmallVector<double>(expected.begin(), expected.end());
}

/// Checks the modes of `params`.
bool checkResizeParams(OnnxNode &node, const ResizeParams &params) {
  static const char *transforms[] = {
      "half_pixel",          "pytorch_half_pixel", "align_corners",
      "asymmetric",          "tf_crop_and_resize", "half_pixel_symmetric",
      "tf_half_pixel_for_nn"};
  static const char *nearestModes[] = {"round_prefer_floor",
                                       "round_prefer_ceil", "floor", "ceil"};
  if (params.mode != "nearest" && params.mode != "linear" &&
      params.mode != "cubic") {
    node.emitError() << "unsupported mode = '" << params.mode << "'";
    return false;
  }
  if (!llvm::is_contained(transforms, params.transform)) {
    node.emitError() << "unsupported coordinate_transformation_mode = '"
                     << params.transform << "'";
    return false;
  }
  if (!llvm::is_contained(nearestModes, params.nearestMode)) {
    node.emitError() << "unsupported nearest_mode = '" << params.nearestMode
                     << "'";
    return false;
  }
  return true;
}

/// Resize 11, 13 and 18 (19 adds half_pixel_symmetric): X, roi, scales,
/// sizes, with constant scales or sizes.
Results convertResizeOpset11(OnnxNode &node) {
  Value x = node.getInput(0);
  ResizeParams params;
  params.mode = node.getString("mode", "nearest");
  params.transform =
      node.getString("coordinate_transformation_mode", "half_pixel");
  params.nearestMode = node.getString("nearest_mode", "round_prefer_floor");
  params.cubicA = node.getFloat("cubic_coeff_a", -0.75f);
  params.excludeOutside = node.getInt("exclude_outside", 0);
  params.extrapolation = node.getFloat("extrapolation_value", 0.0f);
  std::optional<SmallVector<int64_t>> axesAttr;
  std::string policy = "stretch";
  if (node.getOpset() >= 18) {
    if (node.getInt("antialias", 0)) {
      node.emitError() << "antialias = 1 is not supported";
      return failure();
    }
    axesAttr = node.getInts("axes");
    policy = node.getString("keep_aspect_ratio_policy", "stretch");
  }
  // An attribute of the wrong type has been reported; building on its
  // default would only add noise.
  if (!x || node.hasFailed() || !checkResizeParams(node, params))
    return failure();
  // A run-time roi only matters to tf_crop_and_resize, which reads it at
  // run time (below).
  bool runTimeRoi = node.hasInput(1) && !node.getConstantInput(1) &&
                    getNumElements(getShape(node.getInput(1))) != 0;
  std::optional<SmallVector<double>> roi =
      runTimeRoi ? SmallVector<double>() : getOptionalFloats(node, 1, "roi");
  runTimeRoi = runTimeRoi && params.transform == "tf_crop_and_resize";
  // Run-time scales are checked against the declared output shape (below).
  bool runTimeScales = node.hasInput(2) && !node.getConstantInput(2) &&
                       getNumElements(getShape(node.getInput(2))) != 0;
  std::optional<SmallVector<double>> scaleList =
      runTimeScales ? SmallVector<double>()
                    : getOptionalFloats(node, 2, "scales");
  // Run-time sizes are read from the declared output shape (below).
  bool runTimeSizes = node.hasInput(3) && !node.getConstantInput(3) &&
                      getNumElements(getShape(node.getInput(3))) != 0;
  std::optional<SmallVector<double>> sizeList =
      runTimeSizes ? SmallVector<double>()
                   : getOptionalFloats(node, 3, "sizes");
  if (!roi || !scaleList || !sizeList)
    return failure();
  ArrayRef<int64_t> shape = getShape(x);
  int64_t rank = shape.size();
  SmallVector<int64_t> axes = getRange(0, rank);
  if (axesAttr) {
    std::optional<SmallVector<int64_t>> normalized =
        node.normalizeAxes(*axesAttr, rank, "axes", /*sorted=*/false);
    if (!normalized)
      return failure();
    axes = *normalized;
  }
  int64_t count = axes.size();
  if (runTimeScales) {
    if (runTimeRoi) {
      node.emitError() << "input 1 ('roi') must be a constant with run-time "
                          "scales";
      return failure();
    }
    if (!sizeList->empty() || runTimeSizes) {
      node.emitError() << "expects either scales or sizes, not both";
      return failure();
    }
    if (!roi->empty() && static_cast<int64_t>(roi->size()) != 2 * count) {
      node.emitError() << "expects a roi of two numbers per resized axis";
      return failure();
    }
    SmallVector<double> fullRoi;
    if (!roi->empty()) {
      fullRoi.assign(rank, 0.0);
      fullRoi.append(rank, 1.0);
      for (auto [i, axis] : llvm::enumerate(axes)) {
        fullRoi[axis] = (*roi)[i];
        fullRoi[rank + axis] = (*roi)[count + i];
      }
    }
    return buildResizeRunTime(node, x, 2, axes, fullRoi, params);
  }
  if (runTimeSizes) {
    sizeList = getDeclaredSizes(node, axes, policy);
    if (!sizeList)
      return failure();
  }
  if (scaleList->empty() == sizeList->empty() ||
      (!scaleList->empty() &&
       static_cast<int64_t>(scaleList->size()) != count) ||
      (!sizeList->empty() && static_cast<int64_t>(sizeList->size()) != count) ||
      (!roi->empty() && static_cast<int64_t>(roi->size()) != 2 * count)) {
    node.emitError() << "expects either scales or sizes, one per resized "
                        "axis (and a roi of two per axis)";
    return failure();
  }
  SmallVector<double> scales(rank, 1.0);
  SmallVector<int64_t> sizes(shape);
  SmallVector<double> fullRoi;
  if (!roi->empty()) {
    fullRoi.assign(rank, 0.0);
    fullRoi.append(rank, 1.0);
    for (auto [i, axis] : llvm::enumerate(axes)) {
      fullRoi[axis] = (*roi)[i];
      fullRoi[rank + axis] = (*roi)[count + i];
    }
  }
  if (!scaleList->empty()) {
    for (auto [i, axis] : llvm::enumerate(axes)) {
      scales[axis] = (*scaleList)[i];
      if (scales[axis] <= 0) {
        node.emitError() << "scales must be positive";
        return failure();
      }
      sizes[axis] = static_cast<int64_t>(scales[axis] * shape[axis]);
    }
  } else {
    for (auto [i, axis] : llvm::enumerate(axes)) {
      sizes[axis] = static_cast<int64_t>((*sizeList)[i]);
      if (sizes[axis] < 0 || shape[axis] == 0) {
        node.emitError() << "invalid size " << sizes[axis] << " for dimension "
                         << axis;
        return failure();
      }
      scales[axis] = static_cast<double>(sizes[axis]) / shape[axis];
    }
    if (policy != "stretch") {
      if (policy != "not_larger" && policy != "not_smaller") {
        node.emitError() << "unsupported keep_aspect_ratio_policy = '" << policy
                         << "'";
        return failure();
      }
      double scale = scales[axes.front()];
      for (int64_t axis : axes)
        scale = policy == "not_larger" ? std::min(scale, scales[axis])
                                       : std::max(scale, scales[axis]);
      for (int64_t axis : axes) {
        scales[axis] = scale;
        sizes[axis] = static_cast<int64_t>(scale * shape[axis] + 0.5);
      }
    }
  }
  if (runTimeRoi)
    return buildCropAndResizeRunTime(node, x, axes, scales, sizes, params);
  return buildResize(node, x, scales, sizes, fullRoi, params);
}

/// Resize 10 and Upsample: asymmetric coordinates; nearest takes the floor
/// upsampling and the ceiling downsampling (ONNX Runtime's reading).
Results buildSimpleResize(OnnxNode &node, Value x,
                          std::optional<SmallVector<double>> scaleList) {
  ResizeParams params;
  params.mode = node.getString("mode", "nearest");
  params.transform = "asymmetric";
  if (!x || !scaleList || node.hasFailed() || !checkResizeParams(node, params))
    return failure();
  params.nearestMode = "simple";
  if (params.mode == "cubic") {
    node.emitError() << "unsupported mode = 'cubic'";
    return failure();
  }
  ArrayRef<int64_t> shape = getShape(x);
  if (scaleList->size() != shape.size()) {
    node.emitError() << "expects one scale per dimension, got "
                     << scaleList->size();
    return failure();
  }
  SmallVector<int64_t> sizes;
  for (auto [scale, dim] : llvm::zip_equal(*scaleList, shape)) {
    if (scale <= 0) {
      node.emitError() << "scales must be positive";
      return failure();
    }
    sizes.push_back(static_cast<int64_t>(scale * dim));
  }
  return buildResize(node, x, *scaleList, sizes, {}, params);
}

/// Resize 10 and Upsample 9 with run-time scales (input 1), one per
/// dimension: asymmetric coordinates, as `buildSimpleResize`.
Results buildSimpleResizeRunTime(OnnxNode &node, Value x) {
  ResizeParams params;
  params.mode = node.getString("mode", "nearest");
  params.transform = "asymmetric";
  if (!x || node.hasFailed() || !checkResizeParams(node, params))
    return failure();
  params.nearestMode = "simple";
  if (params.mode == "cubic") {
    node.emitError() << "unsupported mode = 'cubic'";
    return failure();
  }
  return buildResizeRunTime(node, x, 1, getRange(0, getShape(x).size()), {},
                            params);
}

/// Resize 10: X and scales.
Results convertResizeOpset10(OnnxNode &node) {
  if (node.hasInput(1) && !node.getConstantInput(1))
    return buildSimpleResizeRunTime(node, node.getInput(0));
  return buildSimpleResize(node, node.getInput(0),
                           node.requireConstantFloats(1, "scales"));
}

/// Upsample 7: `scales` is an attribute.
Results convertUpsampleOpset7(OnnxNode &node) {
  std::optional<SmallVector<float>> scales = node.getFloats("scales");
  if (!scales) {
    node.emitError() << "attribute 'scales' is missing";
    return failure();
  }
  return buildSimpleResize(node, node.getInput(0),
                           SmallVector<double>(scales->begin(), scales->end()));
}

/// Upsample 9: `scales` is an input.
Results convertUpsampleOpset9(OnnxNode &node) {
  if (node.hasInput(1) && !node.getConstantInput(1))
    return buildSimpleResizeRunTime(node, node.getInput(0));
  return buildSimpleResize(node, node.getInput(0),
                           node.requireConstantFloats(1, "scales"));
}

} // namespace

void mlir::kiln::populateSamplingHandlers(OnnxHandlerRegistry &registry) {
  registry.add("", "GridSample", 16, handler(convertGridSample));
  registry.add("", "Resize", 10, handler(convertResizeOpset10));
  registry.add("", "Resize", 11, handler(convertResizeOpset11));
  registry.add("", "Upsample", 7, handler(convertUpsampleOpset7));
  registry.add("", "Upsample", 9, handler(convertUpsampleOpset9));
}
