// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Folders and canonicalization patterns of `kiln` ops. Each one has a case in
// test/Dialect/Kiln/canonicalize.mlir.

#include "kiln/Dialect/Kiln/IR/KilnOps.h"

#include "mlir/Dialect/CommonFolders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::kiln;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Returns true when `attr` is a splat whose every element equals `value`.
static bool isSplatOf(Attribute attr, double value) {
  auto splat = dyn_cast_if_present<SplatElementsAttr>(attr);
  if (!splat)
    return false;
  Type elementType = splat.getElementType();
  if (isa<FloatType>(elementType))
    return splat.getSplatValue<APFloat>().convertToDouble() == value;
  if (isa<IntegerType>(elementType))
    return splat.getSplatValue<APInt>().getSExtValue() ==
           static_cast<int64_t>(value);
  return false;
}

/// Folds `op(x, c)` to `x` when `c` is the right identity `identity` and the
/// op does not broadcast `x` to a bigger shape.
template <typename OpTy>
static Value foldRightIdentity(OpTy op, Attribute rhs, double identity) {
  if (op.getLhs().getType() == op.getType() && isSplatOf(rhs, identity))
    return op.getLhs();
  return nullptr;
}

/// Folds `op(a, b)` on two constants of the result's type with `floatFn` or
/// `intFn`; broadcasting constants are left to the lowering.
template <typename OpTy, typename FloatFn, typename IntFn>
static Attribute foldConstants(OpTy op, ArrayRef<Attribute> operands,
                               FloatFn floatFn, IntFn intFn) {
  if (op.getLhs().getType() != op.getType() ||
      op.getRhs().getType() != op.getType())
    return nullptr;
  if (isa<FloatType>(op.getType().getElementType()))
    return constFoldBinaryOp<FloatAttr, APFloat, void>(operands, floatFn);
  if (isa<IntegerType>(op.getType().getElementType()))
    return constFoldBinaryOp<IntegerAttr, APInt, void>(operands, intFn);
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  if (Value x = foldRightIdentity(*this, adaptor.getRhs(), 0.0))
    return x;
  return foldConstants(
      *this, adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return a + b; },
      [](const APInt &a, const APInt &b) { return a + b; });
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  if (Value x = foldRightIdentity(*this, adaptor.getRhs(), 0.0))
    return x;
  return foldConstants(
      *this, adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return a - b; },
      [](const APInt &a, const APInt &b) { return a - b; });
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  if (Value x = foldRightIdentity(*this, adaptor.getRhs(), 1.0))
    return x;
  return foldConstants(
      *this, adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return a * b; },
      [](const APInt &a, const APInt &b) { return a * b; });
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  if (Value x = foldRightIdentity(*this, adaptor.getRhs(), 1.0))
    return x;
  // Integer division by zero is undefined; leave it to run time.
  if (isa<IntegerType>(getType().getElementType()))
    return nullptr;
  return foldConstants(
      *this, adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return a / b; },
      [](const APInt &a, const APInt &) { return a; });
}

OpFoldResult MaxOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return getLhs();
  return foldConstants(
      *this, adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return llvm::maximum(a, b); },
      [](const APInt &a, const APInt &b) { return a.sge(b) ? a : b; });
}

OpFoldResult MinOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return getLhs();
  return foldConstants(
      *this, adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return llvm::minimum(a, b); },
      [](const APInt &a, const APInt &b) { return a.sle(b) ? a : b; });
}

OpFoldResult PowOp::fold(FoldAdaptor adaptor) {
  return foldRightIdentity(*this, adaptor.getRhs(), 1.0);
}

OpFoldResult CastOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return nullptr;
}

//===----------------------------------------------------------------------===//
// NN ops
//===----------------------------------------------------------------------===//

/// Folds a reduction whose result type is its input's: it reduces nothing
/// (empty `axes`) or only dimensions of size 1 kept as 1, where every
/// reduction returns its one element.
template <typename OpTy>
static Value foldTrivialReduction(OpTy op) {
  if (op.getInput().getType() == op.getType())
    return op.getInput();
  return nullptr;
}

OpFoldResult ReduceMaxOp::fold(FoldAdaptor) {
  return foldTrivialReduction(*this);
}
OpFoldResult ReduceMeanOp::fold(FoldAdaptor) {
  return foldTrivialReduction(*this);
}
OpFoldResult ReduceMinOp::fold(FoldAdaptor) {
  return foldTrivialReduction(*this);
}
OpFoldResult ReduceProdOp::fold(FoldAdaptor) {
  return foldTrivialReduction(*this);
}
OpFoldResult ReduceSumOp::fold(FoldAdaptor) {
  return foldTrivialReduction(*this);
}

//===----------------------------------------------------------------------===//
// Tensor ops
//===----------------------------------------------------------------------===//

namespace {
/// Erases a check whose condition is the constant true. A constant false is
/// left for the lowering to report, since a canonicalization must not fail.
struct EraseAssertOfTrue : OpRewritePattern<AssertOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AssertOp op,
                                PatternRewriter &rewriter) const override {
    DenseElementsAttr condition;
    if (!matchPattern(op.getCondition(), m_Constant(&condition)))
      return rewriter.notifyMatchFailure(op, "condition is not a constant");
    if (!condition.getSplatValue<bool>())
      return rewriter.notifyMatchFailure(op, "condition is the constant false");
    rewriter.eraseOp(op);
    return success();
  }
};
} // namespace

void AssertOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                           MLIRContext *context) {
  patterns.add<EraseAssertOfTrue>(context);
}

OpFoldResult ConcatOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1)
    return getInputs().front();
  return nullptr;
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

OpFoldResult ExpandOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return nullptr;
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  if (auto dense = dyn_cast_if_present<DenseElementsAttr>(adaptor.getInput()))
    return dense.reshape(getType());
  return nullptr;
}

namespace {
/// `reshape(reshape(x))` is one reshape of `x`.
struct FoldReshapeOfReshape : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    auto producer = op.getInput().getDefiningOp<ReshapeOp>();
    if (!producer)
      return rewriter.notifyMatchFailure(op, "input is not a reshape");
    rewriter.modifyOpInPlace(
        op, [&] { op.getInputMutable().assign(producer.getInput()); });
    return success();
  }
};

/// `transpose(transpose(x, p), q)` is `transpose(x, p o q)`.
struct ComposeTransposes : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto producer = op.getInput().getDefiningOp<TransposeOp>();
    if (!producer)
      return rewriter.notifyMatchFailure(op, "input is not a transpose");
    ArrayRef<int64_t> inner = producer.getPermutation();
    SmallVector<int64_t> composed;
    for (int64_t dim : op.getPermutation())
      composed.push_back(inner[dim]);
    rewriter.replaceOpWithNewOp<TransposeOp>(op, producer.getInput(), composed);
    return success();
  }
};
} // namespace

void ReshapeOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                            MLIRContext *context) {
  patterns.add<FoldReshapeOfReshape>(context);
}

OpFoldResult SliceOp::fold(FoldAdaptor) {
  // Every dimension read whole, forwards: the input itself.
  ArrayRef<int64_t> shape = getInput().getType().getShape();
  if (llvm::all_of(getStarts(), [](int64_t start) { return start == 0; }) &&
      getLimits() == shape &&
      llvm::all_of(getStrides(), [](int64_t stride) { return stride == 1; }))
    return getInput();
  return nullptr;
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  if (llvm::equal(getPermutation(),
                  llvm::seq<int64_t>(0, getPermutation().size())))
    return getInput();
  // A splat reads the same in any order.
  if (auto splat = dyn_cast_if_present<SplatElementsAttr>(adaptor.getInput()))
    return splat.resizeSplat(getType());
  return nullptr;
}

void TransposeOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                              MLIRContext *context) {
  patterns.add<ComposeTransposes>(context);
}
