// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Lowers `kiln.top_k` to `scf.for` loops on tensors: for every 1-D slice
// along the axis, an insertion into a sorted buffer of `k` entries, stable
// so that of equal values the lower index comes first (ONNX's tie-break).

#include "Patterns.h"

#include "kiln/Conversion/KilnToLinalg/KilnToLinalg.h"
#include "kiln/Dialect/Kiln/IR/KilnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

namespace {

/// `kiln.top_k` becomes loops over a `[outer, n, inner]` view of the input
/// (`n` the axis). For each `(outer, inner)` slice, element `j` bubbles
/// into the buffer of the best `min(j, k)` entries kept so far, sorted by
/// value and then by index: at each position the entry in hand swaps with
/// the one there when it comes first (or the position is still empty), and
/// carries the displaced one on. Of equal values the lower index comes
/// first. O(n * k) comparisons per slice, without branches
/// (`arith.select`). `sorted = false` leaves the order unspecified; the
/// output is sorted anyway. A NaN never displaces an entry.
struct ConvertTopKOp : OpConversionPattern<TopKOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(TopKOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(
            convertResultTypes(*getTypeConverter(), rewriter, op, resultTypes)))
      return failure();
    Location loc = op.getLoc();
    Type type = getElementTypeOrSelf(op.getInput().getType());
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    Type storage = inputType.getElementType();
    Type indexType = rewriter.getI64Type();
    ArrayRef<int64_t> shape = inputType.getShape();
    auto axis = static_cast<int64_t>(op.getAxis());
    int64_t k = op.getK();
    int64_t outer = getNumElements(shape.take_front(axis));
    int64_t n = shape[axis];
    int64_t inner = getNumElements(shape.drop_front(axis + 1));
    bool largest = op.getLargest();

    Value input =
        reshapeTensor(rewriter, loc, adaptor.getInput(),
                      RankedTensorType::get({outer, n, inner}, storage));
    Value values = createFilledTensor(rewriter, loc, {outer, k, inner},
                                      createLowest(rewriter, loc, type));
    Value indices =
        createFilledTensor(rewriter, loc, {outer, k, inner},
                           createScalar(rewriter, loc, indexType, 0));

    auto index = [&](OpBuilder &b, int64_t value) -> Value {
      return arith::ConstantIndexOp::create(b, loc, value);
    };
    Value zero = index(rewriter, 0), one = index(rewriter, 1);
    Value kValue = index(rewriter, k);

    // Returns whether the entry (`lhs`, `lhsIndex`) comes before
    // (`rhs`, `rhsIndex`): a better value, or an equal one at a lower index.
    // The order is total on non-NaN values, so entries pushed down the
    // buffer keep their place among equals.
    auto comesBefore = [&](OpBuilder &b, Value lhs, Value lhsIndex, Value rhs,
                           Value rhsIndex) -> Value {
      Value better, equal;
      if (isa<FloatType>(type)) {
        better = arith::CmpFOp::create(b, loc,
                                       largest ? arith::CmpFPredicate::OGT
                                               : arith::CmpFPredicate::OLT,
                                       lhs, rhs);
        equal =
            arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, lhs, rhs);
      } else {
        arith::CmpIPredicate predicate;
        if (isUnsignedLike(type))
          predicate =
              largest ? arith::CmpIPredicate::ugt : arith::CmpIPredicate::ult;
        else
          predicate =
              largest ? arith::CmpIPredicate::sgt : arith::CmpIPredicate::slt;
        better = arith::CmpIOp::create(b, loc, predicate, lhs, rhs);
        equal =
            arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, lhs, rhs);
      }
      Value lowerIndex = arith::CmpIOp::create(
          b, loc, arith::CmpIPredicate::slt, lhsIndex, rhsIndex);
      Value tieWin = arith::AndIOp::create(b, loc, equal, lowerIndex);
      return arith::OrIOp::create(b, loc, better, tieWin);
    };

    auto outerLoop = scf::ForOp::create(
        rewriter, loc, zero, index(rewriter, outer), one,
        ValueRange{values, indices},
        [&](OpBuilder &b, Location, Value o, ValueRange outerArgs) {
          auto innerLoop = scf::ForOp::create(
              b, loc, zero, index(b, inner), one, outerArgs,
              [&](OpBuilder &b, Location, Value i, ValueRange innerArgs) {
                auto scan = scf::ForOp::create(
                    b, loc, zero, index(b, n), one, innerArgs,
                    [&](OpBuilder &b, Location, Value j, ValueRange scanArgs) {
                      Value element = tensor::ExtractOp::create(
                          b, loc, input, ValueRange{o, j, i});
                      Value position =
                          arith::IndexCastOp::create(b, loc, indexType, j);
                      // Entries [0, filled) hold the best of elements < j.
                      Value filled = arith::MinSIOp::create(b, loc, j, kValue);
                      Value jPlusOne = arith::AddIOp::create(b, loc, j, one);
                      Value bound =
                          arith::MinSIOp::create(b, loc, jPlusOne, kValue);
                      SmallVector<Value> insertArgs(scanArgs);
                      insertArgs.push_back(element);
                      insertArgs.push_back(position);
                      auto insert = scf::ForOp::create(
                          b, loc, zero, bound, one, insertArgs,
                          [&](OpBuilder &b, Location, Value q,
                              ValueRange args) {
                            SmallVector<Value> at = {o, q, i};
                            Value kept =
                                tensor::ExtractOp::create(b, loc, args[0], at);
                            Value keptIndex =
                                tensor::ExtractOp::create(b, loc, args[1], at);
                            Value empty = arith::CmpIOp::create(
                                b, loc, arith::CmpIPredicate::sge, q, filled);
                            Value take = arith::OrIOp::create(
                                b, loc, empty,
                                comesBefore(b, args[2], args[3], kept,
                                            keptIndex));
                            auto pick = [&](Value onTake, Value otherwise) {
                              return arith::SelectOp::create(b, loc, take,
                                                             onTake, otherwise)
                                  .getResult();
                            };
                            Value newValues = tensor::InsertOp::create(
                                b, loc, pick(args[2], kept), args[0], at);
                            Value newIndices = tensor::InsertOp::create(
                                b, loc, pick(args[3], keptIndex), args[1], at);
                            scf::YieldOp::create(
                                b, loc,
                                ValueRange{newValues, newIndices,
                                           pick(kept, args[2]),
                                           pick(keptIndex, args[3])});
                          });
                      scf::YieldOp::create(b, loc,
                                           insert.getResults().take_front(2));
                    });
                scf::YieldOp::create(b, loc, scan.getResults());
              });
          scf::YieldOp::create(b, loc, innerLoop.getResults());
        });

    Value resultValues =
        reshapeTensor(rewriter, loc, outerLoop.getResult(0), resultTypes[0]);
    Value resultIndices =
        reshapeTensor(rewriter, loc, outerLoop.getResult(1), resultTypes[1]);
    rewriter.replaceOp(op, ValueRange{resultValues, resultIndices});
    return success();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Entry point
//===----------------------------------------------------------------------===//

void lowering::populateSortPatterns(const TypeConverter &typeConverter,
                                    RewritePatternSet &patterns) {
  patterns.add<ConvertTopKOp>(typeConverter, patterns.getContext());
}
