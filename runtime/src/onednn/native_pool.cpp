// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Pooling over native-layout activations (N x C/8 x H x W x 8): each result
// is the maximum or mean of its window's 8-channel vectors. A window's
// rows and columns inside the input are found once per result, so the
// loads need no bounds checks; padding never counts in a maximum and, as
// in oneDNN, counts in a mean's divisor only with count_include_pad.

#include "onednn/native_pool.h"

#include "onednn/lanes.h"

#include <algorithm>
#include <limits>

using namespace kiln_rt::onednn;

namespace {

/// The taps [begin, end) of a window starting at `start` with `kernel`
/// taps `dilation` apart that fall inside [0, size).
struct Taps {
  int64_t begin, end;
};

KILN_RT_INLINE Taps tapsInside(int64_t start, int64_t kernel, int64_t dilation,
                               int64_t size) {
  // Dense windows need no division, a third of a 2x2 pooling's time.
  if (dilation == 1) {
    int64_t begin = std::max<int64_t>(0, -start);
    return {begin, std::max(begin, std::min(kernel, size - start))};
  }
  int64_t begin = start < 0 ? (-start + dilation - 1) / dilation : 0;
  int64_t end =
      start < size ? std::min(kernel, (size - 1 - start) / dilation + 1) : 0;
  return {begin, std::max(begin, end)};
}

/// One run: the shape and the run's buffers.
struct RunPool {
  const NativePool *pool;
  const float *src;
  float *dst;
};

/// Pools the result rows [begin, end), a row being (n, block, y).
template <bool Max>
KILN_RT_INLINE void poolRows(const RunPool &r, int64_t begin, int64_t end) {
  const NativePool &p = *r.pool;
  Lanes initial = {};
  if (Max)
    initial += std::numeric_limits<float>::lowest();
  int64_t channels = p.blocks * kChannelBlock;
  for (int64_t row = begin; row < end; ++row) {
    int64_t oy = row % p.outHeight, block = row / p.outHeight % p.blocks;
    int64_t n = row / (p.outHeight * p.blocks);
    int64_t y0 = oy * p.strideHeight - p.padTop;
    Taps ky = tapsInside(y0, p.kernelHeight, p.dilationHeight, p.inHeight);
    const float *plane =
        r.src + at(n, block, 0, 0, p.blocks, p.inHeight, p.inWidth);
    for (int64_t ox = 0; ox < p.outWidth; ++ox) {
      int64_t x0 = ox * p.strideWidth - p.padLeft;
      Taps kx = tapsInside(x0, p.kernelWidth, p.dilationWidth, p.inWidth);
      Lanes acc = initial;
      for (int64_t i = ky.begin; i < ky.end; ++i) {
        const float *line =
            plane + (y0 + i * p.dilationHeight) * p.inWidth * kChannelBlock;
        for (int64_t j = kx.begin; j < kx.end; ++j) {
          Lanes v;
          load(v, line + (x0 + j * p.dilationWidth) * kChannelBlock);
          if (Max) // NaN wins, as in a NaN-propagating maximum.
            acc = ((v > acc) | (v != v)) ? v : acc;
          else
            acc += v;
        }
      }
      if (!Max) {
        int64_t count = p.kind == KILN_RT_ONEDNN_POOL_AVG_INCLUDE_PAD
                            ? p.kernelHeight * p.kernelWidth
                            : (ky.end - ky.begin) * (kx.end - kx.begin);
        acc /= static_cast<float>(std::max<int64_t>(count, 1));
      }
      if (p.nativeResult) {
        store(r.dst + at(n, block, oy, ox, p.blocks, p.outHeight, p.outWidth),
              acc);
        continue;
      }
      float *out = r.dst +
                   ((n * channels + block * kChannelBlock) * p.outHeight + oy) *
                       p.outWidth +
                   ox;
      for (int l = 0; l < kChannelBlock; ++l)
        out[l * p.outHeight * p.outWidth] = acc[l];
    }
  }
}

// The parallel bodies.
KILN_RT_VECTOR_CLONES void poolMax(void *r, int64_t begin, int64_t end) {
  poolRows<true>(*static_cast<const RunPool *>(r), begin, end);
}
KILN_RT_VECTOR_CLONES void poolAverage(void *r, int64_t begin, int64_t end) {
  poolRows<false>(*static_cast<const RunPool *>(r), begin, end);
}

} // namespace

bool kiln_rt::onednn::isNativePool(const kiln_rt_onednn_pool_desc_t &d) {
  return (d.spatial_rank == 1 || d.spatial_rank == 2) && d.src_native_layout &&
         d.channels % kChannelBlock == 0;
}

kiln_rt_status_t
kiln_rt::onednn::createNativePool(Creation &c,
                                  const kiln_rt_onednn_pool_desc_t &d) {
  auto *p = static_cast<NativePool *>(kiln_rt_instance_allocate(
      c.instance, sizeof(NativePool), alignof(NativePool)));
  if (!p)
    return c.fail(KILN_RT_OUT_OF_MEMORY, "cannot allocate the pooling");
  *p = NativePool{};
  c.handle->pool = p;
  p->kind = d.kind;
  p->batch = d.batch;
  p->blocks = d.channels / kChannelBlock;
  // A 1-D pooling is one row of a 2-D one.
  int last = static_cast<int>(d.spatial_rank) - 1;
  bool twoD = d.spatial_rank == 2;
  p->inHeight = twoD ? d.in_size[0] : 1;
  p->outHeight = twoD ? d.out_size[0] : 1;
  p->kernelHeight = twoD ? d.kernel[0] : 1;
  p->strideHeight = twoD ? d.strides[0] : 1;
  p->dilationHeight = twoD ? d.dilations[0] : 1;
  p->padTop = twoD ? d.pads_begin[0] : 0;
  p->inWidth = d.in_size[last];
  p->outWidth = d.out_size[last];
  p->kernelWidth = d.kernel[last];
  p->strideWidth = d.strides[last];
  p->dilationWidth = d.dilations[last];
  p->padLeft = d.pads_begin[last];
  p->nativeResult = d.dst_native_layout != 0;
  int64_t work = d.batch * d.channels * p->outHeight * p->outWidth *
                 p->kernelHeight * p->kernelWidth;
  p->oneThread = work < kMinParallelWork;
  return KILN_RT_OK;
}

kiln_rt_status_t kiln_rt::onednn::runNativePool(const Handle *handle,
                                                kiln_rt_run_context_t *ctx,
                                                const float *src, float *dst) {
  const NativePool &p = *handle->pool;
  RunPool r = {&p, src, dst};
  int32_t threads = p.oneThread ? 1 : ctx ? ctx->num_threads : 0;
  return kiln_rt_parallel_for(p.kind == KILN_RT_ONEDNN_POOL_MAX ? poolMax
                                                                : poolAverage,
                              &r, p.batch * p.blocks * p.outHeight, threads);
}
