// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Max and average pooling over native-layout activations, computed by the
// shim itself: oneDNN 2.6's AVX2 pooling spends some 12 cycles per result
// block (5.7 us on conv_small's 8x28x28 2x2 max pooling, 0.73 ms on
// ResNet-18's 3x3 one) where reading the input takes a fraction of that.

#ifndef KILN_RT_SRC_ONEDNN_NATIVE_POOL_H
#define KILN_RT_SRC_ONEDNN_NATIVE_POOL_H

#include "onednn/common.h"

namespace kiln_rt::onednn {

/// The shape of a 1-D or 2-D pooling (1-D as one row of 2-D). Allocated
/// with the handle; only read by `run`.
struct NativePool {
  int64_t kind; ///< kiln_rt_onednn_pool_kind_t
  int64_t batch, blocks;
  int64_t inHeight, inWidth, outHeight, outWidth;
  int64_t kernelHeight, kernelWidth, strideHeight, strideWidth;
  int64_t dilationHeight, dilationWidth, padTop, padLeft;
  /// Whether the result is in the native layout (else row-major).
  bool nativeResult;
  /// Too small to split among threads (`kMinParallelWork`).
  bool oneThread;
};

/// Whether the shim pools `d` (a valid descriptor) itself: a 1-D or 2-D
/// pooling whose source is in the native layout with channels in whole
/// blocks. Others go to oneDNN.
bool isNativePool(const kiln_rt_onednn_pool_desc_t &d);

/// Makes the handle a native pooling of `d`.
kiln_rt_status_t createNativePool(Creation &creation,
                                  const kiln_rt_onednn_pool_desc_t &d);

/// Pools `src` (native layout) into `dst` (the layout the descriptor said).
kiln_rt_status_t runNativePool(const Handle *handle, kiln_rt_run_context_t *ctx,
                               const float *src, float *dst);

} // namespace kiln_rt::onednn

#endif // KILN_RT_SRC_ONEDNN_NATIVE_POOL_H
