// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// ONNX recurrent operators. LSTM is `kiln.lstm`; GRU and RNN, which have no
// kiln op, are unrolled over their static sequence into matmuls and
// elementwise ops (one step per time step and direction, at most
// `kMaxUnrolledSteps` of them). All three share the ONNX conventions:
// omitted biases and initial states are zeros, `layout = 1` (opset 14,
// batch first) becomes transposes, and `sequence_lens` must cover the whole
// sequence.

#include "OnnxNode.h"
#include "RunTimeChecks.h"

using namespace mlir;
using namespace mlir::kiln;

namespace {

using Results = FailureOr<SmallVector<Value>>;

/// The most time steps (times directions) GRU and RNN are unrolled into.
constexpr int64_t kMaxUnrolledSteps = 1024;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// What the three recurrent operators share, read and checked.
struct Recurrence {
  Value x;  // [seq, batch, input], sequence first.
  Value h0; // [dirs, batch, hidden] or null.
  std::string direction;
  int64_t dirs = 1;
  int64_t hidden = 0;
  int64_t seq = 0;
  int64_t batch = 0;
  int64_t layout = 0;
  std::optional<float> clip;
};

/// Reads X (0), R (2), `sequence_lens` (4), initial_h (5) and the common
/// attributes; `gates` is the number of gates in W and R.
std::optional<Recurrence> prepareRecurrence(OnnxNode &node, int64_t gates) {
  Recurrence rec;
  rec.x = node.getInput(0);
  Value w = node.getInput(1);
  Value r = node.getInput(2);
  rec.h0 = node.getOptionalInput(5);
  rec.direction = node.getString("direction", "forward");
  std::optional<int64_t> hiddenSize = node.getOptionalInt("hidden_size");
  rec.clip = node.getOptionalFloat("clip");
  rec.layout = node.getOpset() >= 14 ? node.getInt("layout", 0) : 0;
  // Opset 1's `output_sequence` only said whether Y is computed.
  if (node.getOpset() < 7)
    node.getInt("output_sequence", 0);
  if (!rec.x || !w || !r || node.hasFailed())
    return std::nullopt;
  if (rec.layout != 0 && rec.layout != 1) {
    node.emitError() << "unsupported layout = " << rec.layout;
    return std::nullopt;
  }
  if (rec.direction != "forward" && rec.direction != "reverse" &&
      rec.direction != "bidirectional") {
    node.emitError() << "unsupported direction = '" << rec.direction << "'";
    return std::nullopt;
  }
  rec.dirs = rec.direction == "bidirectional" ? 2 : 1;
  if (getShape(rec.x).size() != 3 || getShape(w).size() != 3 ||
      getShape(r).size() != 3) {
    node.emitError() << "X, W and R must have rank 3";
    return std::nullopt;
  }
  rec.hidden = hiddenSize.value_or(getShape(r)[2]);
  if (getShape(w)[0] != rec.dirs || getShape(w)[1] != gates * rec.hidden ||
      getShape(r)[0] != rec.dirs || getShape(r)[1] != gates * rec.hidden ||
      getShape(r)[2] != rec.hidden) {
    node.emitError() << "W and R must be [" << rec.dirs << ", "
                     << gates * rec.hidden << ", ...] with hidden_size "
                     << rec.hidden << ", got " << OnnxNode::getType(w)
                     << " and " << OnnxNode::getType(r);
    return std::nullopt;
  }
  if (rec.layout == 1) {
    rec.x = node.transpose(rec.x, {1, 0, 2});
    if (rec.h0)
      rec.h0 = node.transpose(rec.h0, {1, 0, 2});
  }
  if (!rec.x)
    return std::nullopt;
  rec.seq = getShape(rec.x)[0];
  rec.batch = getShape(rec.x)[1];
  if (node.hasInput(4) && !node.getConstantInput(4)) {
    // Run-time lengths get the same restriction as constant ones, checked
    // when the model runs.
    Value lengths = getI64Vector(node, 4, "sequence_lens");
    if (!lengths)
      return std::nullopt;
    Type i64 = IntegerType::get(node.getContext(), 64);
    addCheck(node,
             buildBinary<EqualOp, EvalOp::Equal>(node, lengths,
                                                 node.scalar(i64, rec.seq)),
             "input 4 ('sequence_lens') must be " + std::to_string(rec.seq) +
                 ", the sequence length, for every batch entry (shorter "
                 "sequences are not supported)");
  } else if (node.hasInput(4)) {
    std::optional<SmallVector<int64_t>> lengths =
        node.requireConstantInts(4, "sequence_lens");
    if (!lengths)
      return std::nullopt;
    if (llvm::any_of(*lengths, [&](int64_t len) { return len != rec.seq; })) {
      node.emitError() << "sequence_lens must equal the sequence length "
                       << rec.seq << " for every batch entry";
      return std::nullopt;
    }
  }
  // The per-direction slicing below trusts these shapes.
  if (Value b = node.getOptionalInput(3)) {
    ArrayRef<int64_t> shape = getShape(b);
    if (shape.size() != 2 || shape[0] != rec.dirs ||
        shape[1] != 2 * gates * rec.hidden) {
      node.emitError() << "B must be [" << rec.dirs << ", "
                       << 2 * gates * rec.hidden << "], got "
                       << OnnxNode::getType(b);
      return std::nullopt;
    }
  }
  if (rec.h0) {
    ArrayRef<int64_t> shape = getShape(rec.h0);
    if (shape.size() != 3 || shape[0] != rec.dirs || shape[1] != rec.batch ||
        shape[2] != rec.hidden) {
      node.emitError() << "initial_h must be [" << rec.dirs << ", " << rec.batch
                       << ", " << rec.hidden << "], got "
                       << OnnxNode::getType(rec.h0);
      return std::nullopt;
    }
  } else {
    rec.h0 = node.splat(getElementType(rec.x),
                        {rec.dirs, rec.batch, rec.hidden}, 0.0);
  }
  return rec;
}

/// The activations of a node: the `activations` attribute or `defaults`
/// once per direction.
SmallVector<std::string>
getActivationNames(OnnxNode &node, ArrayRef<StringRef> defaults, int64_t dirs) {
  if (std::optional<SmallVector<std::string>> names =
          node.getStrings("activations"))
    return *names;
  SmallVector<std::string> names;
  for (int64_t d = 0; d < dirs; ++d)
    for (StringRef name : defaults)
      names.push_back(name.str());
  return names;
}

/// Outputs in ONNX's layout from sequence-first `y` and `yH` (and `yC`).
SmallVector<Value> finishOutputs(OnnxNode &node, const Recurrence &rec, Value y,
                                 Value yH, Value yC = nullptr) {
  if (rec.layout == 1) {
    y = node.transpose(y, {2, 0, 1, 3});
    yH = node.transpose(yH, {1, 0, 2});
    if (yC)
      yC = node.transpose(yC, {1, 0, 2});
  }
  return {y, yH, yC};
}

//===----------------------------------------------------------------------===//
// LSTM
//===----------------------------------------------------------------------===//

/// LSTM (all versions) as `kiln.lstm`, with Sigmoid, Tanh and Relu
/// activations.
Results convertLSTM(OnnxNode &node) {
  std::optional<Recurrence> rec = prepareRecurrence(node, 4);
  Value w = node.getInput(1);
  Value r = node.getInput(2);
  Value b = node.getOptionalInput(3);
  Value c0 = node.getOptionalInput(6);
  Value p = node.getOptionalInput(7);
  bool inputForget = node.getInt("input_forget", 0);
  if (node.hasAttr("activation_alpha") || node.hasAttr("activation_beta")) {
    node.emitError() << "activation_alpha and activation_beta are not "
                        "supported (only Sigmoid, Tanh and Relu activations)";
    return failure();
  }
  if (!rec)
    return failure();
  if (c0 && rec->layout == 1)
    c0 = node.transpose(c0, {1, 0, 2});
  Type elementType = getElementType(rec->x);
  if (!b)
    b = node.splat(elementType, {rec->dirs, 8 * rec->hidden}, 0.0);
  if (!c0)
    c0 = node.splat(elementType, {rec->dirs, rec->batch, rec->hidden}, 0.0);
  Builder builder(node.getContext());
  SmallVector<Attribute> activations;
  for (const std::string &name :
       getActivationNames(node, {"Sigmoid", "Tanh", "Tanh"}, rec->dirs)) {
    if (name != "Sigmoid" && name != "Tanh" && name != "Relu") {
      node.emitError() << "unsupported activation '" << name
                       << "' (expects Sigmoid, Tanh or Relu)";
      return failure();
    }
    activations.push_back(builder.getStringAttr(name));
  }
  Operation *lstm = node.createMulti<LstmOp>(
      3, rec->x, w, r, b, rec->h0, c0, OptionalOperand{p},
      builder.getStringAttr(rec->direction),
      builder.getI64IntegerAttr(rec->hidden), builder.getArrayAttr(activations),
      rec->clip ? builder.getF32FloatAttr(*rec->clip) : FloatAttr(),
      builder.getBoolAttr(inputForget));
  if (!lstm)
    return failure();
  return finishOutputs(node, *rec, lstm->getResult(0), lstm->getResult(1),
                       lstm->getResult(2));
}

//===----------------------------------------------------------------------===//
// Unrolled recurrences (GRU, RNN)
//===----------------------------------------------------------------------===//

/// One activation function of an unrolled cell, with its parameters.
struct Activation {
  std::string name;
  float alpha = 0;
  float beta = 0;
};

/// Reads the activations and their `activation_alpha`/`activation_beta`
/// (consumed in order by the activations that take them; ONNX's operator
/// defaults otherwise).
std::optional<SmallVector<Activation>>
getActivations(OnnxNode &node, ArrayRef<StringRef> defaults, int64_t dirs) {
  SmallVector<std::string> names = getActivationNames(node, defaults, dirs);
  SmallVector<float> alphas =
      node.getFloats("activation_alpha").value_or(SmallVector<float>());
  SmallVector<float> betas =
      node.getFloats("activation_beta").value_or(SmallVector<float>());
  if (names.size() != defaults.size() * dirs) {
    node.emitError() << "expects " << defaults.size() * dirs
                     << " activations, got " << names.size();
    return std::nullopt;
  }
  size_t nextAlpha = 0, nextBeta = 0;
  auto take = [](ArrayRef<float> values, size_t &next, float fallback) {
    return next < values.size() ? values[next++] : fallback;
  };
  SmallVector<Activation> activations;
  for (const std::string &name : names) {
    Activation activation{name};
    if (name == "Affine" || name == "ScaledTanh") {
      activation.alpha = take(alphas, nextAlpha, 1.0f);
      activation.beta = take(betas, nextBeta, name == "Affine" ? 0.0f : 1.0f);
    } else if (name == "HardSigmoid") {
      activation.alpha = take(alphas, nextAlpha, 0.2f);
      activation.beta = take(betas, nextBeta, 0.5f);
    } else if (name == "LeakyRelu") {
      activation.alpha = take(alphas, nextAlpha, 0.01f);
    } else if (name == "ThresholdedRelu" || name == "Elu") {
      activation.alpha = take(alphas, nextAlpha, 1.0f);
    } else if (name != "Sigmoid" && name != "Tanh" && name != "Relu" &&
               name != "Softsign" && name != "Softplus") {
      node.emitError() << "unsupported activation '" << name << "'";
      return std::nullopt;
    }
    activations.push_back(activation);
  }
  return activations;
}

/// Applies `activation` to `x`, clipped to `[-clip, clip]` first.
Value activate(OnnxNode &node, const Activation &activation, Value x,
               std::optional<float> clip) {
  if (!x)
    return nullptr;
  Type type = getElementType(x);
  Builder b(node.getContext());
  if (clip)
    x = node.create<ClipOp>(x, b.getF64FloatAttr(-*clip),
                            b.getF64FloatAttr(*clip));
  auto scalar = [&](double value) { return node.scalar(type, value); };
  auto scaled = [&](Value v, double factor) {
    return node.create<MulOp>(v, scalar(factor));
  };
  const std::string &name = activation.name;
  if (name == "Sigmoid")
    return node.create<SigmoidOp>(x);
  if (name == "Tanh")
    return node.create<TanhOp>(x);
  if (name == "Relu")
    return node.create<ReluOp>(x);
  if (name == "Affine")
    return node.create<AddOp>(scaled(x, activation.alpha),
                              scalar(activation.beta));
  if (name == "ScaledTanh")
    return scaled(node.create<TanhOp>(scaled(x, activation.beta)),
                  activation.alpha);
  if (name == "HardSigmoid")
    return node.create<ClipOp>(node.create<AddOp>(scaled(x, activation.alpha),
                                                  scalar(activation.beta)),
                               b.getF64FloatAttr(0.0), b.getF64FloatAttr(1.0));
  Value negative = node.create<LessOp>(x, scalar(0));
  if (name == "LeakyRelu")
    return node.create<SelectOp>(negative, scaled(x, activation.alpha), x);
  if (name == "ThresholdedRelu")
    return node.create<SelectOp>(
        node.create<GreaterOp>(x, scalar(activation.alpha)), x, scalar(0));
  if (name == "Elu")
    return node.create<SelectOp>(
        negative,
        scaled(node.create<SubOp>(node.create<ExpOp>(x), scalar(1)),
               activation.alpha),
        x);
  if (name == "Softsign")
    return node.create<DivOp>(
        x, node.create<AddOp>(node.create<AbsOp>(x), scalar(1)));
  // Softplus.
  return node.create<LogOp>(
      node.create<AddOp>(node.create<ExpOp>(x), scalar(1)));
}

/// Entry `d` of the first dimension of `value`, with that dimension dropped.
Value takeDirection(OnnxNode &node, Value value, int64_t d) {
  if (!value)
    return nullptr;
  SmallVector<int64_t> shape(getShape(value).drop_front());
  return node.reshape(node.sliceAxis(value, 0, d, d + 1), shape);
}

/// `matrix^T` for a 2-D `matrix`.
Value transposed(OnnxNode &node, Value matrix) {
  return node.transpose(matrix, {1, 0});
}

/// One direction's inputs: `x W^T + Wb` for every step ([seq, batch, G*H]),
/// `R^T` ([H, G*H]), `Rb` ([G*H]).
struct DirectionWeights {
  Value inputTerms;
  Value recurrenceT;
  Value recurrenceBias;
};

DirectionWeights prepareDirection(OnnxNode &node, const Recurrence &rec,
                                  int64_t d, int64_t gates) {
  Value w = takeDirection(node, node.getInput(1), d);
  Value r = takeDirection(node, node.getInput(2), d);
  int64_t width = gates * rec.hidden;
  DirectionWeights weights;
  weights.inputTerms = node.create<MatmulOp>(rec.x, transposed(node, w));
  weights.recurrenceT = transposed(node, r);
  if (Value bias = node.getOptionalInput(3)) {
    Value both = takeDirection(node, bias, d);
    weights.inputTerms = node.create<AddOp>(weights.inputTerms,
                                            node.sliceAxis(both, 0, 0, width));
    weights.recurrenceBias = node.sliceAxis(both, 0, width, 2 * width);
  }
  return weights;
}

/// Runs `step(x_t, h) -> h` over the sequence in both directions as asked;
/// returns Y ([seq, dirs, batch, H]) and Y_h ([dirs, batch, H]).
template <typename StepFn>
std::pair<Value, Value> unroll(OnnxNode &node, const Recurrence &rec,
                               int64_t gates, StepFn step) {
  SmallVector<Value> ys, finals;
  for (int64_t d = 0; d < rec.dirs; ++d) {
    bool reverse =
        rec.direction == "reverse" || (rec.direction == "bidirectional" && d);
    DirectionWeights weights = prepareDirection(node, rec, d, gates);
    Value h = takeDirection(node, rec.h0, d);
    SmallVector<Value> steps(rec.seq);
    for (int64_t i = 0; i < rec.seq && !node.hasFailed(); ++i) {
      int64_t t = reverse ? rec.seq - 1 - i : i;
      Value xt = node.reshape(node.sliceAxis(weights.inputTerms, 0, t, t + 1),
                              {rec.batch, gates * rec.hidden});
      Value hr = node.create<MatmulOp>(h, weights.recurrenceT);
      if (weights.recurrenceBias)
        hr = node.create<AddOp>(hr, weights.recurrenceBias);
      h = step(d, xt, hr, h, weights);
      steps[t] = node.reshape(h, {1, 1, rec.batch, rec.hidden});
    }
    if (node.hasFailed())
      return {nullptr, nullptr};
    ys.push_back(node.concat(steps, 0));
    finals.push_back(node.reshape(h, {1, rec.batch, rec.hidden}));
  }
  return {node.concat(ys, 1), node.concat(finals, 0)};
}

/// Checks that the unrolled cell stays small enough.
bool checkUnrollable(OnnxNode &node, const Recurrence &rec) {
  if (rec.seq * rec.dirs <= kMaxUnrolledSteps)
    return true;
  node.emitError() << "a sequence of " << rec.seq << " steps in " << rec.dirs
                   << " direction(s) is too long to unroll (at most "
                   << kMaxUnrolledSteps << " steps)";
  return false;
}

/// RNN (all versions): `h = f(x W^T + h R^T + Wb + Rb)`.
Results convertRNN(OnnxNode &node) {
  std::optional<Recurrence> rec = prepareRecurrence(node, 1);
  if (!rec || !checkUnrollable(node, *rec))
    return failure();
  std::optional<SmallVector<Activation>> activations =
      getActivations(node, {"Tanh"}, rec->dirs);
  if (!activations)
    return failure();
  auto [y, yH] = unroll(
      node, *rec, 1,
      [&](int64_t d, Value xt, Value hr, Value, const DirectionWeights &) {
        return activate(node, (*activations)[d], node.create<AddOp>(xt, hr),
                        rec->clip);
      });
  if (!y)
    return failure();
  return finishOutputs(node, *rec, y, yH);
}

/// GRU (all versions), gates in ONNX's order z, r, h:
///   z = f(xz + h Rz^T + Rbz), r = f(xr + h Rr^T + Rbr),
///   n = g(xh + (r * h) Rh^T + Rbh), or g(xh + r * (h Rh^T + Rbh)) with
///   linear_before_reset, and h = (1 - z) * n + z * h.
Results convertGRU(OnnxNode &node) {
  std::optional<Recurrence> rec = prepareRecurrence(node, 3);
  bool linearBeforeReset = node.getInt("linear_before_reset", 0);
  if (!rec || !checkUnrollable(node, *rec))
    return failure();
  std::optional<SmallVector<Activation>> activations =
      getActivations(node, {"Sigmoid", "Tanh"}, rec->dirs);
  if (!activations)
    return failure();
  int64_t hidden = rec->hidden;
  Type type = getElementType(rec->x);
  auto gate = [&](Value v, int64_t g) {
    return node.sliceAxis(v, 1, g * hidden, (g + 1) * hidden);
  };
  auto [y, yH] = unroll(
      node, *rec, 3,
      [&](int64_t d, Value xt, Value hr, Value h,
          const DirectionWeights &weights) {
        const Activation &f = (*activations)[2 * d];
        const Activation &g = (*activations)[2 * d + 1];
        Value z = activate(
            node, f, node.create<AddOp>(gate(xt, 0), gate(hr, 0)), rec->clip);
        Value r = activate(
            node, f, node.create<AddOp>(gate(xt, 1), gate(hr, 1)), rec->clip);
        Value recurrent;
        if (linearBeforeReset) {
          recurrent = node.create<MulOp>(r, gate(hr, 2));
        } else {
          Value rt =
              node.sliceAxis(weights.recurrenceT, 1, 2 * hidden, 3 * hidden);
          recurrent = node.create<MatmulOp>(node.create<MulOp>(r, h), rt);
          if (weights.recurrenceBias)
            recurrent = node.create<AddOp>(
                recurrent, node.sliceAxis(weights.recurrenceBias, 0, 2 * hidden,
                                          3 * hidden));
        }
        Value n = activate(node, g, node.create<AddOp>(gate(xt, 2), recurrent),
                           rec->clip);
        Value keep = node.create<SubOp>(node.scalar(type, 1), z);
        return node.create<AddOp>(node.create<MulOp>(keep, n),
                                  node.create<MulOp>(z, h));
      });
  if (!y)
    return failure();
  return finishOutputs(node, *rec, y, yH);
}

} // namespace

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

void mlir::kiln::populateRecurrentHandlers(OnnxHandlerRegistry &registry) {
  auto add = [&](StringRef opType, int64_t version, auto fn) {
    registry.add("", opType, version, handler(fn));
  };
  add("GRU", 1, convertGRU);
  add("LSTM", 1, convertLSTM);
  add("RNN", 1, convertRNN);
}
