// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What oneDNN 2.6 can run among the kiln ops, and the patterns that turn
// the ops the dispatch chose into `kiln_rt.onednn_*` ops.

#include "kiln/Conversion/KilnToKilnRt/KilnToKilnRt.h"
#include "kiln_rt/kiln_rt_onednn.h"

#include "kiln/Dialect/Kiln/IR/KilnOps.h"
#include "kiln/Dialect/KilnRt/IR/KilnRtOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"

#include <cmath>
#include <optional>

using namespace mlir;
using namespace mlir::kiln;

namespace {

//===--- Helpers ----------------------------------------------------------===//

/// The alignment of each copy in the shim's scratch buffer (common.cpp).
constexpr int64_t kScratchAlignment = 64;

int64_t alignUp(int64_t value) {
  return (value + kScratchAlignment - 1) / kScratchAlignment *
         kScratchAlignment;
}

bool isStaticF32(Type type) {
  auto shaped = dyn_cast<RankedTensorType>(type);
  return shaped && shaped.hasStaticShape() && shaped.getElementType().isF32();
}

int64_t byteSize(Type type) {
  return cast<RankedTensorType>(type).getNumElements() * 4;
}

/// Returns the value outside a `kiln.fused` that the body argument `value`
/// stands for; any other value as it is.
Value outside(Value value) {
  if (auto arg = dyn_cast<BlockArgument>(value))
    if (auto fused =
            dyn_cast_if_present<FusedOp>(arg.getOwner()->getParentOp()))
      return fused.getInputs()[arg.getArgNumber()];
  return value;
}

/// True when `value` is a constant (`create` packs it once), looking
/// through the arguments of a `kiln.fused` body.
bool isConstant(Value value) {
  return matchPattern(outside(value), m_Constant());
}

bool isMarked(Operation *op) {
  auto attr = op->getAttrOfType<StringAttr>(kLibraryCallAttrName);
  return attr && attr.getValue() == kOneDnnLibraryCall;
}

/// A `tensor.empty` of the result's type, the op's destination.
Value emptyLike(PatternRewriter &rewriter, Location loc, Type type) {
  auto tensor = cast<RankedTensorType>(type);
  return tensor::EmptyOp::create(rewriter, loc, tensor.getShape(),
                                 tensor.getElementType());
}

//===--- Candidates -------------------------------------------------------===//

bool checkConv(ConvOp op, OneDnnWork &work, std::string &reason) {
  auto input = cast<RankedTensorType>(op.getInput().getType());
  auto result = cast<RankedTensorType>(op.getType());
  int64_t k = input.getRank() - 2;
  if (k < 1 || k > 3)
    return reason = "oneDNN convolutions have 1 to 3 spatial dimensions", false;
  if (!isConstant(op.getWeight()))
    return reason = "the weights are not constant", false;
  if (op.getBias() && !isConstant(op.getBias()))
    return reason = "the bias is not constant", false;
  auto weight = cast<RankedTensorType>(op.getWeight().getType());
  int64_t window = 1;
  for (int64_t i = 2; i < weight.getRank(); ++i)
    window *= weight.getDimSize(i);
  work.macs = result.getNumElements() * weight.getDimSize(1) * window;
  work.reorderBytes = byteSize(input) + byteSize(result);
  return true;
}

bool checkMatmul(MatmulOp op, OneDnnWork &work, std::string &reason) {
  auto lhs = cast<RankedTensorType>(op.getLhs().getType());
  auto result = cast<RankedTensorType>(op.getType());
  if (result.getRank() > 6)
    return reason = "oneDNN matmuls have at most 6 dimensions", false;
  work.macs = result.getNumElements() * lhs.getShape().back();
  work.matrixVector = lhs.getNumElements() == lhs.getShape().back();
  return true;
}

bool checkGemm(GemmOp op, OneDnnWork &work, std::string &reason) {
  bool constantB = isConstant(op.getB());
  if (!constantB && op.getAlpha().convertToFloat() != 1.0f)
    return reason = "alpha is not 1 and B is not constant", false;
  if (Value c = op.getC();
      c && !isConstant(c) && op.getBeta().convertToFloat() != 1.0f)
    return reason = "beta is not 1 and C is not constant", false;
  auto a = cast<RankedTensorType>(op.getA().getType());
  auto result = cast<RankedTensorType>(op.getType());
  work.macs = result.getNumElements() * a.getDimSize(op.getTransA() ? 0 : 1);
  work.matrixVector = a.getDimSize(op.getTransA() ? 1 : 0) == 1;
  return true;
}

/// The end pads that give oneDNN's floor-mode output size the result's
/// (ONNX's `ceil_mode` windows read past the end pad).
SmallVector<int64_t> poolEndPads(ArrayRef<int64_t> in, ArrayRef<int64_t> out,
                                 ArrayRef<int64_t> kernel,
                                 ArrayRef<int64_t> strides,
                                 ArrayRef<int64_t> dilations,
                                 ArrayRef<int64_t> pads) {
  int64_t k = kernel.size();
  SmallVector<int64_t> ends(pads.drop_front(k));
  for (int64_t i = 0; i < k; ++i) {
    int64_t needed = (out[i] - 1) * strides[i] +
                     dilations[i] * (kernel[i] - 1) + 1 - in[i] - pads[i];
    ends[i] = std::max(ends[i], needed);
  }
  return ends;
}

template <typename PoolOp>
bool checkPool(PoolOp op, bool includePad, OneDnnWork &work,
               std::string &reason) {
  auto input = cast<RankedTensorType>(op.getInput().getType());
  auto result = cast<RankedTensorType>(op.getType());
  int64_t k = input.getRank() - 2;
  if (k < 1 || k > 3)
    return reason = "oneDNN poolings have 1 to 3 spatial dimensions", false;
  if (!input.getElementType().isF32())
    return reason = "the element type is not f32", false;
  SmallVector<int64_t> ends = poolEndPads(
      input.getShape().drop_front(2), result.getShape().drop_front(2),
      op.getKernelShape(), op.getStrides(), op.getDilations(), op.getPads());
  // A ceil_mode window past the end pad would count in oneDNN's divisor.
  if (includePad && ArrayRef<int64_t>(ends) != op.getPads().drop_front(k))
    return reason = "ceil_mode windows past the padding count in the "
                    "divisor with count_include_pad",
           false;
  int64_t window = 1;
  for (int64_t v : op.getKernelShape())
    window *= v;
  work.macs = result.getNumElements() * window;
  return true;
}

//===--- Fused epilogues --------------------------------------------------===//

/// One oneDNN post-op of a fused epilogue; `operand` (a body value) for the
/// binary ones.
struct PostOp {
  StringRef kind;
  float alpha = 0.0f, beta = 0.0f;
  Value operand;
};

/// Returns the value of a splat constant `value`, if it is one.
std::optional<float> splatValue(Value value) {
  DenseElementsAttr elements;
  if (!matchPattern(value, m_Constant(&elements)) || !elements.isSplat() ||
      !elements.getElementType().isF32())
    return std::nullopt;
  return elements.getSplatValue<float>();
}

/// Returns the operand of the binary `op` that is not `chain`, or null when
/// both are `chain`.
Value otherOperand(Operation *op, Value chain) {
  Value lhs = op->getOperand(0), rhs = op->getOperand(1);
  if (lhs == chain && rhs != chain)
    return rhs;
  if (rhs == chain && lhs != chain)
    return lhs;
  return Value();
}

bool near(float value, float want) {
  return std::fabs(value - want) <= 1e-4f * std::fabs(want);
}

/// Matches ONNX's erf GELU on `chain` starting at `op`:
/// `mul(mul(x, add(erf(div(x, sqrt 2)), 1)), 0.5)`; returns its last op.
Operation *matchGeluErf(Operation *op, Value x) {
  auto div = dyn_cast<DivOp>(op);
  std::optional<float> c;
  if (!div || div.getLhs() != x || !(c = splatValue(div.getRhs())) ||
      !near(*c, std::sqrt(2.0f)) || !div->hasOneUse())
    return nullptr;
  auto erf = dyn_cast<ErfOp>(*div->user_begin());
  if (!erf || !erf->hasOneUse())
    return nullptr;
  auto add = dyn_cast<AddOp>(*erf->user_begin());
  if (!add || !add->hasOneUse() || !(c = splatValue(otherOperand(add, erf))) ||
      !near(*c, 1.0f))
    return nullptr;
  auto mul = dyn_cast<MulOp>(*add->user_begin());
  if (!mul || otherOperand(mul, add) != x || !mul->hasOneUse())
    return nullptr;
  auto half = dyn_cast<MulOp>(*mul->user_begin());
  if (!half || !(c = splatValue(otherOperand(half, mul))) || !near(*c, 0.5f))
    return nullptr;
  return half;
}

/// Maps the ops after `anchor` in its `kiln.fused` body, a chain of
/// elementwise ops ending in the yield, to oneDNN post-ops. Returns false
/// with `reason` when one has no post-op.
bool matchEpilogue(Operation *anchor, SmallVectorImpl<PostOp> &postOps,
                   std::string &reason) {
  Value chain = anchor->getResult(0);
  auto shape = cast<RankedTensorType>(chain.getType()).getShape();
  Operation *op = anchor->getNextNode();
  for (; op && !isa<YieldOp>(op); op = op->getNextNode()) {
    if (isa<ConstantOp>(op))
      continue;
    if (!llvm::is_contained(op->getOperands(), chain))
      return reason = "the epilogue is not a chain of ops", false;
    // Every value of the chain feeds only the next step (GELU and swish
    // read it twice, within their pattern).
    auto oneStep = [&](Operation *last) {
      for (Operation *user : chain.getUsers())
        if (user->isBeforeInBlock(op) || last->isBeforeInBlock(user))
          return false;
      return true;
    };
    Operation *last = op;
    PostOp post;
    if (Operation *gelu = matchGeluErf(op, chain)) {
      post.kind = "gelu_erf";
      last = gelu;
    } else if (isa<ReluOp>(op)) {
      post.kind = "relu";
    } else if (auto clip = dyn_cast<ClipOp>(op)) {
      post = {"clip", static_cast<float>(clip.getMin().convertToDouble()),
              static_cast<float>(clip.getMax().convertToDouble()), Value()};
    } else if (isa<TanhOp>(op)) {
      post.kind = "tanh";
    } else if (isa<SigmoidOp>(op)) {
      // x * sigmoid(x) is swish.
      post.kind = "sigmoid";
      auto mul = op->hasOneUse() ? dyn_cast<MulOp>(*op->user_begin()) : MulOp();
      if (mul && otherOperand(mul, op->getResult(0)) == chain) {
        post = {"swish", 1.0f, 0.0f, Value()};
        last = mul;
      }
    } else if (isa<AddOp, SubOp, MulOp, DivOp>(op)) {
      Value other = otherOperand(op, chain);
      if (!other)
        return reason = "an epilogue op reads the result twice", false;
      bool chainFirst = op->getOperand(0) == chain;
      if (std::optional<float> c = splatValue(other)) {
        // A scalar is oneDNN's linear post-op, alpha * x + beta.
        if (isa<AddOp>(op))
          post = {"linear", 1.0f, *c, Value()};
        else if (isa<SubOp>(op))
          post = chainFirst ? PostOp{"linear", 1.0f, -*c, Value()}
                            : PostOp{"linear", -1.0f, *c, Value()};
        else if (isa<MulOp>(op))
          post = {"linear", *c, 0.0f, Value()};
        else if (chainFirst && *c != 0.0f)
          post = {"linear", 1.0f / *c, 0.0f, Value()};
        else
          return reason = "a division by the result has no post-op", false;
      } else if (isa<AddOp, MulOp>(op)) {
        if (!rt::broadcastsTo(cast<ShapedType>(other.getType()).getShape(),
                              shape))
          return reason = "a binary operand does not broadcast", false;
        post = {isa<AddOp>(op) ? "add" : "mul", 0.0f, 0.0f, other};
      } else {
        return reason = "'" + op->getName().getStringRef().str() +
                        "' of a tensor has no oneDNN post-op",
               false;
      }
    } else {
      return reason = "'" + op->getName().getStringRef().str() +
                      "' has no oneDNN post-op",
             false;
    }
    if (!oneStep(last))
      return reason = "an epilogue value is read outside its step", false;
    postOps.push_back(post);
    chain = last->getResult(0);
    op = last;
  }
  if (!op || op->getNumOperands() != 1 || op->getOperand(0) != chain)
    return reason = "the region does not yield the end of the chain", false;
  if (postOps.size() > 8)
    return reason = "more than 8 post-ops", false;
  return true;
}

/// Checks a `kiln.fused`: its anchor is a candidate and its epilogue maps
/// to post-ops.
bool checkFused(FusedOp fused, OneDnnWork &work, std::string &reason) {
  Operation *anchor = fused.getAnchor();
  if (fused->getNumResults() != 1 || !anchor)
    return reason = "a fused region with several results", false;
  if (!isOneDnnCandidate(anchor, work, reason))
    return false;
  SmallVector<PostOp> postOps;
  return matchEpilogue(anchor, postOps, reason);
}

//===--- Patterns ---------------------------------------------------------===//

/// Builds the post-op attributes and operands of `postOps` (binary
/// operands through `map`, into `operands`).
void buildPostOps(PatternRewriter &rewriter, ArrayRef<PostOp> postOps,
                  function_ref<Value(Value)> map, ArrayAttr &kinds,
                  DenseF32ArrayAttr &alphas, DenseF32ArrayAttr &betas,
                  SmallVectorImpl<Value> &operands) {
  SmallVector<StringRef> names;
  SmallVector<float> a, b;
  for (const PostOp &post : postOps) {
    names.push_back(post.kind);
    a.push_back(post.alpha);
    b.push_back(post.beta);
    if (post.operand)
      operands.push_back(map(post.operand));
  }
  kinds = rewriter.getStrArrayAttr(names);
  alphas = rewriter.getDenseF32ArrayAttr(a);
  betas = rewriter.getDenseF32ArrayAttr(b);
}

/// True when `post` adds a constant that varies along the last dimension
/// only: oneDNN's matmul bias computes it. A bias costs less than a binary
/// post-op (1x197x192 by 192x576 on Zen 3: 0.45 ms against 0.51 ms).
bool isColumnBias(const PostOp &post) {
  if (post.kind != "add" || !isConstant(post.operand))
    return false;
  auto shape = cast<ShapedType>(post.operand.getType()).getShape();
  return llvm::all_of(shape.drop_back(), [](int64_t d) { return d == 1; });
}

/// Builds the `kiln_rt.onednn_*` op that computes `anchor` (a plain op, or
/// the anchor of a fused region whose values `map` takes outside) followed
/// by `postOps`, with a `tensor.empty` of `type` as its destination.
Value buildOneDnnOp(PatternRewriter &rewriter, Location loc, Operation *anchor,
                    ArrayRef<PostOp> epilogue, function_ref<Value(Value)> map,
                    Type type, int64_t reserve) {
  Value init = emptyLike(rewriter, loc, type);
  SmallVector<PostOp> postOps;
  ArrayAttr kinds;
  DenseF32ArrayAttr alphas, betas;
  SmallVector<Value> postOperands;

  if (auto conv = dyn_cast<ConvOp>(anchor)) {
    postOps.assign(epilogue.begin(), epilogue.end());
    buildPostOps(rewriter, postOps, map, kinds, alphas, betas, postOperands);
    // Layout copies of the input, the result and full-size binary
    // operands, and the scratchpad.
    int64_t scratch = alignUp(byteSize(conv.getInput().getType())) +
                      alignUp(byteSize(type)) + reserve;
    for (Value operand : postOperands)
      scratch += alignUp(byteSize(operand.getType()));
    Value bias = conv.getBias() ? map(conv.getBias()) : Value();
    return rt::OneDnnConvOp::create(
               rewriter, loc, type, map(conv.getInput()), map(conv.getWeight()),
               bias, postOperands, init,
               /*scratch=*/Value(), conv.getStridesAttr(),
               conv.getDilationsAttr(), conv.getPadsAttr(), conv.getGroupAttr(),
               /*native_layout_input=*/UnitAttr(),
               /*native_layout_result=*/UnitAttr(),
               rewriter.getDenseBoolArrayAttr({}), /*winograd=*/IntegerAttr(),
               kinds, alphas, betas, rewriter.getI64IntegerAttr(scratch))
        .getResult();
  }

  Value lhs, rhs, bias;
  bool transLhs = false, transRhs = false;
  float alpha = 1.0f, beta = 1.0f;
  if (auto matmul = dyn_cast<MatmulOp>(anchor)) {
    lhs = matmul.getLhs();
    rhs = matmul.getRhs();
  } else if (auto gemm = dyn_cast<GemmOp>(anchor)) {
    lhs = gemm.getA();
    rhs = gemm.getB();
    transLhs = gemm.getTransA();
    transRhs = gemm.getTransB();
    alpha = gemm.getAlpha().convertToFloat();
    beta = gemm.getBeta().convertToFloat();
    // A constant C is oneDNN's bias (scaled by beta at create time); any
    // other C is added by a binary post-op first (then beta is 1).
    if (Value c = gemm.getC()) {
      if (isConstant(c))
        bias = map(c);
      else
        postOps.push_back({"add", 0.0f, 0.0f, c});
    }
  }
  if (lhs) {
    // A constant added per column right after the product is the bias
    // (then beta is 1).
    if (!bias && postOps.empty() && !epilogue.empty() &&
        isColumnBias(epilogue.front())) {
      bias = map(epilogue.front().operand);
      beta = 1.0f;
      epilogue = epilogue.drop_front();
    }
    postOps.append(epilogue.begin(), epilogue.end());
    buildPostOps(rewriter, postOps, map, kinds, alphas, betas, postOperands);
    return rt::OneDnnMatmulOp::create(
               rewriter, loc, type, map(lhs), map(rhs), bias, postOperands,
               init, /*scratch=*/Value(), rewriter.getBoolAttr(transLhs),
               rewriter.getBoolAttr(transRhs), rewriter.getF32FloatAttr(alpha),
               rewriter.getF32FloatAttr(beta), kinds, alphas, betas,
               rewriter.getI64IntegerAttr(reserve))
        .getResult();
  }

  // Pooling: no post-ops (only plain pools are candidates).
  auto build = [&](auto pool, StringRef kind) {
    auto input = cast<RankedTensorType>(pool.getInput().getType());
    auto result = cast<RankedTensorType>(type);
    int64_t k = input.getRank() - 2;
    SmallVector<int64_t> pads(pool.getPads().take_front(k));
    llvm::append_range(pads,
                       poolEndPads(input.getShape().drop_front(2),
                                   result.getShape().drop_front(2),
                                   pool.getKernelShape(), pool.getStrides(),
                                   pool.getDilations(), pool.getPads()));
    return rt::OneDnnPoolOp::create(
               rewriter, loc, type, map(pool.getInput()), init,
               /*scratch=*/Value(), rewriter.getStringAttr(kind),
               pool.getKernelShapeAttr(), pool.getStridesAttr(),
               pool.getDilationsAttr(), rewriter.getDenseI64ArrayAttr(pads),
               rewriter.getI64IntegerAttr(alignUp(byteSize(type)) + reserve),
               /*native_layout_input=*/UnitAttr(),
               /*native_layout_result=*/UnitAttr())
        .getResult();
  };
  if (auto pool = dyn_cast<MaxPoolOp>(anchor))
    return build(pool, "max");
  auto pool = cast<AvgPoolOp>(anchor);
  return build(pool, pool.getCountIncludePad() ? "avg_include_pad"
                                               : "avg_exclude_pad");
}

/// Turns a marked op, plain or `kiln.fused`, into its `kiln_rt.onednn_*`
/// op.
struct ConvertMarkedOp : RewritePattern {
  ConvertMarkedOp(MLIRContext *context, int64_t reserve)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context),
        reserve(reserve) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    OneDnnWork work;
    std::string reason;
    if (!isMarked(op))
      return rewriter.notifyMatchFailure(op, "not given to oneDNN");
    if (!isOneDnnCandidate(op, work, reason))
      return rewriter.notifyMatchFailure(op, reason);
    Type type = op->getResult(0).getType();
    auto fused = dyn_cast<FusedOp>(op);
    if (!fused) {
      Value result = buildOneDnnOp(
          rewriter, op->getLoc(), op, {}, [](Value v) { return v; }, type,
          reserve);
      rewriter.replaceOp(op, result);
      return success();
    }
    // Body arguments stand for the region's inputs; body constants (scalars
    // the fusion copied in) are copied out in front of the region.
    Operation *anchor = fused.getAnchor();
    SmallVector<PostOp> postOps;
    matchEpilogue(anchor, postOps, reason);
    IRMapping copies;
    auto map = [&](Value value) -> Value {
      if (Value outer = copies.lookupOrNull(value))
        return outer;
      Value outer = outside(value);
      if (outer == value && value.getDefiningOp<ConstantOp>()) {
        OpBuilder::InsertionGuard guard(rewriter);
        rewriter.setInsertionPoint(fused);
        outer = rewriter.clone(*value.getDefiningOp())->getResult(0);
        copies.map(value, outer);
      }
      return outer;
    };
    Value result = buildOneDnnOp(rewriter, anchor->getLoc(), anchor, postOps,
                                 map, type, reserve);
    rewriter.replaceOp(fused, result);
    return success();
  }

  int64_t reserve;
};

} // namespace

//===--- Public entry points ----------------------------------------------===//

void kiln::keepNativeLayoutBetweenOneDnnOps(Operation *root) {
  // Returns true when `use` reads a conv's or pooling's input, or a conv's
  // post operand: reads that can take data in the native layout.
  auto readsActivation = [](OpOperand &use) {
    unsigned number = use.getOperandNumber();
    if (auto conv = dyn_cast<rt::OneDnnConvOp>(use.getOwner())) {
      auto [start, length] = conv.getODSOperandIndexAndLength(3);
      return number == 0 || (number >= start && number < start + length);
    }
    return isa<rt::OneDnnPoolOp>(use.getOwner()) && number == 0;
  };
  root->walk([&](Operation *op) {
    if (!isa<rt::OneDnnConvOp, rt::OneDnnPoolOp>(op) ||
        op->getNumResults() != 1)
      return;
    Value result = op->getResult(0);
    // The native layout stores whole blocks of channels: the shims'
    // buffers have the size of the NCHW tensor only for channel counts
    // that fill them.
    auto type = cast<RankedTensorType>(result.getType());
    if (type.getRank() < 3 || type.getDimSize(1) % kNativeChannelBlock != 0 ||
        result.use_empty() || !llvm::all_of(result.getUses(), readsActivation))
      return;
    op->setAttr("native_layout_result", UnitAttr::get(op->getContext()));
    for (OpOperand &use : result.getUses()) {
      Operation *user = use.getOwner();
      if (use.getOperandNumber() == 0) {
        user->setAttr("native_layout_input", UnitAttr::get(op->getContext()));
        continue;
      }
      auto conv = cast<rt::OneDnnConvOp>(user);
      auto [start, length] = conv.getODSOperandIndexAndLength(3);
      SmallVector<bool> flags(conv.getNativeLayoutPostOperands());
      flags.resize(length, false);
      flags[use.getOperandNumber() - start] = true;
      conv.setNativeLayoutPostOperands(flags);
    }
  });
}

void kiln::useWinogradWherePossible(Operation *root) {
  root->walk([](rt::OneDnnConvOp conv) {
    if (!conv.isOnTensors() || conv.whyNotWinograd())
      return;
    ArrayRef<int64_t> result =
        cast<RankedTensorType>(conv.getInit().getType()).getShape();
    auto tiles = [&](int64_t tile) {
      return (result[2] + tile - 1) / tile * ((result[3] + tile - 1) / tile);
    };
    kiln_rt_onednn_conv_desc_t d = {};
    if (tiles(4) >= kMinWinogradTiles)
      d.algorithm = KILN_RT_ONEDNN_CONV_WINOGRAD_4X4;
    else if (tiles(2) >= kMinWinogradTiles)
      d.algorithm = KILN_RT_ONEDNN_CONV_WINOGRAD_2X2;
    else
      return;
    d.batch = result[0];
    d.in_channels =
        cast<RankedTensorType>(conv.getInput().getType()).getDimSize(1);
    d.out_channels = result[1];
    d.out_size[0] = result[2];
    d.out_size[1] = result[3];
    conv.setWinograd(d.algorithm == KILN_RT_ONEDNN_CONV_WINOGRAD_4X4 ? 4 : 2);
    conv.setScratchSize(conv.getScratchSize() +
                        kiln_rt_onednn_winograd_scratch(&d));
  });
}

bool kiln::isOneDnnCandidate(Operation *op, OneDnnWork &work,
                             std::string &reason) {
  // oneDNN runs f32 here; the int8 path is not wired yet.
  if (op->getNumResults() != 1 ||
      !llvm::all_of(op->getOperandTypes(), isStaticF32) ||
      !isStaticF32(op->getResult(0).getType())) {
    reason = "oneDNN is called for static f32 tensors only";
    return false;
  }
  if (auto fused = dyn_cast<FusedOp>(op))
    return checkFused(fused, work, reason);
  if (auto conv = dyn_cast<ConvOp>(op))
    return checkConv(conv, work, reason);
  if (auto matmul = dyn_cast<MatmulOp>(op))
    return checkMatmul(matmul, work, reason);
  if (auto gemm = dyn_cast<GemmOp>(op))
    return checkGemm(gemm, work, reason);
  if (auto pool = dyn_cast<MaxPoolOp>(op))
    return checkPool(pool, /*includePad=*/false, work, reason);
  if (auto pool = dyn_cast<AvgPoolOp>(op))
    return checkPool(pool, pool.getCountIncludePad(), work, reason);
  reason = "oneDNN has no primitive for this op here";
  return false;
}

void kiln::populateKilnToKilnRtConversionPatterns(RewritePatternSet &patterns,
                                                  int64_t scratchpadReserve) {
  patterns.add<ConvertMarkedOp>(patterns.getContext(), scratchpadReserve);
}
