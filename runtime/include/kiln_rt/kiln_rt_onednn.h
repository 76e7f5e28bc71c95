/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
 *
 * The oneDNN shims that compiled models call for the ops the compiler gave
 * to oneDNN (`kiln-compile --cpu-backend`): convolution, matrix product and
 * pooling, with fused post-ops. Present only in runtimes built with
 * KILN_ENABLE_ONEDNN; applications never need this header.
 *
 * Life of one op (docs/OneDNN.md):
 *   NAME_create -> NAME_init:
 *     kiln_rt_onednn_<op>_create(instance, &desc, name, weights, bias,
 *                                &state[slot])
 *     creates the oneDNN primitive for the static shapes and post-ops and
 *     packs the constant weights once into the layout oneDNN's kernel for
 *     this CPU wants, in memory from kiln_rt_instance_allocate (or reads
 *     them in place when that layout is ONNX's).
 *   NAME_run -> NAME_main:
 *     kiln_rt_onednn_<op>_run(handle, ctx, args)
 *     executes it on the caller's buffers; the per-call scratch (activation
 *     reorders, oneDNN's scratchpad) is the `scratch` buffer of
 *     `desc.scratch_size` bytes the compiler placed in the workspace. Reads
 *     the handle only, so many threads may run one instance at once.
 *   NAME_destroy -> NAME_deinit:
 *     kiln_rt_onednn_destroy(instance, handle), NULL-safe.
 *
 * The descriptors are written by the compiler as arrays of 64-bit words
 * (every field is an int64_t or a double), so their layout is the same on
 * every LP64 target and needs no padding rules. Shapes are ONNX's: NCHW
 * activations, OIHW weights, row-major matrices. An activation that only
 * oneDNN ops write and read may be stored in oneDNN's native layout
 * instead, where a descriptor says so: channels in blocks of 8 innermost
 * (nChw8c) when the channel count is a multiple of 8, else channels last
 * (NHWC); both have the size of the NCHW tensor. No shim prints, aborts or
 * throws; failures return a status and log through the instance.
 */

#ifndef KILN_RT_KILN_RT_ONEDNN_H
#define KILN_RT_KILN_RT_ONEDNN_H

#include "kiln_rt/kiln_rt_compiled.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Limits of the descriptors. */
#define KILN_RT_ONEDNN_MAX_SPATIAL 3 /* 1-D, 2-D and 3-D convs and pools */
#define KILN_RT_ONEDNN_MAX_RANK 6    /* matmul operands, post-op operands */
#define KILN_RT_ONEDNN_MAX_POST_OPS 8

/* What a post-op computes on the primitive's result `x`. The elementwise
 * ones take `alpha`/`beta` as oneDNN's eltwise does; the binary ones read
 * one more operand (the next of the run's post-op operands), broadcast to
 * the result's shape from `dims`. */
typedef enum kiln_rt_onednn_post_op_kind_t {
  KILN_RT_ONEDNN_RELU = 1,      /* x > 0 ? x : alpha * x */
  KILN_RT_ONEDNN_CLIP = 2,      /* min(max(x, alpha), beta) */
  KILN_RT_ONEDNN_SIGMOID = 3,   /* 1 / (1 + exp(-x)) */
  KILN_RT_ONEDNN_TANH = 4,      /* tanh(x) */
  KILN_RT_ONEDNN_GELU_ERF = 5,  /* 0.5 x (1 + erf(x / sqrt(2))) */
  KILN_RT_ONEDNN_GELU_TANH = 6, /* the tanh approximation */
  KILN_RT_ONEDNN_SWISH = 7,     /* x * sigmoid(alpha * x) */
  KILN_RT_ONEDNN_HARDSWISH = 8, /* x * min(max(x + 3, 0), 6) / 6 */
  KILN_RT_ONEDNN_LINEAR = 9,    /* alpha * x + beta */
  KILN_RT_ONEDNN_ADD = 16,      /* x + operand */
  KILN_RT_ONEDNN_MUL = 17,      /* x * operand */
} kiln_rt_onednn_post_op_kind_t;

/* One post-op: 16 words. */
typedef struct kiln_rt_onednn_post_op_t {
  int64_t kind; /* kiln_rt_onednn_post_op_kind_t */
  double alpha;
  double beta;
  int64_t rank; /* binary: rank of `dims` (the result's rank) */
  int64_t dims[KILN_RT_ONEDNN_MAX_RANK]; /* binary: the operand's shape,
                                            1 where it broadcasts */
  int64_t native_layout; /* binary: the operand is in the native layout */
  int64_t reserved[5];
} kiln_rt_onednn_post_op_t;

/* How a convolution is computed (`kiln_rt_onednn_conv_desc_t.algorithm`). */
typedef enum kiln_rt_onednn_conv_algorithm_t {
  /* oneDNN's direct convolution. */
  KILN_RT_ONEDNN_CONV_DIRECT = 0,
  /* Winograd F(2x2, 3x3) and F(4x4, 3x3): the input cut into tiles of 4x4
   * (6x6) two (four) apart, each transformed; one matrix product per tile
   * position (16, 36) of tiles x C by C x M with the transformed weights,
   * in one batched oneDNN matmul; each product tile transformed back into
   * 2x2 (4x4) results: 2.25 (4) times fewer multiply-adds. For 2-D convs
   * with a 3x3 kernel, unit strides and dilations, one group, pads of 0 or
   * 1, and input and result in the native layout with C and M multiples
   * of 8; the post-ops are `relu`, `clip` and `add` of a result-shaped
   * operand in the native layout. The transformed input and products take
   * the first `kiln_rt_onednn_winograd_scratch` bytes of the scratch
   * buffer. */
  KILN_RT_ONEDNN_CONV_WINOGRAD_2X2 = 1,
  KILN_RT_ONEDNN_CONV_WINOGRAD_4X4 = 2,
} kiln_rt_onednn_conv_algorithm_t;

/* A convolution (ONNX Conv): input N x C x D..., weight M x C/group x K...,
 * optional bias M, result N x M x O.... */
typedef struct kiln_rt_onednn_conv_desc_t {
  int64_t spatial_rank; /* 1 to KILN_RT_ONEDNN_MAX_SPATIAL */
  int64_t batch;
  int64_t in_channels;
  int64_t out_channels;
  int64_t groups;
  int64_t has_bias;
  int64_t in_size[KILN_RT_ONEDNN_MAX_SPATIAL];
  int64_t out_size[KILN_RT_ONEDNN_MAX_SPATIAL];
  int64_t kernel[KILN_RT_ONEDNN_MAX_SPATIAL];
  int64_t strides[KILN_RT_ONEDNN_MAX_SPATIAL];
  int64_t dilations[KILN_RT_ONEDNN_MAX_SPATIAL]; /* ONNX's: 1 is dense */
  int64_t pads_begin[KILN_RT_ONEDNN_MAX_SPATIAL];
  int64_t pads_end[KILN_RT_ONEDNN_MAX_SPATIAL];
  /* 1: the caller's input / result is in oneDNN's native layout (see
   * above), as another oneDNN op wrote it or will read it; 0: ONNX's NCHW. */
  int64_t src_native_layout;
  int64_t dst_native_layout;
  int64_t scratch_size; /* bytes of the run's `scratch` buffer */
  int64_t num_post_ops;
  kiln_rt_onednn_post_op_t post_ops[KILN_RT_ONEDNN_MAX_POST_OPS];
  int64_t algorithm; /* kiln_rt_onednn_conv_algorithm_t */
} kiln_rt_onednn_conv_desc_t;

/* Bytes of the scratch buffer a Winograd convolution of `d` uses for its
 * transformed input and products (each 64-byte aligned), before what the
 * products' oneDNN primitive needs: the compiler reserves them, the shim
 * checks them. 0 for other algorithms. */
static inline int64_t
kiln_rt_onednn_winograd_scratch(const kiln_rt_onednn_conv_desc_t *d) {
  int64_t tile = d->algorithm == KILN_RT_ONEDNN_CONV_WINOGRAD_2X2   ? 2
                 : d->algorithm == KILN_RT_ONEDNN_CONV_WINOGRAD_4X4 ? 4
                                                                    : 0;
  if (tile == 0)
    return 0;
  int64_t positions = (tile + 2) * (tile + 2);
  int64_t tiles = d->batch * ((d->out_size[0] + tile - 1) / tile) *
                  ((d->out_size[1] + tile - 1) / tile);
  int64_t input = (positions * tiles * d->in_channels * 4 + 63) / 64 * 64;
  int64_t products = (positions * tiles * d->out_channels * 4 + 63) / 64 * 64;
  return input + products;
}

/* A matrix product, batched with broadcasting (ONNX MatMul, Gemm):
 * result = alpha * op(lhs) x op(rhs) + beta * bias, then the post-ops.
 * All three shapes have `rank` dimensions (leading 1s where an operand has
 * fewer); op() transposes the last two when `trans_*` is set. */
typedef struct kiln_rt_onednn_matmul_desc_t {
  int64_t rank;                              /* 2 to KILN_RT_ONEDNN_MAX_RANK */
  int64_t lhs_dims[KILN_RT_ONEDNN_MAX_RANK]; /* as stored */
  int64_t rhs_dims[KILN_RT_ONEDNN_MAX_RANK]; /* as stored */
  int64_t dst_dims[KILN_RT_ONEDNN_MAX_RANK];
  int64_t trans_lhs;
  int64_t trans_rhs;
  int64_t constant_rhs; /* 1: `rhs` is given to create and packed there;
                           0: it is a run-time operand (then alpha == 1) */
  int64_t has_bias;     /* the bias is constant, given to create */
  int64_t bias_dims[KILN_RT_ONEDNN_MAX_RANK]; /* 1 where it broadcasts */
  double alpha;
  double beta; /* scales the bias */
  int64_t scratch_size;
  int64_t num_post_ops;
  kiln_rt_onednn_post_op_t post_ops[KILN_RT_ONEDNN_MAX_POST_OPS];
} kiln_rt_onednn_matmul_desc_t;

typedef enum kiln_rt_onednn_pool_kind_t {
  KILN_RT_ONEDNN_POOL_MAX = 0,
  KILN_RT_ONEDNN_POOL_AVG_INCLUDE_PAD = 1,
  KILN_RT_ONEDNN_POOL_AVG_EXCLUDE_PAD = 2,
} kiln_rt_onednn_pool_kind_t;

/* A pooling (ONNX MaxPool, AveragePool): input N x C x D..., result
 * N x C x O.... A `ceil_mode` window is expressed with a larger end pad. */
typedef struct kiln_rt_onednn_pool_desc_t {
  int64_t spatial_rank;
  int64_t kind; /* kiln_rt_onednn_pool_kind_t */
  int64_t batch;
  int64_t channels;
  int64_t in_size[KILN_RT_ONEDNN_MAX_SPATIAL];
  int64_t out_size[KILN_RT_ONEDNN_MAX_SPATIAL];
  int64_t kernel[KILN_RT_ONEDNN_MAX_SPATIAL];
  int64_t strides[KILN_RT_ONEDNN_MAX_SPATIAL];
  int64_t dilations[KILN_RT_ONEDNN_MAX_SPATIAL]; /* ONNX's: 1 is dense */
  int64_t pads_begin[KILN_RT_ONEDNN_MAX_SPATIAL];
  int64_t pads_end[KILN_RT_ONEDNN_MAX_SPATIAL];
  int64_t src_native_layout; /* as for a convolution */
  int64_t dst_native_layout;
  int64_t scratch_size;
} kiln_rt_onednn_pool_desc_t;

/* Creates the primitive of one op for `instance` and stores its handle in
 * `*handle` (NULL on failure). `name` (static; the ONNX node) prefixes
 * every message logged about it. `weights` (and `bias` when
 * `desc->has_bias`) point to the model's constant data in ONNX's layout
 * and must stay valid for the instance's life (they are the model's
 * read-only data): oneDNN reads the bias, and weights already in the
 * layout it wants, in place; other weights are packed here. Returns
 * KILN_RT_OK, KILN_RT_INVALID_ARGUMENT (a NULL pointer or a descriptor out
 * of range), KILN_RT_OUT_OF_MEMORY, KILN_RT_UNSUPPORTED (oneDNN has no
 * implementation for it on this CPU, or it needs more scratch than the
 * model reserved even on one thread) or KILN_RT_LIBRARY_ERROR. */
KILN_RT_API kiln_rt_status_t kiln_rt_onednn_conv_create(
    const kiln_rt_instance_t *instance, const kiln_rt_onednn_conv_desc_t *desc,
    const char *name, const float *weights, const float *bias, void **handle);

/* As above for a matrix product; `rhs` is NULL unless
 * `desc->constant_rhs`, `bias` NULL unless `desc->has_bias`. */
KILN_RT_API kiln_rt_status_t kiln_rt_onednn_matmul_create(
    const kiln_rt_instance_t *instance,
    const kiln_rt_onednn_matmul_desc_t *desc, const char *name,
    const float *rhs, const float *bias, void **handle);

/* As above for a pooling. */
KILN_RT_API kiln_rt_status_t kiln_rt_onednn_pool_create(
    const kiln_rt_instance_t *instance, const kiln_rt_onednn_pool_desc_t *desc,
    const char *name, void **handle);

/* Runs the op of `handle` in the run `ctx` with `ctx->num_threads` threads
 * (capped at the threads the primitive was created for). `args` holds, in
 * order: the source (conv input, matmul lhs, pool input); the run-time rhs
 * (matmul with `constant_rhs == 0` only); the result; the scratch buffer
 * (`scratch_size` bytes, 64-byte aligned; any pointer when 0); then one
 * operand per binary post-op. A failure is recorded in `ctx` with
 * kiln_rt_run_fail and returned; nothing is allocated through the
 * instance's allocator (oneDNN's own small per-call objects aside). */
KILN_RT_API kiln_rt_status_t kiln_rt_onednn_conv_run(const void *handle,
                                                     kiln_rt_run_context_t *ctx,
                                                     void *const *args);
KILN_RT_API kiln_rt_status_t kiln_rt_onednn_matmul_run(
    const void *handle, kiln_rt_run_context_t *ctx, void *const *args);
KILN_RT_API kiln_rt_status_t kiln_rt_onednn_pool_run(const void *handle,
                                                     kiln_rt_run_context_t *ctx,
                                                     void *const *args);

/* Releases what a `kiln_rt_onednn_*_create` made; NULL does nothing. */
KILN_RT_API void kiln_rt_onednn_destroy(const kiln_rt_instance_t *instance,
                                        void *handle);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KILN_RT_KILN_RT_ONEDNN_H */
