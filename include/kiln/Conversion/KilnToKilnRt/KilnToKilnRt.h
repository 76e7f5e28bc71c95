// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The oneDNN path on the `kiln` side: which ops oneDNN can run, what they
// cost, and the patterns that turn the ones the dispatch chose into
// `kiln_rt.onednn_*` ops.

#ifndef KILN_CONVERSION_KILNTOKILNRT_KILNTOKILNRT_H
#define KILN_CONVERSION_KILNTOKILNRT_KILNTOKILNRT_H

#include "mlir/IR/Operation.h"
#include "mlir/IR/PatternMatch.h"

#include <cstdint>
#include <string>

namespace mlir::kiln {

/// The attribute the dispatch (`kiln-cpu-select-library-calls`) puts on an
/// op it gives to a library, and its value for oneDNN.
inline constexpr llvm::StringLiteral kLibraryCallAttrName = "kiln.library_call";
inline constexpr llvm::StringLiteral kOneDnnLibraryCall = "onednn";

/// What an op gives oneDNN to do, for the dispatch's cost model.
struct OneDnnWork {
  /// Multiply-adds (conv, matmul) or window reads (pooling).
  int64_t macs = 0;
  /// Bytes the shim copies per run to change layouts (native-layout
  /// activations of a conv).
  int64_t reorderBytes = 0;
  /// A matmul or gemm whose left operand has one row: each multiply-add
  /// reads a weight of its own, so memory bounds it, not arithmetic.
  bool matrixVector = false;
};

/// Returns true when oneDNN can run `op` (a `kiln.conv`, `kiln.matmul`,
/// `kiln.gemm`, `kiln.max_pool` or `kiln.avg_pool` on f32 with what oneDNN
/// 2.6 supports: constant conv weights, a constant or absent bias, ...) and
/// fills `work`; otherwise returns false and says why in `reason`.
bool isOneDnnCandidate(Operation *op, OneDnnWork &work, std::string &reason);

/// Adds the patterns that turn every op marked with `kLibraryCallAttrName`
/// = `kOneDnnLibraryCall` into its `kiln_rt.onednn_*` op, reserving
/// `scratchpadReserve` bytes of oneDNN scratchpad per op in its scratch
/// buffer (beyond the layout copies).
void populateKilnToKilnRtConversionPatterns(RewritePatternSet &patterns,
                                            int64_t scratchpadReserve);

/// Channels per block of oneDNN's native activation layout (the runtime's
/// kChannelBlock).
inline constexpr int64_t kNativeChannelBlock = 8;

/// Lets activations stay in oneDNN's native layout (channels in blocks of
/// 8, nChw8c) between oneDNN ops: the result of each `kiln_rt.onednn_conv`
/// or `kiln_rt.onednn_pool` whose channel count is a multiple of 8 and that
/// only such ops read (as their input or a conv's post operand) is marked
/// `native_layout_result`, and its readers `native_layout_input` /
/// `native_layout_post_operands`, so the shims skip the reorders to and
/// from NCHW between them.
void keepNativeLayoutBetweenOneDnnOps(Operation *root);

/// Tiles per image below which a Winograd conv's products have too few
/// rows to pay for the transforms. ResNet-18's 7x7 layers, 16 tiles of
/// 2x2 results, still gain (the model: 33.0 ms at 1 thread without them,
/// 32.0 with), but not as 4 tiles of 4x4 (the products of a 7x7x512 layer:
/// 3.95 ms against 2.38 in 2x2 tiles, 2.80 for oneDNN's direct conv).
inline constexpr int64_t kMinWinogradTiles = 16;

/// Marks `winograd` each `kiln_rt.onednn_conv` under `root` (on tensors,
/// its layouts decided) that the shim can compute by Winograd: 4x4 result
/// tiles (F(4x4, 3x3), 4 times fewer multiply-adds) where there are at
/// least `kMinWinogradTiles` of them per image, else 2x2 ones
/// (F(2x2, 3x3), 2.25 times) where there are; and adds the transforms'
/// bytes to its scratch.
void useWinogradWherePossible(Operation *root);

} // namespace mlir::kiln

#endif // KILN_CONVERSION_KILNTOKILNRT_KILNTOKILNRT_H
