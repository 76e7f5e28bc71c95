// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Evaluation of small constant tensors at conversion time.

#include "ConstantEvaluation.h"

#include "kiln/Dialect/Kiln/IR/ShapeInference.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/APSInt.h"

using namespace mlir;
using namespace mlir::kiln;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Returns the row-major strides of `shape`.
static SmallVector<int64_t> getStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

static int64_t getCount(ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

/// True when a result of `shape` may be evaluated element by element.
static bool isSmall(ArrayRef<int64_t> shape) {
  return getCount(shape) <= kMaxEvaluatedElements;
}

/// Returns the elements of `attr` (small) as attributes.
static SmallVector<Attribute> getElements(DenseElementsAttr attr) {
  return llvm::to_vector(attr.getValues<Attribute>());
}

/// Returns the linear index into a tensor of `shape` broadcast to the
/// result's `resultIndex` (a multi-index of a tensor of higher or equal
/// rank).
static int64_t getBroadcastIndex(ArrayRef<int64_t> resultIndex,
                                 ArrayRef<int64_t> shape) {
  int64_t offset = resultIndex.size() - shape.size();
  int64_t linear = 0;
  for (auto [i, dim] : llvm::enumerate(shape))
    linear = linear * dim + (dim == 1 ? 0 : resultIndex[offset + i]);
  return linear;
}

/// Returns the multi-index of `linear` in `shape`.
static SmallVector<int64_t> getMultiIndex(int64_t linear,
                                          ArrayRef<int64_t> shape) {
  SmallVector<int64_t> index(shape.size());
  for (int64_t i = static_cast<int64_t>(shape.size()) - 1; i >= 0; --i) {
    index[i] = shape[i] ? linear % shape[i] : 0;
    linear = shape[i] ? linear / shape[i] : 0;
  }
  return index;
}

static bool isUnsigned(Type type) {
  return type.isUnsignedInteger() || type.isInteger(1);
}

/// Applies a binary `op` to two elements of one type; null when undefined.
static Attribute applyBinary(EvalOp op, Attribute lhs, Attribute rhs,
                             Type resultElementType) {
  MLIRContext *context = lhs.getContext();
  auto boolAttr = [&](bool value) -> Attribute {
    return IntegerAttr::get(IntegerType::get(context, 1), value ? 1 : 0);
  };
  if (auto lhsFloat = dyn_cast<FloatAttr>(lhs)) {
    APFloat a = lhsFloat.getValue();
    APFloat b = cast<FloatAttr>(rhs).getValue();
    APFloat::cmpResult cmp = a.compare(b);
    switch (op) {
    case EvalOp::Add:
      a.add(b, APFloat::rmNearestTiesToEven);
      break;
    case EvalOp::Sub:
      a.subtract(b, APFloat::rmNearestTiesToEven);
      break;
    case EvalOp::Mul:
      a.multiply(b, APFloat::rmNearestTiesToEven);
      break;
    case EvalOp::Div:
      a.divide(b, APFloat::rmNearestTiesToEven);
      break;
    case EvalOp::Max:
      a = llvm::maximum(a, b);
      break;
    case EvalOp::Min:
      a = llvm::minimum(a, b);
      break;
    case EvalOp::Equal:
      return boolAttr(cmp == APFloat::cmpEqual);
    case EvalOp::Less:
      return boolAttr(cmp == APFloat::cmpLessThan);
    case EvalOp::LessEqual:
      return boolAttr(cmp == APFloat::cmpLessThan || cmp == APFloat::cmpEqual);
    case EvalOp::Greater:
      return boolAttr(cmp == APFloat::cmpGreaterThan);
    case EvalOp::GreaterEqual:
      return boolAttr(cmp == APFloat::cmpGreaterThan ||
                      cmp == APFloat::cmpEqual);
    default:
      return nullptr;
    }
    return FloatAttr::get(resultElementType, a);
  }
  auto lhsInt = dyn_cast<IntegerAttr>(lhs);
  auto rhsInt = dyn_cast<IntegerAttr>(rhs);
  if (!lhsInt || !rhsInt)
    return nullptr;
  bool isUnsignedType = isUnsigned(lhsInt.getType());
  APInt a = lhsInt.getValue();
  APInt b = rhsInt.getValue();
  switch (op) {
  case EvalOp::Add:
    return IntegerAttr::get(resultElementType, a + b);
  case EvalOp::Sub:
    return IntegerAttr::get(resultElementType, a - b);
  case EvalOp::Mul:
    return IntegerAttr::get(resultElementType, a * b);
  case EvalOp::Div:
    if (b.isZero())
      return nullptr;
    return IntegerAttr::get(resultElementType,
                            isUnsignedType ? a.udiv(b) : a.sdiv(b));
  case EvalOp::Max:
    return IntegerAttr::get(resultElementType,
                            (isUnsignedType ? a.uge(b) : a.sge(b)) ? a : b);
  case EvalOp::Min:
    return IntegerAttr::get(resultElementType,
                            (isUnsignedType ? a.ule(b) : a.sle(b)) ? a : b);
  case EvalOp::Equal:
    return boolAttr(a == b);
  case EvalOp::Less:
    return boolAttr(isUnsignedType ? a.ult(b) : a.slt(b));
  case EvalOp::LessEqual:
    return boolAttr(isUnsignedType ? a.ule(b) : a.sle(b));
  case EvalOp::Greater:
    return boolAttr(isUnsignedType ? a.ugt(b) : a.sgt(b));
  case EvalOp::GreaterEqual:
    return boolAttr(isUnsignedType ? a.uge(b) : a.sge(b));
  case EvalOp::And:
    return IntegerAttr::get(resultElementType, a & b);
  case EvalOp::Or:
    return IntegerAttr::get(resultElementType, a | b);
  case EvalOp::Xor:
    return IntegerAttr::get(resultElementType, a ^ b);
  default:
    return nullptr;
  }
}

/// Applies a unary `op` to one element; null when unknown.
static Attribute applyUnary(EvalOp op, Attribute input) {
  if (auto floatAttr = dyn_cast<FloatAttr>(input)) {
    APFloat value = floatAttr.getValue();
    switch (op) {
    case EvalOp::Neg:
      value.changeSign();
      break;
    case EvalOp::Abs:
      value.clearSign();
      break;
    default:
      return nullptr;
    }
    return FloatAttr::get(floatAttr.getType(), value);
  }
  auto intAttr = dyn_cast<IntegerAttr>(input);
  if (!intAttr)
    return nullptr;
  APInt value = intAttr.getValue();
  switch (op) {
  case EvalOp::Neg:
    return IntegerAttr::get(intAttr.getType(), -value);
  case EvalOp::Abs:
    return IntegerAttr::get(
        intAttr.getType(), isUnsigned(intAttr.getType()) ? value : value.abs());
  case EvalOp::Not:
    return IntegerAttr::get(intAttr.getType(), ~value);
  default:
    return nullptr;
  }
}

/// Converts one element to `elementType` with ONNX `Cast` semantics.
static Attribute castElement(Attribute input, Type elementType) {
  if (auto intType = dyn_cast<IntegerType>(elementType)) {
    unsigned width = intType.getWidth();
    if (auto floatAttr = dyn_cast<FloatAttr>(input)) {
      APFloat value = floatAttr.getValue();
      if (width == 1)
        return IntegerAttr::get(elementType, value.isZero() ? 0 : 1);
      if (value.isNaN() || value.isInfinity())
        return nullptr;
      APSInt result(width, isUnsigned(elementType));
      bool exact;
      value.convertToInteger(result, APFloat::rmTowardZero, &exact);
      return IntegerAttr::get(elementType, result);
    }
    auto intAttr = cast<IntegerAttr>(input);
    APInt value = intAttr.getValue();
    if (width == 1)
      return IntegerAttr::get(elementType, value.isZero() ? 0 : 1);
    return IntegerAttr::get(elementType, isUnsigned(intAttr.getType())
                                             ? value.zextOrTrunc(width)
                                             : value.sextOrTrunc(width));
  }
  auto floatType = cast<FloatType>(elementType);
  if (auto floatAttr = dyn_cast<FloatAttr>(input)) {
    APFloat value = floatAttr.getValue();
    bool losesInfo;
    value.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                  &losesInfo);
    return FloatAttr::get(floatType, value);
  }
  auto intAttr = cast<IntegerAttr>(input);
  APFloat value(floatType.getFloatSemantics());
  value.convertFromAPInt(intAttr.getValue(), !isUnsigned(intAttr.getType()),
                         APFloat::rmNearestTiesToEven);
  return FloatAttr::get(floatType, value);
}

/// Builds the result of `shape` and `elementType` from `elements`.
static DenseElementsAttr makeResult(ArrayRef<int64_t> shape, Type elementType,
                                    ArrayRef<Attribute> elements) {
  return DenseElementsAttr::get(RankedTensorType::get(shape, elementType),
                                elements);
}

//===----------------------------------------------------------------------===//
// Public entry points
//===----------------------------------------------------------------------===//

DenseElementsAttr mlir::kiln::evaluateBinary(EvalOp op, DenseElementsAttr lhs,
                                             DenseElementsAttr rhs) {
  if (!lhs || !rhs || lhs.getElementType() != rhs.getElementType())
    return nullptr;
  FailureOr<SmallVector<int64_t>> shape = broadcastShapes(
      std::nullopt, {lhs.getType().getShape(), rhs.getType().getShape()});
  if (failed(shape))
    return nullptr;
  bool isComparison = op == EvalOp::Equal || op == EvalOp::Less ||
                      op == EvalOp::LessEqual || op == EvalOp::Greater ||
                      op == EvalOp::GreaterEqual;
  Type elementType = isComparison ? IntegerType::get(lhs.getContext(), 1)
                                  : lhs.getElementType();
  if (lhs.isSplat() && rhs.isSplat()) {
    Attribute value = applyBinary(op, lhs.getSplatValue<Attribute>(),
                                  rhs.getSplatValue<Attribute>(), elementType);
    if (!value)
      return nullptr;
    return makeResult(*shape, elementType, {value});
  }
  if (!isSmall(*shape))
    return nullptr;
  SmallVector<Attribute> lhsElements = getElements(lhs);
  SmallVector<Attribute> rhsElements = getElements(rhs);
  SmallVector<Attribute> results;
  for (int64_t i = 0, e = getCount(*shape); i < e; ++i) {
    SmallVector<int64_t> index = getMultiIndex(i, *shape);
    Attribute value = applyBinary(
        op, lhsElements[getBroadcastIndex(index, lhs.getType().getShape())],
        rhsElements[getBroadcastIndex(index, rhs.getType().getShape())],
        elementType);
    if (!value)
      return nullptr;
    results.push_back(value);
  }
  return makeResult(*shape, elementType, results);
}

DenseElementsAttr mlir::kiln::evaluateUnary(EvalOp op,
                                            DenseElementsAttr input) {
  if (!input)
    return nullptr;
  ArrayRef<int64_t> shape = input.getType().getShape();
  if (input.isSplat()) {
    Attribute value = applyUnary(op, input.getSplatValue<Attribute>());
    return value ? makeResult(shape, input.getElementType(), {value}) : nullptr;
  }
  if (!isSmall(shape))
    return nullptr;
  SmallVector<Attribute> results;
  for (Attribute element : getElements(input)) {
    Attribute value = applyUnary(op, element);
    if (!value)
      return nullptr;
    results.push_back(value);
  }
  return makeResult(shape, input.getElementType(), results);
}

DenseElementsAttr mlir::kiln::evaluateSelect(DenseElementsAttr condition,
                                             DenseElementsAttr onTrue,
                                             DenseElementsAttr onFalse) {
  if (!condition || !onTrue || !onFalse ||
      onTrue.getElementType() != onFalse.getElementType())
    return nullptr;
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(std::nullopt, {condition.getType().getShape(),
                                     onTrue.getType().getShape(),
                                     onFalse.getType().getShape()});
  if (failed(shape) || !isSmall(*shape))
    return nullptr;
  auto conditions = llvm::to_vector(condition.getValues<bool>());
  SmallVector<Attribute> trueElements = getElements(onTrue);
  SmallVector<Attribute> falseElements = getElements(onFalse);
  SmallVector<Attribute> results;
  for (int64_t i = 0, e = getCount(*shape); i < e; ++i) {
    SmallVector<int64_t> index = getMultiIndex(i, *shape);
    bool which =
        conditions[getBroadcastIndex(index, condition.getType().getShape())];
    results.push_back(which ? trueElements[getBroadcastIndex(
                                  index, onTrue.getType().getShape())]
                            : falseElements[getBroadcastIndex(
                                  index, onFalse.getType().getShape())]);
  }
  return makeResult(*shape, onTrue.getElementType(), results);
}

DenseElementsAttr mlir::kiln::evaluateCast(DenseElementsAttr input,
                                           Type elementType) {
  if (!input || !isa<IntegerType, FloatType>(elementType) ||
      !isa<IntegerType, FloatType>(input.getElementType()))
    return nullptr;
  ArrayRef<int64_t> shape = input.getType().getShape();
  if (input.isSplat()) {
    Attribute value =
        castElement(input.getSplatValue<Attribute>(), elementType);
    return value ? makeResult(shape, elementType, {value}) : nullptr;
  }
  if (!isSmall(shape))
    return nullptr;
  SmallVector<Attribute> results;
  for (Attribute element : getElements(input)) {
    Attribute value = castElement(element, elementType);
    if (!value)
      return nullptr;
    results.push_back(value);
  }
  return makeResult(shape, elementType, results);
}

DenseElementsAttr mlir::kiln::evaluateGather(DenseElementsAttr data,
                                             DenseElementsAttr indices,
                                             int64_t axis) {
  if (!data || !indices || !isa<IntegerType>(indices.getElementType()))
    return nullptr;
  ArrayRef<int64_t> dataShape = data.getType().getShape();
  ArrayRef<int64_t> indexShape = indices.getType().getShape();
  SmallVector<int64_t> shape(dataShape.take_front(axis));
  llvm::append_range(shape, indexShape);
  llvm::append_range(shape, dataShape.drop_front(axis + 1));
  int64_t axisSize = dataShape[axis];
  SmallVector<int64_t> indexValues;
  if (getCount(indexShape) > kMaxEvaluatedElements)
    return nullptr;
  for (const APInt &index : indices.getValues<APInt>()) {
    int64_t value = index.getSExtValue();
    if (value < 0)
      value += axisSize;
    if (value < 0 || value >= axisSize)
      return nullptr;
    indexValues.push_back(value);
  }
  if (data.isSplat())
    return makeResult(shape, data.getElementType(),
                      {data.getSplatValue<Attribute>()});
  if (!isSmall(shape))
    return nullptr;
  SmallVector<Attribute> elements = getElements(data);
  SmallVector<int64_t> dataStrides = getStrides(dataShape);
  int64_t indexRank = indexShape.size();
  SmallVector<Attribute> results;
  for (int64_t i = 0, e = getCount(shape); i < e; ++i) {
    SmallVector<int64_t> index = getMultiIndex(i, shape);
    int64_t linearIndex = 0;
    for (int64_t d = 0; d < indexRank; ++d)
      linearIndex = linearIndex * indexShape[d] + index[axis + d];
    int64_t source = 0;
    for (int64_t d = 0; d < axis; ++d)
      source += index[d] * dataStrides[d];
    source += indexValues[linearIndex] * dataStrides[axis];
    for (int64_t d = axis + 1; d < static_cast<int64_t>(dataShape.size()); ++d)
      source += index[d - 1 + indexRank] * dataStrides[d];
    results.push_back(elements[source]);
  }
  return makeResult(shape, data.getElementType(), results);
}

DenseElementsAttr mlir::kiln::evaluateConcat(ArrayRef<DenseElementsAttr> inputs,
                                             int64_t axis) {
  if (inputs.empty() ||
      llvm::any_of(inputs, [](DenseElementsAttr input) { return !input; }))
    return nullptr;
  SmallVector<int64_t> shape(inputs[0].getType().getShape());
  shape[axis] = 0;
  for (DenseElementsAttr input : inputs)
    shape[axis] += input.getType().getDimSize(axis);
  if (!isSmall(shape))
    return nullptr;
  // Row-major: the result is, for each outer index, each input's inner block
  // in turn.
  int64_t outer = getCount(ArrayRef<int64_t>(shape).take_front(axis));
  SmallVector<SmallVector<Attribute>> elements;
  SmallVector<int64_t> blocks;
  for (DenseElementsAttr input : inputs) {
    elements.push_back(getElements(input));
    blocks.push_back(getCount(input.getType().getShape().drop_front(axis)));
  }
  SmallVector<Attribute> results;
  for (int64_t o = 0; o < outer; ++o)
    for (auto [inputElements, block] : llvm::zip_equal(elements, blocks))
      llvm::append_range(
          results, ArrayRef<Attribute>(inputElements).slice(o * block, block));
  return makeResult(shape, inputs[0].getElementType(), results);
}

DenseElementsAttr mlir::kiln::evaluateSlice(DenseElementsAttr input,
                                            ArrayRef<int64_t> starts,
                                            ArrayRef<int64_t> limits,
                                            ArrayRef<int64_t> strides) {
  if (!input)
    return nullptr;
  ArrayRef<int64_t> inputShape = input.getType().getShape();
  SmallVector<int64_t> shape;
  for (auto [start, limit, stride] : llvm::zip_equal(starts, limits, strides))
    shape.push_back(std::max<int64_t>(
        0, stride > 0 ? (limit - start + stride - 1) / stride
                      : (start - limit - stride - 1) / -stride));
  if (input.isSplat())
    return makeResult(shape, input.getElementType(),
                      {input.getSplatValue<Attribute>()});
  if (!isSmall(shape))
    return nullptr;
  SmallVector<Attribute> elements = getElements(input);
  SmallVector<int64_t> inputStrides = getStrides(inputShape);
  SmallVector<Attribute> results;
  for (int64_t i = 0, e = getCount(shape); i < e; ++i) {
    SmallVector<int64_t> index = getMultiIndex(i, shape);
    int64_t source = 0;
    for (auto [d, position] : llvm::enumerate(index))
      source += (starts[d] + position * strides[d]) * inputStrides[d];
    results.push_back(elements[source]);
  }
  return makeResult(shape, input.getElementType(), results);
}

DenseElementsAttr mlir::kiln::evaluateTranspose(DenseElementsAttr input,
                                                ArrayRef<int64_t> permutation) {
  if (!input)
    return nullptr;
  ArrayRef<int64_t> inputShape = input.getType().getShape();
  SmallVector<int64_t> shape;
  for (int64_t dim : permutation)
    shape.push_back(inputShape[dim]);
  if (input.isSplat())
    return makeResult(shape, input.getElementType(),
                      {input.getSplatValue<Attribute>()});
  if (!isSmall(shape))
    return nullptr;
  SmallVector<Attribute> elements = getElements(input);
  SmallVector<int64_t> inputStrides = getStrides(inputShape);
  SmallVector<Attribute> results;
  for (int64_t i = 0, e = getCount(shape); i < e; ++i) {
    SmallVector<int64_t> index = getMultiIndex(i, shape);
    int64_t source = 0;
    for (auto [k, dim] : llvm::enumerate(permutation))
      source += index[k] * inputStrides[dim];
    results.push_back(elements[source]);
  }
  return makeResult(shape, input.getElementType(), results);
}

DenseElementsAttr mlir::kiln::evaluateExpand(DenseElementsAttr input,
                                             ArrayRef<int64_t> shape) {
  if (!input)
    return nullptr;
  if (input.isSplat())
    return makeResult(shape, input.getElementType(),
                      {input.getSplatValue<Attribute>()});
  if (!isSmall(shape))
    return nullptr;
  SmallVector<Attribute> elements = getElements(input);
  SmallVector<Attribute> results;
  for (int64_t i = 0, e = getCount(shape); i < e; ++i)
    results.push_back(elements[getBroadcastIndex(getMultiIndex(i, shape),
                                                 input.getType().getShape())]);
  return makeResult(shape, input.getElementType(), results);
}

DenseElementsAttr mlir::kiln::evaluateReduction(EvalReduction op,
                                                DenseElementsAttr input,
                                                ArrayRef<int64_t> axes,
                                                bool keepDims) {
  if (!input || !isSmall(input.getType().getShape()))
    return nullptr;
  ArrayRef<int64_t> inputShape = input.getType().getShape();
  SmallVector<int64_t> keptShape(inputShape);
  int64_t reducedCount = 1;
  for (int64_t axis : axes) {
    keptShape[axis] = 1;
    reducedCount *= inputShape[axis];
  }
  Type elementType = input.getElementType();
  EvalOp combine = op == EvalReduction::Prod  ? EvalOp::Mul
                   : op == EvalReduction::Max ? EvalOp::Max
                   : op == EvalReduction::Min ? EvalOp::Min
                                              : EvalOp::Add;
  SmallVector<Attribute> elements = getElements(input);
  SmallVector<Attribute> results(getCount(keptShape));
  for (int64_t i = 0, e = elements.size(); i < e; ++i) {
    int64_t target = getBroadcastIndex(getMultiIndex(i, inputShape), keptShape);
    if (!results[target]) {
      results[target] = elements[i];
      continue;
    }
    results[target] =
        applyBinary(combine, results[target], elements[i], elementType);
    if (!results[target])
      return nullptr;
  }
  if (llvm::any_of(results, [](Attribute a) { return !a; }))
    return nullptr;
  if (op == EvalReduction::Mean) {
    Attribute count =
        castElement(IntegerAttr::get(IntegerType::get(input.getContext(), 64),
                                     reducedCount),
                    elementType);
    for (Attribute &result : results) {
      result = applyBinary(EvalOp::Div, result, count, elementType);
      if (!result)
        return nullptr;
    }
  }
  SmallVector<int64_t> shape;
  for (auto [d, dim] : llvm::enumerate(inputShape)) {
    if (!llvm::is_contained(axes, static_cast<int64_t>(d)))
      shape.push_back(dim);
    else if (keepDims)
      shape.push_back(1);
  }
  return makeResult(shape, elementType, results);
}
