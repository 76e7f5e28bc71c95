// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Evaluation of small constant tensors at conversion time, for the shape
// subgraphs (`Shape` -> `Gather` -> `Concat` -> `Reshape`) that ONNX
// exporters write and whose kiln ops have no folder.

#ifndef KILN_LIB_CONVERSION_KILNONNXTOKILN_CONSTANTEVALUATION_H
#define KILN_LIB_CONVERSION_KILNONNXTOKILN_CONSTANTEVALUATION_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Support/LLVM.h"

namespace mlir::kiln {

/// The largest number of elements evaluated element by element. Splats of
/// any size are evaluated too (their result is a splat).
constexpr int64_t kMaxEvaluatedElements = 1024;

/// Elementwise operations the evaluator knows.
enum class EvalOp {
  // Binary arithmetic (operands and result of one element type).
  Add,
  Sub,
  Mul,
  Div,
  Max,
  Min,
  // Comparisons (`i1` result).
  Equal,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  // Logic on `i1`.
  And,
  Or,
  Xor,
  // Unary.
  Neg,
  Abs,
  Not,
};

/// Reductions the evaluator knows.
enum class EvalReduction { Sum, Prod, Max, Min, Mean };

/// Each function returns null when an operand is null, the result would have
/// more than `kMaxEvaluatedElements` elements (and is no splat), or the
/// operation is undefined on the values (integer division by zero, an index
/// out of range).

/// `op(lhs, rhs)` with NumPy broadcasting.
DenseElementsAttr evaluateBinary(EvalOp op, DenseElementsAttr lhs,
                                 DenseElementsAttr rhs);
/// `op(input)`.
DenseElementsAttr evaluateUnary(EvalOp op, DenseElementsAttr input);
/// `condition ? onTrue : onFalse` with NumPy broadcasting.
DenseElementsAttr evaluateSelect(DenseElementsAttr condition,
                                 DenseElementsAttr onTrue,
                                 DenseElementsAttr onFalse);
/// `input` converted to `elementType` with ONNX `Cast` semantics.
DenseElementsAttr evaluateCast(DenseElementsAttr input, Type elementType);
/// ONNX `Gather` of `data` along `axis` (normalized); negative indices wrap.
DenseElementsAttr evaluateGather(DenseElementsAttr data,
                                 DenseElementsAttr indices, int64_t axis);
/// `inputs` joined along `axis` (normalized).
DenseElementsAttr evaluateConcat(ArrayRef<DenseElementsAttr> inputs,
                                 int64_t axis);
/// `input[starts : limits : strides]`, bounds as `kiln.slice` takes them.
DenseElementsAttr evaluateSlice(DenseElementsAttr input,
                                ArrayRef<int64_t> starts,
                                ArrayRef<int64_t> limits,
                                ArrayRef<int64_t> strides);
/// `input` with its dimensions permuted.
DenseElementsAttr evaluateTranspose(DenseElementsAttr input,
                                    ArrayRef<int64_t> permutation);
/// `input` broadcast to `shape`.
DenseElementsAttr evaluateExpand(DenseElementsAttr input,
                                 ArrayRef<int64_t> shape);
/// `op` over the sorted, normalized `axes` of `input`.
DenseElementsAttr evaluateReduction(EvalReduction op, DenseElementsAttr input,
                                    ArrayRef<int64_t> axes, bool keepDims);

} // namespace mlir::kiln

#endif // KILN_LIB_CONVERSION_KILNONNXTOKILN_CONSTANTEVALUATION_H
