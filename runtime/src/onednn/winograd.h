// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Winograd F(2x2, 3x3) and F(4x4, 3x3) convolutions
// (KILN_RT_ONEDNN_CONV_WINOGRAD_*): the input and output transforms around
// one batched oneDNN matrix product.

#ifndef KILN_RT_SRC_ONEDNN_WINOGRAD_H
#define KILN_RT_SRC_ONEDNN_WINOGRAD_H

#include "onednn/common.h"

namespace kiln_rt::onednn {

/// What a Winograd convolution's `run` needs besides the handle's matrix
/// product: the shapes, the bias and the post-ops it applies itself.
/// Allocated with the handle; only read by `run`.
struct Winograd {
  /// Results per tile side: 2 for F(2x2, 3x3), 4 for F(4x4, 3x3).
  int64_t tile;
  int64_t batch, channels, outChannels;
  int64_t inHeight, inWidth, outHeight, outWidth;
  int64_t padTop, padLeft;
  int64_t tilesHigh, tilesWide;
  /// The model's bias (NULL: none).
  const float *bias;
  int64_t numPostOps;
  kiln_rt_onednn_post_op_t postOps[KILN_RT_ONEDNN_MAX_POST_OPS];
  /// The transformed weights when the product reads them in place (owned;
  /// NULL when oneDNN packed them into memory of its own).
  float *filter;

  int64_t tiles() const { return batch * tilesHigh * tilesWide; }
  /// Positions of a transformed tile: (tile + 2)^2.
  int64_t positions() const { return (tile + 2) * (tile + 2); }
};

/// Returns NULL when `d` (a Winograd algorithm) is one the Winograd shim
/// computes, else why not.
const char *winogradUnsupported(const kiln_rt_onednn_conv_desc_t &d);

/// Creates the handle's Winograd convolution: transforms `weights` (ONNX's
/// M x C x 3 x 3) and creates the product over them.
kiln_rt_status_t createWinograd(Creation &creation,
                                const kiln_rt_onednn_conv_desc_t &d,
                                const float *weights, const float *bias);

/// Runs it: `src` and `dst` in the native layout, `scratch` of the
/// descriptor's size, `binaries` the `add` post-ops' operands.
kiln_rt_status_t runWinograd(const Handle *handle, kiln_rt_run_context_t *ctx,
                             const float *src, float *dst, void *scratch,
                             void *const *binaries);

} // namespace kiln_rt::onednn

#endif // KILN_RT_SRC_ONEDNN_WINOGRAD_H
