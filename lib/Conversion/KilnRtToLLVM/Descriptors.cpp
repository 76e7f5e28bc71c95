// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The descriptors of the oneDNN shims, filled from the `kiln_rt` ops. The
// runtime's own C structs are filled and copied out word by word, so the
// layout cannot drift from kiln_rt_onednn.h.

#include "kiln/Conversion/KilnRtToLLVM/KilnRtToLLVM.h"

#include "kiln/Dialect/KilnRt/IR/KilnRtOps.h"
#include "kiln_rt/kiln_rt_onednn.h"

#include "llvm/ADT/StringSwitch.h"

#include <algorithm>
#include <cstring>

using namespace mlir;
using namespace mlir::kiln;

namespace {

/// The words of a descriptor struct.
template <typename Desc>
std::vector<int64_t> toWords(const Desc &desc) {
  static_assert(sizeof(Desc) % sizeof(int64_t) == 0,
                "descriptors are arrays of 64-bit words");
  std::vector<int64_t> words(sizeof(Desc) / sizeof(int64_t));
  std::memcpy(words.data(), &desc, sizeof(Desc));
  return words;
}

ArrayRef<int64_t> shapeOf(Value value) {
  return cast<ShapedType>(value.getType()).getShape();
}

/// Writes `shape` into `dims` (`rank` entries), aligned to the right with
/// leading 1s: NumPy's broadcasting as oneDNN wants it (same rank).
void padDims(ArrayRef<int64_t> shape, int64_t rank, int64_t *dims) {
  int64_t lead = rank - static_cast<int64_t>(shape.size());
  for (int64_t i = 0; i < rank; ++i)
    dims[i] = i < lead ? 1 : shape[i - lead];
}

/// Fills the post-ops of a descriptor; false after an error on `op`.
bool fillPostOps(Operation *op, ArrayAttr kinds, ArrayRef<float> alphas,
                 ArrayRef<float> betas, ValueRange operands,
                 ArrayRef<int64_t> result, int64_t *count,
                 kiln_rt_onednn_post_op_t *postOps) {
  if (result.size() > KILN_RT_ONEDNN_MAX_RANK) {
    op->emitError() << "a result of rank " << result.size()
                    << " takes no oneDNN post-ops";
    return false;
  }
  *count = kinds.size();
  size_t binary = 0;
  for (auto [i, attr] : llvm::enumerate(kinds)) {
    StringRef kind = cast<StringAttr>(attr).getValue();
    kiln_rt_onednn_post_op_t &postOp = postOps[i];
    postOp.kind = llvm::StringSwitch<int64_t>(kind)
                      .Case("relu", KILN_RT_ONEDNN_RELU)
                      .Case("clip", KILN_RT_ONEDNN_CLIP)
                      .Case("sigmoid", KILN_RT_ONEDNN_SIGMOID)
                      .Case("tanh", KILN_RT_ONEDNN_TANH)
                      .Case("gelu_erf", KILN_RT_ONEDNN_GELU_ERF)
                      .Case("gelu_tanh", KILN_RT_ONEDNN_GELU_TANH)
                      .Case("swish", KILN_RT_ONEDNN_SWISH)
                      .Case("hardswish", KILN_RT_ONEDNN_HARDSWISH)
                      .Case("linear", KILN_RT_ONEDNN_LINEAR)
                      .Case("add", KILN_RT_ONEDNN_ADD)
                      .Case("mul", KILN_RT_ONEDNN_MUL)
                      .Default(0);
    postOp.alpha = alphas[i];
    postOp.beta = betas[i];
    if (postOp.kind == KILN_RT_ONEDNN_ADD ||
        postOp.kind == KILN_RT_ONEDNN_MUL) {
      postOp.rank = result.size();
      padDims(shapeOf(operands[binary++]), postOp.rank, postOp.dims);
    }
  }
  return true;
}

std::vector<int64_t> encodeConv(rt::OneDnnConvOp op) {
  kiln_rt_onednn_conv_desc_t d = {};
  ArrayRef<int64_t> input = shapeOf(op.getInput());
  ArrayRef<int64_t> weight = shapeOf(op.getWeight());
  ArrayRef<int64_t> result = shapeOf(op.getInit());
  int64_t k = input.size() - 2;
  d.spatial_rank = k;
  d.batch = input[0];
  d.in_channels = input[1];
  d.out_channels = result[1];
  d.groups = op.getGroup();
  d.has_bias = op.getBias() != nullptr;
  for (int64_t i = 0; i < k; ++i) {
    d.in_size[i] = input[i + 2];
    d.out_size[i] = result[i + 2];
    d.kernel[i] = weight[i + 2];
    d.strides[i] = op.getStrides()[i];
    d.dilations[i] = op.getDilations()[i];
    d.pads_begin[i] = op.getPads()[i];
    d.pads_end[i] = op.getPads()[k + i];
  }
  d.src_native_layout = op.getNativeLayoutInput();
  d.dst_native_layout = op.getNativeLayoutResult();
  d.scratch_size = op.getScratchSize();
  std::optional<int64_t> winograd = op.getWinograd();
  d.algorithm = !winograd        ? KILN_RT_ONEDNN_CONV_DIRECT
                : *winograd == 4 ? KILN_RT_ONEDNN_CONV_WINOGRAD_4X4
                                 : KILN_RT_ONEDNN_CONV_WINOGRAD_2X2;
  if (!fillPostOps(op, op.getPostOps(), op.getPostOpAlphas(),
                   op.getPostOpBetas(), op.getPostOperands(), result,
                   &d.num_post_ops, d.post_ops))
    return {};
  // Binary post-ops take the post operands in order.
  ArrayRef<bool> nativeLayout = op.getNativeLayoutPostOperands();
  for (int64_t i = 0, binary = 0; i < d.num_post_ops; ++i)
    if (d.post_ops[i].kind == KILN_RT_ONEDNN_ADD ||
        d.post_ops[i].kind == KILN_RT_ONEDNN_MUL) {
      d.post_ops[i].native_layout =
          binary < static_cast<int64_t>(nativeLayout.size()) &&
          nativeLayout[binary];
      ++binary;
    }
  return toWords(d);
}

std::vector<int64_t> encodeMatmul(rt::OneDnnMatmulOp op, bool constantRhs) {
  kiln_rt_onednn_matmul_desc_t d = {};
  ArrayRef<int64_t> result = shapeOf(op.getInit());
  d.rank = result.size();
  padDims(shapeOf(op.getLhs()), d.rank, d.lhs_dims);
  padDims(shapeOf(op.getRhs()), d.rank, d.rhs_dims);
  padDims(result, d.rank, d.dst_dims);
  d.trans_lhs = op.getTransLhs();
  d.trans_rhs = op.getTransRhs();
  d.constant_rhs = constantRhs;
  d.has_bias = op.getBias() != nullptr;
  if (op.getBias())
    padDims(shapeOf(op.getBias()), d.rank, d.bias_dims);
  d.alpha = op.getAlpha().convertToFloat();
  d.beta = op.getBeta().convertToFloat();
  d.scratch_size = op.getScratchSize();
  if (!fillPostOps(op, op.getPostOps(), op.getPostOpAlphas(),
                   op.getPostOpBetas(), op.getPostOperands(), result,
                   &d.num_post_ops, d.post_ops))
    return {};
  return toWords(d);
}

std::vector<int64_t> encodePool(rt::OneDnnPoolOp op) {
  kiln_rt_onednn_pool_desc_t d = {};
  ArrayRef<int64_t> input = shapeOf(op.getInput());
  ArrayRef<int64_t> result = shapeOf(op.getInit());
  int64_t k = input.size() - 2;
  d.spatial_rank = k;
  d.kind = llvm::StringSwitch<int64_t>(op.getKind())
               .Case("avg_include_pad", KILN_RT_ONEDNN_POOL_AVG_INCLUDE_PAD)
               .Case("avg_exclude_pad", KILN_RT_ONEDNN_POOL_AVG_EXCLUDE_PAD)
               .Default(KILN_RT_ONEDNN_POOL_MAX);
  d.batch = input[0];
  d.channels = input[1];
  for (int64_t i = 0; i < k; ++i) {
    d.in_size[i] = input[i + 2];
    d.out_size[i] = result[i + 2];
    d.kernel[i] = op.getKernelShape()[i];
    d.strides[i] = op.getStrides()[i];
    d.dilations[i] = op.getDilations()[i];
    d.pads_begin[i] = op.getPads()[i];
    d.pads_end[i] = op.getPads()[k + i];
  }
  d.src_native_layout = op.getNativeLayoutInput();
  d.dst_native_layout = op.getNativeLayoutResult();
  d.scratch_size = op.getScratchSize();
  return toWords(d);
}

} // namespace

std::vector<int64_t> kiln::encodeOneDnnDescriptor(Operation *op,
                                                  bool constantRhs) {
  if (auto conv = dyn_cast<rt::OneDnnConvOp>(op))
    return encodeConv(conv);
  if (auto matmul = dyn_cast<rt::OneDnnMatmulOp>(op))
    return encodeMatmul(matmul, constantRhs);
  if (auto pool = dyn_cast<rt::OneDnnPoolOp>(op))
    return encodePool(pool);
  return {};
}
