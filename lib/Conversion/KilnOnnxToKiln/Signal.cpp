// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// ONNX signal operators:
//   DFT                      products with constant cosine and sine
//                            matrices along the axis (the real and imaginary
//                            parts as matmuls), the signal zero-padded or cut
//                            to dft_length
//   Hann/Hamming/Blackman-   constants once their size is (a constant)
//   Window

#include "OnnxNode.h"
#include "RunTimeChecks.h"

#include <cmath>

using namespace mlir;
using namespace mlir::kiln;

namespace {

using Results = FailureOr<SmallVector<Value>>;

/// A `rows x columns` constant of `type` with `f(row, column)`.
template <typename Fn>
Value matrix(OnnxNode &node, Type type, int64_t rows, int64_t columns, Fn f) {
  SmallVector<Attribute> values;
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < columns; ++c)
      values.push_back(FloatAttr::get(type, f(r, c)));
  return node.constant(DenseElementsAttr::get(
      RankedTensorType::get({rows, columns}, type), values));
}

/// DFT 17: the last dimension holds the real part (1) or the real and
/// imaginary parts (2) of the signal along `axis`.
Results convertDFT(OnnxNode &node) {
  Value x = node.getInput(0);
  int64_t axis = node.getInt("axis", 1);
  bool inverse = node.getInt("inverse", 0);
  bool onesided = node.getInt("onesided", 0);
  if (!x)
    return failure();
  ArrayRef<int64_t> shape = getShape(x);
  int64_t rank = shape.size();
  Type type = getElementType(x);
  if (rank < 2 || (shape.back() != 1 && shape.back() != 2) ||
      !isa<FloatType>(type)) {
    node.emitError() << "expects a float signal whose last dimension is 1 "
                        "(real) or 2 (complex), got "
                     << OnnxNode::getType(x);
    return failure();
  }
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis > rank - 2) {
    node.emitError() << "axis must be in [-" << rank << ", -2] or [0, "
                     << rank - 2 << "]";
    return failure();
  }
  if (inverse && onesided) {
    node.emitError() << "inverse with onesided is not supported";
    return failure();
  }
  int64_t length = shape[axis];
  if (node.hasInput(1)) {
    std::optional<SmallVector<int64_t>> lengths =
        node.requireConstantInts(1, "dft_length");
    if (!lengths)
      return failure();
    if (lengths->size() != 1 || lengths->front() < 1) {
      node.emitError() << "dft_length must be one positive number";
      return failure();
    }
    length = lengths->front();
  }
  if (length * length > kMaxBuiltConstantElements) {
    node.emitError() << "a DFT of length " << length
                     << " is too long for its matmul form";
    return failure();
  }
  // Real and imaginary parts with the axis last, cut or padded to length.
  SmallVector<int64_t> permutation;
  for (int64_t i = 0; i < rank - 1; ++i)
    if (i != axis)
      permutation.push_back(i);
  permutation.push_back(axis);
  SmallVector<int64_t> inverseOrder(rank - 1);
  for (int64_t i = 0; i < rank - 1; ++i)
    inverseOrder[permutation[i]] = i;
  SmallVector<int64_t> partShape(shape.drop_back());
  auto part = [&](int64_t index) -> Value {
    Value value =
        node.reshape(node.sliceAxis(x, rank - 1, index, index + 1), partShape);
    value = node.transpose(value, permutation);
    if (!value)
      return nullptr;
    int64_t last = rank - 2;
    int64_t size = getShape(value)[last];
    if (size > length)
      return node.sliceAxis(value, last, 0, length);
    if (size < length) {
      SmallVector<int64_t> padShape(getShape(value));
      padShape[last] = length - size;
      return node.concat({value, node.splat(type, padShape, 0.0)}, last);
    }
    return value;
  };
  Value real = part(0);
  Value imaginary = shape.back() == 2 ? part(1) : Value();
  // X_k = sum_t x_t (cos(2 pi t k / n) -/+ i sin(2 pi t k / n)).
  int64_t outputs = onesided ? length / 2 + 1 : length;
  double step = 2 * M_PI / length;
  Value cosines =
      matrix(node, type, length, outputs, [&](int64_t t, int64_t k) {
        return std::cos(step * static_cast<double>((t * k) % length));
      });
  Value sines = matrix(node, type, length, outputs, [&](int64_t t, int64_t k) {
    return std::sin(step * static_cast<double>((t * k) % length));
  });
  auto product = [&](Value signal, Value basis) -> Value {
    if (!signal)
      return nullptr;
    int64_t batch = getNumElements(getShape(signal).drop_back());
    Value flat = node.reshape(signal, {batch, length});
    SmallVector<int64_t> resultShape(getShape(signal));
    resultShape.back() = outputs;
    return node.reshape(node.create<MatmulOp>(flat, basis), resultShape);
  };
  // Forward: re = a C + b S, im = b C - a S; inverse: re = a C - b S,
  // im = b C + a S, both over n.
  Value realOut = product(real, cosines);
  Value imaginaryOut = node.create<NegOp>(product(real, sines));
  if (inverse)
    imaginaryOut = node.create<NegOp>(imaginaryOut);
  if (imaginary) {
    Value bSines = product(imaginary, sines);
    realOut = inverse ? node.create<SubOp>(realOut, bSines)
                      : node.create<AddOp>(realOut, bSines);
    imaginaryOut =
        node.create<AddOp>(imaginaryOut, product(imaginary, cosines));
  }
  if (inverse) {
    Value scale = node.scalar(type, 1.0 / length);
    realOut = node.create<MulOp>(realOut, scale);
    imaginaryOut = node.create<MulOp>(imaginaryOut, scale);
  }
  auto finish = [&](Value value) -> Value {
    value = node.transpose(value, inverseOrder);
    if (!value)
      return nullptr;
    SmallVector<int64_t> withPart(getShape(value));
    withPart.push_back(1);
    return node.reshape(value, withPart);
  };
  return SmallVector<Value>{
      node.concat({finish(realOut), finish(imaginaryOut)}, rank - 1)};
}

/// A window's run-time `size` (input 0): the declared output length,
/// checked against it.
std::optional<SmallVector<int64_t>> getDeclaredWindowSize(OnnxNode &node) {
  std::optional<SmallVector<int64_t>> declared =
      requireDeclaredShape(node, 0, 0, "size");
  Value size = getI64Vector(node, 0, "size");
  if (!declared || !size)
    return std::nullopt;
  if (declared->size() != 1 || getShape(size).front() != 1) {
    node.emitError() << "size must be one number and the declared output "
                        "shape "
                     << formatShape(*declared) << " 1-D";
    return std::nullopt;
  }
  Type i64 = IntegerType::get(node.getContext(), 64);
  addCheck(node,
           buildBinary<EqualOp, EvalOp::Equal>(
               node, size, node.scalar(i64, declared->front())),
           "input 0 ('size') must be " + std::to_string(declared->front()) +
               ", the declared output length");
  return declared;
}

/// Hann, Hamming and Blackman windows: `sum_j a_j cos(2 pi j n / N)` with
/// `N = size` (periodic) or `size - 1` (symmetric), a constant.
template <int kKind>
Results convertWindow(OnnxNode &node) {
  bool periodic = node.getInt("periodic", 1);
  Type type = node.hasAttr("output_datatype")
                  ? node.getTypeAttr("output_datatype")
                  : Float32Type::get(node.getContext());
  std::optional<SmallVector<int64_t>> sizes;
  if (node.hasInput(0) && !node.getConstantInput(0))
    sizes = getDeclaredWindowSize(node);
  else
    sizes = node.requireConstantInts(0, "size");
  if (!sizes || !type)
    return failure();
  if (sizes->size() != 1 || sizes->front() < 0) {
    node.emitError() << "size must be one non-negative number";
    return failure();
  }
  int64_t size = sizes->front();
  double n = periodic ? size : size - 1;
  // (a0, a1, a2) of a0 - a1 cos(2 pi k / N) + a2 cos(4 pi k / N).
  double a0 = kKind == 0 ? 0.5 : kKind == 1 ? 25.0 / 46.0 : 0.42;
  double a1 = kKind == 0 ? 0.5 : kKind == 1 ? 21.0 / 46.0 : 0.5;
  double a2 = kKind == 2 ? 0.08 : 0.0;
  SmallVector<Attribute> values;
  for (int64_t k = 0; k < size; ++k) {
    double phase = n > 0 ? 2 * M_PI * k / n : 0;
    double w = a0 - a1 * std::cos(phase) + a2 * std::cos(2 * phase);
    values.push_back(
        isa<FloatType>(type)
            ? Attribute(FloatAttr::get(type, w))
            : Attribute(IntegerAttr::get(type, static_cast<int64_t>(w))));
  }
  return SmallVector<Value>{node.constant(
      DenseElementsAttr::get(RankedTensorType::get({size}, type), values))};
}

} // namespace

void mlir::kiln::populateSignalHandlers(OnnxHandlerRegistry &registry) {
  registry.add("", "BlackmanWindow", 17, handler(convertWindow<2>));
  registry.add("", "DFT", 17, handler(convertDFT));
  registry.add("", "HammingWindow", 17, handler(convertWindow<1>));
  registry.add("", "HannWindow", 17, handler(convertWindow<0>));
}
