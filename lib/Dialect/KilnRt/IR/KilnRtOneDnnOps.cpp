// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The oneDNN ops of `kiln_rt`: verifiers and bufferization.

#include "kiln/Dialect/KilnRt/IR/KilnRtOps.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace mlir::kiln::rt;
using namespace mlir::bufferization;

bool mlir::kiln::rt::broadcastsTo(ArrayRef<int64_t> shape,
                                  ArrayRef<int64_t> target) {
  if (shape.size() > target.size())
    return false;
  size_t offset = target.size() - shape.size();
  for (auto [i, dim] : llvm::enumerate(shape))
    if (dim != 1 && dim != target[offset + i])
      return false;
  return true;
}

namespace {

//===--- Helpers ----------------------------------------------------------===//

/// The most post-ops one primitive takes (KILN_RT_ONEDNN_MAX_POST_OPS).
constexpr int64_t kMaxPostOps = 8;

/// Returns true when the post-op `kind` is known; sets `binary` when it
/// takes an operand.
bool isKnownPostOp(StringRef kind, bool &binary) {
  binary = kind == "add" || kind == "mul";
  return binary ||
         llvm::is_contained({"relu", "clip", "sigmoid", "tanh", "gelu_erf",
                             "gelu_tanh", "swish", "hardswish", "linear"},
                            kind);
}

/// Checks (P3): one form for every shaped operand, the result iff tensors,
/// a scratch buffer only on buffers.
LogicalResult verifyForm(Operation *op, Value init, Value scratch, Value result,
                         int64_t scratchSize) {
  bool onTensors = isa<TensorType>(init.getType());
  for (Value operand : op->getOperands())
    if (operand != scratch && isa<TensorType>(operand.getType()) != onTensors)
      return op->emitOpError()
             << "expects all operands to be tensors or all to be buffers";
  if (onTensors != static_cast<bool>(result))
    return op->emitOpError() << (onTensors ? "expects a result on tensors"
                                           : "expects no result on buffers");
  if (result && result.getType() != init.getType())
    return op->emitOpError()
           << "expects the result type (" << result.getType()
           << ") to be the type of init (" << init.getType() << ")";
  if (scratchSize < 0)
    return op->emitOpError()
           << "expects a non-negative scratch_size (" << scratchSize << ")";
  if (scratch) {
    if (onTensors)
      return op->emitOpError() << "expects no scratch buffer on tensors";
    auto type = cast<MemRefType>(scratch.getType());
    if (type.getRank() != 1 || type.getDimSize(0) != scratchSize)
      return op->emitOpError() << "expects a scratch buffer of scratch_size ("
                               << scratchSize << ") bytes, got " << type;
  }
  return success();
}

/// Checks (P1) and (P2).
LogicalResult verifyPostOps(Operation *op, ArrayAttr kinds,
                            ArrayRef<float> alphas, ArrayRef<float> betas,
                            ValueRange operands, ShapedType resultType) {
  int64_t count = kinds.size();
  if (count > kMaxPostOps)
    return op->emitOpError()
           << "expects at most " << kMaxPostOps << " post-ops, got " << count;
  if (static_cast<int64_t>(alphas.size()) != count ||
      static_cast<int64_t>(betas.size()) != count)
    return op->emitOpError()
           << "expects one post_op_alphas and post_op_betas entry per "
              "post-op ("
           << count << ")";
  size_t binary = 0;
  for (Attribute attr : kinds) {
    StringRef kind = cast<StringAttr>(attr).getValue();
    bool isBinary;
    if (!isKnownPostOp(kind, isBinary))
      return op->emitOpError()
             << "expects a known post-op, got '" << kind << "'";
    if (!isBinary)
      continue;
    if (binary >= operands.size())
      return op->emitOpError() << "expects one post_operands value per "
                                  "binary post-op";
    auto type = cast<ShapedType>(operands[binary++].getType());
    if (!broadcastsTo(type.getShape(), resultType.getShape()))
      return op->emitOpError()
             << "expects post-op operand #" << binary - 1 << " (" << type
             << ") to broadcast to the result";
  }
  if (binary != operands.size())
    return op->emitOpError() << "expects one post_operands value per binary "
                                "post-op, got "
                             << operands.size() << " for " << binary;
  return success();
}

/// Checks the window attributes of a conv or pooling with `k` spatial
/// dimensions.
LogicalResult verifyWindow(Operation *op, int64_t k, ArrayRef<int64_t> strides,
                           ArrayRef<int64_t> dilations,
                           ArrayRef<int64_t> pads) {
  if (k < 1 || k > 3)
    return op->emitOpError() << "expects 1 to 3 spatial dimensions, got " << k;
  if (static_cast<int64_t>(strides.size()) != k ||
      static_cast<int64_t>(dilations.size()) != k ||
      static_cast<int64_t>(pads.size()) != 2 * k)
    return op->emitOpError() << "expects " << k << " strides and dilations and "
                             << 2 * k << " pads";
  if (llvm::any_of(strides, [](int64_t v) { return v < 1; }) ||
      llvm::any_of(dilations, [](int64_t v) { return v < 1; }) ||
      llvm::any_of(pads, [](int64_t v) { return v < 0; }))
    return op->emitOpError()
           << "expects positive strides and dilations, non-negative pads";
  return success();
}

//===--- Bufferization ----------------------------------------------------===//

/// Rebuilds `op` on the buffers of its tensor operands with a scratch
/// buffer of `scratchSize` bytes (none when 0), a `memref.alloc` that the
/// memory plan places in the workspace, and replaces its result with the
/// buffer of `init`.
LogicalResult bufferizeOneDnnOp(Operation *op, Value init, int64_t scratchSize,
                                RewriterBase &rewriter,
                                const BufferizationOptions &options,
                                BufferizationState &state) {
  rewriter.setInsertionPoint(op);
  Location loc = op->getLoc();
  SmallVector<Value> operands;
  Value initBuffer, initCopy;
  for (Value operand : op->getOperands()) {
    if (!isa<TensorType>(operand.getType())) {
      operands.push_back(operand);
      continue;
    }
    FailureOr<Value> buffer = getBuffer(rewriter, operand, options, state);
    if (failed(buffer))
      return failure();
    Value value = *buffer;
    // The shims take dense row-major buffers: a strided one (a slice of a
    // concat's result, say) goes through a dense copy.
    auto type = cast<MemRefType>(value.getType());
    if (!type.getLayout().isIdentity()) {
      Value dense = memref::AllocOp::create(
          rewriter, loc,
          MemRefType::get(type.getShape(), type.getElementType()),
          rewriter.getI64IntegerAttr(64));
      if (operand != init)
        memref::CopyOp::create(rewriter, loc, value, dense);
      else
        initCopy = dense;
      value = dense;
    }
    operands.push_back(value);
    if (operand == init)
      initBuffer = *buffer;
  }
  // The scratch buffer is the last operand.
  NamedAttrList attrs(op->getAttrDictionary());
  if (scratchSize > 0) {
    auto type = MemRefType::get({scratchSize}, rewriter.getIntegerType(8));
    operands.push_back(memref::AllocOp::create(rewriter, op->getLoc(), type,
                                               rewriter.getI64IntegerAttr(64)));
    if (auto segments = dyn_cast_if_present<DenseI32ArrayAttr>(
            attrs.get("operandSegmentSizes"))) {
      SmallVector<int32_t> sizes(segments.asArrayRef());
      sizes.back() = 1;
      attrs.set("operandSegmentSizes", rewriter.getDenseI32ArrayAttr(sizes));
    }
  }
  OperationState newState(loc, op->getName(), operands, /*types=*/{},
                          attrs.getAttrs());
  rewriter.create(newState);
  if (initCopy)
    memref::CopyOp::create(rewriter, loc, initCopy, initBuffer);
  replaceOpWithBufferizedValues(rewriter, op, initBuffer);
  return success();
}

} // namespace

//===--- Interface methods ------------------------------------------------===//

// The three ops read every operand but `init`, write only `init` (and,
// once bufferized, their scratch), and return `init`.
#define KILN_RT_ONEDNN_BUFFERIZATION(Op)                                       \
  bool Op::bufferizesToMemoryRead(OpOperand &operand, const AnalysisState &) { \
    return operand.get() != getInit();                                         \
  }                                                                            \
  bool Op::bufferizesToMemoryWrite(OpOperand &operand,                         \
                                   const AnalysisState &) {                    \
    return operand.get() == getInit();                                         \
  }                                                                            \
  AliasingValueList Op::getAliasingValues(OpOperand &operand,                  \
                                          const AnalysisState &) {             \
    if (operand.get() != getInit() || !getResult())                            \
      return {};                                                               \
    return {{getResult(), BufferRelation::Equivalent}};                        \
  }                                                                            \
  LogicalResult Op::bufferize(RewriterBase &rewriter,                          \
                              const BufferizationOptions &options,             \
                              BufferizationState &state) {                     \
    return bufferizeOneDnnOp(*this, getInit(), getScratchSize(), rewriter,     \
                             options, state);                                  \
  }

KILN_RT_ONEDNN_BUFFERIZATION(OneDnnConvOp)
KILN_RT_ONEDNN_BUFFERIZATION(OneDnnMatmulOp)
KILN_RT_ONEDNN_BUFFERIZATION(OneDnnPoolOp)

#undef KILN_RT_ONEDNN_BUFFERIZATION

//===--- Verifiers --------------------------------------------------------===//

LogicalResult OneDnnConvOp::verify() {
  if (failed(verifyForm(*this, getInit(), getScratch(), getResult(),
                        getScratchSize())))
    return failure();
  auto input = cast<ShapedType>(getInput().getType());
  auto weight = cast<ShapedType>(getWeight().getType());
  auto init = cast<ShapedType>(getInit().getType());
  int64_t k = input.getRank() - 2;
  // (C1)
  if (failed(verifyWindow(*this, k, getStrides(), getDilations(), getPads())))
    return failure();
  if (weight.getRank() != input.getRank() || init.getRank() != input.getRank())
    return emitOpError() << "expects weight and init of the input's rank ("
                         << input.getRank() << ")";
  // (C2)
  int64_t group = getGroup(), c = input.getDimSize(1), m = weight.getDimSize(0);
  if (group < 1 || c % group || m % group || weight.getDimSize(1) * group != c)
    return emitOpError() << "expects group (" << group
                         << ") to divide the channels and the weight's "
                            "second dimension to be C / group";
  if (init.getDimSize(0) != input.getDimSize(0) || init.getDimSize(1) != m)
    return emitOpError() << "expects init of N x M x ..., got " << init;
  if (getBias()) {
    auto bias = cast<ShapedType>(getBias().getType());
    if (bias.getRank() != 1 || bias.getDimSize(0) != m)
      return emitOpError() << "expects a bias of shape [" << m << "], got "
                           << bias;
  }
  if (!getNativeLayoutPostOperands().empty() &&
      getNativeLayoutPostOperands().size() != getPostOperands().size())
    return emitOpError() << "expects one native_layout_post_operands entry "
                            "per post operand, or none";
  if (failed(verifyPostOps(*this, getPostOps(), getPostOpAlphas(),
                           getPostOpBetas(), getPostOperands(), init)))
    return failure();
  // (C3)
  if (std::optional<int64_t> tile = getWinograd()) {
    if (*tile != 2 && *tile != 4)
      return emitOpError() << "expects winograd tiles of 2 or 4 results a "
                              "side, got "
                           << *tile;
    if (std::optional<StringLiteral> why = whyNotWinograd())
      return emitOpError() << "is marked winograd, but " << *why;
  }
  return success();
}

std::optional<StringLiteral> OneDnnConvOp::whyNotWinograd() {
  auto input = cast<ShapedType>(getInput().getType());
  auto weight = cast<ShapedType>(getWeight().getType());
  auto init = cast<ShapedType>(getInit().getType());
  if (input.getRank() != 4 || weight.getDimSize(2) != 3 ||
      weight.getDimSize(3) != 3 || getGroup() != 1)
    return StringLiteral("Winograd needs a 2-D 3x3 convolution of one group");
  if (llvm::any_of(getStrides(), [](int64_t s) { return s != 1; }) ||
      llvm::any_of(getDilations(), [](int64_t d) { return d != 1; }) ||
      llvm::any_of(getPads(), [](int64_t p) { return p > 1; }))
    return StringLiteral(
        "Winograd needs unit strides and dilations and pads of 0 or 1");
  if (!getNativeLayoutInput() || !getNativeLayoutResult() ||
      input.getDimSize(1) % 8 != 0 || init.getDimSize(1) % 8 != 0)
    return StringLiteral(
        "Winograd needs the native layout with channels in whole blocks");
  ArrayRef<bool> nativeOperands = getNativeLayoutPostOperands();
  unsigned operand = 0;
  for (Attribute kind : getPostOps()) {
    StringRef name = cast<StringAttr>(kind).getValue();
    if (name == "relu" || name == "clip")
      continue;
    bool fullShape =
        name == "add" && operand < getPostOperands().size() &&
        cast<ShapedType>(getPostOperands()[operand].getType()).getShape() ==
            init.getShape() &&
        operand < nativeOperands.size() && nativeOperands[operand];
    if (!fullShape)
      return StringLiteral("Winograd takes relu, clip and the add of a "
                           "result-shaped operand in the native layout as "
                           "post-ops");
    ++operand;
  }
  return std::nullopt;
}

LogicalResult OneDnnMatmulOp::verify() {
  if (failed(verifyForm(*this, getInit(), getScratch(), getResult(),
                        getScratchSize())))
    return failure();
  auto lhs = cast<ShapedType>(getLhs().getType());
  auto rhs = cast<ShapedType>(getRhs().getType());
  auto init = cast<ShapedType>(getInit().getType());
  // (C1)
  for (ShapedType type : {lhs, rhs, init})
    if (type.getRank() < 2 || type.getRank() > 6)
      return emitOpError() << "expects operands of rank 2 to 6, got " << type;
  int64_t m = lhs.getDimSize(lhs.getRank() - (getTransLhs() ? 1 : 2));
  int64_t k = lhs.getDimSize(lhs.getRank() - (getTransLhs() ? 2 : 1));
  int64_t k2 = rhs.getDimSize(rhs.getRank() - (getTransRhs() ? 1 : 2));
  int64_t n = rhs.getDimSize(rhs.getRank() - (getTransRhs() ? 2 : 1));
  if (k != k2)
    return emitOpError() << "expects the K of lhs (" << k << ") and rhs (" << k2
                         << ") to match";
  ArrayRef<int64_t> out = init.getShape();
  if (out[out.size() - 2] != m || out.back() != n)
    return emitOpError() << "expects init to end in " << m << " x " << n;
  // (C2)
  ArrayRef<int64_t> batch = out.drop_back(2);
  if (!broadcastsTo(lhs.getShape().drop_back(2), batch) ||
      !broadcastsTo(rhs.getShape().drop_back(2), batch))
    return emitOpError() << "expects the batch dimensions to broadcast to "
                            "the result's";
  if (getBias() &&
      !broadcastsTo(cast<ShapedType>(getBias().getType()).getShape(), out))
    return emitOpError() << "expects the bias to broadcast to the result";
  return verifyPostOps(*this, getPostOps(), getPostOpAlphas(), getPostOpBetas(),
                       getPostOperands(), init);
}

LogicalResult OneDnnPoolOp::verify() {
  if (failed(verifyForm(*this, getInit(), getScratch(), getResult(),
                        getScratchSize())))
    return failure();
  auto input = cast<ShapedType>(getInput().getType());
  auto init = cast<ShapedType>(getInit().getType());
  int64_t k = input.getRank() - 2;
  // (C1)
  if (failed(verifyWindow(*this, k, getStrides(), getDilations(), getPads())))
    return failure();
  if (static_cast<int64_t>(getKernelShape().size()) != k ||
      llvm::any_of(getKernelShape(), [](int64_t v) { return v < 1; }))
    return emitOpError() << "expects " << k << " positive kernel_shape entries";
  if (init.getRank() != input.getRank() ||
      init.getDimSize(0) != input.getDimSize(0) ||
      init.getDimSize(1) != input.getDimSize(1))
    return emitOpError() << "expects init of N x C x ..., got " << init;
  // (C2)
  if (!llvm::is_contained({"max", "avg_include_pad", "avg_exclude_pad"},
                          getKind()))
    return emitOpError() << "expects kind to be max, avg_include_pad or "
                            "avg_exclude_pad, got '"
                         << getKind() << "'";
  return success();
}
