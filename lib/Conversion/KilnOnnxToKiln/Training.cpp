// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The optimizers of the `ai.onnx.preview.training` domain (Adagrad, Adam,
// Momentum): one update step of n tensors, as elementwise kiln ops. Inputs
// are R (learning rate), T (update count), then n of each optimized tensor
// group; outputs are n of each updated group. Branches on T (`T > 0`) are
// selects, since T is a run-time value. Formulas and defaults follow the
// ONNX reference (`onnx/reference/ops/aionnx_preview_training`).

#include "OnnxNode.h"

using namespace mlir;
using namespace mlir::kiln;

namespace {

using Results = FailureOr<SmallVector<Value>>;

/// The number of optimized tensors of a node with `groups` input groups
/// after R and T, or nothing after an error.
std::optional<int64_t> getTensorCount(OnnxNode &node, int64_t groups) {
  int64_t inputs = static_cast<int64_t>(node.getNumInputs()) - 2;
  if (inputs <= 0 || inputs % groups != 0) {
    node.emitError() << "expects R, T and " << groups
                     << " inputs per optimized tensor, got "
                     << node.getNumInputs() << " inputs";
    return std::nullopt;
  }
  return inputs / groups;
}

/// Elementwise helpers on values of one float type.
struct Arithmetic {
  OnnxNode &node;
  Type type;

  Value number(double value) { return node.scalar(type, value); }
  Value add(Value a, Value b) { return node.create<AddOp>(a, b); }
  Value sub(Value a, Value b) { return node.create<SubOp>(a, b); }
  Value mul(Value a, Value b) { return node.create<MulOp>(a, b); }
  Value div(Value a, Value b) { return node.create<DivOp>(a, b); }
  Value scale(double factor, Value a) { return mul(number(factor), a); }
  /// `norm * x + g`, the gradient with its regularization term.
  Value regularize(double norm, Value x, Value g) {
    return add(scale(norm, x), g);
  }
};

/// Adagrad: `r = R / (1 + T * decay_factor)`, `H' = H + g * g`,
/// `X' = X - r * g / (sqrt(H') + epsilon)` with `g` regularized.
Results convertAdagrad(OnnxNode &node) {
  float decay = node.getFloat("decay_factor", 0.0f);
  float epsilon = node.getFloat("epsilon", 1e-6f);
  float norm = node.getFloat("norm_coefficient", 0.0f);
  std::optional<int64_t> n = getTensorCount(node, 3);
  Value r = node.getInput(0);
  Value t = node.getInput(1);
  if (!n || !r || !t)
    return failure();
  Arithmetic math{node, getElementType(r)};
  Value rate = math.div(
      r, math.add(math.number(1), math.scale(decay, node.cast(t, math.type))));
  SmallVector<Value> xs, hs;
  for (int64_t i = 0; i < *n; ++i) {
    Value x = node.getInput(2 + i);
    Value h = node.getInput(2 + 2 * *n + i);
    Value g = math.regularize(norm, x, node.getInput(2 + *n + i));
    Value hNew = math.add(h, math.mul(g, g));
    Value denominator =
        math.add(node.create<SqrtOp>(hNew), math.number(epsilon));
    xs.push_back(math.sub(x, math.div(math.mul(rate, g), denominator)));
    hs.push_back(hNew);
  }
  xs.append(hs);
  return xs;
}

/// Adam: first and second moments, a rate corrected by
/// `sqrt(1 - beta^T) / (1 - alpha^T)` when `T > 0`, and a decay of the
/// result by `norm_coefficient_post`.
Results convertAdam(OnnxNode &node) {
  float alpha = node.getFloat("alpha", 0.9f);
  float beta = node.getFloat("beta", 0.999f);
  float epsilon = node.getFloat("epsilon", 1e-6f);
  float norm = node.getFloat("norm_coefficient", 0.0f);
  float normPost = node.getFloat("norm_coefficient_post", 0.0f);
  std::optional<int64_t> n = getTensorCount(node, 4);
  Value r = node.getInput(0);
  Value t = node.getInput(1);
  if (!n || !r || !t)
    return failure();
  Arithmetic math{node, getElementType(r)};
  Value steps = node.cast(t, math.type);
  Value corrected = math.div(
      math.mul(r, node.create<SqrtOp>(
                      math.sub(math.number(1),
                               node.create<PowOp>(math.number(beta), steps)))),
      math.sub(math.number(1), node.create<PowOp>(math.number(alpha), steps)));
  Value started = node.create<GreaterOp>(t, node.scalar(getElementType(t), 0));
  Value rate = node.create<SelectOp>(started, corrected, r);
  SmallVector<Value> xs, vs, hs;
  for (int64_t i = 0; i < *n; ++i) {
    Value x = node.getInput(2 + i);
    Value g = math.regularize(norm, x, node.getInput(2 + *n + i));
    Value v = node.getInput(2 + 2 * *n + i);
    Value h = node.getInput(2 + 3 * *n + i);
    Value vNew = math.add(math.scale(alpha, v), math.scale(1 - alpha, g));
    Value hNew =
        math.add(math.scale(beta, h), math.scale(1 - beta, math.mul(g, g)));
    Value denominator =
        math.add(node.create<SqrtOp>(hNew), math.number(epsilon));
    Value xNew = math.sub(x, math.mul(rate, math.div(vNew, denominator)));
    xs.push_back(math.scale(1 - normPost, xNew));
    vs.push_back(vNew);
    hs.push_back(hNew);
  }
  xs.append(vs);
  xs.append(hs);
  return xs;
}

/// Momentum, `standard` or `nesterov`: `V' = alpha * V + beta' * g` with
/// `beta' = beta` once `T > 0` (1 before).
Results convertMomentum(OnnxNode &node) {
  std::optional<float> alpha = node.getOptionalFloat("alpha");
  std::optional<float> beta = node.getOptionalFloat("beta");
  std::optional<float> norm = node.getOptionalFloat("norm_coefficient");
  std::string mode = node.getString("mode", "");
  std::optional<int64_t> n = getTensorCount(node, 3);
  Value r = node.getInput(0);
  Value t = node.getInput(1);
  if (!n || !r || !t)
    return failure();
  if (!alpha || !beta || !norm || (mode != "standard" && mode != "nesterov")) {
    node.emitError() << "expects alpha, beta, norm_coefficient and mode "
                        "('standard' or 'nesterov')";
    return failure();
  }
  Arithmetic math{node, getElementType(r)};
  Value started = node.create<GreaterOp>(t, node.scalar(getElementType(t), 0));
  Value betaNow =
      node.create<SelectOp>(started, math.number(*beta), math.number(1));
  SmallVector<Value> xs, vs;
  for (int64_t i = 0; i < *n; ++i) {
    Value x = node.getInput(2 + i);
    Value g = math.regularize(*norm, x, node.getInput(2 + *n + i));
    Value v = node.getInput(2 + 2 * *n + i);
    Value vNew = math.add(math.scale(*alpha, v), math.mul(betaNow, g));
    Value step =
        mode == "standard" ? vNew : math.add(g, math.scale(*alpha, vNew));
    xs.push_back(math.sub(x, math.mul(r, step)));
    vs.push_back(vNew);
  }
  xs.append(vs);
  return xs;
}

} // namespace

void mlir::kiln::populateTrainingHandlers(OnnxHandlerRegistry &registry) {
  StringRef domain = "ai.onnx.preview.training";
  registry.add(domain, "Adagrad", 1, handler(convertAdagrad));
  registry.add(domain, "Adam", 1, handler(convertAdam));
  registry.add(domain, "Momentum", 1, handler(convertMomentum));
}
