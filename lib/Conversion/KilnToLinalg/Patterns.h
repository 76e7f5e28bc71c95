// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Private declarations shared by the `kiln` to `linalg` lowering files: the
// per-family populate functions and the IR-building helpers they share.

#ifndef KILN_LIB_CONVERSION_KILNTOLINALG_PATTERNS_H
#define KILN_LIB_CONVERSION_KILNTOLINALG_PATTERNS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::kiln::lowering {

//===----------------------------------------------------------------------===//
// Pattern families
//===----------------------------------------------------------------------===//

/// `kiln.assert`, to `kiln_rt.assert`.
void populateAssertPatterns(const TypeConverter &typeConverter,
                            RewritePatternSet &patterns);
/// Unary, binary and ternary elementwise ops, cast and clip.
void populateElementwisePatterns(const TypeConverter &typeConverter,
                                 RewritePatternSet &patterns);
/// `kiln.fused`, by inlining its body.
void populateFusedPatterns(const TypeConverter &typeConverter,
                           RewritePatternSet &patterns);
/// `kiln.matmul` and `kiln.gemm`.
void populateContractionPatterns(const TypeConverter &typeConverter,
                                 RewritePatternSet &patterns);
/// `kiln.conv`, `kiln.max_pool` and `kiln.avg_pool`.
void populateConvolutionPatterns(const TypeConverter &typeConverter,
                                 RewritePatternSet &patterns);
/// `kiln.reduce_*`, `kiln.softmax`, `kiln.log_softmax`, `kiln.layer_norm`
/// and `kiln.batch_norm`.
void populateReductionPatterns(const TypeConverter &typeConverter,
                               RewritePatternSet &patterns);
/// `kiln.lstm`.
void populateRecurrentPatterns(const TypeConverter &typeConverter,
                               RewritePatternSet &patterns);
/// `kiln.top_k`.
void populateSortPatterns(const TypeConverter &typeConverter,
                          RewritePatternSet &patterns);
/// Data movement: constant, reshape, transpose, concat, slice, gather,
/// gather_elements and expand.
void populateTensorPatterns(const TypeConverter &typeConverter,
                            RewritePatternSet &patterns);

//===----------------------------------------------------------------------===//
// Diagnostics
//===----------------------------------------------------------------------===//

/// Reports `unsupported <op> (<why>)` at `op` and fails the match with the
/// same reason. Every user-facing early exit of a pattern goes through here,
/// so that the pass never ends in a bare "failed to legalize".
LogicalResult emitUnsupported(ConversionPatternRewriter &rewriter,
                              Operation *op, const Twine &why);

/// Fails, with `emitUnsupported`, when an operand or result of `op` has an
/// element type no lowering handles (`index`).
LogicalResult checkElementTypes(ConversionPatternRewriter &rewriter,
                                Operation *op);

/// Converts the result types of `op` with `typeConverter` into `types`, all
/// ranked tensors; fails with `emitUnsupported` otherwise.
LogicalResult convertResultTypes(const TypeConverter &typeConverter,
                                 ConversionPatternRewriter &rewriter,
                                 Operation *op,
                                 SmallVectorImpl<RankedTensorType> &types);

//===----------------------------------------------------------------------===//
// Element types and scalars
//===----------------------------------------------------------------------===//

/// Returns the element type of `value`'s (shaped) type, or the type itself.
Type getElementType(Value value);

/// Returns whether integers of the original `kiln` element type `type` are
/// compared, divided and extended as unsigned: `uiN` and the boolean `i1`.
bool isUnsignedLike(Type type);

/// Returns the type in which sums and products over `type` accumulate: `f32`
/// for the 16-bit floats (whose 11 or 8 significant bits lose too much over a
/// long sum), the signless storage type otherwise.
Type getAccumulatorType(Type type);

/// Returns a scalar constant of `type` (a signless integer, index or float
/// type) equal to `value`: rounded to nearest for floats, truncated toward
/// zero for integers.
Value createScalar(OpBuilder &b, Location loc, Type type, double value);

/// Returns the lowest value of the original element type `type`: `-inf` for
/// floats, the minimum integer (0 when unsigned) for integers, in its
/// signless storage type.
Value createLowest(OpBuilder &b, Location loc, Type type);

/// Returns the highest value of the original element type `type` (`+inf` for
/// floats).
Value createHighest(OpBuilder &b, Location loc, Type type);

/// Converts the scalar `value`, stored as the signless form of the original
/// element type `from`, to the original element type `to` with ONNX `Cast`
/// semantics: float to integer truncates toward zero, integer to integer
/// wraps or extends by the source's signedness, anything to `i1` is `!= 0`,
/// float to float rounds to nearest even.
Value convertScalar(OpBuilder &b, Location loc, Value value, Type from,
                    Type to);

/// Returns `lhs + rhs`, `lhs * rhs`, `max` or `min` of two scalars of the
/// original element type `type` (signedness from `type`; `maximumf` and
/// `minimumf`, which propagate NaN, for floats).
Value createAdd(OpBuilder &b, Location loc, Type type, Value lhs, Value rhs);
Value createMul(OpBuilder &b, Location loc, Type type, Value lhs, Value rhs);
Value createMax(OpBuilder &b, Location loc, Type type, Value lhs, Value rhs);
Value createMin(OpBuilder &b, Location loc, Type type, Value lhs, Value rhs);

//===----------------------------------------------------------------------===//
// Tensors and linalg
//===----------------------------------------------------------------------===//

/// The body of an elementwise `linalg.generic`: returns the output element
/// computed from the input elements `args`.
using ElementwiseBodyFn =
    function_ref<Value(OpBuilder &b, Location loc, ValueRange args)>;

/// Returns `tensor.empty` of `shape` and `elementType`.
Value createEmptyTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                        Type elementType);

/// Returns a tensor of `shape` filled with `value` (`linalg.fill`).
Value createFilledTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                         Value value);

/// Returns the indexing map that reads an operand of `operandShape`
/// broadcast (NumPy rules) to `resultShape`: leading result dimensions are
/// dropped and an operand dimension of size 1 against a larger result
/// dimension reads index 0.
AffineMap getBroadcastMap(MLIRContext *context, ArrayRef<int64_t> operandShape,
                          ArrayRef<int64_t> resultShape);

/// Builds a `linalg.generic` producing `resultType`, with every input of
/// `inputs` broadcast to it by `getBroadcastMap`, and `body` computing one
/// element. Returns its result.
Value buildElementwise(OpBuilder &b, Location loc, RankedTensorType resultType,
                       ValueRange inputs, ElementwiseBodyFn body);

/// Returns `value` with each element converted from the original element
/// type `from` to `to` (`convertScalar`), or `value` when they are equal.
Value convertTensor(OpBuilder &b, Location loc, Value value, Type from,
                    Type to);

/// Returns `value` (a ranked tensor) reshaped to `type` (same element count
/// and element type) with `tensor.collapse_shape` and `tensor.expand_shape`:
/// one of them when the shapes are related by grouping dimensions, a
/// collapse to 1-D followed by an expand otherwise.
Value reshapeTensor(OpBuilder &b, Location loc, Value value,
                    RankedTensorType type);

/// Returns `value` padded with `lows` and `highs` elements of `padValue`
/// (`tensor.pad`), or `value` itself when all pads are zero.
Value padTensor(OpBuilder &b, Location loc, Value value, ArrayRef<int64_t> lows,
                ArrayRef<int64_t> highs, Value padValue);

/// Returns the product of `shape`.
int64_t getNumElements(ArrayRef<int64_t> shape);

} // namespace mlir::kiln::lowering

#endif // KILN_LIB_CONVERSION_KILNTOLINALG_PATTERNS_H
