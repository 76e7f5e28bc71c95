// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The convolution shim: ONNX Conv (grouped and depthwise included) with
// its bias and post-ops as one oneDNN primitive.

#include "onednn/common.h"
#include "onednn/winograd.h"

using namespace kiln_rt::onednn;

namespace {

/// Checks what oneDNN and the descriptor's arrays can hold.
bool isValid(const kiln_rt_onednn_conv_desc_t &d) {
  if (d.spatial_rank < 1 || d.spatial_rank > KILN_RT_ONEDNN_MAX_SPATIAL ||
      d.batch < 1 || d.in_channels < 1 || d.out_channels < 1 || d.groups < 1 ||
      d.in_channels % d.groups || d.out_channels % d.groups ||
      d.scratch_size < 0 || d.algorithm < KILN_RT_ONEDNN_CONV_DIRECT ||
      d.algorithm > KILN_RT_ONEDNN_CONV_WINOGRAD_4X4)
    return false;
  for (int64_t i = 0; i < d.spatial_rank; ++i)
    if (d.in_size[i] < 1 || d.out_size[i] < 1 || d.kernel[i] < 1 ||
        d.strides[i] < 1 || d.dilations[i] < 1 || d.pads_begin[i] < 0 ||
        d.pads_end[i] < 0)
      return false;
  return true;
}

kiln_rt_status_t createConv(Creation &c, const kiln_rt_onednn_conv_desc_t &d,
                            const float *weights, const float *bias) {
  int rank = static_cast<int>(d.spatial_rank) + 2;
  int64_t srcDims[5] = {d.batch, d.in_channels};
  int64_t dstDims[5] = {d.batch, d.out_channels};
  // Grouped weights are G x M/G x C/G x K..., the same bytes as ONNX's
  // M x C/G x K....
  bool grouped = d.groups > 1;
  int64_t weightDims[6] = {d.groups, d.out_channels / d.groups,
                           d.in_channels / d.groups};
  int weightRank = rank + (grouped ? 1 : 0);
  dnnl_dims_t strides, dilations, padsBegin, padsEnd;
  for (int64_t i = 0; i < d.spatial_rank; ++i) {
    srcDims[i + 2] = d.in_size[i];
    dstDims[i + 2] = d.out_size[i];
    weightDims[i + 3] = d.kernel[i];
    strides[i] = d.strides[i];
    dilations[i] = d.dilations[i] - 1; // oneDNN counts the gaps
    padsBegin[i] = d.pads_begin[i];
    padsEnd[i] = d.pads_end[i];
  }
  const int64_t *userWeightDims = grouped ? weightDims : weightDims + 1;

  // The caller's layouts, and the ones the primitive computes in, among
  // those oneDNN's direct kernels take (with NCHW activations it falls back
  // to a slower GEMM-based conv, TOOLCHAIN.md P13): blocked input and
  // result when both channel counts fill whole blocks; a first layer's few
  // input channels read from NCHW into a blocked result; channels last
  // otherwise (channels last mixed with blocked has only oneDNN's reference
  // kernel). Weights in whatever layout the chosen kernel wants.
  dnnl_memory_desc_t userSrc, userDst, src, dst, userWeights, anyWeights,
      biasMd;
  dnnl_status_t s =
      initActivation(&userSrc, rank, srcDims, layoutOf(d.src_native_layout));
  if (s == dnnl_success)
    s = initActivation(&userDst, rank, dstDims, layoutOf(d.dst_native_layout));
  bool blockedIn = d.in_channels % kChannelBlock == 0;
  bool blockedOut = d.out_channels % kChannelBlock == 0;
  Layout srcLayout = Layout::ChannelsLast, dstLayout = Layout::ChannelsLast;
  if (blockedIn && blockedOut)
    srcLayout = dstLayout = Layout::Native;
  else if (blockedOut && !grouped && !d.src_native_layout)
    srcLayout = Layout::RowMajor, dstLayout = Layout::Native;
  if (s == dnnl_success)
    s = initActivation(&src, rank, srcDims, srcLayout);
  if (s == dnnl_success)
    s = initActivation(&dst, rank, dstDims, dstLayout);
  if (s == dnnl_success)
    s = initRowMajor(&userWeights, weightRank, userWeightDims);
  if (s == dnnl_success) {
    dnnl_dims_t any;
    for (int i = 0; i < weightRank; ++i)
      any[i] = userWeightDims[i];
    s = dnnl_memory_desc_init_by_tag(&anyWeights, weightRank, any, dnnl_f32,
                                     dnnl_format_tag_any);
  }
  if (s == dnnl_success && d.has_bias) {
    dnnl_dims_t biasDims = {d.out_channels};
    s = dnnl_memory_desc_init_by_tag(&biasMd, 1, biasDims, dnnl_f32, dnnl_x);
  }
  if (s != dnnl_success)
    return c.fail("memory descriptor", s);

  dnnl_convolution_desc_t conv;
  if ((s = dnnl_dilated_convolution_forward_desc_init(
           &conv, dnnl_forward_inference, dnnl_convolution_direct, &src,
           &anyWeights, d.has_bias ? &biasMd : nullptr, &dst, strides,
           dilations, padsBegin, padsEnd)))
    return c.fail("convolution descriptor", s);

  c.work = d.batch * d.out_channels * (d.in_channels / d.groups);
  for (int64_t i = 0; i < d.spatial_rank; ++i)
    c.work *= d.out_size[i] * d.kernel[i];
  PostOps postOps = {d.post_ops, d.num_post_ops, rank, dstLayout};
  kiln_rt_status_t status =
      createPrimitive(c, &conv, postOps, userSrc, userDst, d.scratch_size);
  if (status == KILN_RT_OK)
    status = packWeights(c, userWeights, weights, /*scale=*/1.0f);
  if (status == KILN_RT_OK && d.has_bias)
    status = setBias(c, biasMd, bias);
  return status;
}

} // namespace

extern "C" kiln_rt_status_t kiln_rt_onednn_conv_create(
    const kiln_rt_instance_t *instance, const kiln_rt_onednn_conv_desc_t *desc,
    const char *name, const float *weights, const float *bias, void **handle) {
  if (handle)
    *handle = nullptr;
  Creation c;
  kiln_rt_status_t status = startHandle(instance, name, Kind::Conv, &c);
  if (status == KILN_RT_OK && (!desc || !weights || !handle ||
                               (desc->has_bias && !bias) || !isValid(*desc)))
    status = c.fail(KILN_RT_INVALID_ARGUMENT,
                    "bad convolution descriptor or NULL weights");
  if (status == KILN_RT_OK && desc->algorithm != KILN_RT_ONEDNN_CONV_DIRECT) {
    if (const char *why = winogradUnsupported(*desc))
      status = c.fail(KILN_RT_INVALID_ARGUMENT, why);
    else
      status = createWinograd(c, *desc, weights, bias);
  } else if (status == KILN_RT_OK) {
    status = createConv(c, *desc, weights, bias);
  }
  return finishHandle(c, status, handle);
}

extern "C" kiln_rt_status_t kiln_rt_onednn_conv_run(const void *handle,
                                                    kiln_rt_run_context_t *ctx,
                                                    void *const *args) {
  // src, dst, scratch, then the binary post-ops' operands.
  auto *h = static_cast<const Handle *>(handle);
  if (h && h->kind == Kind::Conv && h->winograd)
    return runWinograd(h, ctx, static_cast<const float *>(args[0]),
                       static_cast<float *>(args[1]), args[2], args + 3);
  return runHandle(h, Kind::Conv, ctx, args[0], nullptr, args[1], args[2],
                   args + 3);
}
