// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// ONNX reductions and selections along an axis: Reduce* (ReduceL1,
// ReduceL2, ReduceLogSum, ReduceLogSumExp and ReduceSumSquare as
// decompositions around `kiln.reduce_sum`/`kiln.reduce_max`), TopK, ArgMax
// and ArgMin (as `kiln.top_k` with k = 1).
//
// Omitted axes reduce every dimension (ONNX's default), spelled out as the
// full axis list; `noop_with_empty_axes = 1` with no axes leaves the input
// unreduced. Run-time axes and K are checked against the declared output
// shape (RunTimeChecks.h).

#include "ConstantEvaluation.h"
#include "OnnxNode.h"
#include "RunTimeChecks.h"

using namespace mlir;
using namespace mlir::kiln;

namespace {

using Results = FailureOr<SmallVector<Value>>;

enum class ReduceKind {
  Sum,
  Mean,
  Max,
  Min,
  Prod,
  L1,
  L2,
  LogSum,
  LogSumExp,
  SumSquare
};

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Builds reduction `OpTy` of `input` over `axes`, evaluated for constants.
template <typename OpTy>
Value buildReduceOp(OnnxNode &node, Value input, ArrayRef<int64_t> axes,
                    bool keepDims, std::optional<EvalReduction> eval) {
  if (!input)
    return nullptr;
  if (eval)
    if (DenseElementsAttr folded =
            evaluateReduction(*eval, getConstantValue(input), axes, keepDims))
      return node.constant(folded);
  return node.create<OpTy>(input, axes, keepDims);
}

/// The ONNX reduction `kind` of `input` over `axes` (nothing: every axis,
/// or none with `noopWithEmptyAxes`).
Results buildReduction(OnnxNode &node, ReduceKind kind, Value input,
                       std::optional<SmallVector<int64_t>> axesOpt,
                       bool keepDims, bool noopWithEmptyAxes) {
  if (!input)
    return failure();
  auto type = OnnxNode::getType(input);
  int64_t rank = type.getRank();
  SmallVector<int64_t> axes;
  if (axesOpt && !axesOpt->empty()) {
    std::optional<SmallVector<int64_t>> normalized =
        node.normalizeAxes(*axesOpt, rank);
    if (!normalized)
      return failure();
    axes = *normalized;
  } else if (!noopWithEmptyAxes) {
    for (int64_t i = 0; i < rank; ++i)
      axes.push_back(i);
  }
  Value result;
  switch (kind) {
  case ReduceKind::Sum:
    result = buildReduceOp<ReduceSumOp>(node, input, axes, keepDims,
                                        EvalReduction::Sum);
    break;
  case ReduceKind::Mean:
    result = buildReduceOp<ReduceMeanOp>(node, input, axes, keepDims,
                                         EvalReduction::Mean);
    break;
  case ReduceKind::Max:
    result = buildReduceOp<ReduceMaxOp>(node, input, axes, keepDims,
                                        EvalReduction::Max);
    break;
  case ReduceKind::Min:
    result = buildReduceOp<ReduceMinOp>(node, input, axes, keepDims,
                                        EvalReduction::Min);
    break;
  case ReduceKind::Prod:
    result = buildReduceOp<ReduceProdOp>(node, input, axes, keepDims,
                                         EvalReduction::Prod);
    break;
  case ReduceKind::L1:
    result = buildReduceOp<ReduceSumOp>(node, node.create<AbsOp>(input), axes,
                                        keepDims, std::nullopt);
    break;
  case ReduceKind::L2:
    result = node.create<SqrtOp>(buildReduceOp<ReduceSumOp>(
        node, node.create<MulOp>(input, input), axes, keepDims, std::nullopt));
    break;
  case ReduceKind::LogSum:
    result = node.create<LogOp>(
        buildReduceOp<ReduceSumOp>(node, input, axes, keepDims, std::nullopt));
    break;
  case ReduceKind::SumSquare:
    result = buildReduceOp<ReduceSumOp>(node, node.create<MulOp>(input, input),
                                        axes, keepDims, std::nullopt);
    break;
  case ReduceKind::LogSumExp: {
    // log(sum(exp(x - m))) + m with m = max(x): no overflow in exp.
    Value max = buildReduceOp<ReduceMaxOp>(node, input, axes,
                                           /*keepDims=*/true, std::nullopt);
    Value shifted = node.create<ExpOp>(node.create<SubOp>(input, max));
    Value sum = buildReduceOp<ReduceSumOp>(node, shifted, axes,
                                           /*keepDims=*/true, std::nullopt);
    result = node.create<AddOp>(node.create<LogOp>(sum), max);
    if (!keepDims && result) {
      SmallVector<int64_t> shape;
      for (auto [i, dim] : llvm::enumerate(type.getShape()))
        if (!llvm::is_contained(axes, static_cast<int64_t>(i)))
          shape.push_back(dim);
      result = node.reshape(result, shape);
    }
    break;
  }
  }
  return SmallVector<Value>{result};
}

/// Reductions with `axes` as an attribute (ReduceSum before 13, the others
/// before 18).
template <ReduceKind kKind>
Results convertReduceWithAxesAttr(OnnxNode &node) {
  Value input = node.getInput(0);
  std::optional<SmallVector<int64_t>> axes = node.getInts("axes");
  bool keepDims = node.getInt("keepdims", 1);
  return buildReduction(node, kKind, input, axes, keepDims,
                        /*noopWithEmptyAxes=*/false);
}

/// The reduction `kind` of `input` over run-time `axes` (input 1, at least
/// one) to the declared output shape. Reducing a dimension of size 1 leaves
/// its values as they are (a sum or a maximum of one element; the
/// elementwise part of ReduceL1, ReduceSumSquare, ... applies in every
/// case since the axis set is not empty), so every set of axes that gives
/// the declared shape gives the same data: the check is that the axes are
/// one of those sets, and the reduction runs over the first.
Results buildReductionToDeclared(OnnxNode &node, ReduceKind kind, Value input,
                                 bool keepDims) {
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
        SmallVector<int64_t> reduced;
        for (int64_t d = 0; d < rank; ++d)
          if (keepDims || !mask[d])
            reduced.push_back(mask[d] ? 1 : shape[d]);
        return ArrayRef<int64_t>(reduced) == ArrayRef<int64_t>(*declared);
      },
      "no " + Twine(count) + " axes of the input " + formatShape(shape) +
          " reduce to the declared output shape " + formatShape(*declared),
      "input 1 ('axes') must name dimensions that reduce to the declared "
      "output shape " +
          formatShape(*declared));
  if (!sets)
    return failure();
  return buildReduction(node, kind, input, getSetPositions(sets->front()),
                        keepDims,
                        /*noopWithEmptyAxes=*/false);
}

/// Reductions with `axes` as an optional input (ReduceSum from 13, the
/// others from 18) and `noop_with_empty_axes`.
template <ReduceKind kKind>
Results convertReduceWithAxesInput(OnnxNode &node) {
  Value input = node.getInput(0);
  bool keepDims = node.getInt("keepdims", 1);
  bool noop = node.getInt("noop_with_empty_axes", 0);
  std::optional<SmallVector<int64_t>> axes;
  if (Value given = node.getOptionalInput(1)) {
    // An empty axes tensor says "no axes" whatever its (absent) values.
    if (getNumElements(getShape(given)) == 0)
      axes = SmallVector<int64_t>();
    else if (!node.getConstantInput(1))
      return buildReductionToDeclared(node, kKind, input, keepDims);
    else
      axes = node.requireConstantInts(1, "axes");
    if (!axes)
      return failure();
  }
  return buildReduction(node, kKind, input, axes, keepDims, noop);
}

/// ArgMax (`largest`) and ArgMin: the index of `kiln.top_k` with k = 1; of
/// equal values, the first wins, or the last with `select_last_index`
/// (opset 12), done on the input reversed along the axis.
template <bool kLargest>
Results convertArgReduction(OnnxNode &node) {
  Value input = node.getInput(0);
  int64_t axis = node.getInt("axis", 0);
  bool keepDims = node.getInt("keepdims", 1);
  bool last = node.getOpset() >= 12 && node.getInt("select_last_index", 0);
  if (!input)
    return failure();
  ArrayRef<int64_t> shape = getShape(input);
  std::optional<int64_t> dim = node.normalizeAxis(axis, shape.size());
  if (!dim)
    return failure();
  int64_t size = shape[*dim];
  if (last) {
    SmallVector<int64_t> starts(shape.size(), 0), limits(shape),
        strides(shape.size(), 1);
    starts[*dim] = size - 1;
    limits[*dim] = -1;
    strides[*dim] = -1;
    input = node.slice(input, starts, limits, strides);
  }
  Operation *topK = node.createMulti<TopKOp>(2, input, /*k=*/1, *dim, kLargest,
                                             /*sorted=*/true);
  if (!topK)
    return failure();
  Value index = topK->getResult(1);
  if (last) {
    Type i64 = IntegerType::get(node.getContext(), 64);
    index = node.create<SubOp>(node.scalar(i64, size - 1), index);
  }
  if (!keepDims) {
    SmallVector<int64_t> reduced(getShape(index));
    reduced.erase(reduced.begin() + *dim);
    index = node.reshape(index, reduced);
  }
  return SmallVector<Value>{index};
}

/// TopK with `k` known: values and i64 indices along `axis`.
Results buildTopK(OnnxNode &node, int64_t k, bool largest, bool sorted) {
  Value input = node.getInput(0);
  int64_t axis = node.getInt("axis", -1);
  if (!input || node.hasFailed())
    return failure();
  ArrayRef<int64_t> shape = getShape(input);
  std::optional<int64_t> dim = node.normalizeAxis(axis, shape.size());
  if (!dim)
    return failure();
  if (k < 1 || k > shape[*dim]) {
    node.emitError() << "k (" << k << ") must be in [1, " << shape[*dim] << "]";
    return failure();
  }
  Operation *topK =
      node.createMulti<TopKOp>(2, input, k, *dim, largest, sorted);
  if (!topK)
    return failure();
  return SmallVector<Value>{topK->getResult(0), topK->getResult(1)};
}

/// TopK 1: `k` is an attribute; the largest values, sorted.
Results convertTopKOpset1(OnnxNode &node) {
  std::optional<int64_t> k = node.getOptionalInt("k");
  if (!k) {
    node.emitError() << "attribute 'k' is missing";
    return failure();
  }
  return buildTopK(node, *k, /*largest=*/true, /*sorted=*/true);
}

/// A run-time `K` (input 1): the declared outputs' size along `axis`,
/// checked against it.
std::optional<SmallVector<int64_t>> getDeclaredK(OnnxNode &node) {
  Value input = node.getInput(0);
  int64_t axis = node.getInt("axis", -1);
  Value k = getI64Vector(node, 1, "K");
  if (!input || !k)
    return std::nullopt;
  int64_t rank = getShape(input).size();
  std::optional<int64_t> dim = node.normalizeAxis(axis, rank);
  if (!dim)
    return std::nullopt;
  std::optional<int64_t> size;
  for (unsigned i = 0; i < node.getNumOutputs() && !size; ++i)
    if (std::optional<SmallVector<int64_t>> declared =
            getDeclaredShape(node, i))
      if (static_cast<int64_t>(declared->size()) == rank)
        size = (*declared)[*dim];
  if (!size) {
    requireDeclaredShape(node, 0, 1, "K");
    return std::nullopt;
  }
  if (getShape(k).front() != 1) {
    node.emitError() << "input 1 ('K') must have one element, got "
                     << getShape(k).front();
    return std::nullopt;
  }
  Type i64 = IntegerType::get(node.getContext(), 64);
  addCheck(
      node,
      buildBinary<EqualOp, EvalOp::Equal>(node, k, node.scalar(i64, *size)),
      "input 1 ('K') must be " + std::to_string(*size) +
          ", the declared outputs' size along axis " + std::to_string(*dim));
  return SmallVector<int64_t>{*size};
}

/// `K` (input 1): a constant, or a run-time value checked against the
/// declared outputs.
std::optional<SmallVector<int64_t>> getK(OnnxNode &node) {
  if (node.hasInput(1) && !node.getConstantInput(1))
    return getDeclaredK(node);
  return node.requireConstantInts(1, "K");
}

/// TopK 10: `K` is an input (a one-element tensor).
Results convertTopKOpset10(OnnxNode &node) {
  std::optional<SmallVector<int64_t>> k = getK(node);
  if (!k)
    return failure();
  if (k->size() != 1) {
    node.emitError() << "input 1 ('K') must have one element, got "
                     << k->size();
    return failure();
  }
  return buildTopK(node, k->front(), /*largest=*/true, /*sorted=*/true);
}

/// TopK from 11: `largest` and `sorted` choose the order.
Results convertTopKOpset11(OnnxNode &node) {
  bool largest = node.getInt("largest", 1);
  bool sorted = node.getInt("sorted", 1);
  std::optional<SmallVector<int64_t>> k = getK(node);
  if (!k)
    return failure();
  if (k->size() != 1) {
    node.emitError() << "input 1 ('K') must have one element, got "
                     << k->size();
    return failure();
  }
  return buildTopK(node, k->front(), largest, sorted);
}

} // namespace

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

void mlir::kiln::populateReductionHandlers(OnnxHandlerRegistry &registry) {
  auto add = [&](StringRef opType, int64_t version, auto fn) {
    registry.add("", opType, version, handler(fn));
  };
  // Opset 11 allowed negative axes, a superset of opset 1.
  add("ReduceSum", 1, convertReduceWithAxesAttr<ReduceKind::Sum>);
  add("ReduceSum", 13, convertReduceWithAxesInput<ReduceKind::Sum>);

#define KILN_ADD_REDUCTION(NAME, KIND)                                         \
  add(NAME, 1, convertReduceWithAxesAttr<ReduceKind::KIND>);                   \
  add(NAME, 18, convertReduceWithAxesInput<ReduceKind::KIND>)
  KILN_ADD_REDUCTION("ReduceL1", L1);
  KILN_ADD_REDUCTION("ReduceL2", L2);
  KILN_ADD_REDUCTION("ReduceLogSum", LogSum);
  KILN_ADD_REDUCTION("ReduceLogSumExp", LogSumExp);
  KILN_ADD_REDUCTION("ReduceMax", Max);
  KILN_ADD_REDUCTION("ReduceMean", Mean);
  KILN_ADD_REDUCTION("ReduceMin", Min);
  KILN_ADD_REDUCTION("ReduceProd", Prod);
  KILN_ADD_REDUCTION("ReduceSumSquare", SumSquare);
#undef KILN_ADD_REDUCTION

  add("ArgMax", 1, convertArgReduction<true>);
  add("ArgMin", 1, convertArgReduction<false>);
  add("TopK", 1, convertTopKOpset1);
  add("TopK", 10, convertTopKOpset10);
  add("TopK", 11, convertTopKOpset11);
}
