// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Lowers the data-movement `kiln` ops: constants to `arith.constant`,
// reshapes to `tensor.collapse_shape`/`expand_shape`, transposes to
// `linalg.transpose`, concatenation and slicing to `tensor` slices, gathers
// to `linalg.generic`s reading with `tensor.extract`, and expand to a
// broadcasting `linalg.generic`.

#include "Patterns.h"

#include "kiln/Conversion/KilnToLinalg/KilnToLinalg.h"
#include "kiln/Dialect/Kiln/IR/KilnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Returns the index, of type `index`, that the gather index `value` (an
/// `i32`/`i64` element) denotes in a dimension of `size`: a negative value
/// counts from the end, as in ONNX. The result is clamped to `[0, size)`: an
/// out-of-range index (undefined in ONNX) fails the run through the
/// importer's check (`checkIndices`), but the gather still runs, and must
/// not read memory outside the tensor.
static Value createWrappedIndex(OpBuilder &b, Location loc, Value value,
                                int64_t size) {
  Type type = value.getType();
  Value zero = createScalar(b, loc, type, 0.0);
  Value negative =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, value, zero);
  Value wrapped = arith::AddIOp::create(
      b, loc, value, createScalar(b, loc, type, static_cast<double>(size)));
  Value index = arith::SelectOp::create(b, loc, negative, wrapped, value);
  index = arith::MaxSIOp::create(b, loc, index, zero);
  index = arith::MinSIOp::create(
      b, loc, index, createScalar(b, loc, type, static_cast<double>(size - 1)));
  return arith::IndexCastOp::create(b, loc, b.getIndexType(), index);
}

/// Builds a `linalg.generic` over `resultType` whose only input is `indices`
/// (read through `indicesMap`) and whose body extracts from `data` at the
/// coordinates `coordinates` returns for the loop indices and the wrapped
/// index.
static Value buildGather(
    OpBuilder &b, Location loc, RankedTensorType resultType, Value data,
    Value indices, AffineMap indicesMap, int64_t axisSize,
    function_ref<SmallVector<Value>(ArrayRef<Value> loopIndices, Value index)>
        coordinates) {
  int64_t rank = resultType.getRank();
  Value init = createEmptyTensor(b, loc, resultType.getShape(),
                                 resultType.getElementType());
  SmallVector<AffineMap> maps = {indicesMap, b.getMultiDimIdentityMap(rank)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, ValueRange{indices}, ValueRange{init},
      maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        SmallVector<Value> loopIndices;
        for (int64_t d = 0; d < rank; ++d)
          loopIndices.push_back(linalg::IndexOp::create(nested, nestedLoc, d));
        Value index = createWrappedIndex(nested, nestedLoc, args[0], axisSize);
        Value element = tensor::ExtractOp::create(
            nested, nestedLoc, data, coordinates(loopIndices, index));
        linalg::YieldOp::create(nested, nestedLoc, element);
      });
  return generic.getResult(0);
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

/// `kiln.constant` becomes `arith.constant` of the same data with signless
/// element types (the bits of unsigned values are kept as they are).
struct ConvertConstantOp : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(
            convertResultTypes(*getTypeConverter(), rewriter, op, resultTypes)))
      return failure();
    RankedTensorType type = resultTypes.front();
    ElementsAttr value = op.getValue();
    TypedAttr attr;
    if (value.getType() == type)
      attr = cast<TypedAttr>(value);
    else if (auto dense = dyn_cast<DenseIntOrFPElementsAttr>(value))
      attr = dense.bitcast(type.getElementType());
    else if (auto resource = dyn_cast<DenseResourceElementsAttr>(value))
      attr = DenseResourceElementsAttr::get(type, resource.getRawHandle());
    else
      return emitUnsupported(rewriter, op,
                             "unsigned constant stored as neither "
                             "dense nor dense_resource elements");
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, type, attr);
    return success();
  }
};

/// `kiln.reshape` becomes `tensor.collapse_shape` and/or
/// `tensor.expand_shape` (`reshapeTensor`).
struct ConvertReshapeOp : OpConversionPattern<ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(
            convertResultTypes(*getTypeConverter(), rewriter, op, resultTypes)))
      return failure();
    rewriter.replaceOp(op,
                       reshapeTensor(rewriter, op.getLoc(), adaptor.getInput(),
                                     resultTypes.front()));
    return success();
  }
};

/// `kiln.transpose` becomes `linalg.transpose`.
struct ConvertTransposeOp : OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(
            convertResultTypes(*getTypeConverter(), rewriter, op, resultTypes)))
      return failure();
    RankedTensorType type = resultTypes.front();
    Location loc = op.getLoc();
    Value init = createEmptyTensor(rewriter, loc, type.getShape(),
                                   type.getElementType());
    auto transpose = linalg::TransposeOp::create(
        rewriter, loc, adaptor.getInput(), init, op.getPermutation());
    rewriter.replaceOp(op, transpose.getResult());
    return success();
  }
};

/// `kiln.concat` becomes a chain of `tensor.insert_slice`s into a
/// `tensor.empty` of the result shape, one per non-empty input.
struct ConvertConcatOp : OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(
            convertResultTypes(*getTypeConverter(), rewriter, op, resultTypes)))
      return failure();
    RankedTensorType type = resultTypes.front();
    if (adaptor.getInputs().size() == 1) {
      rewriter.replaceOp(op, adaptor.getInputs().front());
      return success();
    }
    Location loc = op.getLoc();
    auto axis = static_cast<int64_t>(op.getAxis());
    int64_t rank = type.getRank();
    Value result = createEmptyTensor(rewriter, loc, type.getShape(),
                                     type.getElementType());
    SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
    SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
    int64_t offset = 0;
    for (Value input : adaptor.getInputs()) {
      auto inputType = cast<RankedTensorType>(input.getType());
      int64_t size = inputType.getDimSize(axis);
      if (size == 0)
        continue;
      offsets[axis] = rewriter.getIndexAttr(offset);
      SmallVector<OpFoldResult> sizes =
          getAsIndexOpFoldResult(rewriter.getContext(), inputType.getShape());
      result = tensor::InsertSliceOp::create(rewriter, loc, input, result,
                                             offsets, sizes, strides);
      offset += size;
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// `kiln.slice` becomes `tensor.extract_slice` with positive strides. A
/// negative stride (a reversal) extracts the same elements in ascending
/// order, then a `linalg.generic` reads them back to front through the
/// indexing map `n - 1 - i` in those dimensions.
struct ConvertSliceOp : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(
            convertResultTypes(*getTypeConverter(), rewriter, op, resultTypes)))
      return failure();
    RankedTensorType type = resultTypes.front();
    Location loc = op.getLoc();
    if (type.getNumElements() == 0) {
      rewriter.replaceOp(op, createEmptyTensor(rewriter, loc, type.getShape(),
                                               type.getElementType()));
      return success();
    }
    ArrayRef<int64_t> shape = type.getShape();
    SmallVector<int64_t> offsets(op.getStarts()), strides(op.getStrides());
    SmallVector<int64_t> reversed;
    for (auto [d, size] : llvm::enumerate(shape)) {
      if (strides[d] > 0)
        continue;
      // The last element read is the lowest index.
      offsets[d] += strides[d] * (size - 1);
      strides[d] = -strides[d];
      if (size > 1)
        reversed.push_back(d);
    }
    Value result = tensor::ExtractSliceOp::create(
        rewriter, loc, type, adaptor.getInput(), ValueRange{}, ValueRange{},
        ValueRange{}, offsets, shape, strides);
    if (!reversed.empty()) {
      MLIRContext *context = rewriter.getContext();
      int64_t rank = type.getRank();
      SmallVector<AffineExpr> exprs;
      for (int64_t d = 0; d < rank; ++d) {
        AffineExpr dim = getAffineDimExpr(d, context);
        exprs.push_back(llvm::is_contained(reversed, d)
                            ? getAffineConstantExpr(shape[d] - 1, context) - dim
                            : dim);
      }
      SmallVector<AffineMap> maps = {
          AffineMap::get(rank, /*symbolCount=*/0, exprs, context),
          rewriter.getMultiDimIdentityMap(rank)};
      SmallVector<utils::IteratorType> iterators(rank,
                                                 utils::IteratorType::parallel);
      Value init =
          createEmptyTensor(rewriter, loc, shape, type.getElementType());
      result = linalg::GenericOp::create(
                   rewriter, loc, TypeRange{type}, ValueRange{result},
                   ValueRange{init}, maps, iterators,
                   [](OpBuilder &b, Location nestedLoc, ValueRange args) {
                     linalg::YieldOp::create(b, nestedLoc, args[0]);
                   })
                   .getResult(0);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// `kiln.gather` becomes a `linalg.generic` over the result whose body reads
/// the index from `indices` and `tensor.extract`s the element of `data`.
struct ConvertGatherOp : OpConversionPattern<GatherOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(
            convertResultTypes(*getTypeConverter(), rewriter, op, resultTypes)))
      return failure();
    RankedTensorType type = resultTypes.front();
    auto dataType = cast<RankedTensorType>(adaptor.getData().getType());
    auto indicesType = cast<RankedTensorType>(adaptor.getIndices().getType());
    auto axis = static_cast<int64_t>(op.getAxis());
    int64_t indicesRank = indicesType.getRank();
    MLIRContext *context = rewriter.getContext();
    // Result dimensions [axis, axis + rank(indices)) walk the indices.
    SmallVector<AffineExpr> exprs;
    for (int64_t d = 0; d < indicesRank; ++d)
      exprs.push_back(getAffineDimExpr(axis + d, context));
    AffineMap indicesMap =
        AffineMap::get(type.getRank(), /*symbolCount=*/0, exprs, context);
    Value result = buildGather(
        rewriter, op.getLoc(), type, adaptor.getData(), adaptor.getIndices(),
        indicesMap, dataType.getDimSize(axis),
        [&](ArrayRef<Value> loopIndices, Value index) {
          SmallVector<Value> coordinates(loopIndices.take_front(axis));
          coordinates.push_back(index);
          llvm::append_range(coordinates,
                             loopIndices.drop_front(axis + indicesRank));
          return coordinates;
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// `kiln.gather_elements` becomes a `linalg.generic` over the indices whose
/// body reads `data` at the loop position with `axis` replaced by the index.
struct ConvertGatherElementsOp : OpConversionPattern<GatherElementsOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(GatherElementsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(
            convertResultTypes(*getTypeConverter(), rewriter, op, resultTypes)))
      return failure();
    RankedTensorType type = resultTypes.front();
    auto dataType = cast<RankedTensorType>(adaptor.getData().getType());
    auto axis = static_cast<int64_t>(op.getAxis());
    Value result = buildGather(rewriter, op.getLoc(), type, adaptor.getData(),
                               adaptor.getIndices(),
                               rewriter.getMultiDimIdentityMap(type.getRank()),
                               dataType.getDimSize(axis),
                               [&](ArrayRef<Value> loopIndices, Value index) {
                                 SmallVector<Value> coordinates(loopIndices);
                                 coordinates[axis] = index;
                                 return coordinates;
                               });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// `kiln.expand` becomes a `linalg.generic` copying its input through a
/// broadcasting indexing map.
struct ConvertExpandOp : OpConversionPattern<ExpandOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ExpandOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(
            convertResultTypes(*getTypeConverter(), rewriter, op, resultTypes)))
      return failure();
    Value result = buildElementwise(
        rewriter, op.getLoc(), resultTypes.front(), adaptor.getInput(),
        [](OpBuilder &, Location, ValueRange args) { return args[0]; });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Entry point
//===----------------------------------------------------------------------===//

void lowering::populateTensorPatterns(const TypeConverter &typeConverter,
                                      RewritePatternSet &patterns) {
  patterns.add<ConvertConcatOp, ConvertConstantOp, ConvertExpandOp,
               ConvertGatherElementsOp, ConvertGatherOp, ConvertReshapeOp,
               ConvertSliceOp, ConvertTransposeOp>(typeConverter,
                                                   patterns.getContext());
}
