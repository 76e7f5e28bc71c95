// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Lowers `kiln.fused` for generated code by inlining its body: the region
// only groups ops for a back end that has one kernel for all of them (the
// oneDNN dispatch); generated code gets the same fusion from linalg's
// elementwise fusion and tile-and-fuse on the lowered body.

#include "Patterns.h"

#include "kiln/Dialect/Kiln/IR/KilnOps.h"

#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

namespace {

/// Copies the body of a `kiln.fused` in front of it, with the block
/// arguments replaced by the op's inputs, and replaces the op's results
/// with the yielded values. The copies are new ops, so the conversion
/// driver lowers each of them with its own pattern.
struct InlineFusedOp : OpConversionPattern<FusedOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(FusedOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Block &body = op.getBody().front();
    IRMapping mapping;
    mapping.map(body.getArguments(), op.getInputs());
    for (Operation &nested : body.without_terminator())
      rewriter.clone(nested, mapping);
    SmallVector<Value> results;
    for (Value value : op.getYield().getValues())
      results.push_back(mapping.lookupOrDefault(value));
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// `kiln.yield` goes away with its `kiln.fused`, never on its own. This
/// pattern never matches; it declares the op handled, so that when the
/// region stays (a body op failed and reported itself), the pass does not
/// also report the terminator as an op without a lowering.
struct KeepYieldOp : OpConversionPattern<YieldOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(YieldOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    return rewriter.notifyMatchFailure(op, "lowered with its kiln.fused");
  }
};

} // namespace

void lowering::populateFusedPatterns(const TypeConverter &typeConverter,
                                     RewritePatternSet &patterns) {
  patterns.add<InlineFusedOp, KeepYieldOp>(typeConverter,
                                           patterns.getContext());
}
