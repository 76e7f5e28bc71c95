// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Guarded specialization of run-time operands: when an operand that decides
// a node's output shape (a Reshape shape, Slice bounds, a TopK K, axes) is
// only known at run time but the model declares the output's static shape,
// handlers compile for the declared shape and check with `kiln.assert` that
// the operand's value gives it. The helpers build those checks from small
// integer vectors with `kiln` ops.

#ifndef KILN_LIB_CONVERSION_KILNONNXTOKILN_RUNTIMECHECKS_H
#define KILN_LIB_CONVERSION_KILNONNXTOKILN_RUNTIMECHECKS_H

#include "OnnxNode.h"

#include <optional>

namespace mlir::kiln {

/// The static shape the model declares for output `index` of `node`, or
/// nothing when it declares none or one with unknown dimensions.
std::optional<SmallVector<int64_t>> getDeclaredShape(OnnxNode &node,
                                                     unsigned index);

/// Like `getDeclaredShape`, but reports that input `inputIndex` (`what`) is
/// neither a constant nor backed by a declared static shape of output
/// `outputIndex`.
std::optional<SmallVector<int64_t>> requireDeclaredShape(OnnxNode &node,
                                                         unsigned outputIndex,
                                                         unsigned inputIndex,
                                                         StringRef what);

/// Returns `shape` as `[d0, d1, ...]` for messages.
std::string formatShape(ArrayRef<int64_t> shape);

/// Adds a run-time check that `condition` (a `tensor<i1>`, any shape: all
/// of its elements) holds, with the message `node '<name>' (<OpType>):
/// <what>`. A condition known at compile time adds nothing when true and is
/// reported as an error when false.
void addCheck(OnnxNode &node, Value condition, const Twine &what);

//===--- Small integer vectors ---===//

/// Input `index`, an integer tensor of any shape, as a 1-D `i64` vector
/// (null after an error when it is missing or not integer).
Value getI64Vector(OnnxNode &node, unsigned index, StringRef what);

/// Element `i` of the 1-D `vector` as a rank-0 tensor.
Value getElement(OnnxNode &node, Value vector, int64_t i);

/// `bools && mask[i]` elementwise for the `i1` vector `bools` and a
/// constant `mask` of as many elements (any shape). Computed in `i64` against a
/// 0/1 constant: the CPU back end reads vectors of `i1` constants as packed
/// bits, so checks never hold a non-splat `i1` constant.
Value andMask(OnnxNode &node, Value bools, ArrayRef<bool> mask);

/// `condition ? onTrue : onFalse` for integer values, folded when all three
/// are constants or the condition is a splat; a non-splat constant
/// condition blends in `i64` arithmetic instead of a `kiln.select` (see
/// `andMask`).
Value selectInts(OnnxNode &node, Value condition, Value onTrue, Value onFalse);

/// `true` when every element of the `i1` tensor `bools` is (true for none).
Value allOf(OnnxNode &node, Value bools);
/// `true` when some element of the `i1` tensor `bools` is.
Value anyOf(OnnxNode &node, Value bools);
/// The number of true elements of the `i1` tensor `bools`, as an `i64`
/// scalar.
Value countOf(OnnxNode &node, Value bools);

/// `lhs && rhs`, `lhs || rhs`, `!value` on `i1` tensors.
Value andOf(OnnxNode &node, Value lhs, Value rhs);
Value orOf(OnnxNode &node, Value lhs, Value rhs);
Value notOf(OnnxNode &node, Value value);

/// `lo <= value <= hi` elementwise (integers).
Value inRange(OnnxNode &node, Value value, int64_t lo, int64_t hi);

/// `value` (i64) clamped to `[lo, hi]` elementwise.
Value clampI64(OnnxNode &node, Value value, Value lo, Value hi);

//===--- Axes ---===//

/// Run-time axes of a node, read against a rank.
struct AxisMask {
  /// `tensor<i1>`: every axis is in `[-rank, rank)` and none repeats.
  Value valid;
  /// `tensor<rank x i1>`: the dimensions named by the axes.
  Value mask;
};

/// Reads the 1-D `i64` vector `axes` as a set of dimensions of a `rank`-D
/// tensor.
AxisMask getAxisMask(OnnxNode &node, Value axes, int64_t rank);

/// `tensor<i1>`: `mask` (`tensor<rank x i1>`) is one of `allowed`, the
/// masks of the same length that give the declared shape.
Value isOneOf(OnnxNode &node, Value mask, ArrayRef<SmallVector<bool>> allowed);

/// The subsets of `count` dimensions out of `rank` for which `accept`
/// returns true, as masks (at least one), with the run-time check that the
/// 1-D `i64` vector `axes` names one of them, failing with `checkMessage`.
/// Nothing, after an error, when no subset is accepted (`noneMessage`) or
/// there are too many to check.
std::optional<SmallVector<SmallVector<bool>>>
checkAxisSets(OnnxNode &node, Value axes, int64_t rank, int64_t count,
              llvm::function_ref<bool(ArrayRef<bool>)> accept,
              const Twine &noneMessage, const Twine &checkMessage);

/// The positions set in `mask`, in order.
SmallVector<int64_t> getSetPositions(ArrayRef<bool> mask);

//===----------------------------------------------------------------------===//
// Tensor handlers with run-time shape operands (RunTimeShapes.cpp)
//===----------------------------------------------------------------------===//

// Each compiles for the declared output shape and checks that the run-time
// operand gives it; each fails after an error (no declared static shape, or
// one the operand cannot give).

/// Reshape with a run-time `shape` (input 1).
FailureOr<SmallVector<Value>>
buildReshapeToDeclared(OnnxNode &node, Value input, bool allowZero);
/// Squeeze with run-time `axes` (input 1).
FailureOr<SmallVector<Value>> buildSqueezeToDeclared(OnnxNode &node,
                                                     Value input);
/// Unsqueeze with run-time `axes` (input 1).
FailureOr<SmallVector<Value>> buildUnsqueezeToDeclared(OnnxNode &node,
                                                       Value input);
/// Expand with a run-time `shape` (input 1).
FailureOr<SmallVector<Value>> buildExpandToDeclared(OnnxNode &node,
                                                    Value input);
/// Slice from opset 10 with run-time `starts`, `ends`, `axes` or `steps`
/// (inputs 1 to 4).
FailureOr<SmallVector<Value>> buildSliceToDeclared(OnnxNode &node, Value input);
/// Pad from opset 11 in `mode` with run-time `pads` or `constant_value`
/// (inputs 1 and 2; `axes`, input 3, must be a constant).
FailureOr<SmallVector<Value>> buildPadToDeclared(OnnxNode &node, Value input,
                                                 StringRef mode);
/// Split's sizes along `axis` for a run-time `split` (input 1).
std::optional<SmallVector<int64_t>> getDeclaredSplit(OnnxNode &node,
                                                     Value input, int64_t axis);
/// Tile's repeats for a run-time `repeats` (input 1).
std::optional<SmallVector<int64_t>> getDeclaredRepeats(OnnxNode &node,
                                                       Value input);
/// OneHot's depth for a run-time `depth` (input 1), given its `indices`.
std::optional<SmallVector<double>> getDeclaredDepth(OnnxNode &node,
                                                    Value indices);

} // namespace mlir::kiln

#endif // KILN_LIB_CONVERSION_KILNONNXTOKILN_RUNTIMECHECKS_H
