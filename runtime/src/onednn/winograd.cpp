// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Winograd F(2x2, 3x3) convolutions (Lavin and Gray, "Fast Algorithms for
// Convolutional Neural Networks", 2016). Each 4x4 input tile d (tiles two
// apart) becomes V = B^T d B; the 16 positions of V are 16 matrices of
// tiles x C, which one batched oneDNN matrix product multiplies by the
// transformed weights U = G g G^T (C x M each); each 4x4 product tile m
// becomes the 2x2 results A^T m A, to which the bias and the post-ops are
// added. Activations are in the native layout (nChw8c), so every step
// works on the 8 channels of a block at once.

#include "onednn/winograd.h"

#include <cstring>

using namespace kiln_rt::onednn;

namespace {

/// The 8 channels of one block.
typedef float Lanes __attribute__((vector_size(32)));

/// The transforms are compiled twice on x86-64, for AVX2 (one register per
/// block of channels) and the baseline (two), and the loader picks one for
/// the CPU: 13% of ResNet-18's run at 1 thread was theirs with SSE2 only.
#if defined(__x86_64__) && defined(__linux__)
#define KILN_RT_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define KILN_RT_VECTOR_CLONES
#endif

// Lanes go by reference: by value, their ABI would differ between the
// clones below.
void load(Lanes &v, const float *from) { std::memcpy(&v, from, sizeof(v)); }

void store(float *to, const Lanes &v) { std::memcpy(to, &v, sizeof(v)); }

/// The offset of (n, channel block, y, x) in a native-layout tensor.
int64_t at(int64_t n, int64_t block, int64_t y, int64_t x, int64_t blocks,
           int64_t height, int64_t width) {
  return (((n * blocks + block) * height + y) * width + x) * kChannelBlock;
}

/// Transforms 3x3 weights `g` (ONNX's M x C x 3 x 3) into U[16][C][M].
void transformWeights(const float *g, float *u, int64_t channels,
                      int64_t outChannels) {
  for (int64_t m = 0; m < outChannels; ++m)
    for (int64_t c = 0; c < channels; ++c) {
      const float *w = g + (m * channels + c) * 9;
      // G g: 4x3, then (G g) G^T: 4x4, with G = [1 0 0; .5 .5 .5;
      // .5 -.5 .5; 0 0 1].
      float t[4][3];
      for (int j = 0; j < 3; ++j) {
        t[0][j] = w[j];
        t[1][j] = 0.5f * (w[j] + w[3 + j] + w[6 + j]);
        t[2][j] = 0.5f * (w[j] - w[3 + j] + w[6 + j]);
        t[3][j] = w[6 + j];
      }
      for (int i = 0; i < 4; ++i) {
        float r[4] = {t[i][0], 0.5f * (t[i][0] + t[i][1] + t[i][2]),
                      0.5f * (t[i][0] - t[i][1] + t[i][2]), t[i][2]};
        for (int j = 0; j < 4; ++j)
          u[((i * 4 + j) * channels + c) * outChannels + m] = r[j];
      }
    }
}

/// One run's transforms: the shapes, the run's buffers.
struct RunTransforms {
  const Winograd *w;
  const float *src;
  float *dst;
  float *input;    ///< V[16][tiles][C]
  float *products; ///< M[16][tiles][M]
  void *const *binaries;
};

/// The tile `t` as (n, tile row, tile column).
void tileOf(const Winograd &w, int64_t t, int64_t *n, int64_t *ty,
            int64_t *tx) {
  *tx = t % w.tilesWide;
  *ty = t / w.tilesWide % w.tilesHigh;
  *n = t / (w.tilesWide * w.tilesHigh);
}

/// V = B^T d B for the (tile, channel block) pairs [begin, end).
KILN_RT_VECTOR_CLONES void transformInput(void *opaque, int64_t begin,
                                          int64_t end) {
  const RunTransforms &r = *static_cast<const RunTransforms *>(opaque);
  const Winograd &w = *r.w;
  int64_t blocks = w.channels / kChannelBlock, tiles = w.tiles();
  for (int64_t i = begin; i < end; ++i) {
    int64_t t = i / blocks, block = i % blocks, n, ty, tx;
    tileOf(w, t, &n, &ty, &tx);
    Lanes d[4][4];
    for (int y = 0; y < 4; ++y)
      for (int x = 0; x < 4; ++x) {
        int64_t iy = 2 * ty - w.padTop + y, ix = 2 * tx - w.padLeft + x;
        bool inside = iy >= 0 && iy < w.inHeight && ix >= 0 && ix < w.inWidth;
        d[y][x] = Lanes{};
        if (inside)
          load(d[y][x],
               r.src + at(n, block, iy, ix, blocks, w.inHeight, w.inWidth));
      }
    // B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1], on rows then columns.
    Lanes e[4][4];
    for (int x = 0; x < 4; ++x) {
      e[0][x] = d[0][x] - d[2][x];
      e[1][x] = d[1][x] + d[2][x];
      e[2][x] = d[2][x] - d[1][x];
      e[3][x] = d[1][x] - d[3][x];
    }
    for (int y = 0; y < 4; ++y) {
      Lanes v[4] = {e[y][0] - e[y][2], e[y][1] + e[y][2], e[y][2] - e[y][1],
                    e[y][1] - e[y][3]};
      for (int x = 0; x < 4; ++x)
        store(r.input + ((y * 4 + x) * tiles + t) * w.channels +
                  block * kChannelBlock,
              v[x]);
    }
  }
}

/// Y = A^T m A, then the bias and the post-ops, for the (tile, output
/// channel block) pairs [begin, end).
KILN_RT_VECTOR_CLONES void transformOutput(void *opaque, int64_t begin,
                                           int64_t end) {
  const RunTransforms &r = *static_cast<const RunTransforms *>(opaque);
  const Winograd &w = *r.w;
  int64_t blocks = w.outChannels / kChannelBlock, tiles = w.tiles();
  for (int64_t i = begin; i < end; ++i) {
    int64_t t = i / blocks, block = i % blocks, n, ty, tx;
    tileOf(w, t, &n, &ty, &tx);
    Lanes m[4][4];
    for (int y = 0; y < 4; ++y)
      for (int x = 0; x < 4; ++x)
        load(m[y][x], r.products + ((y * 4 + x) * tiles + t) * w.outChannels +
                          block * kChannelBlock);
    // A^T = [1 1 1 0; 0 1 -1 -1], on rows then columns.
    Lanes e[2][4];
    for (int x = 0; x < 4; ++x) {
      e[0][x] = m[0][x] + m[1][x] + m[2][x];
      e[1][x] = m[1][x] - m[2][x] - m[3][x];
    }
    Lanes bias = {};
    if (w.bias)
      load(bias, w.bias + block * kChannelBlock);
    for (int y = 0; y < 2; ++y)
      for (int x = 0; x < 2; ++x) {
        int64_t oy = 2 * ty + y, ox = 2 * tx + x;
        if (oy >= w.outHeight || ox >= w.outWidth)
          continue;
        int64_t offset = at(n, block, oy, ox, blocks, w.outHeight, w.outWidth);
        Lanes v = (x == 0 ? e[y][0] + e[y][1] + e[y][2]
                          : e[y][1] - e[y][2] - e[y][3]) +
                  bias;
        for (int64_t p = 0, binary = 0; p < w.numPostOps; ++p) {
          const kiln_rt_onednn_post_op_t &op = w.postOps[p];
          float alpha = static_cast<float>(op.alpha);
          float beta = static_cast<float>(op.beta);
          switch (op.kind) {
          case KILN_RT_ONEDNN_RELU:
            v = v > 0 ? v : v * alpha;
            break;
          case KILN_RT_ONEDNN_CLIP:
            v = v < alpha ? Lanes{} + alpha : v;
            v = v > beta ? Lanes{} + beta : v;
            break;
          case KILN_RT_ONEDNN_ADD: {
            Lanes residual;
            load(residual,
                 static_cast<const float *>(r.binaries[binary++]) + offset);
            v += residual;
            break;
          }
          }
        }
        store(r.dst + offset, v);
      }
  }
}

} // namespace

const char *
kiln_rt::onednn::winogradUnsupported(const kiln_rt_onednn_conv_desc_t &d) {
  if (d.spatial_rank != 2 || d.groups != 1 || d.kernel[0] != 3 ||
      d.kernel[1] != 3)
    return "Winograd needs a 2-D 3x3 convolution of one group";
  for (int i = 0; i < 2; ++i)
    if (d.strides[i] != 1 || d.dilations[i] != 1 || d.pads_begin[i] > 1 ||
        d.pads_end[i] > 1 ||
        d.out_size[i] != d.in_size[i] + d.pads_begin[i] + d.pads_end[i] - 2)
      return "Winograd needs unit strides and dilations and pads of 0 or 1";
  if (!d.src_native_layout || !d.dst_native_layout ||
      d.in_channels % kChannelBlock || d.out_channels % kChannelBlock)
    return "Winograd needs the native layout with channels in whole blocks";
  for (int64_t i = 0; i < d.num_post_ops; ++i) {
    const kiln_rt_onednn_post_op_t &op = d.post_ops[i];
    bool fullShape = op.rank == 4 && op.dims[0] == d.batch &&
                     op.dims[1] == d.out_channels &&
                     op.dims[2] == d.out_size[0] && op.dims[3] == d.out_size[1];
    if (op.kind != KILN_RT_ONEDNN_RELU && op.kind != KILN_RT_ONEDNN_CLIP &&
        !(op.kind == KILN_RT_ONEDNN_ADD && fullShape && op.native_layout))
      return "Winograd takes relu, clip and the add of a result-shaped "
             "operand in the native layout as post-ops";
  }
  if (d.scratch_size < kiln_rt_onednn_winograd_scratch(&d))
    return "the scratch buffer cannot hold the Winograd transforms";
  return nullptr;
}

kiln_rt_status_t
kiln_rt::onednn::createWinograd(Creation &c,
                                const kiln_rt_onednn_conv_desc_t &d,
                                const float *weights, const float *bias) {
  auto *w = static_cast<Winograd *>(kiln_rt_instance_allocate(
      c.instance, sizeof(Winograd), alignof(Winograd)));
  if (!w)
    return c.fail(KILN_RT_OUT_OF_MEMORY, "cannot allocate the Winograd state");
  memset(w, 0, sizeof(Winograd));
  c.handle->winograd = w;
  w->batch = d.batch;
  w->channels = d.in_channels;
  w->outChannels = d.out_channels;
  w->inHeight = d.in_size[0];
  w->inWidth = d.in_size[1];
  w->outHeight = d.out_size[0];
  w->outWidth = d.out_size[1];
  w->padTop = d.pads_begin[0];
  w->padLeft = d.pads_begin[1];
  w->tilesHigh = (d.out_size[0] + 1) / 2;
  w->tilesWide = (d.out_size[1] + 1) / 2;
  w->bias = d.has_bias ? bias : nullptr;
  w->numPostOps = d.num_post_ops;
  memcpy(w->postOps, d.post_ops, sizeof(w->postOps));

  // The 16 products tiles x C by C x M, weights in the layout oneDNN wants.
  int64_t tiles = w->tiles();
  int64_t srcDims[3] = {16, tiles, d.in_channels};
  int64_t weightDims[3] = {16, d.in_channels, d.out_channels};
  int64_t dstDims[3] = {16, tiles, d.out_channels};
  dnnl_memory_desc_t src, userWeights, anyWeights, dst;
  dnnl_dims_t any = {16, d.in_channels, d.out_channels};
  dnnl_status_t s = initRowMajor(&src, 3, srcDims);
  if (s == dnnl_success)
    s = initRowMajor(&userWeights, 3, weightDims);
  if (s == dnnl_success)
    s = initRowMajor(&dst, 3, dstDims);
  if (s == dnnl_success)
    s = dnnl_memory_desc_init_by_tag(&anyWeights, 3, any, dnnl_f32,
                                     dnnl_format_tag_any);
  if (s != dnnl_success)
    return c.fail("memory descriptor", s);
  dnnl_matmul_desc_t matmul;
  if ((s = dnnl_matmul_desc_init(&matmul, &src, &anyWeights, nullptr, &dst)))
    return c.fail("matmul descriptor", s);
  c.work = 16 * tiles * d.in_channels * d.out_channels;
  PostOps none = {nullptr, 0, 3, Layout::RowMajor};
  int64_t transforms = kiln_rt_onednn_winograd_scratch(&d);
  kiln_rt_status_t status =
      createPrimitive(c, &matmul, none, src, dst, d.scratch_size - transforms);
  if (status != KILN_RT_OK)
    return status;

  size_t filterBytes = 16 * d.in_channels * d.out_channels * sizeof(float);
  w->filter = static_cast<float *>(
      kiln_rt_instance_allocate(c.instance, filterBytes, 64));
  if (!w->filter)
    return c.fail(KILN_RT_OUT_OF_MEMORY, "cannot allocate the weights");
  transformWeights(weights, w->filter, d.in_channels, d.out_channels);
  status = packWeights(c, userWeights, w->filter, /*scale=*/1.0f);
  // Packed into memory of the handle: the transformed copy has served.
  if (status == KILN_RT_OK && c.handle->weightsData) {
    kiln_rt_instance_deallocate(c.instance, w->filter);
    w->filter = nullptr;
  }
  return status;
}

kiln_rt_status_t kiln_rt::onednn::runWinograd(const Handle *handle,
                                              kiln_rt_run_context_t *ctx,
                                              const float *src, float *dst,
                                              void *scratch,
                                              void *const *binaries) {
  const Winograd &w = *handle->winograd;
  int64_t tiles = w.tiles();
  auto *bytes = static_cast<char *>(scratch);
  int64_t inputBytes = (16 * tiles * w.channels * 4 + 63) / 64 * 64;
  int64_t productBytes = (16 * tiles * w.outChannels * 4 + 63) / 64 * 64;
  RunTransforms r = {&w,
                     src,
                     dst,
                     reinterpret_cast<float *>(bytes),
                     reinterpret_cast<float *>(bytes + inputBytes),
                     binaries};
  int32_t threads = ctx ? ctx->num_threads : 0;
  kiln_rt_status_t status = kiln_rt_parallel_for(
      transformInput, &r, tiles * (w.channels / kChannelBlock), threads);
  if (status == KILN_RT_OK)
    status = runHandle(handle, Kind::Conv, ctx, r.input, nullptr, r.products,
                       bytes + inputBytes + productBytes, nullptr);
  if (status == KILN_RT_OK)
    status = kiln_rt_parallel_for(
        transformOutput, &r, tiles * (w.outChannels / kChannelBlock), threads);
  return status;
}
