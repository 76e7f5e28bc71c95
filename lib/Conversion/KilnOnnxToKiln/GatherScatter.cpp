// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// ONNX gathers and scatters. Gather and GatherElements are kiln ops;
// GatherND flattens the indexed dimensions and gathers by linear index. The
// scatters (ScatterElements, ScatterND, Scatter), which have no kiln op,
// become a comparison of every update's linear target index with every
// position of the flattened data (a one-hot "hit" matrix, bounded by
// `kMaxScatterProduct` elements): replaced or added values are a matmul of
// the hits with the updates, multiplied, maximum and minimum ones a
// reduction of the updates selected by the hits. MaxUnpool scatters into
// zeros. Compress gathers the positions its condition selects, as many as
// the declared output shape says.

#include "OnnxNode.h"
#include "RunTimeChecks.h"

using namespace mlir;
using namespace mlir::kiln;

namespace {

using Results = FailureOr<SmallVector<Value>>;

/// The largest hit matrix (updates x positions, times the inner size for
/// multiplying, maximum and minimum scatters) a scatter is decomposed into.
constexpr int64_t kMaxScatterProduct = int64_t(1) << 24;

/// Row-major strides of `shape`.
SmallVector<int64_t> getStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

/// `sizes` as an i64 scalar (one size) or vector (one per entry of the
/// last dimension of the indices it broadcasts against).
Value sizesValue(OnnxNode &node, ArrayRef<int64_t> sizes) {
  Type i64 = IntegerType::get(node.getContext(), 64);
  return sizes.size() == 1 ? node.scalar(i64, sizes.front())
                           : node.i64Vector(sizes);
}

/// Makes the run fail (the compile, for constant indices) unless every
/// entry of `indices` lies in [-size, size) for the size it is read
/// against: ONNX leaves others undefined, and the kiln ops would read or
/// write a clamped position instead. Returns the indices as i64.
Value checkIndices(OnnxNode &node, Value indices, ArrayRef<int64_t> sizes) {
  Type i64 = IntegerType::get(node.getContext(), 64);
  Value index = node.cast(indices, i64);
  SmallVector<int64_t> negated;
  for (int64_t size : sizes)
    negated.push_back(-size);
  Value inside = andOf(
      node,
      buildBinary<GreaterEqualOp, EvalOp::GreaterEqual>(
          node, index, sizesValue(node, negated)),
      buildBinary<LessOp, EvalOp::Less>(node, index, sizesValue(node, sizes)));
  std::string range = sizes.size() == 1
                          ? "[" + std::to_string(-sizes.front()) + ", " +
                                std::to_string(sizes.front()) + ")"
                          : "[-d, d) for the sizes d = " + formatShape(sizes) +
                                " of the dimensions it addresses";
  addCheck(node, inside, "input 1 ('indices') has an entry outside " + range);
  return index;
}

/// `indices` (any integer type) as i64 with negative entries wrapped by
/// `sizes` (see `sizesValue`), checked to lie in range first.
Value wrapIndices(OnnxNode &node, Value indices, ArrayRef<int64_t> sizes) {
  Value index = checkIndices(node, indices, sizes);
  Type i64 = IntegerType::get(node.getContext(), 64);
  Value negative = node.create<LessOp>(index, node.scalar(i64, 0));
  return node.create<SelectOp>(
      negative, node.create<AddOp>(index, sizesValue(node, sizes)), index);
}

/// The linear indices into the first `k` dimensions (of sizes `dims`) of
/// the coordinates in the last dimension of `indices`.
Value linearizeLastDim(OnnxNode &node, Value indices, ArrayRef<int64_t> dims) {
  ArrayRef<int64_t> shape = getShape(indices);
  Value wrapped = wrapIndices(node, indices, dims);
  Value weighted =
      node.create<MulOp>(wrapped, node.i64Vector(getStrides(dims)));
  return node.create<ReduceSumOp>(
      weighted, ArrayRef<int64_t>{static_cast<int64_t>(shape.size()) - 1},
      /*keep_dims=*/false);
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
  std::optional<int64_t> dim = node.normalizeAxis(axis, getShape(data).size());
  if (!dim)
    return failure();
  checkIndices(node, indices, {getShape(data)[*dim]});
  if (node.hasFailed())
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
  std::optional<int64_t> dim = node.normalizeAxis(axis, getShape(data).size());
  if (!dim)
    return failure();
  checkIndices(node, indices, {getShape(data)[*dim]});
  if (node.hasFailed())
    return failure();
  return SmallVector<Value>{node.create<GatherElementsOp>(data, indices, *dim)};
}

/// GatherND: the first `batch_dims` dimensions pair data and indices; the
/// next `k` (the indices' last dimension) are addressed by linear index
/// into data reshaped to `[batch * prod(dims), rest...]`.
Results convertGatherND(OnnxNode &node) {
  Value data = node.getInput(0);
  Value indices = node.getInput(1);
  int64_t batchDims = node.getInt("batch_dims", 0);
  if (!data || !indices)
    return failure();
  ArrayRef<int64_t> dataShape = getShape(data);
  ArrayRef<int64_t> indexShape = getShape(indices);
  int64_t q = indexShape.size();
  int64_t k = q ? indexShape.back() : 0;
  if (q < 1 || batchDims < 0 || batchDims >= q ||
      batchDims + k > static_cast<int64_t>(dataShape.size()) ||
      dataShape.take_front(batchDims) != indexShape.take_front(batchDims)) {
    node.emitError() << "indices " << OnnxNode::getType(indices)
                     << " do not address data " << OnnxNode::getType(data)
                     << " with batch_dims = " << batchDims;
    return failure();
  }
  ArrayRef<int64_t> batch = dataShape.take_front(batchDims);
  ArrayRef<int64_t> addressed = dataShape.slice(batchDims, k);
  ArrayRef<int64_t> rest = dataShape.drop_front(batchDims + k);
  Value linear = linearizeLastDim(node, indices, addressed);
  int64_t block = getNumElements(addressed);
  if (batchDims) {
    // Each batch entry's block starts at batch_index * block.
    SmallVector<int64_t> offsets;
    for (int64_t i = 0, e = getNumElements(batch); i < e; ++i)
      offsets.push_back(i * block);
    SmallVector<int64_t> offsetShape(batch);
    offsetShape.append(q - 1 - batchDims, 1);
    linear = node.create<AddOp>(
        linear, node.reshape(node.i64Vector(offsets), offsetShape));
  }
  SmallVector<int64_t> flatShape = {getNumElements(batch) * block};
  llvm::append_range(flatShape, rest);
  return SmallVector<Value>{
      node.create<GatherOp>(node.reshape(data, flatShape), linear, /*axis=*/0)};
}

//===----------------------------------------------------------------------===//
// Scatters
//===----------------------------------------------------------------------===//

/// Scatters `updates` (`[M, R]`) into `data` (`[P, R]`) at the rows `linear`
/// (`[M]`, i64, in range) with `reduction`; returns `[P, R]`.
Value scatterRows(OnnxNode &node, Value data, Value linear, Value updates,
                  StringRef reduction) {
  if (!data || !linear || !updates)
    return nullptr;
  int64_t p = getShape(data)[0];
  int64_t r = getShape(data)[1];
  int64_t m = getShape(updates)[0];
  Type type = getElementType(data);
  if (type.isInteger(1)) {
    node.emitError() << "scatters of booleans are not supported";
    return nullptr;
  }
  bool elementwise =
      reduction == "mul" || reduction == "max" || reduction == "min";
  if (m * p * (elementwise ? r : 1) > kMaxScatterProduct) {
    node.emitError() << "a scatter of " << m << " updates into " << p
                     << " positions is too large to decompose";
    return nullptr;
  }
  Value positions = node.reshape(node.i64Vector(getRange(0, p)), {1, p});
  Value hit = node.create<EqualOp>(node.reshape(linear, {m, 1}), positions);
  if (!elementwise) {
    // Each position receives the sum of its updates (exactly one for
    // reduction = none without duplicates).
    Value hits = node.transpose(node.cast(hit, type), {1, 0});
    Value received = node.create<MatmulOp>(hits, updates);
    if (reduction == "add")
      return node.create<AddOp>(data, received);
    Value count = node.create<ReduceSumOp>(hits, ArrayRef<int64_t>{1},
                                           /*keep_dims=*/true);
    Value any = node.create<GreaterOp>(count, node.scalar(type, 0));
    return node.create<SelectOp>(any, received, data);
  }
  Value hit3 = node.reshape(hit, {m, p, 1});
  Value updates3 = node.reshape(updates, {m, 1, r});
  double identity = reduction == "mul"   ? 1.0
                    : reduction == "max" ? getLimit(type, /*highest=*/false)
                                         : getLimit(type, /*highest=*/true);
  Value selected =
      node.create<SelectOp>(hit3, updates3, node.scalar(type, identity));
  SmallVector<int64_t> first = {0};
  if (reduction == "mul")
    return node.create<MulOp>(
        data, node.create<ReduceProdOp>(selected, first, /*keep_dims=*/false));
  if (reduction == "max")
    return node.create<MaxOp>(
        data, node.create<ReduceMaxOp>(selected, first, /*keep_dims=*/false));
  return node.create<MinOp>(
      data, node.create<ReduceMinOp>(selected, first, /*keep_dims=*/false));
}

/// Reads `reduction` (opset 16; max and min from 18).
std::optional<std::string> getScatterReduction(OnnxNode &node) {
  if (node.getOpset() < 16)
    return std::string("none");
  std::string reduction = node.getString("reduction", "none");
  if (reduction == "none" || reduction == "add" || reduction == "mul" ||
      ((reduction == "max" || reduction == "min") && node.getOpset() >= 18))
    return reduction;
  node.emitError() << "unsupported reduction = '" << reduction << "'";
  return std::nullopt;
}

/// ScatterElements (and Scatter 9): each update goes to its own position
/// with the coordinate on `axis` replaced by its index.
Results convertScatterElements(OnnxNode &node) {
  Value data = node.getInput(0);
  Value indices = node.getInput(1);
  Value updates = node.getInput(2);
  int64_t axis = node.getInt("axis", 0);
  std::optional<std::string> reduction = getScatterReduction(node);
  if (!data || !indices || !updates || !reduction)
    return failure();
  ArrayRef<int64_t> dataShape = getShape(data);
  ArrayRef<int64_t> indexShape = getShape(indices);
  std::optional<int64_t> dim = node.normalizeAxis(axis, dataShape.size());
  if (!dim)
    return failure();
  if (indexShape.size() != dataShape.size() ||
      getShape(updates) != indexShape) {
    node.emitError() << "indices and updates must have the same shape and "
                        "the data's rank";
    return failure();
  }
  // target = position with coordinate `axis` replaced: the other
  // coordinates' part is a constant, the index's part index * stride.
  SmallVector<int64_t> strides = getStrides(dataShape);
  SmallVector<int64_t> base;
  for (int64_t i = 0, e = getNumElements(indexShape); i < e; ++i) {
    int64_t rest = i, offset = 0;
    for (int64_t d = indexShape.size() - 1; d >= 0; --d) {
      int64_t coordinate = indexShape[d] ? rest % indexShape[d] : 0;
      rest = indexShape[d] ? rest / indexShape[d] : 0;
      if (d != *dim)
        offset += coordinate * strides[d];
    }
    base.push_back(offset);
  }
  Type i64 = IntegerType::get(node.getContext(), 64);
  Value wrapped = wrapIndices(node, indices, {dataShape[*dim]});
  Value linear = node.create<AddOp>(
      node.reshape(node.i64Vector(base), indexShape),
      node.create<MulOp>(wrapped, node.scalar(i64, strides[*dim])));
  int64_t m = getNumElements(indexShape);
  Value scattered = scatterRows(
      node, node.reshape(data, {getNumElements(dataShape), 1}),
      node.reshape(linear, {m}), node.reshape(updates, {m, 1}), *reduction);
  return SmallVector<Value>{node.reshape(scattered, dataShape)};
}

/// ScatterND: each update slice goes to the data slice its index tuple
/// addresses.
Results convertScatterND(OnnxNode &node) {
  Value data = node.getInput(0);
  Value indices = node.getInput(1);
  Value updates = node.getInput(2);
  std::optional<std::string> reduction = getScatterReduction(node);
  if (!data || !indices || !updates || !reduction)
    return failure();
  ArrayRef<int64_t> dataShape = getShape(data);
  ArrayRef<int64_t> indexShape = getShape(indices);
  int64_t k = indexShape.empty() ? 0 : indexShape.back();
  if (indexShape.empty() || k > static_cast<int64_t>(dataShape.size())) {
    node.emitError() << "indices " << OnnxNode::getType(indices)
                     << " do not address data " << OnnxNode::getType(data);
    return failure();
  }
  ArrayRef<int64_t> addressed = dataShape.take_front(k);
  int64_t inner = getNumElements(dataShape.drop_front(k));
  int64_t m = getNumElements(indexShape.drop_back());
  Value linear = node.reshape(linearizeLastDim(node, indices, addressed), {m});
  Value scattered =
      scatterRows(node, node.reshape(data, {getNumElements(addressed), inner}),
                  linear, node.reshape(updates, {m, inner}), *reduction);
  return SmallVector<Value>{node.reshape(scattered, dataShape)};
}

/// MaxUnpool (9 and 11): zeros of the unpooled shape (from kernel, strides
/// and pads) with X scattered at MaxPool's flat indices I, padded at the end
/// to the constant `output_shape` when one is given.
Results convertMaxUnpool(OnnxNode &node) {
  Value x = node.getInput(0);
  Value indices = node.getInput(1);
  std::optional<SmallVector<int64_t>> kernel = node.getInts("kernel_shape");
  if (!x || !indices)
    return failure();
  ArrayRef<int64_t> shape = getShape(x);
  int64_t k = static_cast<int64_t>(shape.size()) - 2;
  if (k < 1 || !kernel || static_cast<int64_t>(kernel->size()) != k ||
      getShape(indices) != shape) {
    node.emitError() << "expects N x C x D... values, indices of their shape "
                        "and a kernel_shape per spatial dimension";
    return failure();
  }
  SmallVector<int64_t> strides =
      node.getInts("strides", SmallVector<int64_t>(k, 1));
  SmallVector<int64_t> pads =
      node.getInts("pads", SmallVector<int64_t>(2 * k, 0));
  if (static_cast<int64_t>(strides.size()) != k ||
      static_cast<int64_t>(pads.size()) != 2 * k) {
    node.emitError() << "strides need " << k << " entries and pads " << 2 * k;
    return failure();
  }
  // The indices address the unpooled shape kernel, strides and pads give;
  // a larger `output_shape` pads it with zeros at the end (ONNX's
  // reference).
  SmallVector<int64_t> inferred(shape.take_front(2));
  for (int64_t i = 0; i < k; ++i)
    inferred.push_back((shape[2 + i] - 1) * strides[i] + (*kernel)[i] -
                       pads[i] - pads[k + i]);
  SmallVector<int64_t> outShape(inferred);
  if (node.hasInput(2) && !node.getConstantInput(2)) {
    // A run-time output_shape must be the declared output shape.
    std::optional<SmallVector<int64_t>> declared =
        requireDeclaredShape(node, 0, 2, "output_shape");
    Value given = getI64Vector(node, 2, "output_shape");
    if (!declared || !given)
      return failure();
    if (getShape(given).front() != static_cast<int64_t>(declared->size())) {
      node.emitError() << "input 2 ('output_shape') has "
                       << getShape(given).front()
                       << " entries, the declared output shape "
                       << formatShape(*declared) << " " << declared->size();
      return failure();
    }
    addCheck(node,
             buildBinary<EqualOp, EvalOp::Equal>(node, given,
                                                 node.i64Vector(*declared)),
             "input 2 ('output_shape') must be the declared output shape " +
                 formatShape(*declared));
    outShape = *declared;
  } else if (node.hasInput(2)) {
    std::optional<SmallVector<int64_t>> given =
        node.requireConstantInts(2, "output_shape");
    if (!given)
      return failure();
    outShape = *given;
  }
  if (outShape.size() != shape.size() ||
      llvm::any_of(inferred, [](int64_t d) { return d < 0; }) ||
      llvm::any_of(llvm::zip_equal(outShape, inferred), [](auto dims) {
        return std::get<0>(dims) < std::get<1>(dims);
      })) {
    node.emitError() << "invalid output shape [" << outShape
                     << "] for the unpooled shape [" << inferred << "]";
    return failure();
  }
  Type type = getElementType(x);
  int64_t m = getNumElements(shape);
  Value zeros = node.splat(type, {getNumElements(inferred), 1}, 0.0);
  Value linear = node.reshape(
      node.cast(indices, IntegerType::get(node.getContext(), 64)), {m});
  Value result = node.reshape(
      scatterRows(node, zeros, linear, node.reshape(x, {m, 1}), "none"),
      inferred);
  for (int64_t axis = 0; axis < static_cast<int64_t>(shape.size()) && result;
       ++axis) {
    if (outShape[axis] == inferred[axis])
      continue;
    SmallVector<int64_t> padShape(getShape(result));
    padShape[axis] = outShape[axis] - inferred[axis];
    result = node.concat({result, node.splat(type, padShape, 0.0)}, axis);
  }
  return SmallVector<Value>{result};
}

/// Compress: the entries along `axis` (of the flattened input without one)
/// whose `condition` is true, in order. The number of true entries is the
/// declared output size along the axis, checked; entry `k` of the output
/// reads the position where the running count of true entries reaches
/// `k + 1`, found by comparing every position's running count (a sum
/// against a constant triangle) with every `k`, and clamped into the input.
Results convertCompress(OnnxNode &node) {
  Value input = node.getInput(0);
  Value condition = node.getInput(1);
  std::optional<int64_t> axisAttr = node.getOptionalInt("axis");
  // An axis of the wrong attribute type has been reported; without it the
  // input would be flattened against a shape declared for the axis.
  if (!input || !condition || node.hasFailed())
    return failure();
  int64_t axis = 0;
  if (axisAttr) {
    std::optional<int64_t> dim =
        node.normalizeAxis(*axisAttr, getShape(input).size());
    if (!dim)
      return failure();
    axis = *dim;
  } else {
    input = node.reshape(input, {getNumElements(getShape(input))});
  }
  ArrayRef<int64_t> shape = getShape(input);
  int64_t length = getNumElements(getShape(condition));
  int64_t size = shape[axis];
  SmallVector<int64_t> expected(shape);
  // A constant condition gives the shape; a run-time one needs it declared.
  std::optional<SmallVector<int64_t>> declared = getDeclaredShape(node, 0);
  if (DenseElementsAttr known = node.getConstantInput(1); known && !declared) {
    declared = expected;
    (*declared)[axis] = llvm::count_if(
        known.getValues<APInt>(), [](const APInt &v) { return !v.isZero(); });
  }
  if (!declared) {
    requireDeclaredShape(node, 0, 1, "condition");
    return failure();
  }
  if (static_cast<int64_t>(declared->size()) !=
          static_cast<int64_t>(expected.size()) ||
      length > size || length * length > kMaxBuiltConstantElements) {
    node.emitError() << "condition (" << length
                     << " entries) must not be longer than dimension " << axis
                     << " (" << size << ") and the declared output shape "
                     << formatShape(*declared) << " must have rank "
                     << expected.size();
    return failure();
  }
  int64_t count = (*declared)[axis];
  expected[axis] = count;
  if (ArrayRef<int64_t>(expected) != ArrayRef<int64_t>(*declared) ||
      count > length) {
    node.emitError() << "the declared output shape " << formatShape(*declared)
                     << " does not keep the input's other dimensions or has "
                        "more entries than the condition";
    return failure();
  }
  Type i64 = IntegerType::get(node.getContext(), 64);
  Value flags = node.cast(node.cast(node.reshape(condition, {length}),
                                    IntegerType::get(node.getContext(), 1)),
                          i64);
  // running[i]: true entries in positions 0..i (the triangle in `i64`, see
  // `andMask`).
  SmallVector<int64_t> triangle;
  for (int64_t j = 0; j < length; ++j)
    for (int64_t i = 0; i < length; ++i)
      triangle.push_back(j <= i);
  Value weighted = buildBinary<MulOp, EvalOp::Mul>(
      node, node.reshape(flags, {length, 1}),
      node.reshape(node.i64Vector(triangle), {length, length}));
  Value running;
  if (DenseElementsAttr folded =
          evaluateReduction(EvalReduction::Sum, getConstantValue(weighted), {0},
                            /*keepDims=*/false))
    running = node.constant(folded);
  else
    running = node.create<ReduceSumOp>(weighted, ArrayRef<int64_t>{0},
                                       /*keep_dims=*/false);
  addCheck(node,
           buildBinary<EqualOp, EvalOp::Equal>(node, countOf(node, flags),
                                               node.scalar(i64, count)),
           "input 1 ('condition') must have " + std::to_string(count) +
               " true entries, the declared output's size along axis " +
               std::to_string(axis));
  if (count == 0)
    return SmallVector<Value>{node.sliceAxis(input, axis, 0, 0)};
  // hit[k][i]: position i holds output entry k.
  Value hit = andOf(
      node,
      buildBinary<EqualOp, EvalOp::Equal>(
          node, node.reshape(running, {1, length}),
          node.reshape(node.i64Vector(getRange(1, count + 1)), {count, 1})),
      node.reshape(node.cast(flags, IntegerType::get(node.getContext(), 1)),
                   {1, length}));
  Value positions = buildBinary<MulOp, EvalOp::Mul>(
      node, node.cast(hit, i64),
      node.reshape(node.i64Vector(getRange(0, length)), {1, length}));
  Value indices;
  if (DenseElementsAttr folded =
          evaluateReduction(EvalReduction::Sum, getConstantValue(positions),
                            {1}, /*keepDims=*/false))
    indices = node.constant(folded);
  else
    indices = node.create<ReduceSumOp>(positions, ArrayRef<int64_t>{1},
                                       /*keep_dims=*/false);
  indices =
      clampI64(node, indices, node.scalar(i64, 0), node.scalar(i64, size - 1));
  if (DenseElementsAttr folded = evaluateGather(
          getConstantValue(input), getConstantValue(indices), axis))
    return SmallVector<Value>{node.constant(folded)};
  return SmallVector<Value>{node.create<GatherOp>(input, indices, axis)};
}

} // namespace

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

void mlir::kiln::populateGatherScatterHandlers(OnnxHandlerRegistry &registry) {
  auto add = [&](StringRef opType, int64_t version, auto fn) {
    registry.add("", opType, version, handler(fn));
  };
  add("Compress", 9, convertCompress);
  add("Gather", 1, convertGather);
  add("GatherElements", 11, convertGatherElements);
  add("GatherND", 11, convertGatherND);
  add("MaxUnpool", 9, convertMaxUnpool);
  add("Scatter", 9, convertScatterElements);
  add("ScatterElements", 11, convertScatterElements);
  add("ScatterND", 11, convertScatterND);
}
