// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Lowers `kiln.fused` for generated code by inlining its body: the region
// only groups ops for a back end that has one kernel for all of them (the
// oneDNN dispatch); generated code gets the same fusion from linalg's
// elementwise fusion and tile-and-fuse on the lowered body.

#include "Patterns.h"

#include "kiln/Dialect/Kiln/IR/KilnOps.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

namespace {

/// Moves the body of a `kiln.fused` in front of it, with the block
/// arguments replaced by the op's inputs, and replaces the op's results
/// with the yielded values. The body ops are moved, not copied: the
/// conversion lowers each of them afterwards like any op outside a region,
/// and a `kiln_rt` call the library dispatch left in the body (which this
/// pass does not lower) stays as it is.
struct InlineFusedOp : OpConversionPattern<FusedOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(FusedOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    YieldOp yield = op.getYield();
    SmallVector<Value> results(yield.getValues());
    rewriter.inlineBlockBefore(&op.getBody().front(), op, op.getInputs());
    rewriter.eraseOp(yield);
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

void lowering::populateFusedPatterns(const TypeConverter &typeConverter,
                                     RewritePatternSet &patterns) {
  patterns.add<InlineFusedOp>(typeConverter, patterns.getContext());
}
