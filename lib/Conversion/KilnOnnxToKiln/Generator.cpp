// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// ONNX operators that make tensors from attributes and shapes: Constant,
// ConstantOfShape, EyeLike, Range, and Shape and Size, which are constants
// because every shape is static. A run-time shape or range bound is checked
// against the declared output shape (RunTimeChecks.h).

#include "ConstantEvaluation.h"
#include "OnnxNode.h"
#include "RunTimeChecks.h"

#include <cmath>

using namespace mlir;
using namespace mlir::kiln;

namespace {

using Results = FailureOr<SmallVector<Value>>;

//===----------------------------------------------------------------------===//
// Constants and shapes
//===----------------------------------------------------------------------===//

/// Constant: exactly one of the value attributes.
Results convertConstant(OnnxNode &node) {
  Builder b(node.getContext());
  if (node.hasAttr("sparse_value") || node.hasAttr("value_string") ||
      node.hasAttr("value_strings")) {
    node.emitError() << "sparse and string constants are not supported";
    return failure();
  }
  if (ElementsAttr value = node.getTensor("value"))
    return SmallVector<Value>{node.constant(value)};
  if (std::optional<float> value = node.getOptionalFloat("value_float"))
    return SmallVector<Value>{node.constant(DenseElementsAttr::get(
        RankedTensorType::get({}, b.getF32Type()), *value))};
  if (std::optional<int64_t> value = node.getOptionalInt("value_int"))
    return SmallVector<Value>{node.constant(DenseElementsAttr::get(
        RankedTensorType::get({}, b.getI64Type()), *value))};
  if (std::optional<SmallVector<float>> values = node.getFloats("value_floats"))
    return SmallVector<Value>{node.constant(DenseElementsAttr::get(
        RankedTensorType::get({static_cast<int64_t>(values->size())},
                              b.getF32Type()),
        ArrayRef<float>(*values)))};
  if (std::optional<SmallVector<int64_t>> values = node.getInts("value_ints"))
    return SmallVector<Value>{node.i64Vector(*values)};
  if (!node.hasFailed())
    node.emitError() << "has no value attribute";
  return failure();
}

/// Shape 1 and 13: the whole shape.
Results convertShapeOpset1(OnnxNode &node) {
  Value input = node.getInput(0);
  if (!input)
    return failure();
  return SmallVector<Value>{node.i64Vector(getShape(input))};
}

/// Shape from 15: `start`/`end` select a range of dimensions, clamped.
Results convertShapeOpset15(OnnxNode &node) {
  Value input = node.getInput(0);
  int64_t start = node.getInt("start", 0);
  std::optional<int64_t> endAttr = node.getOptionalInt("end");
  if (!input)
    return failure();
  ArrayRef<int64_t> shape = getShape(input);
  int64_t rank = shape.size();
  int64_t end = endAttr.value_or(rank);
  auto clampDim = [&](int64_t dim) {
    if (dim < 0)
      dim += rank;
    return std::clamp<int64_t>(dim, 0, rank);
  };
  start = clampDim(start);
  end = std::max(start, clampDim(end));
  return SmallVector<Value>{node.i64Vector(shape.slice(start, end - start))};
}

Results convertSize(OnnxNode &node) {
  Value input = node.getInput(0);
  if (!input)
    return failure();
  Builder b(node.getContext());
  return SmallVector<Value>{node.constant(
      DenseElementsAttr::get(RankedTensorType::get({}, b.getI64Type()),
                             getNumElements(getShape(input))))};
}

/// ConstantOfShape's shape for a run-time `input`: the declared output
/// shape, checked against it.
std::optional<SmallVector<int64_t>> getDeclaredConstantShape(OnnxNode &node) {
  std::optional<SmallVector<int64_t>> declared =
      requireDeclaredShape(node, 0, 0, "input");
  Value given = getI64Vector(node, 0, "input");
  if (!declared || !given)
    return std::nullopt;
  if (getShape(given).front() != static_cast<int64_t>(declared->size())) {
    node.emitError() << "input 0 ('input') has " << getShape(given).front()
                     << " entries, the declared output shape "
                     << formatShape(*declared) << " " << declared->size();
    return std::nullopt;
  }
  addCheck(node,
           buildBinary<EqualOp, EvalOp::Equal>(node, given,
                                               node.i64Vector(*declared)),
           "input 0 ('input') must be the declared output shape " +
               formatShape(*declared));
  return declared;
}

Results convertConstantOfShape(OnnxNode &node) {
  std::optional<SmallVector<int64_t>> shape =
      node.hasInput(0) && !node.getConstantInput(0)
          ? getDeclaredConstantShape(node)
          : node.requireConstantInts(0, "input");
  ElementsAttr value = node.getTensor("value");
  if (!shape)
    return failure();
  for (int64_t dim : *shape) {
    if (dim < 0) {
      node.emitError() << "shape has a negative dimension " << dim;
      return failure();
    }
  }
  Builder b(node.getContext());
  Attribute element = b.getF32FloatAttr(0.0f);
  if (value) {
    auto dense = dyn_cast<DenseElementsAttr>(value);
    if (!dense || dense.getNumElements() != 1) {
      node.emitError() << "attribute 'value' must be a one-element tensor";
      return failure();
    }
    element = dense.getValues<Attribute>()[0];
    if (!isa<IntegerType, FloatType>(dense.getElementType())) {
      node.emitError() << "unsupported value type " << dense.getType();
      return failure();
    }
  }
  auto type = RankedTensorType::get(*shape, cast<TypedAttr>(element).getType());
  return SmallVector<Value>{
      node.constant(DenseElementsAttr::get(type, element))};
}

/// Range with a run-time operand, to the declared length `n`: the check is
/// that `max(ceil((limit - start) / delta), 0) == n` and `delta != 0`,
/// computed in `i64` with exact integer division for integers and in `f64`
/// for floats (as the constant case); the values are `start + i * delta`.
Results buildRangeToDeclared(OnnxNode &node) {
  std::optional<SmallVector<int64_t>> declared =
      requireDeclaredShape(node, 0, 1, "limit");
  Value start = node.getInput(0);
  Value limit = node.getInput(1);
  Value delta = node.getInput(2);
  if (!declared || !start || !limit || !delta)
    return failure();
  for (Value operand : {start, limit, delta}) {
    if (getNumElements(getShape(operand)) != 1) {
      node.emitError() << "start, limit and delta must be scalars";
      return failure();
    }
  }
  if (declared->size() != 1) {
    node.emitError() << "the declared output shape " << formatShape(*declared)
                     << " is not 1-D";
    return failure();
  }
  int64_t count = declared->front();
  Type type = getElementType(start);
  Builder b(node.getContext());
  Type i64 = b.getI64Type();
  auto scalarOf = [&](Value value, Type to) {
    return node.cast(node.reshape(value, {}), to);
  };
  // Build `x op y` folding constants.
  auto sub = [&](Value x, Value y) {
    return buildBinary<SubOp, EvalOp::Sub>(node, x, y);
  };
  auto equal = [&](Value x, Value y) {
    return buildBinary<EqualOp, EvalOp::Equal>(node, x, y);
  };
  Value length;
  Value nonZero;
  if (isa<IntegerType>(type)) {
    Value first = scalarOf(start, i64), last = scalarOf(limit, i64);
    Value step = scalarOf(delta, i64);
    Value zero = node.scalar(i64, 0), one = node.scalar(i64, 1);
    nonZero = notOf(node, equal(step, zero));
    // The division must not trap: a zero delta (which the check rejects)
    // and -1 (whose quotient of the lowest integer overflows; the count is
    // then -span, exactly) divide by 1 instead.
    Value minusOne = equal(step, node.scalar(i64, -1));
    Value divisor = node.create<SelectOp>(
        andOf(node, nonZero, notOf(node, minusOne)), step, one);
    Value span = sub(last, first);
    Value quotient = node.create<SelectOp>(
        minusOne, sub(zero, span),
        buildBinary<DivOp, EvalOp::Div>(node, span, divisor));
    Value exact = orOf(
        node, minusOne,
        equal(buildBinary<MulOp, EvalOp::Mul>(node, quotient, divisor), span));
    // Truncation rounded up already unless both signs agree.
    Value sameSign =
        equal(buildBinary<GreaterOp, EvalOp::Greater>(node, span, zero),
              buildBinary<GreaterOp, EvalOp::Greater>(node, step, zero));
    Value roundUp = andOf(node, notOf(node, exact), sameSign);
    length = buildBinary<AddOp, EvalOp::Add>(node, quotient,
                                             node.cast(roundUp, i64));
    length = buildBinary<MaxOp, EvalOp::Max>(node, length, zero);
    length = equal(length, node.scalar(i64, count));
  } else {
    Type f64 = b.getF64Type();
    Value first = scalarOf(start, f64), last = scalarOf(limit, f64);
    Value step = scalarOf(delta, f64);
    nonZero = notOf(node, equal(step, node.scalar(f64, 0)));
    Value ratio = buildBinary<DivOp, EvalOp::Div>(node, sub(last, first), step);
    length = buildBinary<MaxOp, EvalOp::Max>(node, node.create<CeilOp>(ratio),
                                             node.scalar(f64, 0));
    length = equal(length, node.scalar(f64, count));
  }
  addCheck(node, andOf(node, nonZero, length),
           "inputs 0 to 2 ('start', 'limit', 'delta') must give "
           "the declared length " +
               std::to_string(count) + " with a non-zero delta");
  // start + i * delta, in i64 for integers (then wrapped to the type).
  Type computeType = isa<IntegerType>(type) ? i64 : type;
  Value steps = node.cast(node.i64Vector(getRange(0, count)), computeType);
  Value values = buildBinary<AddOp, EvalOp::Add>(
      node, scalarOf(start, computeType),
      buildBinary<MulOp, EvalOp::Mul>(node, steps,
                                      scalarOf(delta, computeType)));
  return SmallVector<Value>{node.cast(values, type)};
}

/// Range: constant inputs make a constant; otherwise see
/// `buildRangeToDeclared`.
Results convertRange(OnnxNode &node) {
  if (llvm::any_of(getRange(0, 3), [&](int64_t i) {
        return node.hasInput(i) && !node.getConstantInput(i);
      }))
    return buildRangeToDeclared(node);
  DenseElementsAttr start = node.requireConstantInput(0, "start");
  DenseElementsAttr limit = node.requireConstantInput(1, "limit");
  DenseElementsAttr delta = node.requireConstantInput(2, "delta");
  if (!start || !limit || !delta)
    return failure();
  std::optional<SmallVector<double>> starts =
      node.requireConstantFloats(0, "start");
  std::optional<SmallVector<double>> limits =
      node.requireConstantFloats(1, "limit");
  std::optional<SmallVector<double>> deltas =
      node.requireConstantFloats(2, "delta");
  if (!starts || !limits || !deltas)
    return failure();
  if (starts->size() != 1 || limits->size() != 1 || deltas->size() != 1) {
    node.emitError() << "start, limit and delta must be scalars";
    return failure();
  }
  double first = starts->front();
  double step = deltas->front();
  if (step == 0) {
    node.emitError() << "delta must not be 0";
    return failure();
  }
  int64_t count = std::max<int64_t>(
      0, static_cast<int64_t>(std::ceil((limits->front() - first) / step)));
  if (count > kMaxBuiltConstantElements) {
    node.emitError() << "a range of " << count << " elements is too large";
    return failure();
  }
  Type elementType = start.getElementType();
  auto type = RankedTensorType::get({count}, elementType);
  SmallVector<Attribute> values;
  if (auto intType = dyn_cast<IntegerType>(elementType)) {
    // Integer ranges are exact: compute in integers.
    int64_t intFirst = static_cast<int64_t>(first);
    int64_t intStep = static_cast<int64_t>(step);
    for (int64_t i = 0; i < count; ++i)
      values.push_back(IntegerAttr::get(intType, intFirst + i * intStep));
  } else {
    // ONNX adds delta repeatedly in the element type.
    APFloat value = start.getSplatValue<APFloat>();
    APFloat increment = delta.getSplatValue<APFloat>();
    for (int64_t i = 0; i < count; ++i) {
      values.push_back(FloatAttr::get(elementType, value));
      value.add(increment, APFloat::rmNearestTiesToEven);
    }
  }
  return SmallVector<Value>{
      node.constant(DenseElementsAttr::get(type, values))};
}

/// EyeLike: a constant of the input's shape with ones on diagonal `k`.
Results convertEyeLike(OnnxNode &node) {
  Value input = node.getInput(0);
  int64_t k = node.getInt("k", 0);
  Type dtype = node.hasAttr("dtype") ? node.getTypeAttr("dtype") : Type();
  if (!input || node.hasFailed())
    return failure();
  ArrayRef<int64_t> shape = getShape(input);
  if (shape.size() != 2) {
    node.emitError() << "input must be 2-D, got rank " << shape.size();
    return failure();
  }
  if (getNumElements(shape) > kMaxBuiltConstantElements) {
    node.emitError() << "an identity of " << getNumElements(shape)
                     << " elements is too large";
    return failure();
  }
  Type elementType = dtype ? dtype : getElementType(input);
  Value zero = node.splat(elementType, shape, 0);
  DenseElementsAttr zeros = getConstantValue(zero);
  if (!zeros)
    return failure();
  SmallVector<Attribute> values(zeros.getValues<Attribute>());
  Attribute one =
      getConstantValue(node.scalar(elementType, 1)).getSplatValue<Attribute>();
  for (int64_t row = 0; row < shape[0]; ++row)
    if (row + k >= 0 && row + k < shape[1])
      values[row * shape[1] + row + k] = one;
  return SmallVector<Value>{node.constant(DenseElementsAttr::get(
      RankedTensorType::get(shape, elementType), values))};
}

} // namespace

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

void mlir::kiln::populateGeneratorHandlers(OnnxHandlerRegistry &registry) {
  auto add = [&](StringRef opType, int64_t version, auto fn) {
    registry.add("", opType, version, handler(fn));
  };
  add("Constant", 1, convertConstant);
  add("ConstantOfShape", 9, convertConstantOfShape);
  add("EyeLike", 9, convertEyeLike);
  add("Range", 11, convertRange);
  add("Shape", 1, convertShapeOpset1);
  add("Shape", 15, convertShapeOpset15);
  add("Size", 1, convertSize);
}
