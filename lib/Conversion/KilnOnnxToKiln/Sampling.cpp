// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// ONNX sampling operators. GridSample (opset 16, 4-D) follows ONNX's
// reference step by step, on whole tensors:
//   1. the grid's normalized x, y become pixel coordinates (align_corners);
//   2. nearest rounds them half to even; out-of-range coordinates are
//      clamped (border) or reflected (reflection);
//   3. each tap of the interpolation (1 nearest, 2 x 2 bilinear, 4 x 4
//      bicubic with Keys' a = -0.75) reads the pixel at its integer
//      position with the padding rule (0 outside for zeros, clamped, or
//      reflected), by a `kiln.gather_elements` on the flattened image;
//   4. the taps are weighted and summed.

#include "OnnxNode.h"

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
    return node.create<ClipOp>(a, b.getF64FloatAttr(lo),
                               b.getF64FloatAttr(hi));
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
    return select(less(x, c(lo)), below,
                  select(greater(x, c(hi)), above, x));
  }
};

/// Keys' cubic convolution weights (a = -0.75) of the four taps around a
/// point at fraction `t` past the second one.
SmallVector<Value, 4> cubicWeights(Floats &f, Value t) {
  const double a = -0.75;
  auto far = [&](Value s) { // for 1 <= s < 2
    return f.sub(f.mul(f.add(f.mul(f.sub(f.mul(f.c(a), s), f.c(5 * a)), s),
                             f.c(8 * a)),
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
      return f.select(f.less(v, f.c(lo)), f.clamp(v, 0, size - 1),
                      f.select(f.greater(v, f.c(hi)), f.clamp(v, 0, size - 1),
                               v));
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
      Value inside = node.create<AndOp>(
          node.create<GreaterEqualOp>(v, f.c(0)), f.less(v, f.c(size)));
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
    Value values = node.reshape(
        node.create<GatherElementsOp>(flat, index, /*axis=*/2),
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

} // namespace

void mlir::kiln::populateSamplingHandlers(OnnxHandlerRegistry &registry) {
  registry.add("", "GridSample", 16, handler(convertGridSample));
}
