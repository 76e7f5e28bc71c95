// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The pooling shim: ONNX MaxPool and AveragePool (dilations included),
// pooled by the shim itself over a native-layout source (native_pool.h),
// else as one oneDNN pooling primitive.

#include "onednn/native_pool.h"

using namespace kiln_rt::onednn;

namespace {

bool isValid(const kiln_rt_onednn_pool_desc_t &d) {
  if (d.spatial_rank < 1 || d.spatial_rank > KILN_RT_ONEDNN_MAX_SPATIAL ||
      d.batch < 1 || d.channels < 1 || d.scratch_size < 0 ||
      d.kind < KILN_RT_ONEDNN_POOL_MAX ||
      d.kind > KILN_RT_ONEDNN_POOL_AVG_EXCLUDE_PAD)
    return false;
  for (int64_t i = 0; i < d.spatial_rank; ++i)
    if (d.in_size[i] < 1 || d.out_size[i] < 1 || d.kernel[i] < 1 ||
        d.strides[i] < 1 || d.dilations[i] < 1 || d.pads_begin[i] < 0 ||
        d.pads_end[i] < 0)
      return false;
  return true;
}

kiln_rt_status_t createPool(Creation &c, const kiln_rt_onednn_pool_desc_t &d) {
  int rank = static_cast<int>(d.spatial_rank) + 2;
  int64_t srcDims[5] = {d.batch, d.channels};
  int64_t dstDims[5] = {d.batch, d.channels};
  dnnl_dims_t strides, kernel, dilations, padsBegin, padsEnd;
  for (int64_t i = 0; i < d.spatial_rank; ++i) {
    srcDims[i + 2] = d.in_size[i];
    dstDims[i + 2] = d.out_size[i];
    kernel[i] = d.kernel[i];
    strides[i] = d.strides[i];
    dilations[i] = d.dilations[i] - 1;
    padsBegin[i] = d.pads_begin[i];
    padsEnd[i] = d.pads_end[i];
  }
  // Pooling is memory-bound: it runs in the layout of its input, and its
  // result is reordered only when the caller wants it in the other one.
  dnnl_memory_desc_t src, dst, userDst;
  dnnl_status_t s =
      initActivation(&src, rank, srcDims, layoutOf(d.src_native_layout));
  if (s == dnnl_success)
    s = initActivation(&dst, rank, dstDims, layoutOf(d.src_native_layout));
  if (s == dnnl_success)
    s = initActivation(&userDst, rank, dstDims, layoutOf(d.dst_native_layout));
  if (s != dnnl_success)
    return c.fail("memory descriptor", s);
  static const dnnl_alg_kind_t algorithms[] = {
      dnnl_pooling_max, dnnl_pooling_avg_include_padding,
      dnnl_pooling_avg_exclude_padding};
  dnnl_pooling_v2_desc_t pool;
  if ((s = dnnl_pooling_v2_forward_desc_init(
           &pool, dnnl_forward_inference, algorithms[d.kind], &src, &dst,
           strides, kernel, dilations, padsBegin, padsEnd)))
    return c.fail("pooling descriptor", s);
  c.work = d.batch * d.channels;
  for (int64_t i = 0; i < d.spatial_rank; ++i)
    c.work *= d.out_size[i] * d.kernel[i];
  return createPrimitive(c, &pool, PostOps{}, src, userDst, d.scratch_size);
}

} // namespace

extern "C" kiln_rt_status_t
kiln_rt_onednn_pool_create(const kiln_rt_instance_t *instance,
                           const kiln_rt_onednn_pool_desc_t *desc,
                           const char *name, void **handle) {
  if (handle)
    *handle = nullptr;
  Creation c;
  kiln_rt_status_t status = startHandle(instance, name, Kind::Pool, &c);
  if (status == KILN_RT_OK && (!desc || !handle || !isValid(*desc)))
    status = c.fail(KILN_RT_INVALID_ARGUMENT, "bad pooling descriptor");
  if (status == KILN_RT_OK)
    status =
        isNativePool(*desc) ? createNativePool(c, *desc) : createPool(c, *desc);
  return finishHandle(c, status, handle);
}

extern "C" kiln_rt_status_t kiln_rt_onednn_pool_run(const void *handle,
                                                    kiln_rt_run_context_t *ctx,
                                                    void *const *args) {
  auto *h = static_cast<const Handle *>(handle);
  if (h && h->kind == Kind::Pool && h->pool)
    return runNativePool(h, ctx, static_cast<const float *>(args[0]),
                         static_cast<float *>(args[1]));
  return runHandle(h, Kind::Pool, ctx, args[0], nullptr, args[1], args[2],
                   nullptr);
}
