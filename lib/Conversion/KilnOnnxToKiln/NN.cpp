// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// ONNX neural-network operators: convolution, pooling, normalizations,
// softmax-like ops and dropout.
//
// Decompositions:
//   GlobalAveragePool / GlobalMaxPool  reduce_mean / reduce_max over the
//                                      spatial axes, keeping them as 1
//   InstanceNormalization              (x - mean) / sqrt(var + eps) * scale
//                                      + bias, statistics over spatial axes
//   MeanVarianceNormalization          (x - E[x]) / (sqrt(E[x^2] - E[x]^2)
//                                      + 1e-9), as ONNX's function body
//   LRN                                x / (bias + alpha * avg)^beta, where
//                                      avg is an avg_pool of x^2 across
//                                      channels (count_include_pad)
//   LayerNormalization outputs 1, 2    mean and 1 / sqrt(var + eps) by
//                                      reductions, when used
//   BatchNormalization training_mode   batch statistics by reductions
//   Softmax, LogSoftmax, Hardmax < 13  flattened to 2-D at `axis`
//   Hardmax                            top_k(k = 1) index == iota
//   ConvTranspose                      conv of the input spread by the
//                                      strides with the flipped weights

#include "ConstantEvaluation.h"
#include "OnnxNode.h"
#include "RunTimeChecks.h"

#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::kiln;

namespace {

using Results = FailureOr<SmallVector<Value>>;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// `[1, C, 1, ..., 1]` for broadcasting a per-channel vector of `shape`'s
/// rank.
SmallVector<int64_t> channelShape(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> result(shape.size(), 1);
  result[1] = shape[1];
  return result;
}

/// Window parameters of a convolution or pooling, every default explicit.
struct Window {
  SmallVector<int64_t> strides;
  SmallVector<int64_t> dilations;
  SmallVector<int64_t> pads;
};

/// Resolves `strides`, `dilations` (when `hasDilations`), `pads` and
/// `auto_pad` for `kernel` over the spatial dimensions `spatial`.
std::optional<Window> resolveWindow(OnnxNode &node, ArrayRef<int64_t> spatial,
                                    ArrayRef<int64_t> kernel,
                                    bool hasDilations) {
  int64_t k = spatial.size();
  SmallVector<int64_t> ones(k, 1);
  Window window;
  window.strides = node.getInts("strides", ones);
  window.dilations = hasDilations ? node.getInts("dilations", ones) : ones;
  std::optional<SmallVector<int64_t>> pads = node.getInts("pads");
  std::string autoPad = node.getString("auto_pad", "NOTSET");
  if (node.hasFailed())
    return std::nullopt;
  if (static_cast<int64_t>(window.strides.size()) != k ||
      static_cast<int64_t>(window.dilations.size()) != k ||
      (pads && static_cast<int64_t>(pads->size()) != 2 * k)) {
    node.emitError() << "strides and dilations need " << k
                     << " entries and pads " << 2 * k;
    return std::nullopt;
  }
  if (llvm::any_of(window.strides, [](int64_t s) { return s <= 0; }) ||
      llvm::any_of(window.dilations, [](int64_t d) { return d <= 0; })) {
    node.emitError() << "strides and dilations must be positive";
    return std::nullopt;
  }
  if (autoPad == "NOTSET") {
    window.pads = pads ? *pads : SmallVector<int64_t>(2 * k, 0);
    return window;
  }
  if (pads && llvm::any_of(*pads, [](int64_t p) { return p != 0; })) {
    node.emitError() << "pads cannot be given with auto_pad = '" << autoPad
                     << "'";
    return std::nullopt;
  }
  window.pads.assign(2 * k, 0);
  if (autoPad == "VALID")
    return window;
  if (autoPad != "SAME_UPPER" && autoPad != "SAME_LOWER") {
    node.emitError() << "unsupported auto_pad = '" << autoPad << "'";
    return std::nullopt;
  }
  // SAME: the output has ceil(in / stride) positions; the odd pad goes at
  // the end (SAME_UPPER) or at the beginning (SAME_LOWER).
  for (int64_t i = 0; i < k; ++i) {
    int64_t stride = window.strides[i];
    int64_t out = (spatial[i] + stride - 1) / stride;
    int64_t extent = (kernel[i] - 1) * window.dilations[i] + 1;
    int64_t total =
        std::max<int64_t>((out - 1) * stride + extent - spatial[i], 0);
    int64_t small = total / 2;
    int64_t large = total - small;
    window.pads[i] = autoPad == "SAME_UPPER" ? small : large;
    window.pads[k + i] = autoPad == "SAME_UPPER" ? large : small;
  }
  return window;
}

/// Checks that `input` has rank >= 3 (N x C x spatial...).
bool checkSpatialInput(OnnxNode &node, Value input) {
  if (getShape(input).size() >= 3)
    return true;
  node.emitError() << "input must have rank >= 3 (N x C x D1 ...), got rank "
                   << getShape(input).size();
  return false;
}

//===----------------------------------------------------------------------===//
// Convolution and pooling
//===----------------------------------------------------------------------===//

/// Conv 1 and 11: kernel_shape comes from the weights.
Results convertConv(OnnxNode &node) {
  Value input = node.getInput(0);
  Value weight = node.getInput(1);
  Value bias = node.getOptionalInput(2);
  std::optional<SmallVector<int64_t>> kernelShape =
      node.getInts("kernel_shape");
  int64_t group = node.getInt("group", 1);
  if (!input || !weight || !checkSpatialInput(node, input))
    return failure();
  ArrayRef<int64_t> shape = getShape(input);
  ArrayRef<int64_t> weightShape = getShape(weight);
  if (weightShape.size() != shape.size()) {
    node.emitError() << "weight rank " << weightShape.size()
                     << " differs from input rank " << shape.size();
    return failure();
  }
  ArrayRef<int64_t> kernel = weightShape.drop_front(2);
  if (kernelShape && ArrayRef<int64_t>(*kernelShape) != kernel) {
    node.emitError() << "kernel_shape [" << *kernelShape
                     << "] does not match the weight's [" << kernel << "]";
    return failure();
  }
  std::optional<Window> window =
      resolveWindow(node, shape.drop_front(2), kernel, /*hasDilations=*/true);
  if (!window)
    return failure();
  return SmallVector<Value>{
      node.create<ConvOp>(input, weight, OptionalOperand{bias}, window->strides,
                          window->dilations, window->pads, group)};
}

/// `x` with `stride - 1` zeros inserted between neighbours along `axis`.
Value insertZeros(OnnxNode &node, Value x, int64_t axis, int64_t stride) {
  if (!x || stride == 1)
    return x;
  SmallVector<int64_t> shape(getShape(x));
  int64_t size = shape[axis];
  SmallVector<int64_t> split(shape);
  split.insert(split.begin() + axis + 1, 1);
  SmallVector<int64_t> zerosShape(split);
  zerosShape[axis + 1] = stride - 1;
  Value interleaved = node.concat(
      {node.reshape(x, split), node.splat(getElementType(x), zerosShape, 0.0)},
      axis + 1);
  SmallVector<int64_t> merged(shape);
  merged[axis] = size * stride;
  return node.sliceAxis(node.reshape(interleaved, merged), axis, 0,
                        (size - 1) * stride + 1);
}

/// ConvTranspose (1 and 11) as a convolution: the input gets `stride - 1`
/// zeros between neighbours and `dilation * (kernel - 1) - pad` of padding
/// (negative padding crops), the weights are flipped and their channel
/// dimensions swapped per group; the convolution has stride 1.
Results convertConvTranspose(OnnxNode &node) {
  Value x = node.getInput(0);
  Value w = node.getInput(1);
  Value bias = node.getOptionalInput(2);
  std::optional<SmallVector<int64_t>> kernelShape =
      node.getInts("kernel_shape");
  int64_t group = node.getInt("group", 1);
  std::optional<SmallVector<int64_t>> outputShape =
      node.getInts("output_shape");
  std::optional<SmallVector<int64_t>> outputPadding =
      node.getInts("output_padding");
  if (!x || !w || !checkSpatialInput(node, x))
    return failure();
  ArrayRef<int64_t> shape = getShape(x);
  ArrayRef<int64_t> weightShape = getShape(w);
  int64_t k = shape.size() - 2;
  if (weightShape.size() != shape.size() || group < 1 ||
      weightShape[0] != shape[1] || shape[1] % group != 0) {
    node.emitError() << "expects weights C x M/group x K... for the input's "
                        "C = "
                     << shape[1] << " channels, got " << OnnxNode::getType(w);
    return failure();
  }
  ArrayRef<int64_t> kernel = weightShape.drop_front(2);
  if (kernelShape && ArrayRef<int64_t>(*kernelShape) != kernel) {
    node.emitError() << "kernel_shape [" << *kernelShape
                     << "] does not match the weight's [" << kernel << "]";
    return failure();
  }
  SmallVector<int64_t> ones(k, 1);
  SmallVector<int64_t> strides = node.getInts("strides", ones);
  SmallVector<int64_t> dilations = node.getInts("dilations", ones);
  SmallVector<int64_t> extra =
      outputPadding ? *outputPadding : SmallVector<int64_t>(k, 0);
  SmallVector<int64_t> pads =
      node.getInts("pads", SmallVector<int64_t>(2 * k, 0));
  std::string autoPad = node.getString("auto_pad", "NOTSET");
  if (node.hasFailed())
    return failure();
  if (static_cast<int64_t>(strides.size()) != k ||
      static_cast<int64_t>(dilations.size()) != k ||
      static_cast<int64_t>(extra.size()) != k ||
      static_cast<int64_t>(pads.size()) != 2 * k ||
      (outputShape && static_cast<int64_t>(outputShape->size()) != k)) {
    node.emitError() << "strides, dilations, output_padding and output_shape "
                        "need "
                     << k << " entries and pads " << 2 * k;
    return failure();
  }
  if (llvm::any_of(strides, [](int64_t v) { return v <= 0; }) ||
      llvm::any_of(dilations, [](int64_t v) { return v <= 0; }) ||
      llvm::any_of(extra, [](int64_t v) { return v < 0; })) {
    node.emitError() << "strides and dilations must be positive and "
                        "output_padding non-negative";
    return failure();
  }
  if (autoPad != "NOTSET" && autoPad != "SAME_UPPER" &&
      autoPad != "SAME_LOWER" && autoPad != "VALID") {
    node.emitError() << "unsupported auto_pad = '" << autoPad << "'";
    return failure();
  }
  // An output shape (given, or `in * stride` for SAME) decides the pads.
  if (!outputShape && (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER")) {
    outputShape.emplace();
    for (int64_t i = 0; i < k; ++i)
      outputShape->push_back(shape[2 + i] * strides[i]);
  }
  if (autoPad == "VALID")
    pads.assign(2 * k, 0);
  if (outputShape) {
    for (int64_t i = 0; i < k; ++i) {
      int64_t total = strides[i] * (shape[2 + i] - 1) + extra[i] +
                      (kernel[i] - 1) * dilations[i] + 1 - (*outputShape)[i];
      // Floor division, as ONNX's reference: a negative total (an output
      // larger than the full transposed convolution) pads at the end.
      int64_t half = llvm::divideFloorSigned(total, 2);
      pads[i] = autoPad == "SAME_UPPER" ? half : total - half;
      pads[k + i] = autoPad == "SAME_UPPER" ? total - half : half;
    }
  }
  // 1. The input, spread by the strides and padded.
  Value spread = x;
  SmallVector<int64_t> convPads(2 * k, 0);
  for (int64_t i = 0; i < k; ++i) {
    int64_t axis = 2 + i;
    spread = insertZeros(node, spread, axis, strides[i]);
    int64_t reach = dilations[i] * (kernel[i] - 1);
    int64_t before = reach - pads[i];
    int64_t after = reach - pads[k + i] + extra[i];
    if (!spread)
      return failure();
    int64_t size = getShape(spread)[axis];
    int64_t cropBefore = std::max<int64_t>(-before, 0);
    int64_t cropAfter = std::max<int64_t>(-after, 0);
    if (cropBefore + cropAfter >= size) {
      node.emitError() << "pads leave no output along spatial dimension " << i;
      return failure();
    }
    spread = node.sliceAxis(spread, axis, cropBefore, size - cropAfter);
    convPads[i] = std::max<int64_t>(before, 0);
    convPads[k + i] = std::max<int64_t>(after, 0);
  }
  // 2. The weights: C x M/g x K -> M x C/g x K per group, flipped.
  int64_t channels = shape[1];
  int64_t outPerGroup = weightShape[1];
  SmallVector<int64_t> grouped = {group, channels / group, outPerGroup};
  llvm::append_range(grouped, kernel);
  SmallVector<int64_t> permutation = {0, 2, 1};
  llvm::append_range(permutation, getRange(3, 3 + k));
  Value weight = node.transpose(node.reshape(w, grouped), permutation);
  SmallVector<int64_t> convWeight = {group * outPerGroup, channels / group};
  llvm::append_range(convWeight, kernel);
  weight = node.reshape(weight, convWeight);
  SmallVector<int64_t> starts(k + 2, 0), limits(convWeight),
      flipStrides(k + 2, 1);
  for (int64_t i = 0; i < k; ++i) {
    starts[2 + i] = kernel[i] - 1;
    limits[2 + i] = -1;
    flipStrides[2 + i] = -1;
  }
  weight = node.slice(weight, starts, limits, flipStrides);
  return SmallVector<Value>{node.create<ConvOp>(
      spread, weight, OptionalOperand{bias}, SmallVector<int64_t>(k, 1),
      dilations, convPads, group)};
}

/// The kernel shape of a pooling node (required).
std::optional<SmallVector<int64_t>> getKernelShape(OnnxNode &node,
                                                   Value input) {
  std::optional<SmallVector<int64_t>> kernel = node.getInts("kernel_shape");
  if (!kernel) {
    node.emitError() << "attribute 'kernel_shape' is missing";
    return std::nullopt;
  }
  if (kernel->size() != getShape(input).size() - 2) {
    node.emitError() << "kernel_shape has " << kernel->size() << " entries for "
                     << getShape(input).size() - 2 << " spatial dimensions";
    return std::nullopt;
  }
  return kernel;
}

/// The Indices output of MaxPool (opset 8): for every window, the flat
/// index into the input (`N x C x D...`, spatial dimensions row- or
/// column-major) of its first maximum. Every kernel tap is a strided slice
/// of the input padded with the lowest value; a running maximum keeps the
/// first tap that is strictly greater, and its constant indices.
Value buildMaxPoolIndices(OnnxNode &node, Value input,
                          ArrayRef<int64_t> outputShape,
                          ArrayRef<int64_t> kernel, const Window &window,
                          bool columnMajor) {
  ArrayRef<int64_t> shape = getShape(input);
  int64_t k = kernel.size();
  Type type = getElementType(input);
  // Pad each spatial dimension as far as the last window reaches.
  Value padded = input;
  SmallVector<int64_t> padBegin(window.pads.begin(), window.pads.begin() + k);
  for (int64_t i = 0; i < k; ++i) {
    int64_t axis = 2 + i;
    int64_t reach = (outputShape[axis] - 1) * window.strides[i] +
                    (kernel[i] - 1) * window.dilations[i] + 1;
    int64_t after = std::max<int64_t>(reach - shape[axis] - padBegin[i], 0);
    SmallVector<Value> parts;
    SmallVector<int64_t> padShape(getShape(padded));
    if (padBegin[i]) {
      padShape[axis] = padBegin[i];
      parts.push_back(node.splat(type, padShape, getLimit(type, false)));
    }
    parts.push_back(padded);
    if (after) {
      padShape[axis] = after;
      parts.push_back(node.splat(type, padShape, getLimit(type, false)));
    }
    padded = node.concat(parts, axis);
  }
  // Flat strides of the spatial dimensions (reversed for column-major) and
  // the batch/channel offsets.
  SmallVector<int64_t> spatialStrides(k, 1);
  int64_t spatialSize = getNumElements(shape.drop_front(2));
  for (int64_t i = 0; i < k; ++i)
    for (int64_t j = columnMajor ? 0 : i + 1; j < (columnMajor ? i : k); ++j)
      spatialStrides[i] *= shape[2 + j];
  SmallVector<int64_t> offsets;
  for (int64_t i = 0, e = shape[0] * shape[1]; i < e; ++i)
    offsets.push_back(i * spatialSize);
  SmallVector<int64_t> offsetShape = {shape[0], shape[1]};
  offsetShape.append(k, 1);
  Value base = node.reshape(node.i64Vector(offsets), offsetShape);
  ArrayRef<int64_t> outSpatial = outputShape.drop_front(2);
  Value best, bestIndex;
  int64_t taps = getNumElements(kernel);
  for (int64_t tap = 0; tap < taps && !node.hasFailed(); ++tap) {
    SmallVector<int64_t> t(k);
    for (int64_t i = k - 1, rest = tap; i >= 0; --i) {
      t[i] = rest % kernel[i];
      rest /= kernel[i];
    }
    SmallVector<int64_t> starts(k + 2, 0), limits(getShape(padded)),
        strides(k + 2, 1);
    for (int64_t i = 0; i < k; ++i) {
      starts[2 + i] = t[i] * window.dilations[i];
      limits[2 + i] =
          starts[2 + i] + (outSpatial[i] - 1) * window.strides[i] + 1;
      strides[2 + i] = window.strides[i];
    }
    Value tapValues = node.slice(padded, starts, limits, strides);
    // The input position of each window's tap, as a flat index.
    SmallVector<int64_t> indices;
    for (int64_t o = 0, e = getNumElements(outSpatial); o < e; ++o) {
      int64_t flat = 0;
      for (int64_t i = k - 1, rest = o; i >= 0; --i) {
        int64_t position = (rest % outSpatial[i]) * window.strides[i] -
                           padBegin[i] + t[i] * window.dilations[i];
        rest /= outSpatial[i];
        flat += position * spatialStrides[i];
      }
      indices.push_back(flat);
    }
    SmallVector<int64_t> indexShape = {1, 1};
    llvm::append_range(indexShape, outSpatial);
    Value tapIndex = buildBinary<AddOp, EvalOp::Add>(
        node, base, node.reshape(node.i64Vector(indices), indexShape));
    if (!best) {
      best = tapValues;
      bestIndex = tapIndex;
      continue;
    }
    Value better = node.create<GreaterOp>(tapValues, best);
    best = node.create<SelectOp>(better, tapValues, best);
    bestIndex = node.create<SelectOp>(better, tapIndex, bestIndex);
  }
  return bestIndex;
}

/// MaxPool (all versions); the Indices output (8) is computed when used,
/// in the `storage_order` it asks for.
Results convertMaxPool(OnnxNode &node) {
  Value input = node.getInput(0);
  bool ceilMode = node.getOpset() >= 10 && node.getInt("ceil_mode", 0);
  bool columnMajor =
      node.getOpset() >= 8 && node.getInt("storage_order", 0) != 0;
  if (!input || !checkSpatialInput(node, input))
    return failure();
  std::optional<SmallVector<int64_t>> kernel = getKernelShape(node, input);
  if (!kernel)
    return failure();
  std::optional<Window> window =
      resolveWindow(node, getShape(input).drop_front(2), *kernel,
                    /*hasDilations=*/node.getOpset() >= 10);
  if (!window)
    return failure();
  Value values =
      node.create<MaxPoolOp>(input, *kernel, window->strides, window->dilations,
                             window->pads, ceilMode);
  if (!values || !node.isOutputUsed(1))
    return SmallVector<Value>{values};
  return SmallVector<Value>{values,
                            buildMaxPoolIndices(node, input, getShape(values),
                                                *kernel, *window, columnMajor)};
}

/// AveragePool (all versions): `count_include_pad` from 7, `ceil_mode` from
/// 10, `dilations` from 19.
Results convertAveragePool(OnnxNode &node) {
  Value input = node.getInput(0);
  bool countIncludePad =
      node.getOpset() >= 7 && node.getInt("count_include_pad", 0);
  bool ceilMode = node.getOpset() >= 10 && node.getInt("ceil_mode", 0);
  if (!input || !checkSpatialInput(node, input))
    return failure();
  std::optional<SmallVector<int64_t>> kernel = getKernelShape(node, input);
  if (!kernel)
    return failure();
  std::optional<Window> window =
      resolveWindow(node, getShape(input).drop_front(2), *kernel,
                    /*hasDilations=*/node.getOpset() >= 19);
  if (!window)
    return failure();
  return SmallVector<Value>{
      node.create<AvgPoolOp>(input, *kernel, window->strides, window->dilations,
                             window->pads, ceilMode, countIncludePad)};
}

/// GlobalAveragePool and GlobalMaxPool: a reduction over the spatial axes.
template <typename ReduceOpTy>
Results convertGlobalPool(OnnxNode &node) {
  Value input = node.getInput(0);
  if (!input || !checkSpatialInput(node, input))
    return failure();
  return SmallVector<Value>{node.create<ReduceOpTy>(
      input, getRange(2, getShape(input).size()), /*keep_dims=*/true)};
}

//===----------------------------------------------------------------------===//
// Normalizations
//===----------------------------------------------------------------------===//

/// `(x - mean) / sqrt(var + eps)` over `axes` (kept), with the mean and the
/// inverse standard deviation.
struct Normalized {
  Value centered;
  Value mean;
  Value invStdDev;
  Value result;
};

Normalized normalize(OnnxNode &node, Value x, ArrayRef<int64_t> axes,
                     double epsilon) {
  Normalized n;
  Type elementType = getElementType(x);
  n.mean = node.create<ReduceMeanOp>(x, axes, /*keep_dims=*/true);
  n.centered = node.create<SubOp>(x, n.mean);
  Value variance = node.create<ReduceMeanOp>(
      node.create<MulOp>(n.centered, n.centered), axes, /*keep_dims=*/true);
  Value denominator = node.create<SqrtOp>(
      node.create<AddOp>(variance, node.scalar(elementType, epsilon)));
  n.invStdDev = node.create<ReciprocalOp>(denominator);
  n.result = node.create<MulOp>(n.centered, n.invStdDev);
  return n;
}

/// BatchNormalization in inference mode: running statistics.
Results buildBatchNorm(OnnxNode &node) {
  Value x = node.getInput(0);
  Value scale = node.getInput(1);
  Value bias = node.getInput(2);
  Value mean = node.getInput(3);
  Value variance = node.getInput(4);
  float epsilon = node.getFloat("epsilon", 1e-5f);
  node.getFloat("momentum", 0.9f);
  for (unsigned i = 1; i < node.getNumOutputs(); ++i) {
    if (node.isOutputUsed(i)) {
      node.emitError() << "output " << i
                       << " (training statistics) is not supported";
      return failure();
    }
  }
  Builder b(node.getContext());
  return SmallVector<Value>{node.create<BatchNormOp>(
      x, scale, bias, mean, variance, b.getF32FloatAttr(epsilon))};
}

/// BatchNormalization 1 and 6: `spatial = 0` (per-activation statistics) is
/// not supported; `is_test` does not matter for inference.
Results convertBatchNormOpset1(OnnxNode &node) {
  node.ignoreAttr("consumed_inputs");
  node.getInt("is_test", 0);
  if (node.getInt("spatial", 1) != 1) {
    node.emitError() << "unsupported spatial = 0";
    return failure();
  }
  return buildBatchNorm(node);
}

/// BatchNormalization 7: `spatial` only.
Results convertBatchNormOpset7(OnnxNode &node) {
  if (node.getInt("spatial", 1) != 1) {
    node.emitError() << "unsupported spatial = 0";
    return failure();
  }
  return buildBatchNorm(node);
}

/// BatchNormalization 9.
Results convertBatchNormOpset9(OnnxNode &node) { return buildBatchNorm(node); }

/// BatchNormalization from 14: `training_mode = 1` normalizes with the
/// batch's statistics and outputs the updated running statistics.
Results convertBatchNormOpset14(OnnxNode &node) {
  if (!node.getInt("training_mode", 0))
    return buildBatchNorm(node);
  Value x = node.getInput(0);
  Value scale = node.getInput(1);
  Value bias = node.getInput(2);
  Value runningMean = node.getInput(3);
  Value runningVar = node.getInput(4);
  float epsilon = node.getFloat("epsilon", 1e-5f);
  float momentum = node.getFloat("momentum", 0.9f);
  if (!x || !scale || !bias || !runningMean || !runningVar ||
      getShape(x).size() < 2)
    return failure();
  ArrayRef<int64_t> shape = getShape(x);
  SmallVector<int64_t> axes = {0};
  llvm::append_range(axes, getRange(2, shape.size()));
  SmallVector<int64_t> channels = channelShape(shape);
  Normalized n = normalize(node, x, axes, epsilon);
  Value y = node.create<AddOp>(
      node.create<MulOp>(n.result, node.reshape(scale, channels)),
      node.reshape(bias, channels));
  Type elementType = getElementType(x);
  int64_t c = shape[1];
  Value batchMean = node.reshape(n.mean, {c});
  Value batchVar = node.create<ReduceMeanOp>(
      node.create<MulOp>(n.centered, n.centered), axes, /*keep_dims=*/false);
  Value keep = node.scalar(elementType, momentum);
  Value update = node.scalar(elementType, 1.0 - momentum);
  Value newMean = node.create<AddOp>(node.create<MulOp>(runningMean, keep),
                                     node.create<MulOp>(batchMean, update));
  Value newVar = node.create<AddOp>(node.create<MulOp>(runningVar, keep),
                                    node.create<MulOp>(batchVar, update));
  return SmallVector<Value>{y, newMean, newVar};
}

Results convertInstanceNorm(OnnxNode &node) {
  node.ignoreAttr("consumed_inputs");
  Value x = node.getInput(0);
  Value scale = node.getInput(1);
  Value bias = node.getInput(2);
  float epsilon = node.getFloat("epsilon", 1e-5f);
  if (!x || !scale || !bias || !checkSpatialInput(node, x))
    return failure();
  ArrayRef<int64_t> shape = getShape(x);
  SmallVector<int64_t> channels = channelShape(shape);
  Normalized n = normalize(node, x, getRange(2, shape.size()), epsilon);
  return SmallVector<Value>{node.create<AddOp>(
      node.create<MulOp>(n.result, node.reshape(scale, channels)),
      node.reshape(bias, channels))};
}

/// LayerNormalization 17: `kiln.layer_norm` for Y; Mean and InvStdDev by
/// reductions when they are used.
Results convertLayerNorm(OnnxNode &node) {
  Value x = node.getInput(0);
  Value scale = node.getInput(1);
  Value bias = node.getOptionalInput(2);
  int64_t axis = node.getInt("axis", -1);
  float epsilon = node.getFloat("epsilon", 1e-5f);
  int64_t stashType = node.getInt("stash_type", 1);
  if (!x || !scale)
    return failure();
  if (stashType != 1) {
    node.emitError() << "unsupported stash_type = " << stashType
                     << " (expects 1, float)";
    return failure();
  }
  ArrayRef<int64_t> shape = getShape(x);
  std::optional<int64_t> dim = node.normalizeAxis(axis, shape.size());
  if (!dim)
    return failure();
  if (!bias)
    bias = node.splat(getElementType(scale), getShape(scale), 0.0);
  Builder b(node.getContext());
  SmallVector<Value> results = {node.create<LayerNormOp>(
      x, scale, bias, b.getI64IntegerAttr(*dim), b.getF32FloatAttr(epsilon))};
  if (node.isOutputUsed(1) || node.isOutputUsed(2)) {
    Normalized n = normalize(node, x, getRange(*dim, shape.size()), epsilon);
    results.push_back(n.mean);
    results.push_back(n.invStdDev);
  }
  return results;
}

Results convertMeanVarianceNorm(OnnxNode &node) {
  Value x = node.getInput(0);
  SmallVector<int64_t> axes = node.getInts("axes", {0, 2, 3});
  if (!x)
    return failure();
  std::optional<SmallVector<int64_t>> dims =
      node.normalizeAxes(axes, getShape(x).size());
  if (!dims)
    return failure();
  Type elementType = getElementType(x);
  Value mean = node.create<ReduceMeanOp>(x, *dims, /*keep_dims=*/true);
  Value meanOfSquares = node.create<ReduceMeanOp>(node.create<MulOp>(x, x),
                                                  *dims, /*keep_dims=*/true);
  Value variance =
      node.create<SubOp>(meanOfSquares, node.create<MulOp>(mean, mean));
  Value denominator = node.create<AddOp>(node.create<SqrtOp>(variance),
                                         node.scalar(elementType, 1e-9));
  return SmallVector<Value>{
      node.create<DivOp>(node.create<SubOp>(x, mean), denominator)};
}

Results convertLRN(OnnxNode &node) {
  Value x = node.getInput(0);
  float alpha = node.getFloat("alpha", 1e-4f);
  float beta = node.getFloat("beta", 0.75f);
  float bias = node.getFloat("bias", 1.0f);
  std::optional<int64_t> size = node.getOptionalInt("size");
  if (!x)
    return failure();
  if (!size || *size <= 0) {
    node.emitError() << "attribute 'size' must be positive";
    return failure();
  }
  ArrayRef<int64_t> shape = getShape(x);
  if (shape.size() < 2) {
    node.emitError() << "input must have rank >= 2";
    return failure();
  }
  Type elementType = getElementType(x);
  // Channels become the first spatial dimension of a 2-D pooling.
  int64_t spatial = getNumElements(shape.drop_front(2));
  Value squares =
      node.reshape(node.create<MulOp>(x, x), {shape[0], 1, shape[1], spatial});
  int64_t before = (*size - 1) / 2;
  int64_t after = *size - 1 - before;
  Value average = node.create<AvgPoolOp>(
      squares, ArrayRef<int64_t>{*size, 1}, ArrayRef<int64_t>{1, 1},
      ArrayRef<int64_t>{1, 1}, ArrayRef<int64_t>{before, 0, after, 0},
      /*ceil_mode=*/false, /*count_include_pad=*/true);
  average = node.reshape(average, shape);
  Value base = node.create<AddOp>(
      node.create<MulOp>(average, node.scalar(elementType, alpha)),
      node.scalar(elementType, bias));
  Value denominator = node.create<PowOp>(base, node.scalar(elementType, beta));
  return SmallVector<Value>{node.create<DivOp>(x, denominator)};
}

//===----------------------------------------------------------------------===//
// Softmax-like ops
//===----------------------------------------------------------------------===//

/// Hardmax along `axis`: 1 at the first maximum, 0 elsewhere.
Value buildHardmax(OnnxNode &node, Value x, int64_t axis) {
  ArrayRef<int64_t> shape = getShape(x);
  Operation *topK = node.createMulti<TopKOp>(2, x, /*k=*/1, axis,
                                             /*largest=*/true, /*sorted=*/true);
  if (!topK)
    return nullptr;
  SmallVector<int64_t> iotaShape(shape.size(), 1);
  iotaShape[axis] = shape[axis];
  Value iota =
      node.reshape(node.i64Vector(getRange(0, shape[axis])), iotaShape);
  Value hot = node.create<EqualOp>(topK->getResult(1), iota);
  return node.cast(hot, getElementType(x));
}

/// Softmax, LogSoftmax and Hardmax before 13: the input is flattened to 2-D
/// at `axis` (default 1) and normalized along the second dimension.
template <typename OpTy>
Results convertSoftmaxOpset1(OnnxNode &node) {
  Value x = node.getInput(0);
  int64_t axis = node.getInt("axis", 1);
  if (!x)
    return failure();
  ArrayRef<int64_t> shape = getShape(x);
  int64_t rank = shape.size();
  std::optional<int64_t> dim =
      node.normalizeAxis(axis, std::max<int64_t>(rank, 1));
  if (!dim)
    return failure();
  Value flat = node.reshape(x, {getNumElements(shape.take_front(*dim)),
                                getNumElements(shape.drop_front(*dim))});
  Value result;
  if constexpr (std::is_same_v<OpTy, TopKOp>)
    result = buildHardmax(node, flat, 1);
  else
    result = node.create<OpTy>(flat, 1);
  return SmallVector<Value>{node.reshape(result, shape)};
}

/// Softmax, LogSoftmax and Hardmax from 13: along `axis` (default -1).
template <typename OpTy>
Results convertSoftmaxOpset13(OnnxNode &node) {
  Value x = node.getInput(0);
  int64_t axis = node.getInt("axis", -1);
  if (!x)
    return failure();
  std::optional<int64_t> dim = node.normalizeAxis(axis, getShape(x).size());
  if (!dim)
    return failure();
  if constexpr (std::is_same_v<OpTy, TopKOp>)
    return SmallVector<Value>{buildHardmax(node, x, *dim)};
  else
    return SmallVector<Value>{node.create<OpTy>(x, *dim)};
}

//===----------------------------------------------------------------------===//
// Dropout
//===----------------------------------------------------------------------===//

/// The all-true mask of Dropout in inference, for when it is used.
Value buildDropoutMask(OnnxNode &node, Value x, Type maskType) {
  if (!x || !node.isOutputUsed(1))
    return nullptr;
  return node.splat(maskType, getShape(x), 1);
}

/// Dropout before 12: Kiln compiles for inference, where the output is the
/// input (`is_test` and `ratio` do not change it).
Results convertDropoutOpset1(OnnxNode &node) {
  node.ignoreAttr("consumed_inputs");
  node.getInt("is_test", 0);
  node.getFloat("ratio", 0.5f);
  Value x = node.getInput(0);
  if (!x)
    return failure();
  Type maskType = node.getOpset() >= 10
                      ? Type(IntegerType::get(node.getContext(), 1))
                      : getElementType(x);
  return SmallVector<Value>{x, buildDropoutMask(node, x, maskType)};
}

/// Dropout from 12: `training_mode` is an input; training with a non-zero
/// ratio draws random numbers, which is not supported.
Results convertDropoutOpset12(OnnxNode &node) {
  node.getInt("seed", 0);
  Value x = node.getInput(0);
  if (!x)
    return failure();
  if (node.hasInput(2) && !node.getConstantInput(2)) {
    // A run-time training_mode: dropout is the identity unless training
    // with a non-zero ratio, which the check rules out.
    Value training = node.getInput(2);
    if (getNumElements(getShape(training)) != 1) {
      node.emitError() << "input 2 ('training_mode') must be a scalar";
      return failure();
    }
    Type i1 = IntegerType::get(node.getContext(), 1);
    Value inference = notOf(node, node.cast(node.reshape(training, {}), i1));
    // The default ratio is 0.5.
    Value ratioIsZero = node.scalar(i1, 0);
    if (Value ratio = node.getOptionalInput(1)) {
      if (getNumElements(getShape(ratio)) != 1) {
        node.emitError() << "input 1 ('ratio') must be a scalar";
        return failure();
      }
      ratio = node.reshape(ratio, {});
      ratioIsZero = buildBinary<EqualOp, EvalOp::Equal>(
          node, ratio, node.scalar(getElementType(ratio), 0));
    }
    addCheck(node, orOf(node, inference, ratioIsZero),
             "input 2 ('training_mode') must be false unless input 1 "
             "('ratio') is 0: training with dropout draws random numbers, "
             "which is not supported");
  } else if (node.hasInput(2)) {
    std::optional<SmallVector<double>> training =
        node.requireConstantFloats(2, "training_mode");
    if (!training)
      return failure();
    bool isTraining = !training->empty() && training->front() != 0;
    double ratio = 0.5;
    if (isTraining && node.hasInput(1)) {
      std::optional<SmallVector<double>> ratios =
          node.requireConstantFloats(1, "ratio");
      if (!ratios)
        return failure();
      if (!ratios->empty())
        ratio = ratios->front();
    }
    if (isTraining && ratio != 0) {
      node.emitError() << "training_mode = true with ratio " << ratio
                       << " draws random numbers; not supported";
      return failure();
    }
  }
  return SmallVector<Value>{
      x, buildDropoutMask(node, x, IntegerType::get(node.getContext(), 1))};
}

} // namespace

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

void mlir::kiln::populateNNHandlers(OnnxHandlerRegistry &registry) {
  auto add = [&](StringRef opType, int64_t version, auto fn) {
    registry.add("", opType, version, handler(fn));
  };
  add("AveragePool", 1, convertAveragePool);
  add("BatchNormalization", 1, convertBatchNormOpset1);
  add("BatchNormalization", 7, convertBatchNormOpset7);
  add("BatchNormalization", 9, convertBatchNormOpset9);
  add("BatchNormalization", 14, convertBatchNormOpset14);
  add("Conv", 1, convertConv);
  add("ConvTranspose", 1, convertConvTranspose);
  add("Dropout", 1, convertDropoutOpset1);
  add("Dropout", 12, convertDropoutOpset12);
  add("GlobalAveragePool", 1, convertGlobalPool<ReduceMeanOp>);
  add("GlobalMaxPool", 1, convertGlobalPool<ReduceMaxOp>);
  add("Hardmax", 1, convertSoftmaxOpset1<TopKOp>);
  add("Hardmax", 13, convertSoftmaxOpset13<TopKOp>);
  add("InstanceNormalization", 1, convertInstanceNorm);
  add("LayerNormalization", 17, convertLayerNorm);
  add("LogSoftmax", 1, convertSoftmaxOpset1<LogSoftmaxOp>);
  add("LogSoftmax", 13, convertSoftmaxOpset13<LogSoftmaxOp>);
  add("LRN", 1, convertLRN);
  add("MaxPool", 1, convertMaxPool);
  add("MeanVarianceNormalization", 9, convertMeanVarianceNorm);
  add("Softmax", 1, convertSoftmaxOpset1<SoftmaxOp>);
  add("Softmax", 13, convertSoftmaxOpset13<SoftmaxOp>);
}
