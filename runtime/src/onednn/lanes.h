// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The 8 channels of a native-layout block as one vector, for the kernels
// the shims compute themselves (Winograd's transforms, pooling).

#ifndef KILN_RT_SRC_ONEDNN_LANES_H
#define KILN_RT_SRC_ONEDNN_LANES_H

#include "onednn/common.h"

#include <cstring>

namespace kiln_rt::onednn {

/// The 8 channels of one block.
typedef float Lanes __attribute__((vector_size(32)));
static_assert(sizeof(Lanes) == kChannelBlock * sizeof(float));

/// The kernels are compiled twice on x86-64, for AVX2 (one register per
/// block of channels) and the baseline (two), and the loader picks one for
/// the CPU: 13% of ResNet-18's run at 1 thread was Winograd's transforms
/// with SSE2 only.
#if defined(__x86_64__) && defined(__linux__)
#define KILN_RT_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define KILN_RT_VECTOR_CLONES
#endif
/// For the helpers of the clones, compiled into each.
#define KILN_RT_INLINE inline __attribute__((always_inline))

// Lanes go by reference: by value, their ABI would differ between the
// clones.
KILN_RT_INLINE void load(Lanes &v, const float *from) {
  std::memcpy(&v, from, sizeof(v));
}

KILN_RT_INLINE void store(float *to, const Lanes &v) {
  std::memcpy(to, &v, sizeof(v));
}

/// The offset of (n, channel block, y, x) in a native-layout tensor.
inline int64_t at(int64_t n, int64_t block, int64_t y, int64_t x,
                  int64_t blocks, int64_t height, int64_t width) {
  return (((n * blocks + block) * height + y) * width + x) * kChannelBlock;
}

} // namespace kiln_rt::onednn

#endif // KILN_RT_SRC_ONEDNN_LANES_H
