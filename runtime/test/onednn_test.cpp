// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Tests the oneDNN shims against plain reference loops: convolution
// (grouped, depthwise, 1-D, post-ops), matrix product (broadcast batches,
// transposes, alpha/beta, run-time weights), pooling (the shim's own and
// oneDNN's), the scratch budget, bad descriptors, and concurrent runs of
// one instance.

#include "kiln_rt/kiln_rt_onednn.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <thread>
#include <vector>

using namespace kiln_rt::test;

// libgomp's, which the runtime links.
extern "C" int omp_get_max_threads(void);

namespace {

/// A 64-byte aligned float buffer.
struct Buffer {
  explicit Buffer(size_t count) : data(count + 16) {}
  float *get() {
    auto address = reinterpret_cast<uintptr_t>(data.data());
    return reinterpret_cast<float *>((address + 63) / 64 * 64);
  }
  std::vector<float> data;
};

/// Deterministic values in [-1, 1).
std::vector<float> values(size_t count, unsigned seed) {
  std::vector<float> v(count);
  unsigned x = seed * 2654435761u + 1;
  for (float &f : v) {
    x = x * 1664525u + 1013904223u;
    f = static_cast<float>((x >> 8) & 0xffff) / 32768.0f - 1.0f;
  }
  return v;
}

/// Returns the N x C x S tensor `v` in oneDNN's native layout: stored
/// N x C/8 x S x 8 when C is a multiple of 8, N x S x C otherwise.
std::vector<float> toNativeLayout(const std::vector<float> &v, int64_t n,
                                  int64_t c) {
  int64_t spatial = static_cast<int64_t>(v.size()) / (n * c);
  std::vector<float> out(v.size());
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < c; ++j)
      for (int64_t k = 0; k < spatial; ++k) {
        int64_t at = c % 8 == 0
                         ? ((i * (c / 8) + j / 8) * spatial + k) * 8 + j % 8
                         : (i * spatial + k) * c + j;
        out[at] = v[(i * c + j) * spatial + k];
      }
  return out;
}

void expectNear(const float *got, const std::vector<float> &want,
                float tolerance = 1e-4f) {
  for (size_t i = 0; i < want.size(); ++i)
    ASSERT_NEAR(got[i], want[i], tolerance + 1e-4f * std::fabs(want[i]))
        << "at " << i;
}

class OneDnn : public ::testing::Test {
protected:
  void SetUp() override {
    desc = makeDesc();
    desc.instance_size = KILN_RT_INSTANCE_STATE_OFFSET + 64;
    kiln_rt_options_t opts = {&allocator.allocator, LogCapture::log, &log};
    ASSERT_EQ(kiln_rt_instance_create(&desc, &opts, nullptr, &instance),
              KILN_RT_OK);
    ctx = {instance, kiln_rt_instance_state(instance), nullptr, 0, KILN_RT_OK};
  }
  void TearDown() override {
    kiln_rt_instance_destroy(instance);
    // Every handle's memory went back through the instance's allocator.
    EXPECT_EQ(allocator.allocations, allocator.deallocations);
  }

public:
  kiln_rt_model_desc_t desc;
  CountingAllocator allocator;
  LogCapture log;
  kiln_rt_instance_t *instance = nullptr;
  kiln_rt_run_context_t ctx;
};

//===--- Convolution ------------------------------------------------------===//

/// A 2-D conv and its reference, NCHW/OIHW, with optional bias, relu and
/// residual add.
struct Conv2d {
  int64_t n = 1, c = 4, h = 7, w = 6, m = 8, group = 1, kh = 3, kw = 3;
  int64_t stride = 1, dil = 1, pad = 1;
  bool bias = true, relu = false, residual = false;
  /// The caller's input / result (and residual) in the native layout.
  bool nativeLayoutIn = false, nativeLayoutOut = false;
  int64_t algorithm = KILN_RT_ONEDNN_CONV_DIRECT;
  /// The absolute error allowed beside 1e-4 of the reference.
  float tolerance = 1e-4f;

  int64_t oh() const { return (h + 2 * pad - dil * (kh - 1) - 1) / stride + 1; }
  int64_t ow() const { return (w + 2 * pad - dil * (kw - 1) - 1) / stride + 1; }

  kiln_rt_onednn_conv_desc_t desc(int64_t scratch) const {
    kiln_rt_onednn_conv_desc_t d = {};
    d.spatial_rank = 2;
    d.batch = n;
    d.in_channels = c;
    d.out_channels = m;
    d.groups = group;
    d.has_bias = bias;
    int64_t in[2] = {h, w}, out[2] = {oh(), ow()}, k[2] = {kh, kw};
    for (int i = 0; i < 2; ++i) {
      d.in_size[i] = in[i];
      d.out_size[i] = out[i];
      d.kernel[i] = k[i];
      d.strides[i] = stride;
      d.dilations[i] = dil;
      d.pads_begin[i] = d.pads_end[i] = pad;
    }
    d.scratch_size = scratch;
    d.src_native_layout = nativeLayoutIn;
    d.dst_native_layout = nativeLayoutOut;
    d.algorithm = algorithm;
    if (residual) {
      kiln_rt_onednn_post_op_t &add = d.post_ops[d.num_post_ops++];
      add.kind = KILN_RT_ONEDNN_ADD;
      add.native_layout = nativeLayoutOut;
      add.rank = 4;
      int64_t dims[4] = {n, m, oh(), ow()};
      std::copy(dims, dims + 4, add.dims);
    }
    if (relu)
      d.post_ops[d.num_post_ops++].kind = KILN_RT_ONEDNN_RELU;
    return d;
  }

  std::vector<float> reference(const std::vector<float> &x,
                               const std::vector<float> &wt,
                               const std::vector<float> &b,
                               const std::vector<float> &res) const {
    std::vector<float> y(n * m * oh() * ow());
    int64_t cg = c / group, mg = m / group;
    for (int64_t in = 0; in < n; ++in)
      for (int64_t om = 0; om < m; ++om)
        for (int64_t oy = 0; oy < oh(); ++oy)
          for (int64_t ox = 0; ox < ow(); ++ox) {
            double sum = bias ? b[om] : 0.0;
            int64_t g = om / mg;
            for (int64_t ic = 0; ic < cg; ++ic)
              for (int64_t ky = 0; ky < kh; ++ky)
                for (int64_t kx = 0; kx < kw; ++kx) {
                  int64_t iy = oy * stride - pad + ky * dil;
                  int64_t ix = ox * stride - pad + kx * dil;
                  if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                    continue;
                  sum += x[((in * c + g * cg + ic) * h + iy) * w + ix] *
                         wt[((om * cg + ic) * kh + ky) * kw + kx];
                }
            int64_t at = ((in * m + om) * oh() + oy) * ow() + ox;
            if (residual)
              sum += res[at];
            if (relu)
              sum = std::max(sum, 0.0);
            y[at] = static_cast<float>(sum);
          }
    return y;
  }

  /// Creates, runs and compares; returns the create status.
  kiln_rt_status_t check(OneDnn &t, int64_t scratch, int threads = 0) const {
    std::vector<float> x = values(n * c * h * w, 1);
    std::vector<float> wt = values(m * (c / group) * kh * kw, 2);
    std::vector<float> b = values(m, 3);
    std::vector<float> res = values(n * m * oh() * ow(), 4);
    kiln_rt_onednn_conv_desc_t d = desc(scratch);
    void *handle = nullptr;
    kiln_rt_status_t status = kiln_rt_onednn_conv_create(
        t.instance, &d, "conv_node", wt.data(), b.data(), &handle);
    if (status != KILN_RT_OK) {
      EXPECT_EQ(handle, nullptr);
      return status;
    }
    Buffer in(x.size()), out(res.size()), scratchBuffer(scratch / 4 + 1),
        residualBuffer(res.size());
    std::vector<float> xIn = nativeLayoutIn ? toNativeLayout(x, n, c) : x;
    std::vector<float> resIn =
        nativeLayoutOut ? toNativeLayout(res, n, m) : res;
    std::memcpy(in.get(), xIn.data(), x.size() * 4);
    std::memcpy(residualBuffer.get(), resIn.data(), res.size() * 4);
    void *args[4] = {in.get(), out.get(), scratchBuffer.get(),
                     residualBuffer.get()};
    t.ctx.num_threads = threads;
    EXPECT_EQ(kiln_rt_onednn_conv_run(handle, &t.ctx, args), KILN_RT_OK)
        << t.log.text();
    EXPECT_EQ(t.ctx.status, KILN_RT_OK);
    std::vector<float> want = reference(x, wt, b, res);
    expectNear(out.get(), nativeLayoutOut ? toNativeLayout(want, n, m) : want,
               tolerance);
    kiln_rt_onednn_destroy(t.instance, handle);
    return KILN_RT_OK;
  }
};

constexpr int64_t kScratch = 1 << 20;

TEST_F(OneDnn, ConvWithBias) {
  EXPECT_EQ(Conv2d().check(*this, kScratch), KILN_RT_OK) << log.text();
}

// Once packed, the model's pages of the weights (here 36 pages of heap)
// are given back to the OS as advice only: their values stay, and the
// reference computed from them after the run still matches.
TEST_F(OneDnn, ConvPackingKeepsTheModelsWeights) {
  Conv2d conv;
  conv.c = conv.m = 64;
  EXPECT_EQ(conv.check(*this, kScratch), KILN_RT_OK) << log.text();
}

TEST_F(OneDnn, ConvStridedDilatedNoBias) {
  Conv2d conv;
  conv.h = conv.w = 11;
  conv.stride = 2;
  conv.dil = 2;
  conv.bias = false;
  EXPECT_EQ(conv.check(*this, kScratch), KILN_RT_OK) << log.text();
}

TEST_F(OneDnn, ConvGrouped) {
  Conv2d conv;
  conv.group = 2;
  EXPECT_EQ(conv.check(*this, kScratch), KILN_RT_OK) << log.text();
}

TEST_F(OneDnn, ConvDepthwiseWithRelu) {
  Conv2d conv;
  conv.c = conv.m = conv.group = 16;
  conv.relu = true;
  EXPECT_EQ(conv.check(*this, kScratch), KILN_RT_OK) << log.text();
}

TEST_F(OneDnn, ConvResidualAddThenRelu) {
  Conv2d conv;
  conv.residual = true;
  conv.relu = true;
  EXPECT_EQ(conv.check(*this, kScratch, 1), KILN_RT_OK) << log.text();
  EXPECT_EQ(conv.check(*this, kScratch, 2), KILN_RT_OK) << log.text();
}

// Between two oneDNN convs the activations stay in the native layout, the
// residual too: 4 input channels channels last, 8 output channels blocked.
TEST_F(OneDnn, ConvNativeLayoutInAndOut) {
  Conv2d conv;
  conv.nativeLayoutIn = conv.nativeLayoutOut = true;
  conv.residual = conv.relu = true;
  EXPECT_EQ(conv.check(*this, kScratch), KILN_RT_OK) << log.text();
  conv.nativeLayoutOut = false;
  EXPECT_EQ(conv.check(*this, kScratch), KILN_RT_OK) << log.text();
}

// Blocked activations in and out (whole blocks of 8 channels) need no
// scratch for copies.
TEST_F(OneDnn, ConvNativeLayoutNeedsNoCopies) {
  Conv2d conv;
  conv.c = 16;
  conv.nativeLayoutIn = conv.nativeLayoutOut = true;
  EXPECT_EQ(conv.check(*this, 0), KILN_RT_OK) << log.text();
}

// Too little scratch for the layout copies even on one thread:
// create fails cleanly, names the node, and leaves nothing allocated.
TEST_F(OneDnn, ConvScratchTooSmall) {
  EXPECT_EQ(Conv2d().check(*this, 16), KILN_RT_UNSUPPORTED);
  EXPECT_NE(log.text().find("conv_node: needs"), std::string::npos)
      << log.text();
}

TEST_F(OneDnn, ConvBadDescriptor) {
  Conv2d conv;
  kiln_rt_onednn_conv_desc_t d = conv.desc(kScratch);
  d.groups = 3; // does not divide the channels
  std::vector<float> wt(1000);
  void *handle = &d;
  EXPECT_EQ(kiln_rt_onednn_conv_create(instance, &d, "bad", wt.data(),
                                       wt.data(), &handle),
            KILN_RT_INVALID_ARGUMENT);
  EXPECT_EQ(handle, nullptr);
  EXPECT_NE(log.text().find("bad: bad convolution descriptor"),
            std::string::npos);
  EXPECT_EQ(kiln_rt_onednn_conv_create(instance, nullptr, "bad", wt.data(),
                                       wt.data(), &handle),
            KILN_RT_INVALID_ARGUMENT);
  kiln_rt_onednn_destroy(instance, nullptr);
}

/// A Winograd conv between native-layout activations, with scratch for its
/// transforms and the product's scratchpad.
Conv2d winogradConv(int64_t algorithm) {
  Conv2d conv;
  conv.c = 16;
  conv.m = 24;
  conv.h = 9; // the last row and column of tiles are partial
  conv.w = 7;
  conv.nativeLayoutIn = conv.nativeLayoutOut = true;
  conv.algorithm = algorithm;
  return conv;
}

int64_t winogradScratch(const Conv2d &conv) {
  kiln_rt_onednn_conv_desc_t d = conv.desc(0);
  return kiln_rt_onednn_winograd_scratch(&d) + kScratch;
}

constexpr int64_t kWinograds[] = {KILN_RT_ONEDNN_CONV_WINOGRAD_2X2,
                                  KILN_RT_ONEDNN_CONV_WINOGRAD_4X4};

TEST_F(OneDnn, ConvWinogradWithBiasResidualAndRelu) {
  for (int64_t algorithm : kWinograds) {
    Conv2d conv = winogradConv(algorithm);
    conv.residual = conv.relu = true;
    EXPECT_EQ(conv.check(*this, winogradScratch(conv), 1), KILN_RT_OK)
        << log.text();
    EXPECT_EQ(conv.check(*this, winogradScratch(conv), 2), KILN_RT_OK)
        << log.text();
  }
}

TEST_F(OneDnn, ConvWinogradUnpaddedBatchOfTwo) {
  for (int64_t algorithm : kWinograds) {
    Conv2d conv = winogradConv(algorithm);
    conv.pad = 0;
    conv.n = 2;
    conv.h = 12;
    conv.bias = false;
    EXPECT_EQ(conv.check(*this, winogradScratch(conv)), KILN_RT_OK)
        << log.text();
  }
}

// ResNet's channel counts and sizes: sums of 576 products in [-1, 1),
// whose magnitude runs to about 10. F(2x2, 3x3) stays within 1e-4 of the
// float64 reference; F(4x4, 3x3), whose transforms scale by up to 8 and
// 25 before the sums cancel, rounds more (1.1e-4 seen), within 3e-4.
TEST_F(OneDnn, ConvWinogradWideLayer) {
  for (int64_t algorithm : kWinograds) {
    Conv2d conv = winogradConv(algorithm);
    conv.c = conv.m = 64;
    conv.h = conv.w = 28;
    if (algorithm == KILN_RT_ONEDNN_CONV_WINOGRAD_4X4)
      conv.tolerance = 3e-4f;
    EXPECT_EQ(conv.check(*this, winogradScratch(conv)), KILN_RT_OK)
        << log.text();
  }
}

// Asked of a conv it cannot compute, or without the scratch for its
// transforms, the Winograd shim refuses at create and says why.
TEST_F(OneDnn, ConvWinogradRefusals) {
  Conv2d strided = winogradConv(KILN_RT_ONEDNN_CONV_WINOGRAD_4X4);
  strided.stride = 2;
  EXPECT_EQ(strided.check(*this, winogradScratch(strided)),
            KILN_RT_INVALID_ARGUMENT);
  EXPECT_NE(log.text().find("conv_node: Winograd needs unit strides"),
            std::string::npos)
      << log.text();
  Conv2d nchw = winogradConv(KILN_RT_ONEDNN_CONV_WINOGRAD_2X2);
  nchw.nativeLayoutIn = false;
  EXPECT_EQ(nchw.check(*this, winogradScratch(nchw)), KILN_RT_INVALID_ARGUMENT);
  EXPECT_NE(log.text().find("Winograd needs the native layout"),
            std::string::npos);
  EXPECT_EQ(winogradConv(KILN_RT_ONEDNN_CONV_WINOGRAD_4X4).check(*this, 1024),
            KILN_RT_INVALID_ARGUMENT);
  EXPECT_NE(log.text().find("cannot hold the Winograd transforms"),
            std::string::npos);
  Conv2d unknown = winogradConv(3);
  EXPECT_EQ(unknown.check(*this, winogradScratch(unknown)),
            KILN_RT_INVALID_ARGUMENT);
  EXPECT_NE(log.text().find("bad convolution descriptor"), std::string::npos);
}

// A handle of another op is refused at run time, through the context.
TEST_F(OneDnn, RunWithWrongHandle) {
  kiln_rt_onednn_pool_desc_t d = {};
  d.spatial_rank = 1;
  d.batch = d.channels = 1;
  d.in_size[0] = 4;
  d.out_size[0] = 2;
  d.kernel[0] = d.strides[0] = 2;
  d.dilations[0] = 1;
  void *handle = nullptr;
  ASSERT_EQ(kiln_rt_onednn_pool_create(instance, &d, "pool", &handle),
            KILN_RT_OK)
      << log.text();
  float in[4] = {}, out[2] = {};
  void *args[3] = {in, out, nullptr};
  EXPECT_EQ(kiln_rt_onednn_conv_run(handle, &ctx, args), KILN_RT_INTERNAL);
  EXPECT_EQ(ctx.status, KILN_RT_INTERNAL);
  kiln_rt_onednn_destroy(instance, handle);
}

// A run sets the calling thread's OpenMP thread count for oneDNN and gives
// the caller its own back.
TEST_F(OneDnn, RunRestoresThreadCount) {
  int before = omp_get_max_threads();
  EXPECT_EQ(Conv2d().check(*this, kScratch, before + 1), KILN_RT_OK);
  EXPECT_EQ(omp_get_max_threads(), before);
  EXPECT_EQ(Conv2d().check(*this, kScratch, 1), KILN_RT_OK);
  EXPECT_EQ(omp_get_max_threads(), before);
}

// Many threads run one handle at once, each with its own buffers.
TEST_F(OneDnn, ConcurrentRuns) {
  Conv2d conv;
  conv.relu = true;
  std::vector<float> x = values(conv.n * conv.c * conv.h * conv.w, 1);
  std::vector<float> wt = values(conv.m * conv.c * conv.kh * conv.kw, 2);
  std::vector<float> b = values(conv.m, 3);
  std::vector<float> want = conv.reference(x, wt, b, {});
  kiln_rt_onednn_conv_desc_t d = conv.desc(kScratch);
  void *handle = nullptr;
  ASSERT_EQ(kiln_rt_onednn_conv_create(instance, &d, "conv", wt.data(),
                                       b.data(), &handle),
            KILN_RT_OK);
  auto worker = [&] {
    Buffer in(x.size()), out(want.size()), scratch(kScratch / 4);
    std::memcpy(in.get(), x.data(), x.size() * 4);
    kiln_rt_run_context_t local = ctx;
    local.num_threads = 1;
    void *args[3] = {in.get(), out.get(), scratch.get()};
    for (int i = 0; i < 50; ++i) {
      std::memset(out.get(), 0, want.size() * 4);
      ASSERT_EQ(kiln_rt_onednn_conv_run(handle, &local, args), KILN_RT_OK);
      expectNear(out.get(), want);
    }
  };
  std::thread a(worker), bThread(worker), c(worker);
  a.join();
  bThread.join();
  c.join();
  kiln_rt_onednn_destroy(instance, handle);
}

//===--- Matrix product ---------------------------------------------------===//

/// Reference of alpha * op(a) x op(b) + beta * bias with broadcast batches
/// (rank 3).
std::vector<float> matmulReference(const int64_t *ad, const int64_t *bd,
                                   const int64_t *yd, bool ta, bool tb,
                                   const std::vector<float> &a,
                                   const std::vector<float> &b, double alpha,
                                   const float *bias, double beta) {
  int64_t m = yd[1], n = yd[2], k = ta ? ad[1] : ad[2];
  std::vector<float> y(yd[0] * m * n);
  for (int64_t bi = 0; bi < yd[0]; ++bi)
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        double sum = 0;
        const float *ab = a.data() + (ad[0] == 1 ? 0 : bi) * ad[1] * ad[2];
        const float *bb = b.data() + (bd[0] == 1 ? 0 : bi) * bd[1] * bd[2];
        for (int64_t kk = 0; kk < k; ++kk)
          sum += (ta ? ab[kk * m + i] : ab[i * k + kk]) *
                 (tb ? bb[j * k + kk] : bb[kk * n + j]);
        y[(bi * m + i) * n + j] =
            static_cast<float>(alpha * sum + (bias ? beta * bias[j] : 0.0));
      }
  return y;
}

TEST_F(OneDnn, MatmulConstantTransposedWithAlphaBeta) {
  // Gemm: 2.0 * a^T x b^T + 0.5 * bias, a stored 5x3, b stored 7x5.
  kiln_rt_onednn_matmul_desc_t d = {};
  d.rank = 3;
  int64_t ad[3] = {1, 5, 3}, bd[3] = {1, 7, 5}, yd[3] = {1, 3, 7},
          biasd[3] = {1, 1, 7};
  std::copy(ad, ad + 3, d.lhs_dims);
  std::copy(bd, bd + 3, d.rhs_dims);
  std::copy(yd, yd + 3, d.dst_dims);
  std::copy(biasd, biasd + 3, d.bias_dims);
  d.trans_lhs = d.trans_rhs = 1;
  d.constant_rhs = 1;
  d.has_bias = 1;
  d.alpha = 2.0;
  d.beta = 0.5;
  d.scratch_size = kScratch;
  d.num_post_ops = 1;
  d.post_ops[0].kind = KILN_RT_ONEDNN_LINEAR;
  d.post_ops[0].alpha = 1.0;
  d.post_ops[0].beta = 0.25;
  std::vector<float> a = values(15, 5), b = values(35, 6), bias = values(7, 7);
  void *handle = nullptr;
  ASSERT_EQ(kiln_rt_onednn_matmul_create(instance, &d, "gemm", b.data(),
                                         bias.data(), &handle),
            KILN_RT_OK)
      << log.text();
  std::vector<float> want =
      matmulReference(ad, bd, yd, true, true, a, b, 2.0, bias.data(), 0.5);
  for (float &v : want)
    v += 0.25f;
  Buffer in(a.size()), out(want.size()), scratch(kScratch / 4);
  std::memcpy(in.get(), a.data(), a.size() * 4);
  void *args[3] = {in.get(), out.get(), scratch.get()};
  EXPECT_EQ(kiln_rt_onednn_matmul_run(handle, &ctx, args), KILN_RT_OK)
      << log.text();
  expectNear(out.get(), want);
  kiln_rt_onednn_destroy(instance, handle);
}

TEST_F(OneDnn, MatmulRunTimeRhsBroadcastBatch) {
  kiln_rt_onednn_matmul_desc_t d = {};
  d.rank = 3;
  int64_t ad[3] = {4, 3, 5}, bd[3] = {1, 5, 6}, yd[3] = {4, 3, 6};
  std::copy(ad, ad + 3, d.lhs_dims);
  std::copy(bd, bd + 3, d.rhs_dims);
  std::copy(yd, yd + 3, d.dst_dims);
  d.alpha = d.beta = 1.0;
  d.scratch_size = kScratch;
  void *handle = nullptr;
  ASSERT_EQ(kiln_rt_onednn_matmul_create(instance, &d, "mm", nullptr, nullptr,
                                         &handle),
            KILN_RT_OK)
      << log.text();
  std::vector<float> a = values(60, 8), b = values(30, 9);
  Buffer la(a.size()), rb(b.size()), out(72), scratch(kScratch / 4);
  std::memcpy(la.get(), a.data(), a.size() * 4);
  std::memcpy(rb.get(), b.data(), b.size() * 4);
  void *args[4] = {la.get(), rb.get(), out.get(), scratch.get()};
  EXPECT_EQ(kiln_rt_onednn_matmul_run(handle, &ctx, args), KILN_RT_OK)
      << log.text();
  expectNear(out.get(),
             matmulReference(ad, bd, yd, false, false, a, b, 1.0, nullptr, 1));
  kiln_rt_onednn_destroy(instance, handle);
}

// alpha cannot fold into weights that only come at run time.
TEST_F(OneDnn, MatmulRunTimeRhsWithAlphaIsRefused) {
  kiln_rt_onednn_matmul_desc_t d = {};
  d.rank = 2;
  d.lhs_dims[0] = d.lhs_dims[1] = d.rhs_dims[0] = d.rhs_dims[1] = 2;
  d.dst_dims[0] = d.dst_dims[1] = 2;
  d.alpha = 2.0;
  void *handle = nullptr;
  EXPECT_EQ(kiln_rt_onednn_matmul_create(instance, &d, "mm", nullptr, nullptr,
                                         &handle),
            KILN_RT_INVALID_ARGUMENT);
}

/// Runs 2 x k times alpha * k x n (the weights stored n x k when
/// `transposed`), constant weights, against the reference. Returns the
/// allocations its create keeps and, in `*lastSize`, the size of the last.
int checkConstantMatmul(OneDnn &t, int64_t k, int64_t n, bool transposed,
                        double alpha = 1.0, size_t *lastSize = nullptr) {
  kiln_rt_onednn_matmul_desc_t d = {};
  d.rank = 3;
  int64_t ad[3] = {1, 2, k}, yd[3] = {1, 2, n};
  int64_t bd[3] = {1, transposed ? n : k, transposed ? k : n};
  std::copy(ad, ad + 3, d.lhs_dims);
  std::copy(bd, bd + 3, d.rhs_dims);
  std::copy(yd, yd + 3, d.dst_dims);
  d.trans_rhs = transposed;
  d.constant_rhs = 1;
  d.alpha = alpha;
  d.beta = 1.0;
  d.scratch_size = kScratch;
  std::vector<float> a = values(2 * k, 11), b = values(k * n, 12);
  void *handle = nullptr;
  size_t before = t.allocator.live.size();
  EXPECT_EQ(kiln_rt_onednn_matmul_create(t.instance, &d, "mm", b.data(),
                                         nullptr, &handle),
            KILN_RT_OK)
      << t.log.text();
  // What create keeps (its warm-up run's buffers are freed by then).
  int allocations = static_cast<int>(t.allocator.live.size() - before);
  if (lastSize)
    *lastSize = t.allocator.live.back().second;
  if (!handle)
    return allocations;
  Buffer in(a.size()), out(2 * n), scratch(kScratch / 4);
  std::memcpy(in.get(), a.data(), a.size() * 4);
  void *args[3] = {in.get(), out.get(), scratch.get()};
  EXPECT_EQ(kiln_rt_onednn_matmul_run(handle, &t.ctx, args), KILN_RT_OK)
      << t.log.text();
  expectNear(out.get(), matmulReference(ad, bd, yd, false, transposed, a, b,
                                        alpha, nullptr, 1));
  kiln_rt_onednn_destroy(t.instance, handle);
  return allocations;
}

// Weights in the layout oneDNN reads are used in place: create allocates
// the handle only.
TEST_F(OneDnn, MatmulPlainWeightsAreUsedInPlace) {
  EXPECT_EQ(checkConstantMatmul(*this, 16, 24, /*transposed=*/false), 1);
}

// alpha needs a scaled copy, one.
TEST_F(OneDnn, MatmulScaledWeightsAreCopiedOnce) {
  size_t size = 0;
  EXPECT_EQ(checkConstantMatmul(*this, 16, 24, /*transposed=*/false,
                                /*alpha=*/0.5, &size),
            2);
  EXPECT_EQ(size, 16u * 24 * 4);
}

// Rows 1 KiB or 2 KiB apart would fall on the same cache sets in oneDNN's
// sgemm: the packed copy's rows are 64 bytes further apart.
TEST_F(OneDnn, MatmulWeightsWithAliasingRowsArePadded) {
  for (int64_t n : {256, 512}) {
    size_t size = 0;
    EXPECT_EQ(checkConstantMatmul(*this, 16, n, /*transposed=*/false,
                                  /*alpha=*/1.0, &size),
              2);
    EXPECT_EQ(size, 16u * (n + 16) * 4);
  }
}

//===--- Pooling ----------------------------------------------------------===//

/// A 1-D or 2-D pooling of a square input and its reference. The shim
/// pools a native-layout source with channels in whole blocks itself, and
/// hands the rest to oneDNN: the tests cover both.
struct Pool {
  int64_t kind = KILN_RT_ONEDNN_POOL_MAX;
  int64_t rank = 2, n = 1, c = 2, size = 6, k = 3, stride = 2, pad = 1;
  int64_t dil = 1;
  /// Pads the end more (ceil_mode).
  int64_t extraEnd = 0;
  bool nativeLayoutIn = false, nativeLayoutOut = false;

  int64_t out() const {
    return (size + 2 * pad + extraEnd - dil * (k - 1) - 1) / stride + 1;
  }
  int64_t spatial(int64_t side) const { return rank == 2 ? side * side : side; }

  kiln_rt_onednn_pool_desc_t desc() const {
    kiln_rt_onednn_pool_desc_t d = {};
    d.spatial_rank = rank;
    d.kind = kind;
    d.batch = n;
    d.channels = c;
    for (int i = 0; i < rank; ++i) {
      d.in_size[i] = size;
      d.out_size[i] = out();
      d.kernel[i] = k;
      d.strides[i] = stride;
      d.dilations[i] = dil;
      d.pads_begin[i] = pad;
      d.pads_end[i] = pad + extraEnd;
    }
    d.src_native_layout = nativeLayoutIn;
    d.dst_native_layout = nativeLayoutOut;
    d.scratch_size = kScratch;
    return d;
  }

  /// One window of `x` (N x C x spatial, row-major): its maximum or mean.
  float window(const std::vector<float> &x, int64_t image, int64_t oy,
               int64_t ox) const {
    bool max = kind == KILN_RT_ONEDNN_POOL_MAX;
    double acc = max ? -1e30 : 0.0;
    int64_t count = 0, padded = 0;
    for (int64_t ky = 0; ky < (rank == 2 ? k : 1); ++ky)
      for (int64_t kx = 0; kx < k; ++kx) {
        int64_t iy = rank == 2 ? oy * stride - pad + ky * dil : 0;
        int64_t ix = ox * stride - pad + kx * dil;
        if (iy < size + pad && ix < size + pad)
          ++padded; // inside the ONNX padding, not past it
        if (iy < 0 || iy >= (rank == 2 ? size : 1) || ix < 0 || ix >= size)
          continue;
        float v = x[image * spatial(size) + iy * size + ix];
        if (std::isnan(v) || std::isnan(acc))
          acc = NAN;
        else
          acc = max ? std::max<double>(acc, v) : acc + v;
        ++count;
      }
    if (kind == KILN_RT_ONEDNN_POOL_AVG_EXCLUDE_PAD)
      acc /= count;
    else if (kind == KILN_RT_ONEDNN_POOL_AVG_INCLUDE_PAD)
      acc /= padded;
    return static_cast<float>(acc);
  }

  /// Pools `x` (row-major; default: deterministic values) with `threads`
  /// (0: the default) and compares with the reference.
  void check(OneDnn &t, int threads = 0, std::vector<float> x = {}) const {
    if (x.empty())
      x = values(n * c * spatial(size), 10);
    int64_t o = out();
    std::vector<float> want(n * c * spatial(o));
    for (int64_t image = 0; image < n * c; ++image)
      for (int64_t oy = 0; oy < (rank == 2 ? o : 1); ++oy)
        for (int64_t ox = 0; ox < o; ++ox)
          want[image * spatial(o) + oy * o + ox] = window(x, image, oy, ox);
    kiln_rt_onednn_pool_desc_t d = desc();
    void *handle = nullptr;
    ASSERT_EQ(kiln_rt_onednn_pool_create(t.instance, &d, "pool", &handle),
              KILN_RT_OK)
        << t.log.text();
    std::vector<float> xIn = nativeLayoutIn ? toNativeLayout(x, n, c) : x;
    Buffer in(x.size()), result(want.size()), scratch(kScratch / 4);
    std::memcpy(in.get(), xIn.data(), x.size() * 4);
    void *args[3] = {in.get(), result.get(), scratch.get()};
    t.ctx.num_threads = threads;
    EXPECT_EQ(kiln_rt_onednn_pool_run(handle, &t.ctx, args), KILN_RT_OK);
    std::vector<float> expected =
        nativeLayoutOut ? toNativeLayout(want, n, c) : want;
    for (size_t i = 0; i < expected.size(); ++i)
      if (std::isnan(expected[i]))
        ASSERT_TRUE(std::isnan(result.get()[i])) << "at " << i;
      else
        ASSERT_NEAR(result.get()[i], expected[i],
                    1e-5f + 1e-5f * std::fabs(expected[i]))
            << "at " << i;
    kiln_rt_onednn_destroy(t.instance, handle);
  }
};

Pool pool(int64_t kind, int64_t extraEnd = 0) {
  Pool p;
  p.kind = kind;
  p.extraEnd = extraEnd;
  return p;
}

/// `p` over a native-layout source of 16 channels (two blocks), which the
/// shim pools itself.
Pool native(Pool p) {
  p.c = 16;
  p.nativeLayoutIn = p.nativeLayoutOut = true;
  return p;
}

TEST_F(OneDnn, PoolMax) { pool(KILN_RT_ONEDNN_POOL_MAX).check(*this); }
TEST_F(OneDnn, PoolMaxCeilMode) {
  pool(KILN_RT_ONEDNN_POOL_MAX, 1).check(*this);
}
TEST_F(OneDnn, PoolAvgIncludePad) {
  pool(KILN_RT_ONEDNN_POOL_AVG_INCLUDE_PAD).check(*this);
}
TEST_F(OneDnn, PoolAvgExcludePadCeilMode) {
  pool(KILN_RT_ONEDNN_POOL_AVG_EXCLUDE_PAD, 1).check(*this);
}

TEST_F(OneDnn, PoolNativeMax) {
  native(pool(KILN_RT_ONEDNN_POOL_MAX)).check(*this);
  native(pool(KILN_RT_ONEDNN_POOL_MAX, 1)).check(*this);
}

TEST_F(OneDnn, PoolNativeAverage) {
  native(pool(KILN_RT_ONEDNN_POOL_AVG_INCLUDE_PAD)).check(*this);
  native(pool(KILN_RT_ONEDNN_POOL_AVG_EXCLUDE_PAD, 1)).check(*this);
}

// Into the caller's row-major layout, with no reorder after.
TEST_F(OneDnn, PoolNativeToRowMajor) {
  for (int64_t kind :
       {KILN_RT_ONEDNN_POOL_MAX, KILN_RT_ONEDNN_POOL_AVG_EXCLUDE_PAD}) {
    Pool p = native(pool(kind));
    p.n = 2;
    p.nativeLayoutOut = false;
    p.check(*this);
  }
}

// Windows two apart, wider than the input's padding allows at the end.
TEST_F(OneDnn, PoolNativeDilated) {
  Pool p = native(pool(KILN_RT_ONEDNN_POOL_MAX));
  p.dil = 2;
  p.size = 7;
  p.check(*this);
  p.kind = KILN_RT_ONEDNN_POOL_AVG_EXCLUDE_PAD;
  p.check(*this);
}

TEST_F(OneDnn, PoolNative1d) {
  for (int64_t kind :
       {KILN_RT_ONEDNN_POOL_MAX, KILN_RT_ONEDNN_POOL_AVG_INCLUDE_PAD}) {
    Pool p = native(pool(kind));
    p.rank = 1;
    p.size = 11;
    p.check(*this);
  }
}

// Large enough to be split among threads; the same on one and two.
TEST_F(OneDnn, PoolNativeThreads) {
  Pool p = native(pool(KILN_RT_ONEDNN_POOL_MAX));
  p.c = 64;
  p.size = 40;
  p.stride = 1;
  ASSERT_GE(p.c * p.out() * p.out() * p.k * p.k, 100000);
  p.check(*this, 1);
  p.check(*this, 2);
}

// A NaN in a window is that window's maximum.
TEST_F(OneDnn, PoolNativeMaxPropagatesNaN) {
  Pool p = native(pool(KILN_RT_ONEDNN_POOL_MAX));
  std::vector<float> x = values(p.n * p.c * p.spatial(p.size), 10);
  x[3 * p.size + 3] = NAN;        // channel 0, the middle
  x[p.spatial(p.size) * 9] = NAN; // channel 9, the corner
  p.check(*this, 0, x);
}

// A source with channels that do not fill blocks goes to oneDNN.
TEST_F(OneDnn, PoolNativeLayoutWithPartialBlock) {
  Pool p = native(pool(KILN_RT_ONEDNN_POOL_AVG_EXCLUDE_PAD));
  p.c = 12;
  p.check(*this);
}

TEST_F(OneDnn, PoolBadKind) {
  kiln_rt_onednn_pool_desc_t d = {};
  d.kind = 7;
  void *handle = nullptr;
  EXPECT_EQ(kiln_rt_onednn_pool_create(instance, &d, "pool", &handle),
            KILN_RT_INVALID_ARGUMENT);
  EXPECT_NE(log.text().find("pool: bad pooling descriptor"), std::string::npos);
}

} // namespace
