// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What the oneDNN shims share: memory descriptors, post-ops, primitive
// creation with the scratch budget, weight packing, and running a handle.

#include "onednn/common.h"
#include "onednn/winograd.h"

#include "instance.h"
#include "platform/memory.h"

#include <atomic>
#include <cstdio>
#include <cstring>

// libgomp's per-thread ICV (the runtime links libgomp; see Runtime.md,
// "Threading"). Declared here so this file needs no `-fopenmp`.
extern "C" int omp_get_max_threads(void);
extern "C" void omp_set_num_threads(int);

using namespace kiln_rt;
using namespace kiln_rt::onednn;

namespace {

//===--- Helpers ----------------------------------------------------------===//

/// oneDNN's alignment of the slices of the scratch buffer.
constexpr int64_t kScratchAlignment = 64;

int64_t alignUp(int64_t value, int64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

/// Sets the calling thread's OpenMP thread count for the lifetime of the
/// scope (an ICV of the calling thread only, so concurrent runs on other
/// threads are not affected) and restores it after.
class ThreadScope {
public:
  explicit ThreadScope(int threads) : previous(omp_get_max_threads()) {
    if (threads > 0 && threads != previous)
      omp_set_num_threads(threads);
  }
  ~ThreadScope() {
    if (omp_get_max_threads() != previous)
      omp_set_num_threads(previous);
  }

private:
  int previous;
};

/// Destroys the primitive descriptor of one scope.
struct PrimitiveDescGuard {
  dnnl_primitive_desc_t pd = nullptr;
  ~PrimitiveDescGuard() {
    if (pd)
      dnnl_primitive_desc_destroy(pd);
  }
};

/// Destroys the primitive attributes of one scope.
struct AttrGuard {
  dnnl_primitive_attr_t attr = nullptr;
  ~AttrGuard() {
    if (attr)
      dnnl_primitive_attr_destroy(attr);
  }
};

/// Logs a run-time failure of `handle` and records it in `ctx`.
kiln_rt_status_t runFailure(const Handle *handle, kiln_rt_run_context_t *ctx,
                            const char *what, dnnl_status_t status) {
  char message[256];
  snprintf(message, sizeof(message), "%s: oneDNN %s failed (status %d)",
           handle ? handle->name : "?", what, static_cast<int>(status));
  kiln_rt_run_fail(ctx, KILN_RT_LIBRARY_ERROR, message);
  return KILN_RT_LIBRARY_ERROR;
}

/// The oneDNN eltwise algorithm of a post-op kind, or 0 when it is not
/// an eltwise one.
dnnl_alg_kind_t eltwiseAlgorithm(int64_t kind) {
  switch (kind) {
  case KILN_RT_ONEDNN_RELU:
    return dnnl_eltwise_relu;
  case KILN_RT_ONEDNN_CLIP:
    return dnnl_eltwise_clip;
  case KILN_RT_ONEDNN_SIGMOID:
    return dnnl_eltwise_logistic;
  case KILN_RT_ONEDNN_TANH:
    return dnnl_eltwise_tanh;
  case KILN_RT_ONEDNN_GELU_ERF:
    return dnnl_eltwise_gelu_erf;
  case KILN_RT_ONEDNN_GELU_TANH:
    return dnnl_eltwise_gelu_tanh;
  case KILN_RT_ONEDNN_SWISH:
    return dnnl_eltwise_swish;
  case KILN_RT_ONEDNN_HARDSWISH:
    return dnnl_eltwise_hardswish;
  case KILN_RT_ONEDNN_LINEAR:
    return dnnl_eltwise_linear;
  default:
    return dnnl_alg_kind_undef;
  }
}

} // namespace

//===--- Creation ---------------------------------------------------------===//

kiln_rt_status_t Creation::fail(const char *what, dnnl_status_t status) const {
  kiln_rt_status_t code = status == dnnl_unimplemented ? KILN_RT_UNSUPPORTED
                                                       : KILN_RT_LIBRARY_ERROR;
  char message[256];
  snprintf(message, sizeof(message), "%s: oneDNN %s failed (status %d%s)", name,
           what, static_cast<int>(status),
           status == dnnl_unimplemented ? ", no implementation on this CPU"
                                        : "");
  kiln_rt_instance_log(instance, KILN_RT_LOG_ERROR, message);
  return code;
}

kiln_rt_status_t Creation::fail(kiln_rt_status_t status,
                                const char *message) const {
  char line[256];
  snprintf(line, sizeof(line), "%s: %s", name ? name : "?", message);
  kiln_rt_instance_log(instance, KILN_RT_LOG_ERROR, line);
  return status;
}

kiln_rt_status_t
kiln_rt::onednn::startHandle(const kiln_rt_instance_t *instance,
                             const char *name, Kind kind, Creation *out) {
  out->instance = instance;
  out->name = name ? name : "?";
  out->handle = nullptr;
  if (!isLiveInstance(instance))
    return KILN_RT_INVALID_ARGUMENT;
  auto *handle = static_cast<Handle *>(
      kiln_rt_instance_allocate(instance, sizeof(Handle), alignof(Handle)));
  if (!handle)
    return out->fail(KILN_RT_OUT_OF_MEMORY, "cannot allocate the handle");
  memset(handle, 0, sizeof(Handle));
  handle->kind = kind;
  handle->name = out->name;
  out->handle = handle;
  if (dnnl_status_t s = dnnl_engine_create(&handle->engine, dnnl_cpu, 0))
    return out->fail("engine creation", s);
  if (dnnl_status_t s = dnnl_stream_create(&handle->stream, handle->engine,
                                           dnnl_stream_default_flags))
    return out->fail("stream creation", s);
  return KILN_RT_OK;
}

kiln_rt_status_t kiln_rt::onednn::finishHandle(Creation &creation,
                                               kiln_rt_status_t status,
                                               void **handle) {
  if (status != KILN_RT_OK) {
    kiln_rt_onednn_destroy(creation.instance, creation.handle);
    creation.handle = nullptr;
  }
  if (handle)
    *handle = creation.handle;
  return status;
}

//===--- Memory descriptors -----------------------------------------------===//

dnnl_status_t kiln_rt::onednn::initRowMajor(dnnl_memory_desc_t *md, int rank,
                                            const int64_t *dims) {
  dnnl_dims_t d, strides;
  int64_t stride = 1;
  for (int i = rank - 1; i >= 0; --i) {
    d[i] = dims[i];
    strides[i] = stride;
    stride *= dims[i];
  }
  return dnnl_memory_desc_init_by_strides(md, rank, d, dnnl_f32, strides);
}

dnnl_status_t kiln_rt::onednn::initActivation(dnnl_memory_desc_t *md, int rank,
                                              const int64_t *dims,
                                              Layout layout) {
  if (layout == Layout::RowMajor)
    return initRowMajor(md, rank, dims);
  dnnl_dims_t d, strides;
  for (int i = 0; i < rank; ++i)
    d[i] = dims[i];
  static constexpr dnnl_format_tag_t kBlocked[] = {dnnl_aBc8b, dnnl_aBcd8b,
                                                   dnnl_aBcde8b};
  if (layout == Layout::Native && rank >= 3 && rank <= 5 &&
      dims[1] % kChannelBlock == 0)
    return dnnl_memory_desc_init_by_tag(md, rank, d, dnnl_f32,
                                        kBlocked[rank - 3]);
  // Channels innermost, then the spatial dimensions, then the batch.
  int64_t stride = dims[1];
  strides[1] = 1;
  for (int i = rank - 1; i >= 2; --i) {
    strides[i] = stride;
    stride *= dims[i];
  }
  strides[0] = stride;
  return dnnl_memory_desc_init_by_strides(md, rank, d, dnnl_f32, strides);
}

//===--- Post-ops ---------------------------------------------------------===//

namespace {

/// Appends `postOps` to `attr`, recording the binary operands' layouts in
/// the handle: row-major or native for the caller as each says, the
/// result's layout for the primitive. Checks the
/// kinds and ranks.
kiln_rt_status_t setPostOps(Creation &creation, dnnl_primitive_attr_t attr,
                            const PostOps &postOps) {
  Handle *handle = creation.handle;
  handle->numBinary = 0;
  if (postOps.count < 0 || postOps.count > KILN_RT_ONEDNN_MAX_POST_OPS)
    return creation.fail(KILN_RT_INVALID_ARGUMENT, "too many post-ops");
  if (postOps.count == 0)
    return KILN_RT_OK;
  dnnl_post_ops_t ops;
  if (dnnl_status_t s = dnnl_post_ops_create(&ops))
    return creation.fail("post-op creation", s);
  kiln_rt_status_t status = KILN_RT_OK;
  int rank = postOps.rank;
  for (int64_t i = 0; i < postOps.count && status == KILN_RT_OK; ++i) {
    const kiln_rt_onednn_post_op_t &op = postOps.ops[i];
    dnnl_status_t s = dnnl_success;
    if (dnnl_alg_kind_t alg = eltwiseAlgorithm(op.kind)) {
      s = dnnl_post_ops_append_eltwise(ops, 1.0f, alg,
                                       static_cast<float>(op.alpha),
                                       static_cast<float>(op.beta));
    } else if (op.kind == KILN_RT_ONEDNN_ADD || op.kind == KILN_RT_ONEDNN_MUL) {
      if (op.rank != rank) {
        status = creation.fail(KILN_RT_INVALID_ARGUMENT,
                               "binary post-op of the wrong rank");
        break;
      }
      int index = handle->numBinary;
      dnnl_memory_desc_t *md = &handle->binary[index].inner;
      s = initActivation(&handle->userBinary[index], rank, op.dims,
                         layoutOf(op.native_layout));
      if (s == dnnl_success)
        s = initActivation(md, rank, op.dims, postOps.layout);
      if (s == dnnl_success)
        s = dnnl_post_ops_append_binary(
            ops,
            op.kind == KILN_RT_ONEDNN_ADD ? dnnl_binary_add : dnnl_binary_mul,
            md);
      handle->binaryPostOp[index] = static_cast<int>(i);
      ++handle->numBinary;
    } else {
      status = creation.fail(KILN_RT_INVALID_ARGUMENT, "unknown post-op kind");
      break;
    }
    if (s != dnnl_success)
      status = creation.fail("post-op", s);
  }
  if (status == KILN_RT_OK)
    if (dnnl_status_t s = dnnl_primitive_attr_set_post_ops(attr, ops))
      status = creation.fail("setting the post-ops", s);
  dnnl_post_ops_destroy(ops);
  return status;
}

} // namespace

//===--- Primitives -------------------------------------------------------===//

namespace {

/// Creates the reorder `from` -> `to` (NULL in `*out` when the layouts are
/// equal); adds its scratchpad need to `*scratchpad`.
kiln_rt_status_t createReorder(Creation &creation,
                               const dnnl_memory_desc_t &from,
                               const dnnl_memory_desc_t &to,
                               dnnl_primitive_t *out, size_t *scratchpad) {
  *out = nullptr;
  if (dnnl_memory_desc_equal(&from, &to))
    return KILN_RT_OK;
  dnnl_primitive_attr_t attr;
  if (dnnl_status_t s = dnnl_primitive_attr_create(&attr))
    return creation.fail("attribute creation", s);
  dnnl_status_t s =
      dnnl_primitive_attr_set_scratchpad_mode(attr, dnnl_scratchpad_mode_user);
  PrimitiveDescGuard pd;
  if (s == dnnl_success)
    s = dnnl_reorder_primitive_desc_create(&pd.pd, &from,
                                           creation.handle->engine, &to,
                                           creation.handle->engine, attr);
  dnnl_primitive_attr_destroy(attr);
  if (s != dnnl_success)
    return creation.fail("reorder creation", s);
  size_t need = dnnl_memory_desc_get_size(
      dnnl_primitive_desc_query_md(pd.pd, dnnl_query_scratchpad_md, 0));
  if (need > *scratchpad)
    *scratchpad = need;
  if ((s = dnnl_primitive_create(out, pd.pd)))
    return creation.fail("reorder creation", s);
  return KILN_RT_OK;
}

/// Destroys the reorders of `handle` and clears them.
void destroyReorders(Handle *handle) {
  Reorder *reorders[2 + KILN_RT_ONEDNN_MAX_POST_OPS] = {&handle->src,
                                                        &handle->dst};
  for (int i = 0; i < handle->numBinary; ++i)
    reorders[2 + i] = &handle->binary[i];
  for (int i = 0; i < 2 + handle->numBinary; ++i) {
    if (reorders[i]->primitive)
      dnnl_primitive_destroy(reorders[i]->primitive);
    reorders[i]->primitive = nullptr;
  }
}

} // namespace

kiln_rt_status_t kiln_rt::onednn::createPrimitive(
    Creation &creation, const void *opDesc, const PostOps &postOps,
    const dnnl_memory_desc_t &userSrc, const dnnl_memory_desc_t &userDst,
    int64_t scratchSize) {
  Handle *handle = creation.handle;
  if (handle->primitive)
    dnnl_primitive_destroy(handle->primitive);
  handle->primitive = nullptr;
  destroyReorders(handle);
  AttrGuard attr;
  if (dnnl_status_t s = dnnl_primitive_attr_create(&attr.attr))
    return creation.fail("attribute creation", s);
  if (dnnl_status_t s = dnnl_primitive_attr_set_scratchpad_mode(
          attr.attr, dnnl_scratchpad_mode_user))
    return creation.fail("setting the scratchpad mode", s);
  if (kiln_rt_status_t status = setPostOps(creation, attr.attr, postOps);
      status != KILN_RT_OK)
    return status;
  handle->userSrc = userSrc;
  handle->userDst = userDst;
  handle->scratchSize = scratchSize;

  // oneDNN sizes per-thread scratch by the threads at creation: start with
  // what a run would use by default, halve until the copies and the
  // scratchpad fit the scratch the model reserved.
  int threads = creation.work < kMinParallelWork ? 1 : omp_get_max_threads();
  for (;; threads /= 2) {
    if (threads < 1)
      threads = 1;
    ThreadScope scope(threads);
    PrimitiveDescGuard pd;
    if (dnnl_status_t s = dnnl_primitive_desc_create(
            &pd.pd, static_cast<const_dnnl_op_desc_t>(opDesc), attr.attr,
            handle->engine, nullptr))
      return creation.fail("primitive descriptor creation", s);
    const dnnl_memory_desc_t *src =
        dnnl_primitive_desc_query_md(pd.pd, dnnl_query_src_md, 0);
    const dnnl_memory_desc_t *dst =
        dnnl_primitive_desc_query_md(pd.pd, dnnl_query_dst_md, 0);
    const dnnl_memory_desc_t *scratchpad =
        dnnl_primitive_desc_query_md(pd.pd, dnnl_query_scratchpad_md, 0);
    if (!src || !dst || !scratchpad)
      return creation.fail(KILN_RT_INTERNAL, "primitive without src or dst");
    bool reorderSrc = !dnnl_memory_desc_equal(src, &userSrc);
    bool reorderDst = !dnnl_memory_desc_equal(dst, &userDst);
    int64_t offset = 0;
    handle->src.inner = *src;
    handle->dst.inner = *dst;
    handle->src.scratchOffset = offset;
    if (reorderSrc)
      offset += alignUp(dnnl_memory_desc_get_size(src), kScratchAlignment);
    handle->dst.scratchOffset = offset;
    if (reorderDst)
      offset += alignUp(dnnl_memory_desc_get_size(dst), kScratchAlignment);
    size_t scratchpadSize = dnnl_memory_desc_get_size(scratchpad);
    destroyReorders(handle);
    kiln_rt_status_t status = createReorder(
        creation, userSrc, *src, &handle->src.primitive, &scratchpadSize);
    if (status == KILN_RT_OK)
      status = createReorder(creation, *dst, userDst, &handle->dst.primitive,
                             &scratchpadSize);
    for (int i = 0; i < handle->numBinary && status == KILN_RT_OK; ++i) {
      Reorder &binary = handle->binary[i];
      status = createReorder(creation, handle->userBinary[i], binary.inner,
                             &binary.primitive, &scratchpadSize);
      binary.scratchOffset = offset;
      if (binary.primitive)
        offset += alignUp(dnnl_memory_desc_get_size(&binary.inner),
                          kScratchAlignment);
    }
    if (status != KILN_RT_OK)
      return status;
    handle->scratchpadOffset = offset;
    int64_t need = offset + static_cast<int64_t>(scratchpadSize);
    if (need > scratchSize) {
      if (threads > 1)
        continue;
      char message[160];
      snprintf(message, sizeof(message),
               "needs %lld bytes of scratch, the model reserved %lld "
               "(compile it with --cpu-backend=codegen)",
               static_cast<long long>(need),
               static_cast<long long>(scratchSize));
      return creation.fail(KILN_RT_UNSUPPORTED, message);
    }
    // The scratchpad as a plain byte buffer of the size asked for.
    dnnl_dims_t bytes = {static_cast<dnnl_dim_t>(scratchpadSize)};
    if (dnnl_status_t s = dnnl_memory_desc_init_by_tag(&handle->scratchpad, 1,
                                                       bytes, dnnl_u8, dnnl_x))
      return creation.fail("scratchpad descriptor", s);
    if (dnnl_status_t s = dnnl_primitive_create(&handle->primitive, pd.pd))
      return creation.fail("primitive creation", s);
    handle->maxThreads = threads;
    return KILN_RT_OK;
  }
}

const dnnl_memory_desc_t *
kiln_rt::onednn::primitiveWeights(const Handle *handle) {
  const_dnnl_primitive_desc_t pd;
  if (dnnl_primitive_get_primitive_desc(handle->primitive, &pd))
    return nullptr;
  return dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0);
}

kiln_rt_status_t kiln_rt::onednn::packWeights(Creation &creation,
                                              const dnnl_memory_desc_t &userMd,
                                              const float *data, float scale) {
  Handle *handle = creation.handle;
  const dnnl_memory_desc_t *want = primitiveWeights(handle);
  if (!want)
    return creation.fail(KILN_RT_INTERNAL, "primitive without weights");
  // The model's constants outlive the instance: when the primitive reads
  // them as they are, it reads them in place, with no copy of its own.
  if (scale == 1.0f && dnnl_memory_desc_equal(want, &userMd)) {
    if (dnnl_status_t s = dnnl_memory_create(
            &handle->weights, want, handle->engine, const_cast<float *>(data)))
      return creation.fail("weights memory", s);
    return KILN_RT_OK;
  }
  size_t size = dnnl_memory_desc_get_size(want);
  handle->weightsData = kiln_rt_instance_allocate(creation.instance, size, 64);
  if (!handle->weightsData)
    return creation.fail(KILN_RT_OUT_OF_MEMORY, "cannot allocate the weights");
  if (dnnl_status_t s = dnnl_memory_create(&handle->weights, want,
                                           handle->engine, handle->weightsData))
    return creation.fail("weights memory", s);
  // Packing (and scaling) happens once, here; `run` reads the packed copy.
  dnnl_memory_t from = nullptr;
  AttrGuard attr;
  PrimitiveDescGuard reorderPd;
  dnnl_primitive_t reorder = nullptr;
  dnnl_status_t s = dnnl_memory_create(&from, &userMd, handle->engine,
                                       const_cast<float *>(data));
  if (s == dnnl_success)
    s = dnnl_primitive_attr_create(&attr.attr);
  if (s == dnnl_success && scale != 1.0f)
    s = dnnl_primitive_attr_set_output_scales(attr.attr, 1, 0, &scale);
  if (s == dnnl_success)
    s = dnnl_reorder_primitive_desc_create(&reorderPd.pd, &userMd,
                                           handle->engine, want, handle->engine,
                                           attr.attr);
  if (s == dnnl_success)
    s = dnnl_primitive_create(&reorder, reorderPd.pd);
  if (s == dnnl_success) {
    dnnl_exec_arg_t args[2] = {{DNNL_ARG_FROM, from},
                               {DNNL_ARG_TO, handle->weights}};
    s = dnnl_primitive_execute(reorder, handle->stream, 2, args);
  }
  if (s == dnnl_success)
    s = dnnl_stream_wait(handle->stream);
  if (reorder)
    dnnl_primitive_destroy(reorder);
  if (from)
    dnnl_memory_destroy(from);
  if (s != dnnl_success)
    return creation.fail("weight packing", s);
  // `run` reads the copy only: the model's pages of these weights, paged
  // in by the packing, may leave the resident set again.
  platform::releasePages(data, dnnl_memory_desc_get_size(&userMd));
  return KILN_RT_OK;
}

kiln_rt_status_t kiln_rt::onednn::setBias(Creation &creation,
                                          const dnnl_memory_desc_t &md,
                                          const float *data) {
  Handle *handle = creation.handle;
  if (dnnl_status_t s = dnnl_memory_create(&handle->bias, &md, handle->engine,
                                           const_cast<float *>(data)))
    return creation.fail("bias memory", s);
  return KILN_RT_OK;
}

//===--- Running ----------------------------------------------------------===//

namespace {

/// The oneDNN memory objects of one run: the handle's kept ones when this
/// run can take them (pointed at this run's buffers), otherwise its own,
/// destroyed at the end of it.
class RunMemories {
public:
  /// The slots of the handle's kept memory objects.
  enum Slot { UserSrc, UserDst, InnerSrc, InnerDst, Scratchpad, Rhs, Binary };

  explicit RunMemories(const Handle *handle)
      : handle(handle), kept(!__atomic_exchange_n(&handle->runMemoriesBusy, 1,
                                                  __ATOMIC_ACQUIRE)) {}
  ~RunMemories() {
    for (int i = 0; i < count; ++i)
      dnnl_memory_destroy(owned[i]);
    if (kept)
      __atomic_store_n(&handle->runMemoriesBusy, 0, __ATOMIC_RELEASE);
  }

  /// Sets `*out` to a memory object of `md` over `data` (for `slot`; the
  /// binary operands take `Binary + 2 * i` and, reordered, the next one).
  dnnl_status_t make(int slot, const dnnl_memory_desc_t &md, void *data,
                     dnnl_memory_t *out) {
    if (!kept) {
      dnnl_status_t s = dnnl_memory_create(out, &md, handle->engine, data);
      if (s == dnnl_success)
        owned[count++] = *out;
      return s;
    }
    dnnl_memory_t &memory = handle->runMemories[slot];
    dnnl_status_t s =
        memory ? dnnl_memory_set_data_handle(memory, data)
               : dnnl_memory_create(&memory, &md, handle->engine, data);
    *out = memory;
    return s;
  }

private:
  const Handle *handle;
  bool kept;
  dnnl_memory_t owned[Handle::kRunMemories] = {};
  int count = 0;
};

} // namespace

kiln_rt_status_t kiln_rt::onednn::runHandle(const Handle *handle, Kind kind,
                                            kiln_rt_run_context_t *ctx,
                                            void *src, void *rhs, void *dst,
                                            void *scratch,
                                            void *const *binaries) {
  if (!handle || handle->kind != kind) {
    kiln_rt_run_fail(ctx, KILN_RT_INTERNAL,
                     "oneDNN shim called with a handle of another op "
                     "(the instance was not created?)");
    return KILN_RT_INTERNAL;
  }
  int threads =
      ctx && ctx->num_threads > 0 ? ctx->num_threads : omp_get_max_threads();
  if (threads > handle->maxThreads)
    threads = handle->maxThreads;
  ThreadScope scope(threads);

  auto *bytes = static_cast<char *>(scratch);
  RunMemories m(handle);
  dnnl_memory_t userSrc = nullptr, userDst = nullptr, innerSrc, innerDst,
                scratchpad = nullptr;
  dnnl_status_t s =
      m.make(RunMemories::UserSrc, handle->userSrc, src, &userSrc);
  if (s == dnnl_success)
    s = m.make(RunMemories::UserDst, handle->userDst, dst, &userDst);
  innerSrc = userSrc;
  innerDst = userDst;
  if (s == dnnl_success && handle->src.primitive)
    s = m.make(RunMemories::InnerSrc, handle->src.inner,
               bytes + handle->src.scratchOffset, &innerSrc);
  if (s == dnnl_success && handle->dst.primitive)
    s = m.make(RunMemories::InnerDst, handle->dst.inner,
               bytes + handle->dst.scratchOffset, &innerDst);
  if (s == dnnl_success)
    s = m.make(RunMemories::Scratchpad, handle->scratchpad,
               bytes + handle->scratchpadOffset, &scratchpad);
  if (s != dnnl_success)
    return runFailure(handle, ctx, "memory creation", s);

  // 1. The source into the primitive's layout.
  if (handle->src.primitive) {
    dnnl_exec_arg_t args[3] = {{DNNL_ARG_FROM, userSrc},
                               {DNNL_ARG_TO, innerSrc},
                               {DNNL_ARG_SCRATCHPAD, scratchpad}};
    if ((s = dnnl_primitive_execute(handle->src.primitive, handle->stream, 3,
                                    args)))
      return runFailure(handle, ctx, "source reorder", s);
  }

  // 2. The primitive.
  dnnl_exec_arg_t args[4 + Handle::kRunMemories];
  int n = 0;
  args[n++] = {DNNL_ARG_SRC, innerSrc};
  args[n++] = {DNNL_ARG_DST, innerDst};
  args[n++] = {DNNL_ARG_SCRATCHPAD, scratchpad};
  if (handle->weights) {
    args[n++] = {DNNL_ARG_WEIGHTS, handle->weights};
  } else if (rhs) {
    dnnl_memory_t weights;
    if ((s = m.make(RunMemories::Rhs, handle->userWeights, rhs, &weights)))
      return runFailure(handle, ctx, "memory creation", s);
    args[n++] = {DNNL_ARG_WEIGHTS, weights};
  }
  if (handle->bias)
    args[n++] = {DNNL_ARG_BIAS, handle->bias};
  for (int i = 0; i < handle->numBinary; ++i) {
    const Reorder &binary = handle->binary[i];
    dnnl_memory_t operand, inner;
    if ((s = m.make(RunMemories::Binary + 2 * i, handle->userBinary[i],
                    binaries[i], &operand)))
      return runFailure(handle, ctx, "memory creation", s);
    inner = operand;
    if (binary.primitive) {
      if ((s = m.make(RunMemories::Binary + 2 * i + 1, binary.inner,
                      bytes + binary.scratchOffset, &inner)))
        return runFailure(handle, ctx, "memory creation", s);
      dnnl_exec_arg_t in[3] = {{DNNL_ARG_FROM, operand},
                               {DNNL_ARG_TO, inner},
                               {DNNL_ARG_SCRATCHPAD, scratchpad}};
      if ((s = dnnl_primitive_execute(binary.primitive, handle->stream, 3, in)))
        return runFailure(handle, ctx, "post-op operand reorder", s);
    }
    args[n++] = {DNNL_ARG_ATTR_MULTIPLE_POST_OP(handle->binaryPostOp[i]) |
                     DNNL_ARG_SRC_1,
                 inner};
  }
  if ((s = dnnl_primitive_execute(handle->primitive, handle->stream, n, args)))
    return runFailure(handle, ctx, "execution", s);

  // 3. The result back into the caller's layout.
  if (handle->dst.primitive) {
    dnnl_exec_arg_t out[3] = {{DNNL_ARG_FROM, innerDst},
                              {DNNL_ARG_TO, userDst},
                              {DNNL_ARG_SCRATCHPAD, scratchpad}};
    if ((s = dnnl_primitive_execute(handle->dst.primitive, handle->stream, 3,
                                    out)))
      return runFailure(handle, ctx, "result reorder", s);
  }
  if ((s = dnnl_stream_wait(handle->stream)))
    return runFailure(handle, ctx, "stream wait", s);
  return KILN_RT_OK;
}

kiln_rt_status_t kiln_rt::onednn::warmUp(Creation &creation) {
  // gemm:jit's kernels, once made, serve every later primitive of the
  // process: one warm-up run is enough (vit_tiny's first run: 48 ms
  // without, 32 with one, 31.5 with one per matmul; its create: 15, 23
  // and 79 ms). Tiny products may take other kernels; they wait for a
  // larger one.
  static std::atomic<bool> warmed{false};
  if (creation.work < kMinParallelWork ||
      warmed.load(std::memory_order_relaxed))
    return KILN_RT_OK;
  const Handle *handle = creation.handle;
  // src, run-time weights, dst, scratch, then the binary operands.
  constexpr int kBuffers = 4 + KILN_RT_ONEDNN_MAX_POST_OPS;
  // The scratch up to the end of oneDNN's scratchpad, not the model's
  // reserve: faulting in megabytes per op made vit_tiny's create 16 times
  // slower.
  size_t sizes[kBuffers] = {
      dnnl_memory_desc_get_size(&handle->userSrc),
      handle->weights ? 0 : dnnl_memory_desc_get_size(&handle->userWeights),
      dnnl_memory_desc_get_size(&handle->userDst),
      static_cast<size_t>(handle->scratchpadOffset) +
          dnnl_memory_desc_get_size(&handle->scratchpad)};
  for (int i = 0; i < handle->numBinary; ++i)
    sizes[4 + i] = dnnl_memory_desc_get_size(&handle->userBinary[i]);
  void *buffers[kBuffers] = {};
  kiln_rt_status_t status = KILN_RT_OK;
  for (int i = 0; i < kBuffers && status == KILN_RT_OK; ++i) {
    if (sizes[i] == 0)
      continue;
    buffers[i] = kiln_rt_instance_allocate(creation.instance, sizes[i], 64);
    if (!buffers[i])
      status = creation.fail(KILN_RT_OUT_OF_MEMORY,
                             "cannot allocate the warm-up run's buffers");
    else if (i != 2 && i != 3) // the operands; not the result and scratch
      memset(buffers[i], 0, sizes[i]);
  }
  if (status == KILN_RT_OK) {
    kiln_rt_run_context_t ctx = {creation.instance, nullptr, nullptr, 0,
                                 KILN_RT_OK};
    status = runHandle(handle, handle->kind, &ctx, buffers[0], buffers[1],
                       buffers[2], buffers[3], buffers + 4);
    if (status != KILN_RT_OK)
      creation.fail(status, "the warm-up run failed");
  }
  // Freed, these could stay resident in the C library's heap: their pages
  // go back first.
  for (int i = 0; i < kBuffers; ++i) {
    if (buffers[i])
      platform::discardPages(buffers[i], sizes[i]);
    kiln_rt_instance_deallocate(creation.instance, buffers[i]);
  }
  if (status == KILN_RT_OK)
    warmed.store(true, std::memory_order_relaxed);
  return status;
}

//===--- Public entry points ----------------------------------------------===//

extern "C" void kiln_rt_onednn_destroy(const kiln_rt_instance_t *instance,
                                       void *opaque) {
  auto *handle = static_cast<Handle *>(opaque);
  if (!handle)
    return;
  if (handle->primitive)
    dnnl_primitive_destroy(handle->primitive);
  destroyReorders(handle);
  for (dnnl_memory_t memory : handle->runMemories)
    if (memory)
      dnnl_memory_destroy(memory);
  if (handle->weights)
    dnnl_memory_destroy(handle->weights);
  if (handle->bias)
    dnnl_memory_destroy(handle->bias);
  if (handle->stream)
    dnnl_stream_destroy(handle->stream);
  if (handle->engine)
    dnnl_engine_destroy(handle->engine);
  kiln_rt_instance_deallocate(instance, handle->weightsData);
  kiln_rt_instance_deallocate(instance, handle->biasData);
  if (handle->winograd) {
    kiln_rt_instance_deallocate(instance, handle->winograd->filter);
    kiln_rt_instance_deallocate(instance, handle->winograd);
  }
  kiln_rt_instance_deallocate(instance, handle->pool);
  kiln_rt_instance_deallocate(instance, handle);
}
