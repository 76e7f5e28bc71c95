// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Graph transformations over the `kiln` dialect, as functions and pattern
// sets that passes (and other code) drive.

#ifndef KILN_DIALECT_KILN_TRANSFORMS_TRANSFORMS_H
#define KILN_DIALECT_KILN_TRANSFORMS_TRANSFORMS_H

#include "kiln/Dialect/Kiln/IR/KilnOps.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::kiln {

//===----------------------------------------------------------------------===//
// Folding into contractions
//===----------------------------------------------------------------------===//

/// Adds the pattern that folds a `kiln.batch_norm` with constant parameters
/// into the `kiln.conv` before it (`kiln-fold-batch-norm`).
void populateFoldBatchNormPatterns(RewritePatternSet &patterns);

/// Adds the patterns that fold a `[1, 0]` `kiln.transpose` feeding a
/// `kiln.gemm` operand into the gemm's transpose flag
/// (`kiln-fold-transposes`).
void populateFoldTransposesPatterns(RewritePatternSet &patterns);

//===----------------------------------------------------------------------===//
// Fused regions
//===----------------------------------------------------------------------===//

/// Moves `ops` (in one block, in block order, the first an anchor that
/// `kiln.fused` accepts) into a new `kiln.fused` that yields `result`, the
/// result of the last op, and replaces `result` with it. Every other value
/// `ops` define must have all its users in `ops`. Operands defined outside
/// `ops` become the region's inputs, except scalar `kiln.constant`s, which
/// are copied into the body.
FusedOp outlineIntoFusedOp(RewriterBase &rewriter, ArrayRef<Operation *> ops,
                           Value result);

/// Fuses `anchor` (a `kiln.conv`, `kiln.matmul` or `kiln.gemm` not inside a
/// `kiln.fused`) with the elementwise ops computed from its result, up to
/// the first value used elsewhere (`kiln-fuse-epilogues`). Fails, changing
/// nothing, when there is no such op.
FailureOr<FusedOp> fuseEpilogue(RewriterBase &rewriter, Operation *anchor);

/// Fuses the attention pattern that ends in `softmax` (`matmul`, single-use
/// elementwise ops, `softmax` over the last axis, `matmul` reading the
/// probabilities) into one `kiln.fused` (`kiln-fuse-attention`). Fails,
/// changing nothing, when `softmax` is not part of that pattern.
FailureOr<FusedOp> fuseAttention(RewriterBase &rewriter, SoftmaxOp softmax);

/// Returns whether `op` may follow an anchor in a fused region: a `kiln`
/// elementwise op (unary, clip, or broadcasting arithmetic) whose result has
/// the type `type`.
bool isFusableElementwise(Operation *op, Type type);

} // namespace mlir::kiln

#endif // KILN_DIALECT_KILN_TRANSFORMS_TRANSFORMS_H
