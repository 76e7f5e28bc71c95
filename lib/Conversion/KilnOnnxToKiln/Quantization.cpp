// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// ONNX quantization operators, as decompositions into kiln ops that round
// half to even and saturate as ONNX does (upstream `quant` lowerings
// truncate and wrap; see DESIGN.md):
//   QuantizeLinear         clip(round(x / scale) + zero_point) cast to the
//                          zero point's type (uint8 when omitted)
//   DequantizeLinear       (x - zero_point) * scale
//   DynamicQuantizeLinear  scale = (max(x, 0) - min(x, 0)) / 255 by
//                          reductions, then QuantizeLinear to uint8
//   MatMulInteger          i32 matmul of the operands less their zero points
//   ConvInteger            conv of the operands less their zero points in a
//                          float type that holds every partial sum exactly
//   QLinearMatMul          MatMulInteger, scaled by a_scale * b_scale /
//                          y_scale and quantized
//   QLinearConv            ConvInteger plus the i32 bias, likewise
// Per-axis scales and zero points (opset 13) are reshaped to broadcast
// along `axis`.

#include "OnnxNode.h"

using namespace mlir;
using namespace mlir::kiln;

namespace {

using Results = FailureOr<SmallVector<Value>>;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// `value` (a scalar or a 1-D per-axis vector) shaped to broadcast along
/// dimension `axis` of a tensor of rank `rank`.
Value alongAxis(OnnxNode &node, Value value, int64_t axis, int64_t rank) {
  if (!value)
    return nullptr;
  ArrayRef<int64_t> shape = getShape(value);
  if (shape.size() != 1 || rank == 0)
    return value;
  SmallVector<int64_t> aligned(rank, 1);
  aligned[axis] = shape[0];
  return node.reshape(value, aligned);
}

/// The normalized `axis` of per-axis quantization parameters (`scale` is
/// 1-D with more than one element); 0, unused, for one scale.
std::optional<int64_t> getQuantizationAxis(OnnxNode &node, Value scale,
                                           int64_t axis, int64_t rank) {
  if (getNumElements(getShape(scale)) == 1 && getShape(scale).size() <= 1)
    return 0;
  return node.normalizeAxis(axis, rank);
}

/// `value` as `elementType`, less `zeroPoint` (cast too) when present.
Value centered(OnnxNode &node, Value value, Value zeroPoint, Type elementType) {
  Value converted = node.cast(value, elementType);
  if (!zeroPoint)
    return converted;
  return node.create<SubOp>(converted, node.cast(zeroPoint, elementType));
}

/// Rounds the float `value` half to even, adds `zeroPoint` and saturates to
/// `type`, an integer type.
Value quantize(OnnxNode &node, Value value, Value zeroPoint, Type type) {
  if (!value)
    return nullptr;
  Type floatType = getElementType(value);
  Value rounded = node.create<RoundOp>(value);
  if (zeroPoint)
    rounded = node.create<AddOp>(rounded, node.cast(zeroPoint, floatType));
  Builder b(node.getContext());
  Value saturated = node.create<ClipOp>(
      rounded, b.getF64FloatAttr(getLimit(type, /*highest=*/false)),
      b.getF64FloatAttr(getLimit(type, /*highest=*/true)));
  return node.cast(saturated, type);
}

/// The element type of quantized values: the zero point's, or uint8.
Type getQuantizedType(OnnxNode &node, Value zeroPoint) {
  if (zeroPoint)
    return getElementType(zeroPoint);
  return IntegerType::get(node.getContext(), 8, IntegerType::Unsigned);
}

/// Checks that a quantized integer type is one kiln can saturate to.
bool checkQuantizedType(OnnxNode &node, Type type) {
  if (isa<IntegerType>(type) && type.getIntOrFloatBitWidth() > 1)
    return true;
  node.emitError() << "unsupported quantized type " << type;
  return false;
}

//===----------------------------------------------------------------------===//
// QuantizeLinear, DequantizeLinear
//===----------------------------------------------------------------------===//

Results buildQuantizeLinear(OnnxNode &node, int64_t axis) {
  Value x = node.getInput(0);
  Value scale = node.getInput(1);
  Value zeroPoint = node.getOptionalInput(2);
  if (!x || !scale)
    return failure();
  int64_t rank = getShape(x).size();
  std::optional<int64_t> dim = getQuantizationAxis(node, scale, axis, rank);
  Type type = getQuantizedType(node, zeroPoint);
  if (!dim || !checkQuantizedType(node, type))
    return failure();
  Type floatType = getElementType(scale);
  Value scaled = node.create<DivOp>(node.cast(x, floatType),
                                    alongAxis(node, scale, *dim, rank));
  return SmallVector<Value>{
      quantize(node, scaled, alongAxis(node, zeroPoint, *dim, rank), type)};
}

/// QuantizeLinear 10: one scale and zero point.
Results convertQuantizeLinearOpset10(OnnxNode &node) {
  return buildQuantizeLinear(node, /*axis=*/1);
}

/// QuantizeLinear from 13: per-axis scales and zero points along `axis`.
Results convertQuantizeLinearOpset13(OnnxNode &node) {
  return buildQuantizeLinear(node, node.getInt("axis", 1));
}

Results buildDequantizeLinear(OnnxNode &node, int64_t axis) {
  Value x = node.getInput(0);
  Value scale = node.getInput(1);
  Value zeroPoint = node.getOptionalInput(2);
  if (!x || !scale)
    return failure();
  int64_t rank = getShape(x).size();
  std::optional<int64_t> dim = getQuantizationAxis(node, scale, axis, rank);
  if (!dim)
    return failure();
  Type floatType = getElementType(scale);
  Value difference =
      centered(node, x, alongAxis(node, zeroPoint, *dim, rank), floatType);
  return SmallVector<Value>{
      node.create<MulOp>(difference, alongAxis(node, scale, *dim, rank))};
}

/// DequantizeLinear 10: one scale and zero point.
Results convertDequantizeLinearOpset10(OnnxNode &node) {
  return buildDequantizeLinear(node, /*axis=*/1);
}

/// DequantizeLinear from 13: per-axis scales and zero points.
Results convertDequantizeLinearOpset13(OnnxNode &node) {
  return buildDequantizeLinear(node, node.getInt("axis", 1));
}

/// DynamicQuantizeLinear: uint8 with the scale and zero point that map
/// `[min(x, 0), max(x, 0)]` onto `[0, 255]`.
Results convertDynamicQuantizeLinear(OnnxNode &node) {
  Value x = node.getInput(0);
  if (!x)
    return failure();
  Type floatType = getElementType(x);
  Type u8 = IntegerType::get(node.getContext(), 8, IntegerType::Unsigned);
  SmallVector<int64_t> all = getRange(0, getShape(x).size());
  Value zero = node.scalar(floatType, 0);
  Value max = node.create<MaxOp>(
      node.create<ReduceMaxOp>(x, all, /*keep_dims=*/false), zero);
  Value min = node.create<MinOp>(
      node.create<ReduceMinOp>(x, all, /*keep_dims=*/false), zero);
  Value scale = node.create<DivOp>(node.create<SubOp>(max, min),
                                   node.scalar(floatType, 255));
  Value zeroPoint = quantize(
      node, node.create<NegOp>(node.create<DivOp>(min, scale)), nullptr, u8);
  Value y = quantize(node, node.create<DivOp>(x, scale), zeroPoint, u8);
  return SmallVector<Value>{y, scale, zeroPoint};
}

//===----------------------------------------------------------------------===//
// Integer contractions
//===----------------------------------------------------------------------===//

/// The i32 product of `a - aZero` and `b - bZero` (MatMul semantics).
Value buildMatMulInteger(OnnxNode &node, Value a, Value aZero, Value b,
                         Value bZero) {
  if (!a || !b)
    return nullptr;
  if (getShape(a).size() < 2 || getShape(b).size() < 2) {
    node.emitError() << "operands must have rank >= 2";
    return nullptr;
  }
  Type i32 = IntegerType::get(node.getContext(), 32);
  // A per-row zero point of A is a column vector; one per column of B a row.
  if (aZero && getShape(aZero).size() == 1 && getShape(aZero)[0] > 1)
    aZero = node.reshape(aZero, {getShape(aZero)[0], 1});
  return node.create<MatmulOp>(centered(node, a, aZero, i32),
                               centered(node, b, bZero, i32));
}

Results convertMatMulInteger(OnnxNode &node) {
  Value a = node.getInput(0);
  Value b = node.getInput(1);
  return SmallVector<Value>{buildMatMulInteger(
      node, a, node.getOptionalInput(2), b, node.getOptionalInput(3))};
}

/// A float type in which every partial sum of a convolution of 8-bit
/// operands over `taps` products is exact: f32 while the sums stay below
/// 2^24, else f64.
Type getExactConvType(MLIRContext *context, int64_t taps) {
  if (taps * 255 * 255 < (int64_t(1) << 24))
    return Float32Type::get(context);
  return Float64Type::get(context);
}

/// The convolution of `x - xZero` with `w - wZero` (per output channel when
/// 1-D), exact, in the float type `getExactConvType` picks.
Value buildConvInteger(OnnxNode &node, Value x, Value xZero, Value w,
                       Value wZero) {
  if (!x || !w)
    return nullptr;
  ArrayRef<int64_t> weightShape = getShape(w);
  if (getShape(x).size() < 3 || weightShape.size() != getShape(x).size()) {
    node.emitError() << "expects N x C x D1 ... inputs and weights of the "
                        "same rank";
    return nullptr;
  }
  int64_t taps = getNumElements(weightShape.drop_front());
  Type floatType = getExactConvType(node.getContext(), taps);
  SmallVector<int64_t> kernel(weightShape.drop_front(2));
  std::optional<SmallVector<int64_t>> kernelShape =
      node.getInts("kernel_shape");
  if (kernelShape && ArrayRef<int64_t>(*kernelShape) != ArrayRef(kernel)) {
    node.emitError() << "kernel_shape [" << *kernelShape
                     << "] does not match the weight's [" << kernel << "]";
    return nullptr;
  }
  int64_t k = kernel.size();
  SmallVector<int64_t> ones(k, 1);
  SmallVector<int64_t> strides = node.getInts("strides", ones);
  SmallVector<int64_t> dilations = node.getInts("dilations", ones);
  SmallVector<int64_t> pads =
      node.getInts("pads", SmallVector<int64_t>(2 * k, 0));
  std::string autoPad = node.getString("auto_pad", "NOTSET");
  int64_t group = node.getInt("group", 1);
  if (autoPad != "NOTSET") {
    node.emitError() << "unsupported auto_pad = '" << autoPad << "'";
    return nullptr;
  }
  if (wZero && getShape(wZero).size() == 1 && getShape(wZero)[0] > 1) {
    SmallVector<int64_t> aligned(weightShape.size(), 1);
    aligned[0] = getShape(wZero)[0];
    wZero = node.reshape(wZero, aligned);
  }
  return node.create<ConvOp>(
      centered(node, x, xZero, floatType), centered(node, w, wZero, floatType),
      OptionalOperand{}, strides, dilations, pads, group);
}

Results convertConvInteger(OnnxNode &node) {
  Value x = node.getInput(0);
  Value w = node.getInput(1);
  Value result = buildConvInteger(node, x, node.getOptionalInput(2), w,
                                  node.getOptionalInput(3));
  return SmallVector<Value>{
      node.cast(result, IntegerType::get(node.getContext(), 32))};
}

/// Scales the exact integer `product` by `aScale * bScale / yScale` and
/// quantizes it with `yZero`.
Value requantize(OnnxNode &node, Value product, Value aScale, Value bScale,
                 Value yScale, Value yZero, int64_t channelAxis) {
  if (!product || !aScale || !bScale || !yScale || !yZero)
    return nullptr;
  Type floatType = getElementType(aScale);
  int64_t rank = getShape(product).size();
  Value factor = node.create<DivOp>(
      node.create<MulOp>(aScale, alongAxis(node, bScale, channelAxis, rank)),
      yScale);
  Value scaled = node.create<MulOp>(node.cast(product, floatType), factor);
  Type type = getElementType(yZero);
  if (!checkQuantizedType(node, type))
    return nullptr;
  return quantize(node, scaled, yZero, type);
}

Results convertQLinearMatMul(OnnxNode &node) {
  Value a = node.getInput(0);
  Value aScale = node.getInput(1);
  Value aZero = node.getInput(2);
  Value b = node.getInput(3);
  Value bScale = node.getInput(4);
  Value bZero = node.getInput(5);
  Value yScale = node.getInput(6);
  Value yZero = node.getInput(7);
  Value product = buildMatMulInteger(node, a, aZero, b, bZero);
  if (!product)
    return failure();
  // A per-column scale of B broadcasts along the last dimension.
  int64_t rank = getShape(product).size();
  return SmallVector<Value>{
      requantize(node, product, aScale, bScale, yScale, yZero, rank - 1)};
}

Results convertQLinearConv(OnnxNode &node) {
  Value x = node.getInput(0);
  Value xScale = node.getInput(1);
  Value xZero = node.getInput(2);
  Value w = node.getInput(3);
  Value wScale = node.getInput(4);
  Value wZero = node.getInput(5);
  Value yScale = node.getInput(6);
  Value yZero = node.getInput(7);
  Value bias = node.getOptionalInput(8);
  Value product = buildConvInteger(node, x, xZero, w, wZero);
  if (!product)
    return failure();
  if (bias) {
    if (getShape(bias).size() != 1) {
      node.emitError() << "bias must be 1-D, got " << OnnxNode::getType(bias);
      return failure();
    }
    SmallVector<int64_t> channels(getShape(product).size(), 1);
    channels[1] = getShape(bias)[0];
    product = node.create<AddOp>(
        product,
        node.reshape(node.cast(bias, getElementType(product)), channels));
  }
  return SmallVector<Value>{
      requantize(node, product, xScale, wScale, yScale, yZero, 1)};
}

} // namespace

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

void mlir::kiln::populateQuantizationHandlers(OnnxHandlerRegistry &registry) {
  auto add = [&](StringRef opType, int64_t version, auto fn) {
    registry.add("", opType, version, handler(fn));
  };
  add("ConvInteger", 10, convertConvInteger);
  add("DequantizeLinear", 10, convertDequantizeLinearOpset10);
  add("DequantizeLinear", 13, convertDequantizeLinearOpset13);
  add("DynamicQuantizeLinear", 11, convertDynamicQuantizeLinear);
  add("MatMulInteger", 10, convertMatMulInteger);
  add("QLinearConv", 10, convertQLinearConv);
  add("QLinearMatMul", 10, convertQLinearMatMul);
  add("QuantizeLinear", 10, convertQuantizeLinearOpset10);
  add("QuantizeLinear", 13, convertQuantizeLinearOpset13);
}
