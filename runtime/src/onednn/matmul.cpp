// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The matrix-product shim: ONNX MatMul (batched, broadcast) and Gemm
// (transposes, alpha, a constant bias scaled by beta) with post-ops as one
// oneDNN matmul primitive, constant weights packed once.

#include "onednn/common.h"

using namespace kiln_rt::onednn;

namespace {

bool isValid(const kiln_rt_onednn_matmul_desc_t &d) {
  if (d.rank < 2 || d.rank > KILN_RT_ONEDNN_MAX_RANK || d.scratch_size < 0)
    return false;
  for (int64_t i = 0; i < d.rank; ++i)
    if (d.lhs_dims[i] < 1 || d.rhs_dims[i] < 1 || d.dst_dims[i] < 1 ||
        (d.has_bias && d.bias_dims[i] < 1))
      return false;
  // alpha folds into the weights as they are packed.
  return d.constant_rhs || d.alpha == 1.0;
}

/// Fills `md` with the operand stored row-major as `stored`, seen with its
/// last two dimensions swapped when `transposed`.
dnnl_status_t initOperand(dnnl_memory_desc_t *md, int rank,
                          const int64_t *stored, bool transposed) {
  dnnl_dims_t dims, strides;
  int64_t stride = 1;
  for (int i = rank - 1; i >= 0; --i) {
    dims[i] = stored[i];
    strides[i] = stride;
    stride *= stored[i];
  }
  if (transposed) {
    dnnl_dim_t t = dims[rank - 1];
    dims[rank - 1] = dims[rank - 2];
    dims[rank - 2] = t;
    t = strides[rank - 1];
    strides[rank - 1] = strides[rank - 2];
    strides[rank - 2] = t;
  }
  return dnnl_memory_desc_init_by_strides(md, rank, dims, dnnl_f32, strides);
}

/// oneDNN 2.6's AVX2 sgemm reads 32-byte aligned plain weights in place.
/// When their rows are a multiple of 1 KiB apart, the rows it reads
/// together fall on the same cache sets: with 2 KiB multiples the product
/// runs at half speed (1x128x256 by 256x1024 on Zen 3: 1.39 ms; 0.68 ms
/// with the rows 64 bytes further apart), with 1 KiB ones about 7% slower
/// (1x128x1024 by 1024x256: 0.74 against 0.68 ms). Returns true and fills
/// `padded` with the tensor of `plain` (a dense row-major operand, maybe
/// transposed) with its rows 64 bytes further apart when `plain`'s rows
/// are such a multiple.
bool padAliasingRows(const dnnl_memory_desc_t &plain,
                     dnnl_memory_desc_t *padded) {
  constexpr int64_t kAliasingBytes = 1024, kPadFloats = 16;
  int rank = plain.ndims;
  const dnnl_dims_t &strides = plain.format_desc.blocking.strides;
  // The row index is the last dimension with stride 1, transposed the one
  // before it.
  int inner = strides[rank - 1] == 1 ? rank - 1 : rank - 2;
  int outer = inner == rank - 1 ? rank - 2 : rank - 1;
  if (plain.format_kind != dnnl_blocked || strides[inner] != 1 ||
      (strides[outer] * 4) % kAliasingBytes != 0)
    return false;
  dnnl_dims_t padStrides;
  padStrides[inner] = 1;
  padStrides[outer] = strides[outer] + kPadFloats;
  int64_t size = padStrides[outer] * plain.dims[outer];
  for (int i = rank - 3; i >= 0; --i) {
    padStrides[i] = size;
    size *= plain.dims[i];
  }
  return dnnl_memory_desc_init_by_strides(padded, rank, plain.dims, dnnl_f32,
                                          padStrides) == dnnl_success;
}

/// Returns a copy of `count` floats of `data` times `scale` in memory of
/// the instance (the caller frees it), or NULL when out of memory.
float *scaledCopy(const kiln_rt_instance_t *instance, const float *data,
                  int64_t count, double scale) {
  auto *copy = static_cast<float *>(kiln_rt_instance_allocate(
      instance, static_cast<size_t>(count) * sizeof(float), 64));
  if (copy)
    for (int64_t i = 0; i < count; ++i)
      copy[i] = static_cast<float>(data[i] * scale);
  return copy;
}

kiln_rt_status_t createMatmul(Creation &c,
                              const kiln_rt_onednn_matmul_desc_t &d,
                              const float *rhs, const float *bias) {
  int rank = static_cast<int>(d.rank);
  Handle *handle = c.handle;
  dnnl_memory_desc_t src, dst, weights, biasMd;
  dnnl_status_t s = initOperand(&src, rank, d.lhs_dims, d.trans_lhs);
  if (s == dnnl_success)
    s = initRowMajor(&dst, rank, d.dst_dims);
  if (s == dnnl_success)
    s = initOperand(&handle->userWeights, rank, d.rhs_dims, d.trans_rhs);
  weights = handle->userWeights;
  if (s == dnnl_success && d.constant_rhs)
    s = dnnl_memory_desc_init_by_tag(&weights, rank, handle->userWeights.dims,
                                     dnnl_f32, dnnl_format_tag_any);
  if (s == dnnl_success && d.has_bias)
    s = initRowMajor(&biasMd, rank, d.bias_dims);
  if (s != dnnl_success)
    return c.fail("memory descriptor", s);

  dnnl_matmul_desc_t matmul;
  if ((s = dnnl_matmul_desc_init(&matmul, &src, &weights,
                                 d.has_bias ? &biasMd : nullptr, &dst)))
    return c.fail("matmul descriptor", s);
  PostOps postOps = {d.post_ops, d.num_post_ops, rank, Layout::RowMajor};
  c.work = d.lhs_dims[d.trans_lhs ? rank - 2 : rank - 1];
  for (int i = 0; i < rank; ++i)
    c.work *= d.dst_dims[i];
  kiln_rt_status_t status =
      createPrimitive(c, &matmul, postOps, src, dst, d.scratch_size);
  // Constant weights that oneDNN reads as they are, with rows on the same
  // cache sets: the primitive again, for a copy with padded rows.
  dnnl_memory_desc_t padded;
  if (status == KILN_RT_OK && d.constant_rhs &&
      dnnl_memory_desc_equal(primitiveWeights(handle), &handle->userWeights) &&
      padAliasingRows(handle->userWeights, &padded)) {
    if ((s = dnnl_matmul_desc_init(&matmul, &src, &padded,
                                   d.has_bias ? &biasMd : nullptr, &dst)))
      return c.fail("matmul descriptor", s);
    status = createPrimitive(c, &matmul, postOps, src, dst, d.scratch_size);
  }
  if (status != KILN_RT_OK)
    return status;

  // alpha folds into the weights as they are packed.
  if (d.constant_rhs &&
      (status = packWeights(c, handle->userWeights, rhs,
                            static_cast<float>(d.alpha))) != KILN_RT_OK)
    return status;
  if (d.has_bias) {
    const float *data = bias;
    if (d.beta != 1.0) {
      int64_t count = 1;
      for (int i = 0; i < rank; ++i)
        count *= d.bias_dims[i];
      float *scaled = scaledCopy(c.instance, bias, count, d.beta);
      if (!scaled)
        return c.fail(KILN_RT_OUT_OF_MEMORY, "cannot allocate the bias");
      handle->biasData = scaled;
      data = scaled;
    }
    if ((status = setBias(c, biasMd, data)) != KILN_RT_OK)
      return status;
  }
  return warmUp(c);
}

} // namespace

extern "C" kiln_rt_status_t
kiln_rt_onednn_matmul_create(const kiln_rt_instance_t *instance,
                             const kiln_rt_onednn_matmul_desc_t *desc,
                             const char *name, const float *rhs,
                             const float *bias, void **handle) {
  if (handle)
    *handle = nullptr;
  Creation c;
  kiln_rt_status_t status = startHandle(instance, name, Kind::Matmul, &c);
  if (status == KILN_RT_OK &&
      (!desc || !handle || (desc->constant_rhs && !rhs) ||
       (desc->has_bias && !bias) || !isValid(*desc)))
    status = c.fail(KILN_RT_INVALID_ARGUMENT,
                    "bad matmul descriptor or NULL weights");
  if (status == KILN_RT_OK)
    status = createMatmul(c, *desc, rhs, bias);
  return finishHandle(c, status, handle);
}

extern "C" kiln_rt_status_t
kiln_rt_onednn_matmul_run(const void *handle, kiln_rt_run_context_t *ctx,
                          void *const *args) {
  const auto *h = static_cast<const Handle *>(handle);
  // lhs, [rhs when it is not constant,] dst, scratch, binary operands.
  if (h && h->kind == Kind::Matmul && !h->weights)
    return runHandle(h, Kind::Matmul, ctx, args[0], args[1], args[2], args[3],
                     args + 4);
  return runHandle(h, Kind::Matmul, ctx, args[0], nullptr, args[1], args[2],
                   args + 3);
}
