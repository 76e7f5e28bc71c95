// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What a oneDNN shim keeps between `create` and `run`: one primitive with
// the reorders around it, and how the run's scratch buffer is divided.

#ifndef KILN_RT_SRC_ONEDNN_HANDLE_H
#define KILN_RT_SRC_ONEDNN_HANDLE_H

#include "kiln_rt/kiln_rt_onednn.h"

#include <dnnl.h>

namespace kiln_rt::onednn {

struct NativePool;
struct Winograd;

/// Which `kiln_rt_onednn_*_create` made a handle; checked by `run`.
enum class Kind : int32_t { Conv = 1, Matmul = 2, Pool = 3 };

/// A plain buffer of the run reordered into (or out of) the layout the
/// primitive computes in, through a slice of the run's scratch buffer.
struct Reorder {
  dnnl_primitive_t primitive; ///< NULL: the primitive takes the buffer as is
  dnnl_memory_desc_t inner;   ///< the primitive's layout
  int64_t scratchOffset;      ///< where the reordered copy lives
};

/// One prepared op. Allocated with `kiln_rt_instance_allocate` and never
/// written after `create`: `run` only reads it, from any number of threads.
struct Handle {
  Kind kind;
  /// The node's name for messages (static data of the model).
  const char *name;
  /// The threads the primitive was created for; `run` never uses more,
  /// because oneDNN sizes per-thread scratch at creation.
  int maxThreads;
  int numBinary;
  dnnl_engine_t engine;
  /// CPU streams keep no state between executions on the OpenMP runtime,
  /// so one stream serves concurrent runs.
  dnnl_stream_t stream;
  dnnl_primitive_t primitive;
  /// The caller's plain layouts of the source, run-time weights and result.
  dnnl_memory_desc_t userSrc, userWeights, userDst;
  Reorder src, dst;
  dnnl_memory_desc_t scratchpad;
  int64_t scratchpadOffset;
  int64_t scratchSize;
  /// The constant weights and the bias, created once (NULL: none): over
  /// the model's data where oneDNN reads it as it is, otherwise over the
  /// copies below.
  dnnl_memory_t weights, bias;
  /// Owned packed or scaled copies (kiln_rt_instance_allocate; NULL: none).
  void *weightsData, *biasData;
  /// A Winograd convolution's transforms around `primitive`, its batched
  /// matrix product (owned; NULL: the primitive is the whole op).
  Winograd *winograd;
  /// A pooling the shim computes itself (owned; NULL: `primitive` pools).
  NativePool *pool;
  /// The binary post-ops' operands: the caller's layout, and the
  /// primitive's (a full-shape operand is reordered into the layout the
  /// primitive computes its result in: oneDNN's kernels read it so).
  dnnl_memory_desc_t userBinary[KILN_RT_ONEDNN_MAX_POST_OPS];
  Reorder binary[KILN_RT_ONEDNN_MAX_POST_OPS];
  int binaryPostOp[KILN_RT_ONEDNN_MAX_POST_OPS];

  /// The memory objects of one run, kept for the next: creating and
  /// destroying one costs about 250 ns, some 4 us per run of conv_small's
  /// five ops; pointing one at a run's buffers costs 10. The run that takes
  /// `runMemoriesBusy` (atomically) uses them; a run of the same handle on
  /// another thread at the same time makes its own, so `run` stays
  /// reentrant. Created on first use (NULL until then), destroyed with the
  /// handle.
  static constexpr int kRunMemories = 6 + 2 * KILN_RT_ONEDNN_MAX_POST_OPS;
  mutable dnnl_memory_t runMemories[kRunMemories];
  mutable int runMemoriesBusy;
};

} // namespace kiln_rt::onednn

#endif // KILN_RT_SRC_ONEDNN_HANDLE_H
