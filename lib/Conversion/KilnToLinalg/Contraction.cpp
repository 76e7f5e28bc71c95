// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Lowers `kiln.matmul` and `kiln.gemm` to `linalg.matmul` and
// `linalg.batch_matmul` where the shapes allow it (reshaping batch
// dimensions away), and to a contraction `linalg.generic` when the batch
// dimensions broadcast.

#include "Patterns.h"

#include "kiln/Conversion/KilnToLinalg/KilnToLinalg.h"
#include "kiln/Dialect/Kiln/IR/KilnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/STLExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Returns `[M, N]` filled with zeros of `accType`.
static Value createZeroAccumulator(OpBuilder &b, Location loc,
                                   ArrayRef<int64_t> shape, Type accType) {
  return createFilledTensor(b, loc, shape, createScalar(b, loc, accType, 0.0));
}

/// Returns the product of the 2-D `lhs` and `rhs` (transposed first when
/// `transposeLhs`/`transposeRhs`), accumulated onto `init` with
/// `linalg.matmul`; the indexing maps carry the transposes.
static Value createMatmul(OpBuilder &b, Location loc, Value lhs, Value rhs,
                          Value init, bool transposeLhs = false,
                          bool transposeRhs = false) {
  auto matmul =
      linalg::MatmulOp::create(b, loc, TypeRange{init.getType()},
                               ValueRange{lhs, rhs}, ValueRange{init});
  if (transposeLhs || transposeRhs) {
    MLIRContext *context = b.getContext();
    AffineExpr m, n, k;
    bindDims(context, m, n, k);
    auto map = [&](AffineExpr first, AffineExpr second) {
      return AffineMap::get(3, 0, {first, second}, context);
    };
    matmul.setIndexingMapsAttr(b.getAffineMapArrayAttr(
        {transposeLhs ? map(k, m) : map(m, k),
         transposeRhs ? map(n, k) : map(k, n), map(m, n)}));
  }
  return matmul.getResult(0);
}

/// Returns the product of `lhs` (`... x M x K`) and `rhs` (`... x K x N`) of
/// original element type `type`, with NumPy-broadcast batch dimensions, as a
/// `resultShape` tensor of `accType`. Picks, in order: one `linalg.matmul`
/// when `rhs` is a matrix (the batch dimensions of `lhs` fold into `M`), one
/// `linalg.batch_matmul` when both batch shapes are equal (folded into one
/// dimension), a contraction `linalg.generic` otherwise.
static Value createBatchMatmul(OpBuilder &b, Location loc, Value lhs, Value rhs,
                               ArrayRef<int64_t> resultShape, Type accType) {
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  ArrayRef<int64_t> lhsShape = lhsType.getShape(),
                    rhsShape = rhsType.getShape();
  int64_t rank = resultShape.size();
  int64_t m = resultShape[rank - 2], n = resultShape[rank - 1];
  int64_t k = lhsShape.back();
  Type lhsElement = lhsType.getElementType();
  Type rhsElement = rhsType.getElementType();
  auto resultType = RankedTensorType::get(resultShape, accType);

  if (rhsType.getRank() == 2) {
    int64_t rows = getNumElements(lhsShape.drop_back());
    Value lhs2d = reshapeTensor(b, loc, lhs,
                                RankedTensorType::get({rows, k}, lhsElement));
    Value init = createZeroAccumulator(b, loc, {rows, n}, accType);
    Value product = createMatmul(b, loc, lhs2d, rhs, init);
    return reshapeTensor(b, loc, product, resultType);
  }

  ArrayRef<int64_t> lhsBatch = lhsShape.drop_back(2);
  ArrayRef<int64_t> rhsBatch = rhsShape.drop_back(2);
  if (lhsBatch == rhsBatch) {
    int64_t batch = getNumElements(lhsBatch);
    Value lhs3d = reshapeTensor(
        b, loc, lhs, RankedTensorType::get({batch, m, k}, lhsElement));
    Value rhs3d = reshapeTensor(
        b, loc, rhs, RankedTensorType::get({batch, k, n}, rhsElement));
    Value init = createZeroAccumulator(b, loc, {batch, m, n}, accType);
    Value product = linalg::BatchMatmulOp::create(
                        b, loc, TypeRange{init.getType()},
                        ValueRange{lhs3d, rhs3d}, ValueRange{init})
                        .getResult(0);
    return reshapeTensor(b, loc, product, resultType);
  }

  // Loops: the result's batch dimensions, then m, n and the reduction k.
  MLIRContext *context = b.getContext();
  int64_t batchRank = rank - 2;
  int64_t numLoops = rank + 1;
  AffineExpr dm = getAffineDimExpr(batchRank, context);
  AffineExpr dn = getAffineDimExpr(batchRank + 1, context);
  AffineExpr dk = getAffineDimExpr(batchRank + 2, context);
  ArrayRef<int64_t> resultBatch = resultShape.drop_back(2);
  auto operandMap = [&](ArrayRef<int64_t> batch, AffineExpr row,
                        AffineExpr column) {
    AffineMap batchMap = getBroadcastMap(context, batch, resultBatch);
    SmallVector<AffineExpr> exprs(batchMap.getResults());
    exprs.push_back(row);
    exprs.push_back(column);
    return AffineMap::get(numLoops, 0, exprs, context);
  };
  SmallVector<AffineExpr> resultExprs;
  for (int64_t d = 0; d < rank; ++d)
    resultExprs.push_back(getAffineDimExpr(d, context));
  SmallVector<AffineMap> maps = {
      operandMap(lhsBatch, dm, dk), operandMap(rhsBatch, dk, dn),
      AffineMap::get(numLoops, 0, resultExprs, context)};
  SmallVector<utils::IteratorType> iterators(numLoops,
                                             utils::IteratorType::parallel);
  iterators.back() = utils::IteratorType::reduction;
  Value init = createZeroAccumulator(b, loc, resultShape, accType);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, ValueRange{lhs, rhs}, ValueRange{init},
      maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value lhsValue = args[0], rhsValue = args[1];
        if (lhsValue.getType() != accType) {
          lhsValue =
              arith::ExtFOp::create(nested, nestedLoc, accType, lhsValue);
          rhsValue =
              arith::ExtFOp::create(nested, nestedLoc, accType, rhsValue);
        }
        Value product =
            createMul(nested, nestedLoc, accType, lhsValue, rhsValue);
        Value sum = createAdd(nested, nestedLoc, accType, args[2], product);
        linalg::YieldOp::create(nested, nestedLoc, sum);
      });
  return generic.getResult(0);
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

/// `kiln.matmul` becomes `linalg.matmul`, `linalg.batch_matmul` or a
/// contraction `linalg.generic` (`createBatchMatmul`). 16-bit floats
/// accumulate in `f32` and are rounded once at the end.
struct ConvertMatmulOp : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(
            convertResultTypes(*getTypeConverter(), rewriter, op, resultTypes)))
      return failure();
    Location loc = op.getLoc();
    Type type = getElementTypeOrSelf(op.getLhs().getType());
    Type accType = getAccumulatorType(type);
    Value product =
        createBatchMatmul(rewriter, loc, adaptor.getLhs(), adaptor.getRhs(),
                          resultTypes.front().getShape(), accType);
    rewriter.replaceOp(op,
                       convertTensor(rewriter, loc, product, accType, type));
    return success();
  }
};

/// `kiln.gemm` becomes a `linalg.matmul` whose indexing maps carry the
/// transposes. With `alpha == 1` the product accumulates directly onto
/// `beta * c` broadcast to `M x N`; otherwise an elementwise epilogue
/// computes `alpha * product + beta * c`. Integer gemms need integral
/// `alpha` and `beta`.
struct ConvertGemmOp : OpConversionPattern<GemmOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(GemmOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(
            convertResultTypes(*getTypeConverter(), rewriter, op, resultTypes)))
      return failure();
    Type type = getElementTypeOrSelf(op.getA().getType());
    double alpha = op.getAlphaAttr().getValueAsDouble();
    double beta = op.getBetaAttr().getValueAsDouble();
    if (!isa<FloatType>(type) &&
        (alpha != std::trunc(alpha) || beta != std::trunc(beta)))
      return emitUnsupported(rewriter, op,
                             "non-integral alpha or beta with integer "
                             "element type");

    Location loc = op.getLoc();
    Type accType = getAccumulatorType(type);
    RankedTensorType resultType = resultTypes.front();
    ArrayRef<int64_t> shape = resultType.getShape();
    auto accTensorType = RankedTensorType::get(shape, accType);
    // `beta == 0` drops `c`, as ONNX Runtime does (even NaNs in it).
    Value c = beta != 0.0 ? adaptor.getC() : Value();
    Value accC;
    if (c)
      accC = convertTensor(rewriter, loc, c, type, accType);

    // `beta * c` broadcast to `M x N`, in the accumulator type.
    auto scaledC = [&]() {
      return buildElementwise(
          rewriter, loc, accTensorType, accC,
          [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
            if (beta == 1.0)
              return args[0];
            return createMul(b, nestedLoc, accType, args[0],
                             createScalar(b, nestedLoc, accType, beta));
          });
    };

    Value product;
    if (alpha == 1.0) {
      Value init =
          c ? scaledC() : createZeroAccumulator(rewriter, loc, shape, accType);
      product = createMatmul(rewriter, loc, adaptor.getA(), adaptor.getB(),
                             init, op.getTransA(), op.getTransB());
    } else {
      Value init = createZeroAccumulator(rewriter, loc, shape, accType);
      product = createMatmul(rewriter, loc, adaptor.getA(), adaptor.getB(),
                             init, op.getTransA(), op.getTransB());
      SmallVector<Value> inputs = {product};
      if (c)
        inputs.push_back(accC);
      product = buildElementwise(
          rewriter, loc, accTensorType, inputs,
          [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
            Value result =
                createMul(b, nestedLoc, accType, args[0],
                          createScalar(b, nestedLoc, accType, alpha));
            if (args.size() == 1)
              return result;
            Value addend = args[1];
            if (beta != 1.0)
              addend = createMul(b, nestedLoc, accType, addend,
                                 createScalar(b, nestedLoc, accType, beta));
            return createAdd(b, nestedLoc, accType, result, addend);
          });
    }
    rewriter.replaceOp(op,
                       convertTensor(rewriter, loc, product, accType, type));
    return success();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Entry point
//===----------------------------------------------------------------------===//

void lowering::populateContractionPatterns(const TypeConverter &typeConverter,
                                           RewritePatternSet &patterns) {
  patterns.add<ConvertGemmOp, ConvertMatmulOp>(typeConverter,
                                               patterns.getContext());
}
