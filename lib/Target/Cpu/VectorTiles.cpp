// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The shapes of the CPU back end's vector tiles.

#include "kiln/Target/Cpu/VectorTiles.h"

#include "llvm/ADT/bit.h"

#include <algorithm>

namespace mlir::kiln::cpu {

int64_t largestDivisorAtMost(int64_t extent, int64_t most) {
  for (int64_t t = std::min(extent, most); t > 1; --t)
    if (extent % t == 0)
      return t;
  return 1;
}

int64_t vectorTile(int64_t range, int64_t maxLanes) {
  int64_t most = std::min(range, maxLanes);
  for (int64_t lanes = most > 0 ? llvm::bit_floor(uint64_t(most)) : 0;
       lanes >= kRegisterLanes; lanes /= 2)
    if (range % lanes == 0)
      return lanes;
  int64_t lanes = largestDivisorAtMost(range, maxLanes);
  if (lanes < 8 && range <= 4 * maxLanes)
    return range;
  return lanes;
}

int64_t contractionTileColumns(int64_t rows, int64_t columns,
                               int64_t maxVectorLanes) {
  return vectorTile(columns,
                    maxVectorLanes / largestDivisorAtMost(rows, kRowBlock));
}

} // namespace mlir::kiln::cpu
