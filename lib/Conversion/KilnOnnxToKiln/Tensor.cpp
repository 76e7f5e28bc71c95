// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// ONNX tensor operators: reshapes, transposes, concatenation, splitting,
// slicing, padding, masks, one-hot encodings and casts. The shape operands of
// `Reshape`, `Expand`, `Slice`, ... are constants, which the shape subgraphs
// that compute them fold to (Generator.cpp, ConstantEvaluation.cpp), or
// run-time values checked against the output shape the model declares
// (RunTimeChecks.h).

#include "ConstantEvaluation.h"
#include "RunTimeChecks.h"

using namespace mlir;
using namespace mlir::kiln;

namespace {

using Results = FailureOr<SmallVector<Value>>;

//===----------------------------------------------------------------------===//
// Identity, casts
//===----------------------------------------------------------------------===//

Results convertIdentity(OnnxNode &node) {
  return SmallVector<Value>{node.getInput(0)};
}

/// Cast: `to` is a string in opset 1, a data type code after.
Results convertCast(OnnxNode &node) {
  Value input = node.getInput(0);
  Type to = node.getTypeAttr("to");
  if (node.getOpset() >= 19 && node.getInt("saturate", 1) != 1) {
    node.emitError() << "saturate = 0 is not supported";
    return failure();
  }
  return SmallVector<Value>{node.cast(input, to)};
}

Results convertCastLike(OnnxNode &node) {
  Value input = node.getInput(0);
  Value target = node.getInput(1);
  if (!input || !target)
    return failure();
  return SmallVector<Value>{node.cast(input, getElementType(target))};
}

//===----------------------------------------------------------------------===//
// Reshapes
//===----------------------------------------------------------------------===//

/// Resolves an ONNX `Reshape` target: 0 copies the input dimension (unless
/// `allowZero`), one -1 takes what is left.
std::optional<SmallVector<int64_t>> resolveReshape(OnnxNode &node,
                                                   ArrayRef<int64_t> inputShape,
                                                   ArrayRef<int64_t> requested,
                                                   bool allowZero) {
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
  auto shape = resolveReshape(node, getShape(input), *requested, false);
  if (!shape)
    return failure();
  return SmallVector<Value>{node.reshape(input, *shape)};
}

/// Reshape with the shape in input 1 (`allowZero`: 0 is a literal size).
Results buildReshape(OnnxNode &node, bool allowZero) {
  Value input = node.getInput(0);
  if (node.hasInput(1) && !node.getConstantInput(1))
    return buildReshapeToDeclared(node, input, allowZero);
  std::optional<SmallVector<int64_t>> requested =
      node.requireConstantInts(1, "shape");
  if (!input || !requested)
    return failure();
  auto shape = resolveReshape(node, getShape(input), *requested, allowZero);
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
  ArrayRef<int64_t> shape = getShape(input);
  int64_t rank = shape.size();
  // Unlike other axes, `axis = rank` is valid and -1 means `rank - 1`.
  int64_t dim = axis < 0 ? axis + rank : axis;
  if (dim < 0 || dim > rank) {
    node.emitError() << "axis " << axis << " is out of range for rank " << rank
                     << " (expects [" << -rank << ", " << rank << "])";
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
  ArrayRef<int64_t> shape = getShape(input);
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
  if (!node.getConstantInput(1))
    return buildSqueezeToDeclared(node, input);
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
  ArrayRef<int64_t> shape = getShape(input);
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
  if (node.hasInput(1) && !node.getConstantInput(1))
    return buildUnsqueezeToDeclared(node, input);
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
  int64_t rank = getShape(input).size();
  SmallVector<int64_t> permutation;
  if (perm) {
    permutation = *perm;
  } else {
    // The default reverses the dimensions.
    for (int64_t i = rank - 1; i >= 0; --i)
      permutation.push_back(i);
  }
  return SmallVector<Value>{node.transpose(input, permutation)};
}

/// DepthToSpace: `DCR` (default) or `CRD` order of the moved channels.
Results convertDepthToSpace(OnnxNode &node) {
  Value input = node.getInput(0);
  int64_t block = node.getInt("blocksize", 0);
  std::string mode = node.getString("mode", "DCR");
  if (!input)
    return failure();
  ArrayRef<int64_t> shape = getShape(input);
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
    result = node.transpose(result, {0, 3, 4, 1, 5, 2});
  } else if (mode == "CRD") {
    result = node.reshape(input, {n, channels, block, block, h, w});
    result = node.transpose(result, {0, 1, 4, 2, 5, 3});
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
  ArrayRef<int64_t> shape = getShape(input);
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
  result = node.transpose(result, {0, 3, 5, 1, 2, 4});
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
      node.normalizeAxis(*axis, getShape(inputs.front()).size());
  if (!normalized)
    return failure();
  return SmallVector<Value>{node.concat(inputs, *normalized)};
}

/// Splits `input` along `axis` into pieces of `sizes` (or `numOutputs`
/// equal pieces, the last one smaller when `allowUneven`).
Results buildSplit(OnnxNode &node, Value input, int64_t axis,
                   std::optional<SmallVector<int64_t>> sizes,
                   int64_t numOutputs, bool allowUneven) {
  if (!input)
    return failure();
  ArrayRef<int64_t> shape = getShape(input);
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
    int64_t piece =
        allowUneven ? (size + numOutputs - 1) / numOutputs : size / numOutputs;
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
    results.push_back(node.sliceAxis(input, *dim, offset, offset + piece));
    offset += piece;
  }
  return results;
}

/// Reads `split` (input 1): a constant, or a run-time value checked against
/// the declared outputs.
std::optional<SmallVector<int64_t>> getSplitSizes(OnnxNode &node, Value input,
                                                  int64_t axis) {
  if (!node.getConstantInput(1))
    return getDeclaredSplit(node, input, axis);
  return node.requireConstantInts(1, "split");
}

/// Split 1: sizes from the `split` attribute or input 1.
Results convertSplitOpset1(OnnxNode &node) {
  Value input = node.getInput(0);
  int64_t axis = node.getInt("axis", 0);
  std::optional<SmallVector<int64_t>> sizes = node.getInts("split");
  if (!sizes && node.hasInput(1)) {
    sizes = getSplitSizes(node, input, axis);
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
    sizes = getSplitSizes(node, input, axis);
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
    sizes = getSplitSizes(node, input, axis);
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
  ArrayRef<int64_t> shape = getShape(input);
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
  return SmallVector<Value>{node.slice(input, kStarts, kLimits, kStrides)};
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
  for (unsigned i = 1; i <= 4; ++i)
    if (node.hasInput(i) && !node.getConstantInput(i))
      return buildSliceToDeclared(node, input);
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
  std::optional<SmallVector<int64_t>> repeats;
  if (node.hasInput(1) && !node.getConstantInput(1))
    repeats = getDeclaredRepeats(node, input);
  else
    repeats = node.requireConstantInts(1, "repeats");
  if (!input || !repeats)
    return failure();
  ArrayRef<int64_t> shape = getShape(input);
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
  value = node.expand(value, expanded);
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
  Type elementType = getElementType(input);
  for (auto [axisRef, begin, end] : llvm::zip_equal(axes, begins, ends)) {
    int64_t axis = axisRef;
    // Crop first: negative pads remove elements.
    int64_t dim = getShape(result)[axis];
    int64_t cropBegin = begin < 0 ? -begin : 0;
    int64_t cropEnd = end < 0 ? -end : 0;
    if (cropBegin + cropEnd > dim) {
      node.emitError() << "pads crop more than dimension " << axis << " holds";
      return failure();
    }
    result = node.sliceAxis(result, axis, cropBegin, dim - cropEnd);
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
      node.emitError() << "pads larger than dimension " << axis << " in mode '"
                       << mode << "'";
      return failure();
    }
    auto makePart = [&](int64_t count, bool atBegin) -> Value {
      SmallVector<int64_t> partShape(getShape(result));
      partShape[axis] = count;
      if (mode == "constant")
        return node.splat(elementType, partShape, value);
      if (mode == "edge") {
        Value edge = atBegin ? node.sliceAxis(result, axis, 0, 1)
                             : node.sliceAxis(result, axis, dim - 1, dim);
        return node.expand(edge, partShape);
      }
      if (mode == "reflect")
        return atBegin
                   ? node.sliceAxis(result, axis, count, 0, -1)
                   : node.sliceAxis(result, axis, dim - 2, dim - 2 - count, -1);
      return atBegin ? node.sliceAxis(result, axis, dim - count, dim)
                     : node.sliceAxis(result, axis, 0, count);
    };
    SmallVector<Value> parts;
    if (padBegin)
      parts.push_back(makePart(padBegin, true));
    parts.push_back(result);
    if (padEnd)
      parts.push_back(makePart(padEnd, false));
    result = node.concat(parts, axis);
  }
  return SmallVector<Value>{result};
}

/// Splits ONNX `pads` (`[b_0, ..., b_n, e_0, ..., e_n]`) for `rank` axes.
Results buildPadFromList(OnnxNode &node, Value input, ArrayRef<int64_t> pads,
                         std::optional<SmallVector<int64_t>> axesOpt,
                         StringRef mode, double value) {
  if (!input)
    return failure();
  int64_t rank = getShape(input).size();
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
  if ((node.hasInput(1) && !node.getConstantInput(1)) ||
      (node.hasInput(2) && !node.getConstantInput(2)))
    return buildPadToDeclared(node, input, mode);
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
  if (node.hasInput(1) && !node.getConstantInput(1))
    return buildExpandToDeclared(node, input);
  std::optional<SmallVector<int64_t>> requested =
      node.requireConstantInts(1, "shape");
  if (!input || !requested)
    return failure();
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(std::nullopt, {getShape(input), *requested});
  if (failed(shape)) {
    node.emitError() << "shape [" << *requested
                     << "] does not broadcast with the input's ["
                     << getShape(input) << "]";
    return failure();
  }
  return SmallVector<Value>{node.expand(input, *shape)};
}

//===----------------------------------------------------------------------===//
// Masks and one-hot encodings
//===----------------------------------------------------------------------===//

/// Trilu: `select(mask, x, 0)`, the mask `col - row >= k` (upper) or
/// `col - row <= k` (lower); a constant when `k` is one and the matrix
/// small.
Results convertTrilu(OnnxNode &node) {
  Value input = node.getInput(0);
  bool upper = node.getInt("upper", 1);
  if (!input)
    return failure();
  ArrayRef<int64_t> shape = getShape(input);
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
    if (getNumElements(getShape(kInput)) != 1) {
      node.emitError() << "input 1 ('k') must be a scalar";
      return failure();
    }
    k = node.cast(node.reshape(kInput, {}), i64);
  }
  // col - row >= k is col >= row + k: a row and a column of indices
  // broadcast against each other (folded when k is a constant).
  Value rowsPlusK = buildBinary<AddOp, EvalOp::Add>(
      node, node.reshape(node.i64Vector(getRange(0, rows)), {rows, 1}), k);
  Value columns = node.reshape(node.i64Vector(getRange(0, cols)), {1, cols});
  Value mask;
  if (upper)
    mask = buildBinary<GreaterEqualOp, EvalOp::GreaterEqual>(node, columns,
                                                             rowsPlusK);
  else
    mask =
        buildBinary<LessEqualOp, EvalOp::LessEqual>(node, columns, rowsPlusK);
  Value zero = node.scalar(getElementType(input), 0);
  return SmallVector<Value>{node.create<SelectOp>(mask, input, zero)};
}

/// OneHot: `select(indices' == iota, on, off)` along `axis`, with negative
/// indices wrapped by `depth`.
Results convertOneHot(OnnxNode &node) {
  Value indices = node.getInput(0);
  std::optional<SmallVector<double>> depths;
  if (node.hasInput(1) && !node.getConstantInput(1))
    depths = getDeclaredDepth(node, indices);
  else
    depths = node.requireConstantFloats(1, "depth");
  Value values = node.getInput(2);
  int64_t axis = node.getInt("axis", -1);
  if (!indices || !depths || !values)
    return failure();
  if (depths->size() != 1 || getShape(values) != ArrayRef<int64_t>{2}) {
    node.emitError() << "depth must be a scalar and values a pair";
    return failure();
  }
  int64_t depth = static_cast<int64_t>(depths->front());
  ArrayRef<int64_t> shape = getShape(indices);
  std::optional<int64_t> dim = node.normalizeAxis(axis, shape.size() + 1);
  if (!dim)
    return failure();
  Builder b(node.getContext());
  Type i64 = b.getI64Type();
  Value index = node.cast(indices, i64);
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
  Value off = node.reshape(node.sliceAxis(values, 0, 0, 1), {});
  Value on = node.reshape(node.sliceAxis(values, 0, 1, 2), {});
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
  add("DepthToSpace", 1, convertDepthToSpace);
  add("Expand", 8, convertExpand);
  add("Flatten", 1, convertFlatten);
  add("Identity", 1, convertIdentity);
  add("OneHot", 9, convertOneHot);
  add("Pad", 2, convertPadOpset2);
  add("Pad", 11, convertPadOpset11);
  add("Reshape", 1, convertReshapeOpset1);
  add("Reshape", 5, convertReshapeOpset5);
  add("Reshape", 14, convertReshapeOpset14);
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
