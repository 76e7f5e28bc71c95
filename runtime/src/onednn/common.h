// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What the oneDNN shims share: building memory descriptors, post-ops and
// primitives with the scratch checks at create time, and running a handle.

#ifndef KILN_RT_SRC_ONEDNN_COMMON_H
#define KILN_RT_SRC_ONEDNN_COMMON_H

#include "onednn/handle.h"

namespace kiln_rt::onednn {

/// What `create` is building: the instance to allocate from and log
/// through, the node's name, and the handle under construction.
struct Creation {
  const kiln_rt_instance_t *instance;
  const char *name;
  Handle *handle;
  /// Multiply-adds (or window reads) of one run of the op, which the shim
  /// sets before `createPrimitive`: below `kMinParallelWork` the primitive
  /// is made for one thread.
  int64_t work = 0;

  /// Logs `what` failed with oneDNN's `status` and returns the runtime's
  /// status for it: dnnl_unimplemented is KILN_RT_UNSUPPORTED, anything
  /// else KILN_RT_LIBRARY_ERROR.
  kiln_rt_status_t fail(const char *what, dnnl_status_t status) const;
  /// Logs `message` and returns `status`.
  kiln_rt_status_t fail(kiln_rt_status_t status, const char *message) const;
};

/// Ops with less work than this run on one thread: splitting them costs
/// the team's start and barrier (1 to 2 us on two threads) more than it
/// saves (conv_small's 2x2 poolings and 784x10 gemm ran slower on two
/// threads than on one).
inline constexpr int64_t kMinParallelWork = 100000;

/// Starts a handle of `kind`: allocates and zeroes it, creates its engine
/// and stream. On failure `*out` is NULL and nothing is left allocated.
kiln_rt_status_t startHandle(const kiln_rt_instance_t *instance,
                             const char *name, Kind kind, Creation *out);

/// Ends a create: on failure destroys the handle; stores it in `*handle`
/// (NULL on failure). Returns `status`.
kiln_rt_status_t finishHandle(Creation &creation, kiln_rt_status_t status,
                              void **handle);

/// Channels per block of the native activation layout (AVX2's 8 floats).
inline constexpr int64_t kChannelBlock = 8;

/// Fills `md` with an f32 tensor of `dims`, row-major (ONNX's layout).
dnnl_status_t initRowMajor(dnnl_memory_desc_t *md, int rank,
                           const int64_t *dims);
/// How an activation (N x C x spatial...) is stored.
enum class Layout {
  /// ONNX's NCHW and its 1-D/3-D kin.
  RowMajor,
  /// NHWC and kin.
  ChannelsLast,
  /// oneDNN's native layout, the one its AVX2 kernels compute in: channels
  /// in blocks of 8 innermost (nChw8c and kin), the size of the row-major
  /// tensor, for channel counts that fill whole blocks (the only ones the
  /// compiler gives this layout); channels last for others. Producer and
  /// consumer derive it from the same shape, so they agree.
  Native,
};

/// The layout a descriptor's `native_layout` flag says.
inline Layout layoutOf(int64_t nativeLayout) {
  return nativeLayout ? Layout::Native : Layout::RowMajor;
}

/// Fills `md` with an f32 activation of `dims` stored as `layout` says.
dnnl_status_t initActivation(dnnl_memory_desc_t *md, int rank,
                             const int64_t *dims, Layout layout);

/// The post-ops of a descriptor, for a result of `rank` that the primitive
/// computes in `layout` (its binary operands are read in that layout too).
struct PostOps {
  const kiln_rt_onednn_post_op_t *ops;
  int64_t count;
  int rank;
  Layout layout;
};

/// Creates the handle's primitive from `opDesc` with `postOps` and a user
/// scratchpad, with reorders from `userSrc` and to `userDst` when the
/// primitive computes in other layouts (and for the binary operands), and
/// divides `scratchSize` bytes among the reordered copies and oneDNN's
/// scratchpad. When they do not fit, tries again with half the threads,
/// down to one; starts from one for an op with little `creation.work`.
/// Replaces a primitive the handle already has.
kiln_rt_status_t createPrimitive(Creation &creation, const void *opDesc,
                                 const PostOps &postOps,
                                 const dnnl_memory_desc_t &userSrc,
                                 const dnnl_memory_desc_t &userDst,
                                 int64_t scratchSize);

/// The weights layout of the handle's primitive (NULL: it has none).
const dnnl_memory_desc_t *primitiveWeights(const Handle *handle);

/// Gives the handle's primitive its constant weights: `data` (laid out as
/// `userMd`) times `scale`. `data` is the model's read-only data, alive as
/// long as the instance: the primitive reads it in place when it wants
/// `userMd` and `scale` is 1; otherwise it is packed (reordered and
/// scaled) once into memory of the instance.
kiln_rt_status_t packWeights(Creation &creation,
                             const dnnl_memory_desc_t &userMd,
                             const float *data, float scale);

/// Gives the handle's primitive the bias `data`, laid out as `md`, read in
/// place: the model's read-only data, or a copy the handle owns.
kiln_rt_status_t setBias(Creation &creation, const dnnl_memory_desc_t &md,
                         const float *data);

/// Runs the handle once on buffers of its own, freed after, unless another
/// handle of the process did, or its op is small: oneDNN 2.6's `gemm:jit`
/// (its matmuls on AVX2) generates its kernels on the first execution of
/// a primitive in the process, 16 ms of vit_tiny's first run, which would
/// otherwise fall on a model's first `run`.
kiln_rt_status_t warmUp(Creation &creation);

/// Runs `handle`: reorders the source in, executes the primitive with the
/// weights, bias, scratchpad and binary operands, reorders the result out.
/// `rhs` is the run-time weights or NULL. Reports failures through `ctx`.
kiln_rt_status_t runHandle(const Handle *handle, Kind kind,
                           kiln_rt_run_context_t *ctx, void *src, void *rhs,
                           void *dst, void *scratch, void *const *binaries);

} // namespace kiln_rt::onednn

#endif // KILN_RT_SRC_ONEDNN_COMMON_H
