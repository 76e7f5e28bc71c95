// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Folds a transpose that feeds a contraction operand into the contraction's
// transpose flag, so that the matrix is read transposed, never copied.

#include "kiln/Dialect/Kiln/Transforms/Passes.h"
#include "kiln/Dialect/Kiln/Transforms/Transforms.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_FOLDTRANSPOSESPASS
#include "kiln/Dialect/Kiln/Transforms/Passes.h.inc"
} // namespace mlir::kiln

#define DEBUG_TYPE "kiln-fold-transposes"

using namespace mlir;
using namespace mlir::kiln;

namespace {

/// Returns the input of `value`'s defining `kiln.transpose` when it swaps
/// the two dimensions of a matrix, or null.
Value getTransposedMatrix(Value value) {
  auto transpose = value.getDefiningOp<TransposeOp>();
  if (!transpose || transpose.getPermutation() != ArrayRef<int64_t>{1, 0})
    return Value();
  return transpose.getInput();
}

/// `gemm(transpose(a), b)` becomes `gemm(a, b)` with `trans_a` flipped; the
/// same for `b`.
struct FoldTransposeIntoGemm : OpRewritePattern<GemmOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(GemmOp op,
                                PatternRewriter &rewriter) const override {
    Value a = getTransposedMatrix(op.getA());
    Value b = getTransposedMatrix(op.getB());
    if (!a && !b)
      return rewriter.notifyMatchFailure(op, "no operand is a 2-D transpose");
    rewriter.modifyOpInPlace(op, [&] {
      if (a) {
        op.getAMutable().assign(a);
        op.setTransA(!op.getTransA());
      }
      if (b) {
        op.getBMutable().assign(b);
        op.setTransB(!op.getTransB());
      }
    });
    return success();
  }
};

struct FoldTransposesPass
    : kiln::impl::FoldTransposesPassBase<FoldTransposesPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateFoldTransposesPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void kiln::populateFoldTransposesPatterns(RewritePatternSet &patterns) {
  patterns.add<FoldTransposeIntoGemm>(patterns.getContext());
}
