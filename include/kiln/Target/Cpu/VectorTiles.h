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

/// Returns the lanes of the vector tiles of a loop of `range` iterations:
/// its largest divisor up to `maxLanes`, or the whole loop when that
/// divisor is below 8 and the loop is at most four times `maxLanes` (a
/// softmax over 197 tokens: one 197-lane vector, which LLVM splits into
/// full registers and a remainder, rather than 197 one-lane tiles).
int64_t vectorTile(int64_t range, int64_t maxLanes);

/// Returns the columns of one vector tile of a matrix product of `rows` by
/// `columns`: a block of up to `kRowBlock` rows shares the accumulators
/// one row of `maxVectorLanes` would have.
int64_t contractionTileColumns(int64_t rows, int64_t columns,
                               int64_t maxVectorLanes);

} // namespace mlir::kiln::cpu

#endif // KILN_TARGET_CPU_VECTORTILES_H
