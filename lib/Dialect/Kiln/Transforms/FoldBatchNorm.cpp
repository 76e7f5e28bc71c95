// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Folds an inference `kiln.batch_norm` with constant parameters into the
// weight and bias of the `kiln.conv` before it, at compile time.

#include "kiln/Dialect/Kiln/Transforms/Passes.h"
#include "kiln/Dialect/Kiln/Transforms/Transforms.h"

#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace mlir::kiln {
#define GEN_PASS_DEF_FOLDBATCHNORMPASS
#include "kiln/Dialect/Kiln/Transforms/Passes.h.inc"
} // namespace mlir::kiln

#define DEBUG_TYPE "kiln-fold-batch-norm"

using namespace mlir;
using namespace mlir::kiln;

namespace {

/// Returns the elements of the constant `value` as doubles, or nothing when
/// `value` is not a dense float constant.
std::optional<SmallVector<double>> getConstantValues(Value value) {
  DenseElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)) ||
      !isa<FloatType>(attr.getElementType()))
    return std::nullopt;
  SmallVector<double> values;
  values.reserve(attr.getNumElements());
  for (const APFloat &element : attr.getValues<APFloat>())
    values.push_back(element.convertToDouble());
  return values;
}

/// Returns a dense constant of `type` (a float tensor) holding `values`,
/// rounded to nearest in the element type.
DenseElementsAttr getDenseAttr(RankedTensorType type, ArrayRef<double> values) {
  auto floatType = cast<FloatType>(type.getElementType());
  SmallVector<APFloat> elements;
  elements.reserve(values.size());
  for (double value : values) {
    APFloat element(value);
    bool losesInfo;
    element.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                    &losesInfo);
    elements.push_back(element);
  }
  return DenseElementsAttr::get(type, elements);
}

/// `batch_norm(conv(x, w, b))` with constant `w`, `b` and normalization
/// parameters becomes `conv(x, w * s, (b - mean) * s + beta)` with
/// `s = scale / sqrt(variance + epsilon)` per output channel. The values
/// are computed in double and rounded once, so the folded conv is as close
/// to the original pair as the element type allows.
struct FoldBatchNormIntoConv : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BatchNormOp op,
                                PatternRewriter &rewriter) const override {
    auto conv = op.getInput().getDefiningOp<ConvOp>();
    if (!conv)
      return rewriter.notifyMatchFailure(op, "input is not a kiln.conv");
    if (!conv->hasOneUse())
      return rewriter.notifyMatchFailure(op, "the conv has other users");
    std::optional<SmallVector<double>> weight =
        getConstantValues(conv.getWeight());
    std::optional<SmallVector<double>> scale = getConstantValues(op.getScale());
    std::optional<SmallVector<double>> beta = getConstantValues(op.getBias());
    std::optional<SmallVector<double>> mean = getConstantValues(op.getMean());
    std::optional<SmallVector<double>> variance =
        getConstantValues(op.getVariance());
    if (!weight || !scale || !beta || !mean || !variance)
      return rewriter.notifyMatchFailure(
          op, "the conv weight or a normalization parameter is not constant");
    auto weightType = cast<RankedTensorType>(conv.getWeight().getType());
    int64_t channels = weightType.getDimSize(0);
    SmallVector<double> bias(channels, 0.0);
    if (conv.getBias()) {
      std::optional<SmallVector<double>> convBias =
          getConstantValues(conv.getBias());
      if (!convBias)
        return rewriter.notifyMatchFailure(op, "the conv bias is not constant");
      bias = std::move(*convBias);
    }
    // The verifiers guarantee `[M]` parameters; the checks keep a splat
    // parameter (one value) from being read past its end.
    if (static_cast<int64_t>(scale->size()) != channels ||
        static_cast<int64_t>(beta->size()) != channels ||
        static_cast<int64_t>(mean->size()) != channels ||
        static_cast<int64_t>(variance->size()) != channels ||
        static_cast<int64_t>(bias.size()) != channels)
      return rewriter.notifyMatchFailure(op, "parameters are not per channel");

    double epsilon = op.getEpsilonAttr().getValueAsDouble();
    int64_t perChannel = static_cast<int64_t>(weight->size()) / channels;
    for (int64_t c = 0; c < channels; ++c) {
      double s = (*scale)[c] / std::sqrt((*variance)[c] + epsilon);
      for (int64_t i = 0; i < perChannel; ++i)
        (*weight)[c * perChannel + i] *= s;
      bias[c] = (bias[c] - (*mean)[c]) * s + (*beta)[c];
    }

    // Everything is built at the batch_norm, which the conv's operands
    // dominate.
    Location loc = op.getLoc();
    auto biasType =
        RankedTensorType::get({channels}, weightType.getElementType());
    Value newWeight = ConstantOp::create(rewriter, conv.getLoc(),
                                         getDenseAttr(weightType, *weight));
    Value newBias = ConstantOp::create(rewriter, conv.getLoc(),
                                       getDenseAttr(biasType, bias));
    auto folded = ConvOp::create(
        rewriter, FusedLoc::get(rewriter.getContext(), {conv.getLoc(), loc}),
        conv.getInput(), newWeight, newBias, conv.getStridesAttr(),
        conv.getDilationsAttr(), conv.getPadsAttr(), conv.getGroupAttr());
    rewriter.replaceOp(op, folded.getResult());
    rewriter.eraseOp(conv);
    return success();
  }
};

struct FoldBatchNormPass
    : kiln::impl::FoldBatchNormPassBase<FoldBatchNormPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateFoldBatchNormPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void kiln::populateFoldBatchNormPatterns(RewritePatternSet &patterns) {
  patterns.add<FoldBatchNormIntoConv>(patterns.getContext());
}
