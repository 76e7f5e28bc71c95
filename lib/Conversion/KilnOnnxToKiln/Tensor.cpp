// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// ONNX tensor operators: constants, shapes, reshapes, transposes,
// concatenation, splitting, slicing, gathers, padding and casts. Shapes are
// static, so `Shape` and `Size` are constants, and the shape operands of
// `Reshape`, `Expand`, `Slice`, ... must be constants (folded through the
// shape subgraphs that compute them).

#include "ConstantEvaluation.h"
#include "OnnxNode.h"

using namespace mlir;
using namespace mlir::kiln;

namespace {

using Results = FailureOr<SmallVector<Value>>;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

ArrayRef<int64_t> shapeOf(Value value) {
  return OnnxNode::getType(value).getShape();
}

Type elementTypeOf(Value value) {
  return OnnxNode::getType(value).getElementType();
}

/// `input` with its dimensions permuted, evaluated for constants.
Value buildTranspose(OnnxNode &node, Value input,
                     ArrayRef<int64_t> permutation) {
  if (!input)
    return nullptr;
  if (DenseElementsAttr folded =
          evaluateTranspose(getConstantValue(input), permutation))
    return node.constant(folded);
  return node.transpose(input, permutation);
}

/// `input[starts:limits:strides]`, evaluated for constants.
Value buildSlice(OnnxNode &node, Value input, ArrayRef<int64_t> starts,
                 ArrayRef<int64_t> limits, ArrayRef<int64_t> strides) {
  if (!input)
    return nullptr;
  if (DenseElementsAttr folded =
          evaluateSlice(getConstantValue(input), starts, limits, strides))
    return node.constant(folded);
  return node.slice(input, starts, limits, strides);
}

/// `input[start:limit]` along `axis`.
Value buildSliceAxis(OnnxNode &node, Value input, int64_t axis, int64_t start,
                     int64_t limit, int64_t stride = 1) {
  ArrayRef<int64_t> shape = shapeOf(input);
  SmallVector<int64_t> starts(shape.size(), 0);
  SmallVector<int64_t> limits(shape);
  SmallVector<int64_t> strides(shape.size(), 1);
  starts[axis] = start;
  limits[axis] = limit;
  strides[axis] = stride;
  if (stride == 1 && start == 0 && limit == shape[axis])
    return input;
  return buildSlice(node, input, starts, limits, strides);
}

/// `inputs` joined along `axis`, evaluated for constants.
Value buildConcat(OnnxNode &node, ArrayRef<Value> inputs, int64_t axis) {
  if (llvm::any_of(inputs, [](Value v) { return !v; }))
    return nullptr;
  if (inputs.size() == 1)
    return inputs.front();
  SmallVector<DenseElementsAttr> constants;
  for (Value input : inputs)
    constants.push_back(getConstantValue(input));
  if (DenseElementsAttr folded = evaluateConcat(constants, axis))
    return node.constant(folded);
  return node.create<ConcatOp>(inputs, axis);
}

/// `input` broadcast to `shape`, evaluated for constants.
Value buildExpand(OnnxNode &node, Value input, ArrayRef<int64_t> shape) {
  if (!input)
    return nullptr;
  if (shapeOf(input) == shape)
    return input;
  if (DenseElementsAttr folded =
          evaluateExpand(getConstantValue(input), shape))
    return node.constant(folded);
  return node.expand(input, shape);
}

/// The ONNX `Unsqueeze` of `input` at the sorted output positions `axes`.
SmallVector<int64_t> getUnsqueezedShape(ArrayRef<int64_t> shape,
                                        ArrayRef<int64_t> axes) {
  SmallVector<int64_t> result;
  auto dim = shape.begin();
  for (int64_t i = 0, e = shape.size() + axes.size(); i < e; ++i)
    result.push_back(llvm::is_contained(axes, i) ? 1 : *dim++);
  return result;
}

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
  if (std::optional<SmallVector<float>> values =
          node.getFloats("value_floats"))
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
  return SmallVector<Value>{node.i64Vector(shapeOf(input))};
}

/// Shape from 15: `start`/`end` select a range of dimensions, clamped.
Results convertShapeOpset15(OnnxNode &node) {
  Value input = node.getInput(0);
  int64_t start = node.getInt("start", 0);
  std::optional<int64_t> endAttr = node.getOptionalInt("end");
  if (!input)
    return failure();
  ArrayRef<int64_t> shape = shapeOf(input);
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
                             getNumElements(shapeOf(input))))};
}

Results convertConstantOfShape(OnnxNode &node) {
  std::optional<SmallVector<int64_t>> shape =
      node.requireConstantInts(0, "input");
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
  }
  auto type = RankedTensorType::get(
      *shape, cast<TypedAttr>(element).getType());
  return SmallVector<Value>{
      node.constant(DenseElementsAttr::get(type, element))};
}

/// Range: all three inputs must be constants; the result is one.
Results convertRange(OnnxNode &node) {
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
  ArrayRef<int64_t> shape = shapeOf(input);
  if (shape.size() != 2) {
    node.emitError() << "input must be 2-D, got rank " << shape.size();
    return failure();
  }
  Type elementType = dtype ? dtype : elementTypeOf(input);
  Value zero = node.splat(elementType, shape, 0);
  DenseElementsAttr zeros = getConstantValue(zero);
  if (!zeros)
    return failure();
  SmallVector<Attribute> values(zeros.getValues<Attribute>());
  Attribute one = getConstantValue(node.scalar(elementType, 1))
                      .getSplatValue<Attribute>();
  for (int64_t row = 0; row < shape[0]; ++row)
    if (row + k >= 0 && row + k < shape[1])
      values[row * shape[1] + row + k] = one;
  return SmallVector<Value>{node.constant(DenseElementsAttr::get(
      RankedTensorType::get(shape, elementType), values))};
}

//===----------------------------------------------------------------------===//
// Identity, casts
//===----------------------------------------------------------------------===//

Results convertIdentity(OnnxNode &node) {
  return SmallVector<Value>{node.getInput(0)};
}

Value buildCast(OnnxNode &node, Value input, Type elementType) {
  if (!input || !elementType)
    return nullptr;
  if (DenseElementsAttr folded =
          evaluateCast(getConstantValue(input), elementType))
    return node.constant(folded);
  return node.cast(input, elementType);
}

/// Cast: `to` is a string in opset 1, a data type code after.
Results convertCast(OnnxNode &node) {
  Value input = node.getInput(0);
  Type to = node.getTypeAttr("to");
  if (node.getOpset() >= 19 && node.getInt("saturate", 1) != 1) {
    node.emitError() << "saturate = 0 is not supported";
    return failure();
  }
  return SmallVector<Value>{buildCast(node, input, to)};
}

Results convertCastLike(OnnxNode &node) {
  Value input = node.getInput(0);
  Value target = node.getInput(1);
  if (!input || !target)
    return failure();
  return SmallVector<Value>{buildCast(node, input, elementTypeOf(target))};
}

//===----------------------------------------------------------------------===//
// Reshapes
//===----------------------------------------------------------------------===//

/// Resolves an ONNX `Reshape` target: 0 copies the input dimension (unless
/// `allowZero`), one -1 takes what is left.
std::optional<SmallVector<int64_t>>
resolveReshape(OnnxNode &node, ArrayRef<int64_t> inputShape,
               ArrayRef<int64_t> requested, bool allowZero) {
  SmallVector<int64_t> shape;
  std::optional<size_t> inferred;
  for (auto [i, entry] : llvm::enumerate(requested)) {
    int64_t dim = entry;
    if (dim == 0 && !allowZero) {
      if (i >= inputShape.size()) {
        node.emitError() << "shape entry " << i
                         << " is 0 but the input has rank "
                         << inputShape.size();
        return std::nullopt;
      }
      dim = inputShape[i];
    } else if (dim == -1) {
      if (inferred) {
        node.emitError() << "shape has more than one -1";
        return std::nullopt;
      }
      inferred = i;
      dim = 1;
    } else if (dim < -1) {
      node.emitError() << "shape entry " << i << " is " << dim;
      return std::nullopt;
    }
    shape.push_back(dim);
  }
  int64_t total = getNumElements(inputShape);
  int64_t known = getNumElements(shape);
  if (inferred) {
    if (known == 0 || total % known != 0) {
      node.emitError() << "cannot infer the -1 of shape [" << requested
                       << "] for " << total << " elements";
      return std::nullopt;
    }
    shape[*inferred] = total / known;
  } else if (known != total) {
    node.emitError() << "shape [" << requested << "] has " << known
                     << " elements, the input " << total;
    return std::nullopt;
  }
  return shape;
}

/// Reshape 1: the shape is an attribute.
Results convertReshapeOpset1(OnnxNode &node) {
  node.ignoreAttr("consumed_inputs");
  Value input = node.getInput(0);
  std::optional<SmallVector<int64_t>> requested = node.getInts("shape");
  if (!input || !requested) {
    if (!node.hasFailed())
      node.emitError() << "attribute 'shape' is missing";
    return failure();
  }
  auto shape = resolveReshape(node, shapeOf(input), *requested, false);
  if (!shape)
    return failure();
  return SmallVector<Value>{node.reshape(input, *shape)};
}

/// Reshape with the shape in input 1 (`allowZero`: 0 is a literal size).
Results buildReshape(OnnxNode &node, bool allowZero) {
  Value input = node.getInput(0);
  std::optional<SmallVector<int64_t>> requested =
      node.requireConstantInts(1, "shape");
  if (!input || !requested)
    return failure();
  auto shape = resolveReshape(node, shapeOf(input), *requested, allowZero);
  if (!shape)
    return failure();
  return SmallVector<Value>{node.reshape(input, *shape)};
}

/// Reshape 5 and 13: the shape is input 1; 0 copies the input dimension.
Results convertReshapeOpset5(OnnxNode &node) {
  return buildReshape(node, /*allowZero=*/false);
}

/// Reshape from 14: `allowzero = 1` makes 0 a literal size.
Results convertReshapeOpset14(OnnxNode &node) {
  return buildReshape(node, node.getInt("allowzero", 0) != 0);
}

/// Flatten: `[prod(d[:axis]), prod(d[axis:])]`; axis in `[-r, r]` (negative
/// from opset 11).
Results convertFlatten(OnnxNode &node) {
  Value input = node.getInput(0);
  int64_t axis = node.getInt("axis", 1);
  if (!input)
    return failure();
  ArrayRef<int64_t> shape = shapeOf(input);
  int64_t rank = shape.size();
  // Unlike other axes, `axis = rank` is valid and -1 means `rank - 1`.
  int64_t dim = axis < 0 ? axis + rank : axis;
  if (dim < 0 || dim > rank) {
    node.emitError() << "axis " << axis << " is out of range for rank "
                     << rank << " (expects [" << -rank << ", " << rank
                     << "])";
    return failure();
  }
  return SmallVector<Value>{
      node.reshape(input, {getNumElements(shape.take_front(dim)),
                           getNumElements(shape.drop_front(dim))})};
}

/// Squeeze of `input` at `axes` (all size-1 dimensions when absent).
Results buildSqueeze(OnnxNode &node, Value input,
                     std::optional<SmallVector<int64_t>> axes) {
  if (!input)
    return failure();
  ArrayRef<int64_t> shape = shapeOf(input);
  SmallVector<int64_t> dims;
  if (axes) {
    std::optional<SmallVector<int64_t>> normalized =
        node.normalizeAxes(*axes, shape.size());
    if (!normalized)
      return failure();
    dims = *normalized;
    for (int64_t dim : dims) {
      if (shape[dim] != 1) {
        node.emitError() << "cannot squeeze dimension " << dim << " of size "
                         << shape[dim];
        return failure();
      }
    }
  } else {
    for (auto [i, dim] : llvm::enumerate(shape))
      if (dim == 1)
        dims.push_back(i);
  }
  SmallVector<int64_t> result;
  for (auto [i, dim] : llvm::enumerate(shape))
    if (!llvm::is_contained(dims, static_cast<int64_t>(i)))
      result.push_back(dim);
  return SmallVector<Value>{node.reshape(input, result)};
}

/// Squeeze 1 and 11: `axes` is an attribute.
Results convertSqueezeOpset1(OnnxNode &node) {
  Value input = node.getInput(0);
  return buildSqueeze(node, input, node.getInts("axes"));
}

/// Squeeze from 13: `axes` is an optional input.
Results convertSqueezeOpset13(OnnxNode &node) {
  Value input = node.getInput(0);
  if (!node.hasInput(1))
    return buildSqueeze(node, input, std::nullopt);
  std::optional<SmallVector<int64_t>> axes =
      node.requireConstantInts(1, "axes");
  if (!axes)
    return failure();
  return buildSqueeze(node, input, axes);
}

/// Unsqueeze at `axes`, positions in the output.
Results buildUnsqueeze(OnnxNode &node, Value input, ArrayRef<int64_t> axes) {
  if (!input)
    return failure();
  ArrayRef<int64_t> shape = shapeOf(input);
  std::optional<SmallVector<int64_t>> normalized =
      node.normalizeAxes(axes, shape.size() + axes.size());
  if (!normalized)
    return failure();
  return SmallVector<Value>{
      node.reshape(input, getUnsqueezedShape(shape, *normalized))};
}

/// Unsqueeze 1 and 11: `axes` is an attribute.
Results convertUnsqueezeOpset1(OnnxNode &node) {
  Value input = node.getInput(0);
  std::optional<SmallVector<int64_t>> axes = node.getInts("axes");
  if (!axes) {
    node.emitError() << "attribute 'axes' is missing";
    return failure();
  }
  return buildUnsqueeze(node, input, *axes);
}

/// Unsqueeze from 13: `axes` is an input.
Results convertUnsqueezeOpset13(OnnxNode &node) {
  Value input = node.getInput(0);
  std::optional<SmallVector<int64_t>> axes =
      node.requireConstantInts(1, "axes");
  if (!axes)
    return failure();
  return buildUnsqueeze(node, input, *axes);
}

Results convertTranspose(OnnxNode &node) {
  Value input = node.getInput(0);
  std::optional<SmallVector<int64_t>> perm = node.getInts("perm");
  if (!input)
    return failure();
  int64_t rank = shapeOf(input).size();
  SmallVector<int64_t> permutation;
  if (perm) {
    permutation = *perm;
  } else {
    // The default reverses the dimensions.
    for (int64_t i = rank - 1; i >= 0; --i)
      permutation.push_back(i);
  }
  return SmallVector<Value>{buildTranspose(node, input, permutation)};
}

/// DepthToSpace: `DCR` (default) or `CRD` order of the moved channels.
Results convertDepthToSpace(OnnxNode &node) {
  Value input = node.getInput(0);
  int64_t block = node.getInt("blocksize", 0);
  std::string mode = node.getString("mode", "DCR");
  if (!input)
    return failure();
  ArrayRef<int64_t> shape = shapeOf(input);
  if (shape.size() != 4 || block <= 0 || shape[1] % (block * block) != 0) {
    node.emitError() << "expects a 4-D input whose channels divide by "
                        "blocksize^2 (blocksize = "
                     << block << ")";
    return failure();
  }
  int64_t n = shape[0], c = shape[1], h = shape[2], w = shape[3];
  int64_t channels = c / (block * block);
  Value result;
  if (mode == "DCR") {
    result = node.reshape(input, {n, block, block, channels, h, w});
    result = buildTranspose(node, result, {0, 3, 4, 1, 5, 2});
  } else if (mode == "CRD") {
    result = node.reshape(input, {n, channels, block, block, h, w});
    result = buildTranspose(node, result, {0, 1, 4, 2, 5, 3});
  } else {
    node.emitError() << "unsupported mode = '" << mode
                     << "' (expects 'DCR' or 'CRD')";
    return failure();
  }
  return SmallVector<Value>{
      node.reshape(result, {n, channels, h * block, w * block})};
}

Results convertSpaceToDepth(OnnxNode &node) {
  Value input = node.getInput(0);
  int64_t block = node.getInt("blocksize", 0);
  if (!input)
    return failure();
  ArrayRef<int64_t> shape = shapeOf(input);
  if (shape.size() != 4 || block <= 0 || shape[2] % block != 0 ||
      shape[3] % block != 0) {
    node.emitError() << "expects a 4-D input whose spatial sizes divide by "
                        "blocksize (blocksize = "
                     << block << ")";
    return failure();
  }
  int64_t n = shape[0], c = shape[1], h = shape[2], w = shape[3];
  Value result =
      node.reshape(input, {n, c, h / block, block, w / block, block});
  result = buildTranspose(node, result, {0, 3, 5, 1, 2, 4});
  return SmallVector<Value>{
      node.reshape(result, {n, c * block * block, h / block, w / block})};
}

//===----------------------------------------------------------------------===//
// Concat, Split, Slice, Tile, Pad, Expand
//===----------------------------------------------------------------------===//

/// Concat: `axis` defaulted to 1 in opset 1 and is required after.
Results convertConcat(OnnxNode &node) {
  SmallVector<Value> inputs = node.getPresentInputs();
  std::optional<int64_t> axis = node.getOptionalInt("axis");
  if (!axis && node.getOpset() < 4)
    axis = 1;
  if (!axis) {
    node.emitError() << "attribute 'axis' is missing";
    return failure();
  }
  if (inputs.empty()) {
    node.emitError() << "expects at least one input";
    return failure();
  }
  std::optional<int64_t> normalized =
      node.normalizeAxis(*axis, shapeOf(inputs.front()).size());
  if (!normalized)
    return failure();
  return SmallVector<Value>{buildConcat(node, inputs, *normalized)};
}

/// Splits `input` along `axis` into pieces of `sizes` (or `numOutputs`
/// equal pieces, the last one smaller when `allowUneven`).
Results buildSplit(OnnxNode &node, Value input, int64_t axis,
                   std::optional<SmallVector<int64_t>> sizes,
                   int64_t numOutputs, bool allowUneven) {
  if (!input)
    return failure();
  ArrayRef<int64_t> shape = shapeOf(input);
  std::optional<int64_t> dim = node.normalizeAxis(axis, shape.size());
  if (!dim)
    return failure();
  int64_t size = shape[*dim];
  SmallVector<int64_t> pieces;
  if (sizes) {
    pieces = *sizes;
    int64_t total = 0;
    for (int64_t piece : pieces) {
      if (piece < 0) {
        node.emitError() << "split has a negative size " << piece;
        return failure();
      }
      total += piece;
    }
    if (total != size) {
      node.emitError() << "split sizes add up to " << total
                       << ", but dimension " << *dim << " has size " << size;
      return failure();
    }
  } else {
    if (numOutputs <= 0) {
      node.emitError() << "no outputs to split into";
      return failure();
    }
    int64_t piece = allowUneven ? (size + numOutputs - 1) / numOutputs
                                : size / numOutputs;
    if (!allowUneven && size % numOutputs != 0) {
      node.emitError() << "dimension " << *dim << " of size " << size
                       << " does not split into " << numOutputs
                       << " equal parts";
      return failure();
    }
    for (int64_t i = 0, left = size; i < numOutputs; ++i) {
      pieces.push_back(std::min(piece, left));
      left -= pieces.back();
    }
  }
  SmallVector<Value> results;
  int64_t offset = 0;
  for (int64_t piece : pieces) {
    results.push_back(
        buildSliceAxis(node, input, *dim, offset, offset + piece));
    offset += piece;
  }
  return results;
}

/// Split 1: sizes from the `split` attribute or input 1.
Results convertSplitOpset1(OnnxNode &node) {
  Value input = node.getInput(0);
  int64_t axis = node.getInt("axis", 0);
  std::optional<SmallVector<int64_t>> sizes = node.getInts("split");
  if (!sizes && node.hasInput(1)) {
    sizes = node.requireConstantInts(1, "split");
    if (!sizes)
      return failure();
  }
  return buildSplit(node, input, axis, sizes, node.getNumOutputs(), false);
}

/// Split 2 and 11: sizes from the `split` attribute.
Results convertSplitOpset2(OnnxNode &node) {
  Value input = node.getInput(0);
  int64_t axis = node.getInt("axis", 0);
  std::optional<SmallVector<int64_t>> sizes = node.getInts("split");
  return buildSplit(node, input, axis, sizes, node.getNumOutputs(), false);
}

/// Split 13: sizes from the optional input 1.
Results convertSplitOpset13(OnnxNode &node) {
  Value input = node.getInput(0);
  int64_t axis = node.getInt("axis", 0);
  std::optional<SmallVector<int64_t>> sizes;
  if (node.hasInput(1)) {
    sizes = node.requireConstantInts(1, "split");
    if (!sizes)
      return failure();
  }
  return buildSplit(node, input, axis, sizes, node.getNumOutputs(), false);
}

/// Split 18: `num_outputs` splits unevenly, the last piece smaller.
Results convertSplitOpset18(OnnxNode &node) {
  Value input = node.getInput(0);
  int64_t axis = node.getInt("axis", 0);
  std::optional<int64_t> numOutputs = node.getOptionalInt("num_outputs");
  std::optional<SmallVector<int64_t>> sizes;
  if (node.hasInput(1)) {
    sizes = node.requireConstantInts(1, "split");
    if (!sizes)
      return failure();
  }
  return buildSplit(node, input, axis, sizes,
                    numOutputs.value_or(node.getNumOutputs()),
                    numOutputs.has_value());
}

/// Slice with ONNX bounds (negative from the end, clamped) on `axes`.
Results buildSliceOnnx(OnnxNode &node, Value input, ArrayRef<int64_t> starts,
                       ArrayRef<int64_t> ends,
                       std::optional<SmallVector<int64_t>> axesOpt,
                       std::optional<SmallVector<int64_t>> stepsOpt) {
  if (!input)
    return failure();
  ArrayRef<int64_t> shape = shapeOf(input);
  int64_t rank = shape.size();
  size_t count = starts.size();
  if (ends.size() != count || (axesOpt && axesOpt->size() != count) ||
      (stepsOpt && stepsOpt->size() != count)) {
    node.emitError() << "starts, ends, axes and steps must have the same "
                        "length";
    return failure();
  }
  SmallVector<int64_t> axes;
  if (axesOpt) {
    std::optional<SmallVector<int64_t>> normalized =
        node.normalizeAxes(*axesOpt, rank, "axes", /*sorted=*/false);
    if (!normalized)
      return failure();
    axes = *normalized;
  } else {
    for (size_t i = 0; i < count; ++i)
      axes.push_back(i);
    if (static_cast<int64_t>(count) > rank) {
      node.emitError() << "more starts (" << count << ") than dimensions ("
                       << rank << ")";
      return failure();
    }
  }
  SmallVector<int64_t> kStarts(rank, 0);
  SmallVector<int64_t> kLimits(shape);
  SmallVector<int64_t> kStrides(rank, 1);
  for (size_t i = 0; i < count; ++i) {
    int64_t axis = axes[i];
    int64_t dim = shape[axis];
    int64_t step = stepsOpt ? (*stepsOpt)[i] : 1;
    if (step == 0) {
      node.emitError() << "steps must not be 0";
      return failure();
    }
    int64_t start = starts[i];
    int64_t end = ends[i];
    if (start < 0)
      start = start < -dim ? -1 : start + dim;
    if (end < 0)
      end = end < -dim ? -1 : end + dim;
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, dim);
      end = std::clamp<int64_t>(end, 0, dim);
      end = std::max(start, end);
    } else {
      if (dim == 0) {
        start = end = 0;
        step = 1;
      } else {
        start = std::clamp<int64_t>(start, 0, dim - 1);
        end = std::clamp<int64_t>(end, -1, dim - 1);
        end = std::min(start, end);
      }
    }
    kStarts[axis] = start;
    kLimits[axis] = end;
    kStrides[axis] = step;
  }
  return SmallVector<Value>{
      buildSlice(node, input, kStarts, kLimits, kStrides)};
}

/// Slice 1: bounds are attributes.
Results convertSliceOpset1(OnnxNode &node) {
  Value input = node.getInput(0);
  std::optional<SmallVector<int64_t>> starts = node.getInts("starts");
  std::optional<SmallVector<int64_t>> ends = node.getInts("ends");
  std::optional<SmallVector<int64_t>> axes = node.getInts("axes");
  if (!starts || !ends) {
    if (!node.hasFailed())
      node.emitError() << "attributes 'starts' and 'ends' are required";
    return failure();
  }
  return buildSliceOnnx(node, input, *starts, *ends, axes, std::nullopt);
}

/// Slice from 10: bounds are inputs (axes and steps optional).
Results convertSliceOpset10(OnnxNode &node) {
  Value input = node.getInput(0);
  auto starts = node.requireConstantInts(1, "starts");
  auto ends = node.requireConstantInts(2, "ends");
  std::optional<SmallVector<int64_t>> axes, steps;
  if (node.hasInput(3))
    axes = node.requireConstantInts(3, "axes");
  if (node.hasInput(4))
    steps = node.requireConstantInts(4, "steps");
  if (!starts || !ends || node.hasFailed())
    return failure();
  return buildSliceOnnx(node, input, *starts, *ends, axes, steps);
}

/// Tile: `reshape(expand(reshape(x, [1, d0, 1, d1, ...]),
/// [r0, d0, r1, d1, ...]), [r0 * d0, r1 * d1, ...])`.
Results convertTile(OnnxNode &node) {
  Value input = node.getInput(0);
  std::optional<SmallVector<int64_t>> repeats =
      node.requireConstantInts(1, "repeats");
  if (!input || !repeats)
    return failure();
  ArrayRef<int64_t> shape = shapeOf(input);
  if (repeats->size() != shape.size()) {
    node.emitError() << "repeats has " << repeats->size()
                     << " entries for an input of rank " << shape.size();
    return failure();
  }
  SmallVector<int64_t> interleaved, expanded, result;
  for (auto [dim, repeat] : llvm::zip_equal(shape, *repeats)) {
    if (repeat < 0) {
      node.emitError() << "repeats must not be negative, got " << repeat;
      return failure();
    }
    interleaved.append({1, dim});
    expanded.append({repeat, dim});
    result.push_back(repeat * dim);
  }
  Value value = node.reshape(input, interleaved);
  value = buildExpand(node, value, expanded);
  return SmallVector<Value>{node.reshape(value, result)};
}

/// Pads `input` along each axis with `begins`/`ends` (negative ones crop)
/// in `mode` (`constant`, `edge`, `reflect`, `wrap`).
Results buildPad(OnnxNode &node, Value input, ArrayRef<int64_t> axes,
                 ArrayRef<int64_t> begins, ArrayRef<int64_t> ends,
                 StringRef mode, double value) {
  if (!input)
    return failure();
  if (mode != "constant" && mode != "edge" && mode != "reflect" &&
      mode != "wrap") {
    node.emitError() << "unsupported mode = '" << mode << "'";
    return failure();
  }
  Value result = input;
  Type elementType = elementTypeOf(input);
  for (auto [axisRef, begin, end] : llvm::zip_equal(axes, begins, ends)) {
    int64_t axis = axisRef;
    // Crop first: negative pads remove elements.
    int64_t dim = shapeOf(result)[axis];
    int64_t cropBegin = begin < 0 ? -begin : 0;
    int64_t cropEnd = end < 0 ? -end : 0;
    if (cropBegin + cropEnd > dim) {
      node.emitError() << "pads crop more than dimension " << axis
                       << " holds";
      return failure();
    }
    result = buildSliceAxis(node, result, axis, cropBegin, dim - cropEnd);
    dim -= cropBegin + cropEnd;
    int64_t padBegin = std::max<int64_t>(begin, 0);
    int64_t padEnd = std::max<int64_t>(end, 0);
    if (!padBegin && !padEnd)
      continue;
    if (mode != "constant" && dim == 0) {
      node.emitError() << "cannot pad an empty dimension in mode '" << mode
                       << "'";
      return failure();
    }
    if ((mode == "reflect" && (padBegin >= dim || padEnd >= dim)) ||
        (mode == "wrap" && (padBegin > dim || padEnd > dim))) {
      node.emitError() << "pads larger than dimension " << axis
                       << " in mode '" << mode << "'";
      return failure();
    }
    auto makePart = [&](int64_t count, bool atBegin) -> Value {
      SmallVector<int64_t> partShape(shapeOf(result));
      partShape[axis] = count;
      if (mode == "constant")
        return node.splat(elementType, partShape, value);
      if (mode == "edge") {
        Value edge = atBegin ? buildSliceAxis(node, result, axis, 0, 1)
                             : buildSliceAxis(node, result, axis, dim - 1, dim);
        return buildExpand(node, edge, partShape);
      }
      if (mode == "reflect")
        return atBegin ? buildSliceAxis(node, result, axis, count, 0, -1)
                       : buildSliceAxis(node, result, axis, dim - 2,
                                        dim - 2 - count, -1);
      return atBegin ? buildSliceAxis(node, result, axis, dim - count, dim)
                     : buildSliceAxis(node, result, axis, 0, count);
    };
    SmallVector<Value> parts;
    if (padBegin)
      parts.push_back(makePart(padBegin, true));
    parts.push_back(result);
    if (padEnd)
      parts.push_back(makePart(padEnd, false));
    result = buildConcat(node, parts, axis);
  }
  return SmallVector<Value>{result};
}

/// Splits ONNX `pads` (`[b_0, ..., b_n, e_0, ..., e_n]`) for `rank` axes.
Results buildPadFromList(OnnxNode &node, Value input, ArrayRef<int64_t> pads,
                         std::optional<SmallVector<int64_t>> axesOpt,
                         StringRef mode, double value) {
  if (!input)
    return failure();
  int64_t rank = shapeOf(input).size();
  SmallVector<int64_t> axes;
  if (axesOpt) {
    std::optional<SmallVector<int64_t>> normalized =
        node.normalizeAxes(*axesOpt, rank, "axes", /*sorted=*/false);
    if (!normalized)
      return failure();
    axes = *normalized;
  } else {
    for (int64_t i = 0; i < rank; ++i)
      axes.push_back(i);
  }
  int64_t count = axes.size();
  if (static_cast<int64_t>(pads.size()) != 2 * count) {
    node.emitError() << "pads has " << pads.size() << " entries, expects "
                     << 2 * count;
    return failure();
  }
  return buildPad(node, input, axes, pads.take_front(count),
                  pads.drop_front(count), mode, value);
}

/// Pad 2: pads, mode and value are attributes.
Results convertPadOpset2(OnnxNode &node) {
  Value input = node.getInput(0);
  std::optional<SmallVector<int64_t>> pads = node.getInts("pads");
  std::string mode = node.getString("mode", "constant");
  float value = node.getFloat("value", 0.0f);
  if (!pads) {
    node.emitError() << "attribute 'pads' is missing";
    return failure();
  }
  return buildPadFromList(node, input, *pads, std::nullopt, mode, value);
}

/// Pad from 11: pads and the constant value are inputs; 18 adds `axes`.
Results convertPadOpset11(OnnxNode &node) {
  Value input = node.getInput(0);
  std::string mode = node.getString("mode", "constant");
  std::optional<SmallVector<int64_t>> pads =
      node.requireConstantInts(1, "pads");
  double value = 0.0;
  if (node.hasInput(2)) {
    std::optional<SmallVector<double>> values =
        node.requireConstantFloats(2, "constant_value");
    if (!values)
      return failure();
    if (!values->empty())
      value = values->front();
  }
  std::optional<SmallVector<int64_t>> axes;
  if (node.hasInput(3))
    axes = node.requireConstantInts(3, "axes");
  if (!pads || node.hasFailed())
    return failure();
  return buildPadFromList(node, input, *pads, axes, mode, value);
}

/// Expand: the result shape broadcasts the input's and `shape`.
Results convertExpand(OnnxNode &node) {
  Value input = node.getInput(0);
  std::optional<SmallVector<int64_t>> requested =
      node.requireConstantInts(1, "shape");
  if (!input || !requested)
    return failure();
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(std::nullopt, {shapeOf(input), *requested});
  if (failed(shape)) {
    node.emitError() << "shape [" << *requested
                     << "] does not broadcast with the input's ["
                     << shapeOf(input) << "]";
    return failure();
  }
  return SmallVector<Value>{buildExpand(node, input, *shape)};
}

//===----------------------------------------------------------------------===//
// Gathers
//===----------------------------------------------------------------------===//

Results convertGather(OnnxNode &node) {
  Value data = node.getInput(0);
  Value indices = node.getInput(1);
  int64_t axis = node.getInt("axis", 0);
  if (!data || !indices)
    return failure();
  std::optional<int64_t> dim = node.normalizeAxis(axis, shapeOf(data).size());
  if (!dim)
    return failure();
  if (DenseElementsAttr folded = evaluateGather(
          getConstantValue(data), getConstantValue(indices), *dim))
    return SmallVector<Value>{node.constant(folded)};
  return SmallVector<Value>{node.create<GatherOp>(data, indices, *dim)};
}

Results convertGatherElements(OnnxNode &node) {
  Value data = node.getInput(0);
  Value indices = node.getInput(1);
  int64_t axis = node.getInt("axis", 0);
  if (!data || !indices)
    return failure();
  std::optional<int64_t> dim = node.normalizeAxis(axis, shapeOf(data).size());
  if (!dim)
    return failure();
  return SmallVector<Value>{
      node.create<GatherElementsOp>(data, indices, *dim)};
}

//===----------------------------------------------------------------------===//
// Masks and one-hot encodings
//===----------------------------------------------------------------------===//

/// Trilu: `select(mask, x, 0)`, the mask `col - row >= k` (upper) or
/// `col - row <= k` (lower); a constant when `k` is one.
Results convertTrilu(OnnxNode &node) {
  Value input = node.getInput(0);
  bool upper = node.getInt("upper", 1);
  if (!input)
    return failure();
  ArrayRef<int64_t> shape = shapeOf(input);
  if (shape.size() < 2) {
    node.emitError() << "input must have rank >= 2";
    return failure();
  }
  int64_t rows = shape[shape.size() - 2];
  int64_t cols = shape.back();
  Builder b(node.getContext());
  Type i64 = b.getI64Type();
  Value k = node.scalar(i64, 0);
  if (Value kInput = node.getOptionalInput(1)) {
    if (getNumElements(shapeOf(kInput)) != 1) {
      node.emitError() << "input 1 ('k') must be a scalar";
      return failure();
    }
    k = buildCast(node, node.reshape(kInput, {}), i64);
  }
  SmallVector<int64_t> offsets;
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      offsets.push_back(j - i);
  Value diagonal = node.reshape(node.i64Vector(offsets), {rows, cols});
  Value mask;
  if (upper)
    mask = buildBinary<GreaterEqualOp, EvalOp::GreaterEqual>(
        node, diagonal, k);
  else
    mask = buildBinary<LessEqualOp, EvalOp::LessEqual>(node,
                                                                diagonal, k);
  Value zero = node.scalar(elementTypeOf(input), 0);
  return SmallVector<Value>{node.create<SelectOp>(mask, input, zero)};
}

/// OneHot: `select(indices' == iota, on, off)` along `axis`, with negative
/// indices wrapped by `depth`.
Results convertOneHot(OnnxNode &node) {
  Value indices = node.getInput(0);
  std::optional<SmallVector<double>> depths =
      node.requireConstantFloats(1, "depth");
  Value values = node.getInput(2);
  int64_t axis = node.getInt("axis", -1);
  if (!indices || !depths || !values)
    return failure();
  if (depths->size() != 1 || shapeOf(values) != ArrayRef<int64_t>{2}) {
    node.emitError() << "depth must be a scalar and values a pair";
    return failure();
  }
  int64_t depth = static_cast<int64_t>(depths->front());
  ArrayRef<int64_t> shape = shapeOf(indices);
  std::optional<int64_t> dim = node.normalizeAxis(axis, shape.size() + 1);
  if (!dim)
    return failure();
  Builder b(node.getContext());
  Type i64 = b.getI64Type();
  Value index = buildCast(node, indices, i64);
  Value negative = node.create<LessOp>(index, node.scalar(i64, 0));
  Value wrapped = node.create<AddOp>(index, node.scalar(i64, depth));
  index = node.create<SelectOp>(negative, wrapped, index);
  index = node.reshape(index, getUnsqueezedShape(shape, {*dim}));
  SmallVector<int64_t> iotaShape(shape.size() + 1, 1);
  iotaShape[*dim] = depth;
  SmallVector<int64_t> iota;
  for (int64_t i = 0; i < depth; ++i)
    iota.push_back(i);
  Value iotaValue = node.reshape(node.i64Vector(iota), iotaShape);
  Value hot = node.create<EqualOp>(index, iotaValue);
  Value off = node.reshape(buildSliceAxis(node, values, 0, 0, 1), {});
  Value on = node.reshape(buildSliceAxis(node, values, 0, 1, 2), {});
  return SmallVector<Value>{node.create<SelectOp>(hot, on, off)};
}

} // namespace

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

void mlir::kiln::populateTensorHandlers(OnnxHandlerRegistry &registry) {
  auto add = [&](StringRef opType, int64_t version, auto fn) {
    registry.add("", opType, version, handler(fn));
  };
  add("Cast", 1, convertCast);
  add("CastLike", 15, convertCastLike);
  add("Concat", 1, convertConcat);
  add("Constant", 1, convertConstant);
  add("ConstantOfShape", 9, convertConstantOfShape);
  add("DepthToSpace", 1, convertDepthToSpace);
  add("Expand", 8, convertExpand);
  add("EyeLike", 9, convertEyeLike);
  add("Flatten", 1, convertFlatten);
  add("Gather", 1, convertGather);
  add("GatherElements", 11, convertGatherElements);
  add("Identity", 1, convertIdentity);
  add("OneHot", 9, convertOneHot);
  add("Pad", 2, convertPadOpset2);
  add("Pad", 11, convertPadOpset11);
  add("Range", 11, convertRange);
  add("Reshape", 1, convertReshapeOpset1);
  add("Reshape", 5, convertReshapeOpset5);
  add("Reshape", 14, convertReshapeOpset14);
  add("Shape", 1, convertShapeOpset1);
  add("Shape", 15, convertShapeOpset15);
  add("Size", 1, convertSize);
  add("Slice", 1, convertSliceOpset1);
  add("Slice", 10, convertSliceOpset10);
  add("SpaceToDepth", 1, convertSpaceToDepth);
  add("Split", 1, convertSplitOpset1);
  add("Split", 2, convertSplitOpset2);
  add("Split", 13, convertSplitOpset13);
  add("Split", 18, convertSplitOpset18);
  add("Squeeze", 1, convertSqueezeOpset1);
  add("Squeeze", 13, convertSqueezeOpset13);
  add("Tile", 6, convertTile);
  add("Transpose", 1, convertTranspose);
  add("Trilu", 14, convertTrilu);
  add("Unsqueeze", 1, convertUnsqueezeOpset1);
  add("Unsqueeze", 13, convertUnsqueezeOpset13);
}
