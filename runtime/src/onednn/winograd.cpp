// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Winograd F(2x2, 3x3) and F(4x4, 3x3) convolutions (Lavin and Gray, "Fast
// Algorithms for Convolutional Neural Networks", 2016). Each input tile d
// of 4x4 (6x6), tiles two (four) apart, becomes V = B^T d B; the 16 (36)
// positions of V are as many matrices of tiles x C, which one batched
// oneDNN matrix product multiplies by the transformed weights U = G g G^T
// (C x M each); each product tile m becomes its 2x2 (4x4) results A^T m A,
// to which the bias and the post-ops are added. Activations are in the
// native layout (nChw8c), so every step works on the 8 channels of a block
// at once.

#include "onednn/winograd.h"

#include "onednn/lanes.h"

#include <cstring>

using namespace kiln_rt::onednn;

namespace {

/// F(2x2, 3x3) along one dimension: `x` and `y` are `stride` elements
/// apart.
struct F2 {
  static constexpr int kTile = 2, kInput = 4;
  /// y = B^T x, B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1].
  template <typename V>
  KILN_RT_INLINE static void input(const V *x, int s, V *y, int t) {
    y[0] = x[0] - x[2 * s];
    y[t] = x[s] + x[2 * s];
    y[2 * t] = x[2 * s] - x[s];
    y[3 * t] = x[s] - x[3 * s];
  }
  /// y = A^T x, A^T = [1 1 1 0; 0 1 -1 -1].
  template <typename V>
  KILN_RT_INLINE static void output(const V *x, int s, V *y, int t) {
    y[0] = x[0] + x[s] + x[2 * s];
    y[t] = x[s] - x[2 * s] - x[3 * s];
  }
  /// y = G x, G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1].
  static void weights(const float *x, int s, float *y, int t) {
    y[0] = x[0];
    y[t] = 0.5f * (x[0] + x[s] + x[2 * s]);
    y[2 * t] = 0.5f * (x[0] - x[s] + x[2 * s]);
    y[3 * t] = x[2 * s];
  }
};

/// F(4x4, 3x3) along one dimension, with the points 0, 1, -1, 2, -2.
struct F4 {
  static constexpr int kTile = 4, kInput = 6;
  /// y = B^T x, B^T = [4 0 -5 0 1 0; 0 -4 -4 1 1 0; 0 4 -4 -1 1 0;
  /// 0 -2 -1 2 1 0; 0 2 -1 -2 1 0; 0 4 0 -5 0 1].
  template <typename V>
  KILN_RT_INLINE static void input(const V *x, int s, V *y, int t) {
    V x0 = x[0], x1 = x[s], x2 = x[2 * s], x3 = x[3 * s], x4 = x[4 * s],
      x5 = x[5 * s];
    y[0] = 4.0f * x0 - 5.0f * x2 + x4;
    y[t] = x4 + x3 - 4.0f * (x1 + x2);
    y[2 * t] = x4 - x3 + 4.0f * (x1 - x2);
    y[3 * t] = x4 - x2 + 2.0f * (x3 - x1);
    y[4 * t] = x4 - x2 - 2.0f * (x3 - x1);
    y[5 * t] = 4.0f * x1 - 5.0f * x3 + x5;
  }
  /// y = A^T x, A^T = [1 1 1 1 1 0; 0 1 -1 2 -2 0; 0 1 1 4 4 0;
  /// 0 1 -1 8 -8 1].
  template <typename V>
  KILN_RT_INLINE static void output(const V *x, int s, V *y, int t) {
    V sum12 = x[s] + x[2 * s], diff12 = x[s] - x[2 * s];
    V sum34 = x[3 * s] + x[4 * s], diff34 = x[3 * s] - x[4 * s];
    y[0] = x[0] + sum12 + sum34;
    y[t] = diff12 + 2.0f * diff34;
    y[2 * t] = sum12 + 4.0f * sum34;
    y[3 * t] = diff12 + 8.0f * diff34 + x[5 * s];
  }
  /// y = G x, G = [1/4 0 0; -1/6 -1/6 -1/6; -1/6 1/6 -1/6;
  /// 1/24 1/12 1/6; 1/24 -1/12 1/6; 0 0 1].
  static void weights(const float *x, int s, float *y, int t) {
    float x0 = x[0], x1 = x[s], x2 = x[2 * s];
    y[0] = x0 / 4.0f;
    y[t] = -(x0 + x1 + x2) / 6.0f;
    y[2 * t] = -(x0 - x1 + x2) / 6.0f;
    y[3 * t] = x0 / 24.0f + x1 / 12.0f + x2 / 6.0f;
    y[4 * t] = x0 / 24.0f - x1 / 12.0f + x2 / 6.0f;
    y[5 * t] = x2;
  }
};

/// Transforms 3x3 weights `g` (ONNX's M x C x 3 x 3) into U[position][C][M].
template <typename F>
void transformWeights(const float *g, float *u, int64_t channels,
                      int64_t outChannels) {
  constexpr int T = F::kInput;
  for (int64_t m = 0; m < outChannels; ++m)
    for (int64_t c = 0; c < channels; ++c) {
      const float *w = g + (m * channels + c) * 9;
      float columns[T][3], tile[T][T];
      for (int j = 0; j < 3; ++j) // G g: T x 3
        F::weights(w + j, 3, &columns[0][j], 3);
      for (int i = 0; i < T; ++i) // (G g) G^T: T x T
        F::weights(&columns[i][0], 1, &tile[i][0], 1);
      for (int i = 0; i < T; ++i)
        for (int j = 0; j < T; ++j)
          u[((i * T + j) * channels + c) * outChannels + m] = tile[i][j];
    }
}

/// One run's transforms: the shapes, the run's buffers.
struct RunTransforms {
  const Winograd *w;
  const float *src;
  float *dst;
  float *input;    ///< V[position][tiles][C]
  float *products; ///< M[position][tiles][M]
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
template <typename F>
KILN_RT_INLINE void transformInput(const RunTransforms &r, int64_t begin,
                                   int64_t end) {
  constexpr int T = F::kInput;
  const Winograd &w = *r.w;
  int64_t blocks = w.channels / kChannelBlock, tiles = w.tiles();
  for (int64_t i = begin; i < end; ++i) {
    int64_t t = i / blocks, block = i % blocks, n, ty, tx;
    tileOf(w, t, &n, &ty, &tx);
    Lanes d[T][T];
    for (int y = 0; y < T; ++y)
      for (int x = 0; x < T; ++x) {
        int64_t iy = F::kTile * ty - w.padTop + y;
        int64_t ix = F::kTile * tx - w.padLeft + x;
        d[y][x] = Lanes{};
        if (iy >= 0 && iy < w.inHeight && ix >= 0 && ix < w.inWidth)
          load(d[y][x],
               r.src + at(n, block, iy, ix, blocks, w.inHeight, w.inWidth));
      }
    Lanes e[T][T], v[T][T];
    for (int x = 0; x < T; ++x) // B^T d, column by column
      F::input(&d[0][x], T, &e[0][x], T);
    for (int y = 0; y < T; ++y) // (B^T d) B, row by row
      F::input(&e[y][0], 1, &v[y][0], 1);
    for (int y = 0; y < T; ++y)
      for (int x = 0; x < T; ++x)
        store(r.input + ((y * T + x) * tiles + t) * w.channels +
                  block * kChannelBlock,
              v[y][x]);
  }
}

/// Y = A^T m A, then the bias and the post-ops, for the (tile, output
/// channel block) pairs [begin, end).
template <typename F>
KILN_RT_INLINE void transformOutput(const RunTransforms &r, int64_t begin,
                                    int64_t end) {
  constexpr int T = F::kInput, M = F::kTile;
  const Winograd &w = *r.w;
  int64_t blocks = w.outChannels / kChannelBlock, tiles = w.tiles();
  for (int64_t i = begin; i < end; ++i) {
    int64_t t = i / blocks, block = i % blocks, n, ty, tx;
    tileOf(w, t, &n, &ty, &tx);
    Lanes m[T][T], e[M][T], y[M][M];
    for (int py = 0; py < T; ++py)
      for (int px = 0; px < T; ++px)
        load(m[py][px], r.products +
                            ((py * T + px) * tiles + t) * w.outChannels +
                            block * kChannelBlock);
    for (int x = 0; x < T; ++x) // A^T m, column by column
      F::output(&m[0][x], T, &e[0][x], T);
    for (int row = 0; row < M; ++row) // (A^T m) A, row by row
      F::output(&e[row][0], 1, &y[row][0], 1);
    Lanes bias = {};
    if (w.bias)
      load(bias, w.bias + block * kChannelBlock);
    for (int row = 0; row < M; ++row)
      for (int column = 0; column < M; ++column) {
        int64_t oy = M * ty + row, ox = M * tx + column;
        if (oy >= w.outHeight || ox >= w.outWidth)
          continue;
        int64_t offset = at(n, block, oy, ox, blocks, w.outHeight, w.outWidth);
        Lanes v = y[row][column] + bias;
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

// The parallel bodies, one per transform and tile size.
KILN_RT_VECTOR_CLONES void input2(void *r, int64_t begin, int64_t end) {
  transformInput<F2>(*static_cast<const RunTransforms *>(r), begin, end);
}
KILN_RT_VECTOR_CLONES void input4(void *r, int64_t begin, int64_t end) {
  transformInput<F4>(*static_cast<const RunTransforms *>(r), begin, end);
}
KILN_RT_VECTOR_CLONES void output2(void *r, int64_t begin, int64_t end) {
  transformOutput<F2>(*static_cast<const RunTransforms *>(r), begin, end);
}
KILN_RT_VECTOR_CLONES void output4(void *r, int64_t begin, int64_t end) {
  transformOutput<F4>(*static_cast<const RunTransforms *>(r), begin, end);
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
  w->tile = d.algorithm == KILN_RT_ONEDNN_CONV_WINOGRAD_4X4 ? 4 : 2;
  w->tilesHigh = (d.out_size[0] + w->tile - 1) / w->tile;
  w->tilesWide = (d.out_size[1] + w->tile - 1) / w->tile;
  w->bias = d.has_bias ? bias : nullptr;
  w->numPostOps = d.num_post_ops;
  memcpy(w->postOps, d.post_ops, sizeof(w->postOps));

  // One product tiles x C by C x M per position, weights in the layout
  // oneDNN wants.
  int64_t tiles = w->tiles(), positions = w->positions();
  int64_t srcDims[3] = {positions, tiles, d.in_channels};
  int64_t weightDims[3] = {positions, d.in_channels, d.out_channels};
  int64_t dstDims[3] = {positions, tiles, d.out_channels};
  dnnl_memory_desc_t src, userWeights, anyWeights, dst;
  dnnl_dims_t any = {positions, d.in_channels, d.out_channels};
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
  c.work = positions * tiles * d.in_channels * d.out_channels;
  PostOps none = {nullptr, 0, 3, Layout::RowMajor};
  int64_t transforms = kiln_rt_onednn_winograd_scratch(&d);
  kiln_rt_status_t status =
      createPrimitive(c, &matmul, none, src, dst, d.scratch_size - transforms);
  if (status != KILN_RT_OK)
    return status;

  size_t filterBytes =
      positions * d.in_channels * d.out_channels * sizeof(float);
  w->filter = static_cast<float *>(
      kiln_rt_instance_allocate(c.instance, filterBytes, 64));
  if (!w->filter)
    return c.fail(KILN_RT_OUT_OF_MEMORY, "cannot allocate the weights");
  if (w->tile == 4)
    transformWeights<F4>(weights, w->filter, d.in_channels, d.out_channels);
  else
    transformWeights<F2>(weights, w->filter, d.in_channels, d.out_channels);
  status = packWeights(c, userWeights, w->filter, /*scale=*/1.0f);
  // Packed into memory of the handle: the transformed copy has served.
  if (status == KILN_RT_OK && c.handle->weightsData) {
    kiln_rt_instance_deallocate(c.instance, w->filter);
    w->filter = nullptr;
  }
  return status == KILN_RT_OK ? warmUp(c) : status;
}

kiln_rt_status_t kiln_rt::onednn::runWinograd(const Handle *handle,
                                              kiln_rt_run_context_t *ctx,
                                              const float *src, float *dst,
                                              void *scratch,
                                              void *const *binaries) {
  const Winograd &w = *handle->winograd;
  int64_t tiles = w.tiles();
  auto *bytes = static_cast<char *>(scratch);
  int64_t positions = w.positions();
  int64_t inputBytes = (positions * tiles * w.channels * 4 + 63) / 64 * 64;
  int64_t productBytes = (positions * tiles * w.outChannels * 4 + 63) / 64 * 64;
  RunTransforms r = {&w,
                     src,
                     dst,
                     reinterpret_cast<float *>(bytes),
                     reinterpret_cast<float *>(bytes + inputBytes),
                     binaries};
  int32_t threads = ctx ? ctx->num_threads : 0;
  kiln_rt_status_t status =
      kiln_rt_parallel_for(w.tile == 4 ? input4 : input2, &r,
                           tiles * (w.channels / kChannelBlock), threads);
  if (status == KILN_RT_OK)
    status = runHandle(handle, Kind::Conv, ctx, r.input, nullptr, r.products,
                       bytes + inputBytes + productBytes, nullptr);
  if (status == KILN_RT_OK)
    status =
        kiln_rt_parallel_for(w.tile == 4 ? output4 : output2, &r,
                             tiles * (w.outChannels / kChannelBlock), threads);
  return status;
}
