// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// How `kiln-cpu-tile-and-vectorize` shapes a tile, shared with the pass
// that lays constants out for those tiles (`kiln-cpu-pack-constant-operands`).

#ifndef KILN_TARGET_CPU_VECTORTILES_H
#define KILN_TARGET_CPU_VECTORTILES_H

#include <cstdint>

namespace mlir::kiln::cpu {

/// Rows of a matrix product's result that one vector tile computes: each
/// vector of `B` it loads serves all of them.
inline constexpr int64_t kRowBlock = 4;

/// Returns the largest divisor of `extent` that is at most `most`.
int64_t largestDivisorAtMost(int64_t extent, int64_t most);

/// Lanes of one 256-bit register of f32: the fewest a power-of-two vector
/// tile has.
inline constexpr int64_t kRegisterLanes = 8;

/// Returns the lanes of the vector tiles of a loop of `range` iterations:
/// its largest power-of-two divisor from `kRegisterLanes` up to
/// `maxLanes` (LLVM widens other lengths to the next power of two and
/// assembles their loads lane by lane: 1000 columns get 8 lanes, not 50);
/// else its largest divisor up to `maxLanes`, or the whole loop when that
/// divisor is below 8 and the loop is at most four times `maxLanes` (a
/// softmax over 197 tokens: one 197-lane vector rather than 197 one-lane
/// tiles).
int64_t vectorTile(int64_t range, int64_t maxLanes);

/// Returns the lanes of the vector tiles of a matrix product of `rows` by
/// `columns`, the width of a panel of a packed `B`: a block of up to
/// `kRowBlock` rows shares the accumulators one row of `maxVectorLanes`
/// would have, and a tile whose lanes leave some of those over computes
/// several panels.
int64_t contractionTileColumns(int64_t rows, int64_t columns,
                               int64_t maxVectorLanes);

} // namespace mlir::kiln::cpu

#endif // KILN_TARGET_CPU_VECTORTILES_H
