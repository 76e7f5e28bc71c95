// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The parts of the tensor handlers (Tensor.cpp) for shape operands known only
// at run time: each compiles for the declared output shape and checks that
// the operand's value gives it (RunTimeChecks.h).

#include "ConstantEvaluation.h"
#include "RunTimeChecks.h"

using namespace mlir;
using namespace mlir::kiln;

/// Reshape to the declared output shape `D` with a run-time `shape`, checked
/// entry by entry: entry `i` gives `D[i]` when it is `D[i]` (0 only with
/// `allowZero`: without it 0 means a copy), 0 copying an input dimension
/// equal to `D[i]` (without `allowZero`), or -1 when the other declared
/// dimensions leave `D[i]` for it (their product is not 0); at most one -1.
FailureOr<SmallVector<Value>>
mlir::kiln::buildReshapeToDeclared(OnnxNode &node, Value input,
                                   bool allowZero) {
  std::optional<SmallVector<int64_t>> declared =
      requireDeclaredShape(node, 0, 1, "shape");
  Value shape = getI64Vector(node, 1, "shape");
  if (!input || !declared || !shape)
    return failure();
  ArrayRef<int64_t> inputShape = getShape(input);
  int64_t rank = declared->size();
  if (getShape(shape).front() != rank) {
    node.emitError() << "input 1 ('shape') has " << getShape(shape).front()
                     << " entries, the declared output shape "
                     << formatShape(*declared) << " " << rank;
    return failure();
  }
  if (getNumElements(*declared) != getNumElements(inputShape)) {
    node.emitError() << "the declared output shape " << formatShape(*declared)
                     << " has " << getNumElements(*declared)
                     << " elements, the input " << getNumElements(inputShape);
    return failure();
  }
  SmallVector<bool> literalOk, copyOk, inferredOk;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t dim = (*declared)[i];
    literalOk.push_back(allowZero || dim != 0);
    copyOk.push_back(!allowZero &&
                     i < static_cast<int64_t>(inputShape.size()) &&
                     inputShape[i] == dim);
    int64_t others = 1;
    for (int64_t j = 0; j < rank; ++j)
      if (j != i)
        others *= (*declared)[j];
    inferredOk.push_back(others != 0);
  }
  Type i64 = IntegerType::get(node.getContext(), 64);
  auto equals = [&](Value rhs) {
    return buildBinary<EqualOp, EvalOp::Equal>(node, shape, rhs);
  };
  Value isInferred = equals(node.scalar(i64, -1));
  Value ok = orOf(
      node,
      orOf(node, andMask(node, equals(node.i64Vector(*declared)), literalOk),
           andMask(node, equals(node.scalar(i64, 0)), copyOk)),
      andMask(node, isInferred, inferredOk));
  Value oneInferred = buildBinary<LessEqualOp, EvalOp::LessEqual>(
      node, countOf(node, isInferred), node.scalar(i64, 1));
  addCheck(node, andOf(node, allOf(node, ok), oneInferred),
           "input 1 ('shape') must give the declared output shape " +
               formatShape(*declared));
  return SmallVector<Value>{node.reshape(input, *declared)};
}

/// Squeeze with run-time `axes` to the declared output shape: the removed
/// dimensions all have size 1, so any set of them that leaves the declared
/// shape gives the same data; the check is that the axes are such a set.
FailureOr<SmallVector<Value>> mlir::kiln::buildSqueezeToDeclared(OnnxNode &node,
                                                                 Value input) {
  std::optional<SmallVector<int64_t>> declared =
      requireDeclaredShape(node, 0, 1, "axes");
  Value axes = getI64Vector(node, 1, "axes");
  if (!input || !declared || !axes)
    return failure();
  ArrayRef<int64_t> shape = getShape(input);
  int64_t rank = shape.size();
  int64_t count = getShape(axes).front();
  auto sets = checkAxisSets(
      node, axes, rank, count,
      [&](ArrayRef<bool> mask) {
        SmallVector<int64_t> kept;
        for (int64_t d = 0; d < rank; ++d) {
          if (mask[d] && shape[d] != 1)
            return false;
          if (!mask[d])
            kept.push_back(shape[d]);
        }
        return ArrayRef<int64_t>(kept) == ArrayRef<int64_t>(*declared);
      },
      "no " + Twine(count) + " axes of size 1 of the input " +
          formatShape(shape) + " leave the declared output shape " +
          formatShape(*declared),
      "input 1 ('axes') must name dimensions of size 1 that leave the "
      "declared output shape " +
          formatShape(*declared));
  if (!sets)
    return failure();
  return SmallVector<Value>{node.reshape(input, *declared)};
}

/// Unsqueeze with run-time `axes` to the declared output shape: the
/// inserted dimensions have size 1, so any set of output positions that
/// gives the declared shape gives the same data; the check is that the axes
/// are such a set.
FailureOr<SmallVector<Value>>
mlir::kiln::buildUnsqueezeToDeclared(OnnxNode &node, Value input) {
  std::optional<SmallVector<int64_t>> declared =
      requireDeclaredShape(node, 0, 1, "axes");
  Value axes = getI64Vector(node, 1, "axes");
  if (!input || !declared || !axes)
    return failure();
  ArrayRef<int64_t> shape = getShape(input);
  int64_t count = getShape(axes).front();
  int64_t rank = shape.size() + count;
  if (static_cast<int64_t>(declared->size()) != rank) {
    node.emitError() << "the declared output shape " << formatShape(*declared)
                     << " does not have rank " << rank << " (the input's "
                     << shape.size() << " plus " << count << " axes)";
    return failure();
  }
  auto sets = checkAxisSets(
      node, axes, rank, count,
      [&](ArrayRef<bool> mask) {
        return getUnsqueezedShape(shape, getSetPositions(mask)) ==
               ArrayRef<int64_t>(*declared);
      },
      "no " + Twine(count) + " inserted axes turn the input " +
          formatShape(shape) + " into the declared output shape " +
          formatShape(*declared),
      "input 1 ('axes') must insert dimensions that give the declared "
      "output shape " +
          formatShape(*declared));
  if (!sets)
    return failure();
  return SmallVector<Value>{node.reshape(input, *declared)};
}

/// The sizes of a split along `axis` with a run-time `split` (input 1):
/// the declared outputs' sizes along the axis, checked against it.
std::optional<SmallVector<int64_t>>
mlir::kiln::getDeclaredSplit(OnnxNode &node, Value input, int64_t axis) {
  Value split = getI64Vector(node, 1, "split");
  if (!input || !split)
    return std::nullopt;
  int64_t rank = getShape(input).size();
  std::optional<int64_t> dim = node.normalizeAxis(axis, rank);
  if (!dim)
    return std::nullopt;
  SmallVector<int64_t> sizes;
  for (unsigned i = 0, e = node.getNumOutputs(); i < e; ++i) {
    std::optional<SmallVector<int64_t>> declared =
        requireDeclaredShape(node, i, 1, "split");
    if (!declared)
      return std::nullopt;
    if (static_cast<int64_t>(declared->size()) != rank) {
      node.emitError() << "the declared shape " << formatShape(*declared)
                       << " of output " << i << " does not have rank " << rank;
      return std::nullopt;
    }
    sizes.push_back((*declared)[*dim]);
  }
  if (getShape(split).front() != static_cast<int64_t>(sizes.size())) {
    node.emitError() << "input 1 ('split') has " << getShape(split).front()
                     << " entries for " << sizes.size() << " outputs";
    return std::nullopt;
  }
  addCheck(
      node,
      buildBinary<EqualOp, EvalOp::Equal>(node, split, node.i64Vector(sizes)),
      "input 1 ('split') must be " + formatShape(sizes) +
          ", the sizes of the declared outputs along axis " +
          std::to_string(*dim));
  return sizes;
}

/// Tile's repeats for a run-time `repeats` (input 1): the declared output
/// dimension over the input's, checked; a dimension of size 0 stays 0 for
/// any repeat, so there the check is only that the repeat is not negative.
std::optional<SmallVector<int64_t>>
mlir::kiln::getDeclaredRepeats(OnnxNode &node, Value input) {
  std::optional<SmallVector<int64_t>> declared =
      requireDeclaredShape(node, 0, 1, "repeats");
  Value given = getI64Vector(node, 1, "repeats");
  if (!input || !declared || !given)
    return std::nullopt;
  ArrayRef<int64_t> shape = getShape(input);
  int64_t rank = shape.size();
  if (static_cast<int64_t>(declared->size()) != rank ||
      getShape(given).front() != rank) {
    node.emitError() << "input 1 ('repeats') and the declared output shape "
                     << formatShape(*declared) << " must have one entry per "
                     << "input dimension (" << rank << ")";
    return std::nullopt;
  }
  SmallVector<int64_t> repeats;
  SmallVector<bool> anyRepeat;
  for (auto [dim, out] : llvm::zip_equal(shape, *declared)) {
    if (dim == 0 ? out != 0 : out % dim != 0) {
      node.emitError() << "the declared output shape " << formatShape(*declared)
                       << " does not repeat the input shape "
                       << formatShape(shape);
      return std::nullopt;
    }
    repeats.push_back(dim == 0 ? 0 : out / dim);
    anyRepeat.push_back(dim == 0);
  }
  Type i64 = IntegerType::get(node.getContext(), 64);
  Value exact =
      buildBinary<EqualOp, EvalOp::Equal>(node, given, node.i64Vector(repeats));
  Value notNegative = buildBinary<GreaterEqualOp, EvalOp::GreaterEqual>(
      node, given, node.scalar(i64, 0));
  addCheck(node, orOf(node, exact, andMask(node, notNegative, anyRepeat)),
           "input 1 ('repeats') must be " + formatShape(repeats) +
               " to give the declared output shape " + formatShape(*declared));
  return repeats;
}

/// Expand with a run-time `shape` to the declared output shape `D`: aligned
/// from the last dimension, an entry `s` gives `D[j]` against an input
/// dimension `d` when `s == D[j]` and `d` is 1 or `D[j]`, or when `s == 1`
/// and `d == D[j]`; the declared rank is that of `shape` or the input's.
FailureOr<SmallVector<Value>> mlir::kiln::buildExpandToDeclared(OnnxNode &node,
                                                                Value input) {
  std::optional<SmallVector<int64_t>> declared =
      requireDeclaredShape(node, 0, 1, "shape");
  Value shape = getI64Vector(node, 1, "shape");
  if (!input || !declared || !shape)
    return failure();
  ArrayRef<int64_t> inputShape = getShape(input);
  int64_t inputRank = inputShape.size();
  int64_t count = getShape(shape).front();
  int64_t rank = declared->size();
  if (rank != std::max(inputRank, count)) {
    node.emitError() << "the declared output shape " << formatShape(*declared)
                     << " does not have rank " << std::max(inputRank, count)
                     << " (the larger of the input's and input 1's size)";
    return failure();
  }
  // Per entry of `shape`: the declared size it must be (or 1, when allowed).
  SmallVector<int64_t> sizes;
  SmallVector<bool> oneOk, sizeOk;
  for (int64_t i = 0; i < count; ++i) {
    int64_t j = rank - count + i;
    int64_t out = (*declared)[j];
    int64_t k = j - (rank - inputRank);
    int64_t dim = k >= 0 ? inputShape[k] : 1;
    sizes.push_back(out);
    sizeOk.push_back(dim == 1 || dim == out);
    oneOk.push_back(dim == out);
  }
  // Dimensions of the input beyond `shape`'s entries must be the declared.
  for (int64_t j = 0; j < rank - count; ++j) {
    if (inputShape[j - (rank - inputRank)] != (*declared)[j]) {
      node.emitError() << "the declared output shape " << formatShape(*declared)
                       << " does not broadcast the input shape "
                       << formatShape(inputShape);
      return failure();
    }
  }
  if (!llvm::all_of(llvm::zip_equal(sizeOk, oneOk), [](auto pair) {
        return std::get<0>(pair) || std::get<1>(pair);
      })) {
    node.emitError() << "the declared output shape " << formatShape(*declared)
                     << " does not broadcast the input shape "
                     << formatShape(inputShape);
    return failure();
  }
  Type i64 = IntegerType::get(node.getContext(), 64);
  Value ok = orOf(node,
                  andMask(node,
                          buildBinary<EqualOp, EvalOp::Equal>(
                              node, shape, node.i64Vector(sizes)),
                          sizeOk),
                  andMask(node,
                          buildBinary<EqualOp, EvalOp::Equal>(
                              node, shape, node.scalar(i64, 1)),
                          oneOk));
  addCheck(node, ok,
           "input 1 ('shape') must broadcast the input shape " +
               formatShape(inputShape) + " to the declared output shape " +
               formatShape(*declared));
  return SmallVector<Value>{node.expand(input, *declared)};
}

/// OneHot's depth for a run-time `depth` (input 1): the declared output's
/// size along `axis`, checked against the depth truncated to an integer as
/// ONNX reads it.
std::optional<SmallVector<double>> mlir::kiln::getDeclaredDepth(OnnxNode &node,
                                                                Value indices) {
  int64_t axis = node.getInt("axis", -1);
  std::optional<SmallVector<int64_t>> declared =
      requireDeclaredShape(node, 0, 1, "depth");
  Value depth = node.getInput(1);
  if (!indices || !declared || !depth)
    return std::nullopt;
  int64_t rank = getShape(indices).size() + 1;
  std::optional<int64_t> dim = node.normalizeAxis(axis, rank);
  if (!dim)
    return std::nullopt;
  if (static_cast<int64_t>(declared->size()) != rank ||
      getNumElements(getShape(depth)) != 1) {
    node.emitError() << "depth must be a scalar and the declared output "
                     << "shape " << formatShape(*declared) << " of rank "
                     << rank;
    return std::nullopt;
  }
  int64_t size = (*declared)[*dim];
  Type i64 = IntegerType::get(node.getContext(), 64);
  addCheck(node,
           buildBinary<EqualOp, EvalOp::Equal>(
               node, node.reshape(node.cast(depth, i64), {}),
               node.scalar(i64, size)),
           "input 1 ('depth') must be " + std::to_string(size) +
               ", the declared output's size along axis " +
               std::to_string(*dim));
  return SmallVector<double>{static_cast<double>(size)};
}

/// Slice with run-time bounds to the declared output shape `D`. The bounds
/// are spread over the dimensions (`axes` says which, at run time too),
/// resolved as ONNX does (negative from the end, clamped to the dimension,
/// a negative step walking backwards), and the number of elements they give
/// in each dimension is checked against `D`. The data is gathered along
/// every dimension at `start + i * step` for `i < D[d]`, with the indices
/// clamped to the dimension, so that no value of the bounds reads outside
/// the input.
FailureOr<SmallVector<Value>> mlir::kiln::buildSliceToDeclared(OnnxNode &node,
                                                               Value input) {
  std::optional<SmallVector<int64_t>> declared =
      requireDeclaredShape(node, 0, 1, "starts");
  Value starts = getI64Vector(node, 1, "starts");
  Value ends = getI64Vector(node, 2, "ends");
  Value axes = node.hasInput(3) ? getI64Vector(node, 3, "axes") : Value();
  Value steps = node.hasInput(4) ? getI64Vector(node, 4, "steps") : Value();
  if (!input || !declared || !starts || !ends || node.hasFailed())
    return failure();
  ArrayRef<int64_t> shape = getShape(input);
  int64_t rank = shape.size();
  int64_t count = getShape(starts).front();
  if (getShape(ends).front() != count ||
      (axes && getShape(axes).front() != count) ||
      (steps && getShape(steps).front() != count)) {
    node.emitError() << "starts, ends, axes and steps must have the same "
                        "length";
    return failure();
  }
  if (count > rank || static_cast<int64_t>(declared->size()) != rank) {
    node.emitError() << "the declared output shape " << formatShape(*declared)
                     << " must have the input's rank " << rank
                     << ", and there are " << count << " starts";
    return failure();
  }
  for (auto [dim, out] : llvm::zip_equal(shape, *declared)) {
    if (out > dim) {
      node.emitError() << "the declared output shape " << formatShape(*declared)
                       << " does not fit in the input shape "
                       << formatShape(shape);
      return failure();
    }
  }
  Type i64 = IntegerType::get(node.getContext(), 64);
  auto scalar = [&](int64_t value) { return node.scalar(i64, value); };
  // Constant conditions (constant axes or steps) must not reach the back
  // end as `i1` vectors (see `andMask`).
  auto select = [&](Value condition, Value onTrue, Value onFalse) {
    return selectInts(node, condition, onTrue, onFalse);
  };
  if (!axes)
    axes = node.i64Vector(getRange(0, count));
  if (!steps)
    steps = node.i64Vector(SmallVector<int64_t>(count, 1));

  // 1. Spread the bounds over the dimensions: per dimension, the bound of
  // the entry whose axis names it, or the whole dimension forwards.
  AxisMask named = getAxisMask(node, axes, rank);
  Value normalized =
      select(buildBinary<LessOp, EvalOp::Less>(node, axes, scalar(0)),
             buildBinary<AddOp, EvalOp::Add>(node, axes, scalar(rank)), axes);
  Value hits =
      node.cast(buildBinary<EqualOp, EvalOp::Equal>(
                    node, node.reshape(normalized, {count, 1}),
                    node.reshape(node.i64Vector(getRange(0, rank)), {1, rank})),
                i64);
  auto spread = [&](Value perEntry, int64_t otherwise) {
    Value products = buildBinary<MulOp, EvalOp::Mul>(
        node, hits, node.reshape(perEntry, {count, 1}));
    Value sums;
    if (DenseElementsAttr folded =
            evaluateReduction(EvalReduction::Sum, getConstantValue(products),
                              {0}, /*keepDims=*/false))
      sums = node.constant(folded);
    else
      sums = node.create<ReduceSumOp>(products, ArrayRef<int64_t>{0},
                                      /*keep_dims=*/false);
    return select(named.mask, sums,
                  node.i64Vector(SmallVector<int64_t>(rank, otherwise)));
  };
  Value dims = node.i64Vector(shape);
  Value start = select(named.mask, spread(starts, 0), scalar(0));
  Value end = select(named.mask, spread(ends, 0), dims);
  Value step = select(named.mask, spread(steps, 1), scalar(1));

  // 2. Resolve the bounds as ONNX does.
  Value forward =
      buildBinary<GreaterOp, EvalOp::Greater>(node, step, scalar(0));
  auto fromEnd = [&](Value bound) {
    return select(buildBinary<LessOp, EvalOp::Less>(node, bound, scalar(0)),
                  buildBinary<AddOp, EvalOp::Add>(node, bound, dims), bound);
  };
  Value last = buildBinary<SubOp, EvalOp::Sub>(node, dims, scalar(1));
  Value upper = select(forward, dims, last);
  start = clampI64(node, fromEnd(start), scalar(0), upper);
  end = clampI64(node, fromEnd(end), select(forward, scalar(0), scalar(-1)),
                 upper);

  // 3. The number of elements: ceil(span / |step|) for a positive span,
  // written so that no step overflows it.
  Value span =
      select(forward, buildBinary<SubOp, EvalOp::Sub>(node, end, start),
             buildBinary<SubOp, EvalOp::Sub>(node, start, end));
  Value nonZero =
      notOf(node, buildBinary<EqualOp, EvalOp::Equal>(node, step, scalar(0)));
  Value magnitude = select(
      nonZero, select(forward, step, node.create<NegOp>(step)), scalar(1));
  Value sizes = select(
      buildBinary<GreaterOp, EvalOp::Greater>(node, span, scalar(0)),
      buildBinary<AddOp, EvalOp::Add>(
          node,
          buildBinary<DivOp, EvalOp::Div>(
              node, buildBinary<SubOp, EvalOp::Sub>(node, span, scalar(1)),
              magnitude),
          scalar(1)),
      scalar(0));
  addCheck(
      node,
      andOf(node, named.valid,
            allOf(node, andOf(node, nonZero,
                              buildBinary<EqualOp, EvalOp::Equal>(
                                  node, sizes, node.i64Vector(*declared))))),
      "inputs 1 to 4 ('starts', 'ends', 'axes', 'steps') must select the "
      "declared output shape " +
          formatShape(*declared));

  // 4. Gather every dimension at start + i * step, clamped into the input.
  Value result = input;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t out = (*declared)[d];
    if (out == 0 || shape[d] == 0) {
      result = node.sliceAxis(result, d, 0, 0);
      continue;
    }
    Value indices = buildBinary<AddOp, EvalOp::Add>(
        node, getElement(node, start, d),
        buildBinary<MulOp, EvalOp::Mul>(node, node.i64Vector(getRange(0, out)),
                                        getElement(node, step, d)));
    indices = clampI64(node, indices, scalar(0), scalar(shape[d] - 1));
    if (DenseElementsAttr folded = evaluateGather(getConstantValue(result),
                                                  getConstantValue(indices), d))
      result = node.constant(folded);
    else
      result = node.create<GatherOp>(result, indices, d);
  }
  return SmallVector<Value>{result};
}

/// `value mod divisor` in `[0, divisor)` for a positive constant divisor.
static Value positiveMod(OnnxNode &node, Value value, int64_t divisor) {
  Type i64 = IntegerType::get(node.getContext(), 64);
  Value d = node.scalar(i64, divisor);
  Value rem = buildBinary<SubOp, EvalOp::Sub>(
      node, value,
      buildBinary<MulOp, EvalOp::Mul>(
          node, buildBinary<DivOp, EvalOp::Div>(node, value, d), d));
  Value negative =
      buildBinary<LessOp, EvalOp::Less>(node, rem, node.scalar(i64, 0));
  return node.create<SelectOp>(
      negative, buildBinary<AddOp, EvalOp::Add>(node, rem, d), rem);
}

FailureOr<SmallVector<Value>>
mlir::kiln::buildPadToDeclared(OnnxNode &node, Value input, StringRef mode) {
  std::optional<SmallVector<int64_t>> declared =
      requireDeclaredShape(node, 0, 1, "pads");
  Value pads = getI64Vector(node, 1, "pads");
  std::optional<SmallVector<int64_t>> axesOpt;
  if (node.hasInput(3))
    axesOpt = node.requireConstantInts(3, "axes");
  if (!input || !declared || !pads || node.hasFailed())
    return failure();
  if (mode != "constant" && mode != "edge" && mode != "reflect" &&
      mode != "wrap") {
    node.emitError() << "unsupported mode = '" << mode << "'";
    return failure();
  }
  ArrayRef<int64_t> shape = getShape(input);
  int64_t rank = shape.size();
  Type type = getElementType(input);
  SmallVector<int64_t> axes = getRange(0, rank);
  if (axesOpt) {
    std::optional<SmallVector<int64_t>> normalized =
        node.normalizeAxes(*axesOpt, rank, "axes", /*sorted=*/false);
    if (!normalized)
      return failure();
    axes = *normalized;
  }
  int64_t count = axes.size();
  if (getShape(pads).front() != 2 * count ||
      static_cast<int64_t>(declared->size()) != rank) {
    node.emitError() << "pads has " << getShape(pads).front()
                     << " entries, expects " << 2 * count
                     << ", and the declared output shape "
                     << formatShape(*declared) << " rank " << rank;
    return failure();
  }
  for (int64_t d = 0; d < rank; ++d) {
    if (!llvm::is_contained(axes, d) && (*declared)[d] != shape[d]) {
      node.emitError() << "the declared output shape " << formatShape(*declared)
                       << " changes dimension " << d << ", which is not padded";
      return failure();
    }
  }
  Type i64 = IntegerType::get(node.getContext(), 64);
  // The constant to pad with: input 2 (at run time too), or 0.
  Value fill = node.scalar(type, 0);
  if (Value given = node.getOptionalInput(2)) {
    if (getNumElements(getShape(given)) > 1) {
      node.emitError() << "input 2 ('constant_value') must be a scalar";
      return failure();
    }
    if (getNumElements(getShape(given)) == 1)
      fill = node.cast(node.reshape(given, {}), type);
  }
  // 1. The check: begin + size + end is the declared size on every padded
  // axis (where the data lands is read from the pads at run time).
  SmallVector<int64_t> sizes, padded;
  for (int64_t axis : axes) {
    sizes.push_back(shape[axis]);
    padded.push_back((*declared)[axis]);
  }
  Value begins = node.sliceAxis(pads, 0, 0, count);
  Value ends = node.sliceAxis(pads, 0, count, 2 * count);
  Value total = buildBinary<AddOp, EvalOp::Add>(
      node, buildBinary<AddOp, EvalOp::Add>(node, begins, ends),
      node.i64Vector(sizes));
  addCheck(
      node,
      buildBinary<EqualOp, EvalOp::Equal>(node, total, node.i64Vector(padded)),
      "input 1 ('pads') must pad the input shape " + formatShape(shape) +
          " to the declared output shape " + formatShape(*declared));
  // 2. Per axis, output position o reads input position o - begin, mapped
  // back into the input by the mode and clamped, so that no pads read
  // outside it.
  Value result = input;
  for (auto [i, axis] : llvm::enumerate(axes)) {
    int64_t in = shape[axis];
    int64_t out = (*declared)[axis];
    if (out == 0) {
      result = node.sliceAxis(result, axis, 0, 0);
      continue;
    }
    if (in == 0) {
      if (mode != "constant") {
        node.emitError() << "cannot pad an empty dimension in mode '" << mode
                         << "'";
        return failure();
      }
      SmallVector<int64_t> filled(getShape(result));
      filled[axis] = out;
      result = node.expand(fill, filled);
      continue;
    }
    Value source = buildBinary<SubOp, EvalOp::Sub>(
        node, node.i64Vector(getRange(0, out)), getElement(node, begins, i));
    Value index = source;
    if (mode == "reflect" && in > 1) {
      int64_t period = 2 * (in - 1);
      Value m = positiveMod(node, source, period);
      index = node.create<SelectOp>(
          buildBinary<LessOp, EvalOp::Less>(node, m, node.scalar(i64, in)), m,
          buildBinary<SubOp, EvalOp::Sub>(node, node.scalar(i64, period), m));
    } else if (mode == "wrap") {
      index = positiveMod(node, source, in);
    }
    index =
        clampI64(node, index, node.scalar(i64, 0), node.scalar(i64, in - 1));
    result = node.create<GatherOp>(result, index, axis);
    if (mode == "constant") {
      SmallVector<int64_t> maskShape(rank, 1);
      maskShape[axis] = out;
      Value inside = node.reshape(inRange(node, source, 0, in - 1), maskShape);
      result = node.create<SelectOp>(inside, result, fill);
    }
  }
  return SmallVector<Value>{result};
}
