// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Builders of the run-time checks that guard a node compiled for its
// declared output shape while a shape operand is only known at run time.

#include "RunTimeChecks.h"

#include "ConstantEvaluation.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/bit.h"

using namespace mlir;
using namespace mlir::kiln;

/// The most subsets of axes a check compares a run-time axis set with.
static constexpr int64_t kMaxAxisSets = 256;

/// The highest rank whose subsets `findAxisSets` enumerates.
static constexpr int64_t kMaxEnumeratedRank = 20;

//===----------------------------------------------------------------------===//
// Declared shapes and checks
//===----------------------------------------------------------------------===//

std::optional<SmallVector<int64_t>>
mlir::kiln::getDeclaredShape(OnnxNode &node, unsigned index) {
  if (index >= node.getNumOutputs())
    return std::nullopt;
  auto type =
      dyn_cast<RankedTensorType>(node.getOp().getResult(index).getType());
  if (!type || !type.hasStaticShape())
    return std::nullopt;
  return SmallVector<int64_t>(type.getShape());
}

std::optional<SmallVector<int64_t>>
mlir::kiln::requireDeclaredShape(OnnxNode &node, unsigned outputIndex,
                                 unsigned inputIndex, StringRef what) {
  if (std::optional<SmallVector<int64_t>> shape =
          getDeclaredShape(node, outputIndex))
    return shape;
  if (!node.hasFailed())
    node.emitError() << "input " << inputIndex << " ('" << what
                     << "') must be a constant when output " << outputIndex
                     << " has no declared static shape (declared "
                     << node.getOp().getResult(outputIndex).getType()
                     << "); shapes that depend on run-time values are not "
                        "supported yet";
  return std::nullopt;
}

std::string mlir::kiln::formatShape(ArrayRef<int64_t> shape) {
  return "[" +
         llvm::join(llvm::map_range(
                        shape, [](int64_t dim) { return std::to_string(dim); }),
                    ", ") +
         "]";
}

void mlir::kiln::addCheck(OnnxNode &node, Value condition, const Twine &what) {
  if (!condition || node.hasFailed())
    return;
  if (getShape(condition).size() != 0)
    condition = allOf(node, condition);
  if (DenseElementsAttr known = getConstantValue(condition)) {
    // Known at compile time: nothing to check, or a model that cannot run.
    if (!known.getSplatValue<bool>())
      node.emitError() << what;
    return;
  }
  std::string message =
      ("node '" + node.getName() + "' (" + node.getOpType() + "): " + what)
          .str();
  node.createMulti<AssertOp>(0, condition,
                             StringAttr::get(node.getContext(), message));
}

//===----------------------------------------------------------------------===//
// Small integer vectors
//===----------------------------------------------------------------------===//

Value mlir::kiln::getI64Vector(OnnxNode &node, unsigned index, StringRef what) {
  Value input = node.getInput(index);
  if (!input)
    return nullptr;
  if (!isa<IntegerType>(getElementType(input))) {
    node.emitError() << "input " << index << " ('" << what
                     << "') must be an integer tensor, got " << input.getType();
    return nullptr;
  }
  Type i64 = IntegerType::get(node.getContext(), 64);
  return node.reshape(node.cast(input, i64), {getNumElements(getShape(input))});
}

Value mlir::kiln::getElement(OnnxNode &node, Value vector, int64_t i) {
  return node.reshape(node.sliceAxis(vector, 0, i, i + 1), {});
}

Value mlir::kiln::andMask(OnnxNode &node, Value bools, ArrayRef<bool> mask) {
  if (!bools)
    return nullptr;
  if (llvm::all_of(mask, [](bool bit) { return bit; }))
    return bools;
  Type i64 = IntegerType::get(node.getContext(), 64);
  SmallVector<int64_t> ones(mask.begin(), mask.end());
  return buildBinary<GreaterOp, EvalOp::Greater>(
      node,
      buildBinary<MulOp, EvalOp::Mul>(
          node, node.cast(bools, i64),
          node.reshape(node.i64Vector(ones), getShape(bools))),
      node.scalar(i64, 0));
}

Value mlir::kiln::selectInts(OnnxNode &node, Value condition, Value onTrue,
                             Value onFalse) {
  if (!condition || !onTrue || !onFalse)
    return nullptr;
  DenseElementsAttr known = getConstantValue(condition);
  if (DenseElementsAttr folded = evaluateSelect(known, getConstantValue(onTrue),
                                                getConstantValue(onFalse)))
    return node.constant(folded);
  FailureOr<SmallVector<int64_t>> shape = broadcastShapes(
      std::nullopt, {getShape(condition), getShape(onTrue), getShape(onFalse)});
  if (failed(shape)) {
    node.emitError() << "internal error: select operands do not broadcast";
    return nullptr;
  }
  if (known && known.isSplat())
    return node.expand(known.getSplatValue<bool>() ? onTrue : onFalse, *shape);
  if (!known)
    return node.create<SelectOp>(condition, onTrue, onFalse);
  // onFalse + (onTrue - onFalse) * condition, in the values' type.
  Type type = getElementType(onTrue);
  Value weights = node.cast(condition, type);
  return buildBinary<AddOp, EvalOp::Add>(
      node, onFalse,
      buildBinary<MulOp, EvalOp::Mul>(
          node, buildBinary<SubOp, EvalOp::Sub>(node, onTrue, onFalse),
          weights));
}

Value mlir::kiln::countOf(OnnxNode &node, Value bools) {
  if (!bools)
    return nullptr;
  Type i64 = IntegerType::get(node.getContext(), 64);
  ArrayRef<int64_t> shape = getShape(bools);
  if (getNumElements(shape) == 0)
    return node.scalar(i64, 0);
  Value counts = node.cast(bools, i64);
  if (shape.empty())
    return counts;
  SmallVector<int64_t> axes = getRange(0, shape.size());
  if (DenseElementsAttr folded =
          evaluateReduction(EvalReduction::Sum, getConstantValue(counts), axes,
                            /*keepDims=*/false))
    return node.constant(folded);
  return node.create<ReduceSumOp>(counts, axes, /*keep_dims=*/false);
}

Value mlir::kiln::allOf(OnnxNode &node, Value bools) {
  if (!bools)
    return nullptr;
  if (getShape(bools).empty())
    return bools;
  Type i64 = IntegerType::get(node.getContext(), 64);
  return buildBinary<EqualOp, EvalOp::Equal>(
      node, countOf(node, notOf(node, bools)), node.scalar(i64, 0));
}

Value mlir::kiln::anyOf(OnnxNode &node, Value bools) {
  if (!bools)
    return nullptr;
  if (getShape(bools).empty())
    return bools;
  Type i64 = IntegerType::get(node.getContext(), 64);
  return buildBinary<GreaterOp, EvalOp::Greater>(node, countOf(node, bools),
                                                 node.scalar(i64, 0));
}

/// `lhs op rhs` for `op` `and` (`isAnd`) or `or`, short-cut when one side
/// is a constant splat and both have one shape: a known false (true) side
/// decides an `and` (`or`), the other side alone decides otherwise.
static Value buildLogical(OnnxNode &node, Value lhs, Value rhs, bool isAnd) {
  if (!lhs || !rhs)
    return nullptr;
  if (getShape(lhs) == getShape(rhs) &&
      !(getConstantValue(lhs) && getConstantValue(rhs))) {
    for (auto [known, other] : {std::pair(lhs, rhs), std::pair(rhs, lhs)}) {
      DenseElementsAttr value = getConstantValue(known);
      if (!value)
        continue;
      if (value.isSplat()) {
        bool bit = value.getSplatValue<bool>();
        return bit == isAnd ? other : known;
      }
      // A non-splat constant side is applied in `i64` (see `andMask`).
      SmallVector<bool> bits(value.getValues<bool>());
      if (isAnd)
        return andMask(node, other, bits);
      SmallVector<bool> inverted;
      for (bool bit : bits)
        inverted.push_back(!bit);
      return notOf(node, andMask(node, notOf(node, other), inverted));
    }
  }
  if (isAnd)
    return buildBinary<AndOp, EvalOp::And>(node, lhs, rhs);
  return buildBinary<OrOp, EvalOp::Or>(node, lhs, rhs);
}

Value mlir::kiln::andOf(OnnxNode &node, Value lhs, Value rhs) {
  return buildLogical(node, lhs, rhs, /*isAnd=*/true);
}

Value mlir::kiln::orOf(OnnxNode &node, Value lhs, Value rhs) {
  return buildLogical(node, lhs, rhs, /*isAnd=*/false);
}

Value mlir::kiln::notOf(OnnxNode &node, Value value) {
  if (!value)
    return nullptr;
  if (DenseElementsAttr folded =
          evaluateUnary(EvalOp::Not, getConstantValue(value)))
    return node.constant(folded);
  return node.create<NotOp>(value);
}

Value mlir::kiln::inRange(OnnxNode &node, Value value, int64_t lo, int64_t hi) {
  if (!value)
    return nullptr;
  Type type = getElementType(value);
  return andOf(node,
               buildBinary<GreaterEqualOp, EvalOp::GreaterEqual>(
                   node, value, node.scalar(type, lo)),
               buildBinary<LessEqualOp, EvalOp::LessEqual>(
                   node, value, node.scalar(type, hi)));
}

Value mlir::kiln::clampI64(OnnxNode &node, Value value, Value lo, Value hi) {
  return buildBinary<MinOp, EvalOp::Min>(
      node, buildBinary<MaxOp, EvalOp::Max>(node, value, lo), hi);
}

//===----------------------------------------------------------------------===//
// Axes
//===----------------------------------------------------------------------===//

AxisMask mlir::kiln::getAxisMask(OnnxNode &node, Value axes, int64_t rank) {
  if (!axes)
    return {};
  Type i64 = IntegerType::get(node.getContext(), 64);
  int64_t count = getShape(axes).front();
  // Negative axes count from the end.
  Value negative =
      buildBinary<LessOp, EvalOp::Less>(node, axes, node.scalar(i64, 0));
  Value wrapped =
      buildBinary<AddOp, EvalOp::Add>(node, axes, node.scalar(i64, rank));
  Value normalized = selectInts(node, negative, wrapped, axes);
  // hits[j][d]: axis j names dimension d; an axis out of range names none.
  Value hits = buildBinary<EqualOp, EvalOp::Equal>(
      node, node.reshape(normalized, {count, 1}),
      node.reshape(node.i64Vector(getRange(0, rank)), {1, rank}));
  Value perDim = node.cast(hits, i64);
  if (DenseElementsAttr folded =
          evaluateReduction(EvalReduction::Sum, getConstantValue(perDim), {0},
                            /*keepDims=*/false))
    perDim = node.constant(folded);
  else
    perDim = node.create<ReduceSumOp>(perDim, ArrayRef<int64_t>{0},
                                      /*keep_dims=*/false);
  AxisMask result;
  result.mask = buildBinary<GreaterOp, EvalOp::Greater>(node, perDim,
                                                        node.scalar(i64, 0));
  result.valid = andOf(node, allOf(node, inRange(node, axes, -rank, rank - 1)),
                       allOf(node, buildBinary<LessEqualOp, EvalOp::LessEqual>(
                                       node, perDim, node.scalar(i64, 1))));
  return result;
}

Value mlir::kiln::isOneOf(OnnxNode &node, Value mask,
                          ArrayRef<SmallVector<bool>> allowed) {
  if (!mask)
    return nullptr;
  int64_t rank = getShape(mask).front();
  if (allowed.empty())
    return node.constant(DenseElementsAttr::get(
        RankedTensorType::get({}, IntegerType::get(node.getContext(), 1)),
        false));
  SmallVector<int64_t> flat;
  for (const SmallVector<bool> &set : allowed)
    flat.append(set.begin(), set.end());
  int64_t count = allowed.size();
  // equal[s][d]: the mask agrees with allowed set s on dimension d (in
  // `i64`, see `andMask`).
  Type i64 = IntegerType::get(node.getContext(), 64);
  Value sets = node.reshape(node.i64Vector(flat), {count, rank});
  Value equal = buildBinary<EqualOp, EvalOp::Equal>(
      node, node.reshape(node.cast(mask, i64), {1, rank}), sets);
  // A set matches when no dimension disagrees.
  Value mismatches = node.cast(notOf(node, equal), i64);
  if (DenseElementsAttr folded =
          evaluateReduction(EvalReduction::Sum, getConstantValue(mismatches),
                            {1}, /*keepDims=*/false))
    mismatches = node.constant(folded);
  else
    mismatches = node.create<ReduceSumOp>(mismatches, ArrayRef<int64_t>{1},
                                          /*keep_dims=*/false);
  return anyOf(node, buildBinary<EqualOp, EvalOp::Equal>(node, mismatches,
                                                         node.scalar(i64, 0)));
}

/// The subsets of `count` dimensions out of `rank` for which `accept`
/// returns true, as masks; nothing, after an error, when there are too many
/// to check.
static std::optional<SmallVector<SmallVector<bool>>>
findAxisSets(OnnxNode &node, int64_t rank, int64_t count,
             llvm::function_ref<bool(ArrayRef<bool>)> accept) {
  if (rank > kMaxEnumeratedRank) {
    node.emitError() << "cannot check run-time axes of a rank-" << rank
                     << " tensor (at most " << kMaxEnumeratedRank << ")";
    return std::nullopt;
  }
  SmallVector<SmallVector<bool>> sets;
  for (uint64_t bits = 0, end = uint64_t(1) << rank; bits < end; ++bits) {
    if (llvm::popcount(bits) != count)
      continue;
    SmallVector<bool> mask;
    for (int64_t d = 0; d < rank; ++d)
      mask.push_back((bits >> d) & 1);
    if (!accept(mask))
      continue;
    if (static_cast<int64_t>(sets.size()) == kMaxAxisSets) {
      node.emitError() << "more than " << kMaxAxisSets
                       << " sets of axes give the declared shape";
      return std::nullopt;
    }
    sets.push_back(std::move(mask));
  }
  return sets;
}

std::optional<SmallVector<SmallVector<bool>>>
mlir::kiln::checkAxisSets(OnnxNode &node, Value axes, int64_t rank,
                          int64_t count,
                          llvm::function_ref<bool(ArrayRef<bool>)> accept,
                          const Twine &noneMessage, const Twine &checkMessage) {
  std::optional<SmallVector<SmallVector<bool>>> sets =
      findAxisSets(node, rank, count, accept);
  if (!sets)
    return std::nullopt;
  if (sets->empty()) {
    node.emitError() << noneMessage;
    return std::nullopt;
  }
  AxisMask given = getAxisMask(node, axes, rank);
  addCheck(node, andOf(node, given.valid, isOneOf(node, given.mask, *sets)),
           checkMessage);
  return sets;
}

SmallVector<int64_t> mlir::kiln::getSetPositions(ArrayRef<bool> mask) {
  SmallVector<int64_t> positions;
  for (auto [i, set] : llvm::enumerate(mask))
    if (set)
      positions.push_back(i);
  return positions;
}
