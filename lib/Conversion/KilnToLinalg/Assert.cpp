// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Lowers `kiln.assert` to `kiln_rt.assert` on the condition's one element;
// the CPU back end turns that into a call that fails the run.

#include "Patterns.h"

#include "kiln/Dialect/Kiln/IR/KilnOps.h"
#include "kiln/Dialect/KilnRt/IR/KilnRtOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

namespace {

/// `kiln.assert %c, "m"` becomes `kiln_rt.assert (tensor.extract %c[]), "m"`.
/// A condition that is the constant false would fail every run: it is
/// reported at compile time instead, with the check's message (the pass then
/// fails without a second report, as for any op whose pattern reported).
struct ConvertAssertOp : OpConversionPattern<AssertOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(AssertOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    DenseElementsAttr condition;
    if (matchPattern(op.getCondition(), m_Constant(&condition)) &&
        !condition.getSplatValue<bool>()) {
      op.emitError() << op.getMessage() << " (the check fails on every run)";
      return rewriter.notifyMatchFailure(op, "the check always fails");
    }
    Value flag = tensor::ExtractOp::create(
        rewriter, op.getLoc(), adaptor.getCondition(), ValueRange());
    rt::AssertOp::create(rewriter, op.getLoc(), flag, op.getMessage());
    rewriter.eraseOp(op);
    return success();
  }
};

} // namespace

void lowering::populateAssertPatterns(const TypeConverter &typeConverter,
                                      RewritePatternSet &patterns) {
  patterns.add<ConvertAssertOp>(typeConverter, patterns.getContext());
}
