// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Neural-network `kiln` ops: verifiers and result-type inference. Each check
// cites the constraint of the op's description it enforces.

#include "kiln/Dialect/Kiln/IR/KilnOps.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::kiln;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Returns the type of `value`, which ODS constrains to a ranked tensor.
static ShapedType shapedType(Value value) {
  return cast<ShapedType>(value.getType());
}

/// Fails, with an error at `loc`, unless `value` (named `name`) has the
/// element type `elementType` of the operand named `reference`.
static LogicalResult verifyElementType(std::optional<Location> loc,
                                       StringRef name, Value value,
                                       StringRef reference, Type elementType) {
  Type actual = shapedType(value).getElementType();
  if (actual != elementType)
    return emitOptionalError(loc, "expects ", name, " (", actual,
                             ") to have the element type of ", reference, " (",
                             elementType, ")");
  return success();
}

/// Fails, with an error at `loc`, unless `value` (named `name`) has shape
/// `expected`, which `meaning` spells out symbolically.
static LogicalResult verifyShape(std::optional<Location> loc, StringRef name,
                                 Value value, ArrayRef<int64_t> expected,
                                 StringRef meaning) {
  ArrayRef<int64_t> actual = shapedType(value).getShape();
  if (actual != expected)
    return emitOptionalError(loc, "expects ", name, " ([", actual,
                             "]) to have shape [", expected, "] = ", meaning);
  return success();
}

/// Fails, with an error at `loc`, unless `list` (the attribute `name`) has
/// `expected` entries.
static LogicalResult verifySize(std::optional<Location> loc, StringRef name,
                                ArrayRef<int64_t> list, int64_t expected) {
  if (static_cast<int64_t>(list.size()) != expected)
    return emitOptionalError(loc, "expects the size of ", name, " (",
                             list.size(), ") to be ", expected);
  return success();
}

/// Fails, with an error at `loc`, unless every entry of `list` (the
/// attribute `name`) is at least `lowest`.
static LogicalResult verifyAtLeast(std::optional<Location> loc, StringRef name,
                                   ArrayRef<int64_t> list, int64_t lowest) {
  for (auto [i, value] : llvm::enumerate(list)) {
    if (value < lowest)
      return emitOptionalError(loc, "expects ", name, "[", i, "] (", value,
                               ") to be ",
                               lowest == 0 ? "non-negative" : "positive");
  }
  return success();
}

/// Checks the window attributes of a convolution or pooling op whose input
/// has the spatial dimensions `spatial`, and appends the output size of each
/// spatial dimension to `shape`. Fails, with an error at `loc`, when an
/// attribute has the wrong size or a value out of range, or when an output
/// size is not positive.
static LogicalResult
inferWindowedShape(std::optional<Location> loc, ArrayRef<int64_t> spatial,
                   ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
                   ArrayRef<int64_t> dilations, ArrayRef<int64_t> pads,
                   bool ceilMode, SmallVectorImpl<int64_t> &shape) {
  auto k = static_cast<int64_t>(spatial.size());
  if (failed(verifySize(loc, "strides", strides, k)) ||
      failed(verifySize(loc, "dilations", dilations, k)) ||
      failed(verifySize(loc, "pads", pads, 2 * k)) ||
      failed(verifyAtLeast(loc, "strides", strides, 1)) ||
      failed(verifyAtLeast(loc, "dilations", dilations, 1)) ||
      failed(verifyAtLeast(loc, "pads", pads, 0)))
    return failure();
  for (int64_t i = 0; i < k; ++i) {
    int64_t size =
        slidingWindowOutputSize(spatial[i], kernel[i], strides[i], dilations[i],
                                pads[i], pads[k + i], ceilMode);
    if (size < 1)
      return emitOptionalError(loc,
                               "expects the output size of spatial "
                               "dimension ",
                               i, " (", size, ") to be positive");
    shape.push_back(size);
  }
  return success();
}

/// Infers the result of `kiln.avg_pool` and `kiln.max_pool`, whose
/// constraints (C1)-(C5) are the same.
static LogicalResult inferPoolType(std::optional<Location> loc, Value input,
                                   ArrayRef<int64_t> kernelShape,
                                   ArrayRef<int64_t> strides,
                                   ArrayRef<int64_t> dilations,
                                   ArrayRef<int64_t> pads, bool ceilMode,
                                   SmallVectorImpl<Type> &inferred) {
  ShapedType type = shapedType(input);
  // (C1)
  if (type.getRank() < 3)
    return emitOptionalError(loc, "expects input of rank at least 3 (actual ",
                             type.getRank(), ")");
  ArrayRef<int64_t> spatial = type.getShape().drop_front(2);
  // (C2), (C3), (C4)
  if (failed(verifySize(loc, "kernel_shape", kernelShape, spatial.size())) ||
      failed(verifyAtLeast(loc, "kernel_shape", kernelShape, 1)))
    return failure();
  SmallVector<int64_t> shape(type.getShape().take_front(2));
  if (failed(inferWindowedShape(loc, spatial, kernelShape, strides, dilations,
                                pads, ceilMode, shape)))
    return failure();
  // (C5)
  inferred.push_back(RankedTensorType::get(shape, type.getElementType()));
  return success();
}

/// Fails, with an error at `loc`, unless `epsilon >= 0`.
static LogicalResult verifyEpsilon(std::optional<Location> loc,
                                   const APFloat &epsilon) {
  if (epsilon.isNegative())
    return emitOptionalError(loc, "expects epsilon (",
                             epsilon.convertToDouble(), ") to be non-negative");
  return success();
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

LogicalResult GemmOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  ShapedType a = shapedType(adaptor.getA()), b = shapedType(adaptor.getB());
  // (C1)
  if (a.getRank() != 2 || b.getRank() != 2)
    return emitOptionalError(loc, "expects a and b of rank 2 (actual ",
                             a.getRank(), " and ", b.getRank(), ")");
  // (C2)
  Type elementType = a.getElementType();
  if (failed(verifyElementType(loc, "b", adaptor.getB(), "a", elementType)) ||
      (adaptor.getC() &&
       failed(verifyElementType(loc, "c", adaptor.getC(), "a", elementType))))
    return failure();
  // (C3)
  bool transA = adaptor.getTransA(), transB = adaptor.getTransB();
  int64_t m = a.getDimSize(transA ? 1 : 0), k = a.getDimSize(transA ? 0 : 1);
  int64_t kB = b.getDimSize(transB ? 1 : 0), n = b.getDimSize(transB ? 0 : 1);
  if (k != kB)
    return emitOptionalError(loc, "expects the K of op(b) (", kB,
                             ") to equal the K of op(a) (", k, ")");
  // (C4)
  SmallVector<int64_t> shape = {m, n};
  if (Value c = adaptor.getC()) {
    ArrayRef<int64_t> cShape = shapedType(c).getShape();
    FailureOr<SmallVector<int64_t>> broadcast =
        broadcastShapes(std::nullopt, {cShape, shape});
    if (failed(broadcast) || *broadcast != shape)
      return emitOptionalError(loc, "expects c ([", cShape,
                               "]) to broadcast to [M, N] ([", shape, "])");
  }
  // (C5)
  inferred.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

LogicalResult MatmulOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  ShapedType lhs = shapedType(adaptor.getLhs());
  ShapedType rhs = shapedType(adaptor.getRhs());
  // (C1)
  if (lhs.getRank() < 2 || rhs.getRank() < 2)
    return emitOptionalError(loc, "expects operands of rank at least 2, got ",
                             lhs.getRank(), " and ", rhs.getRank());
  // (C3)
  ArrayRef<int64_t> lhsShape = lhs.getShape(), rhsShape = rhs.getShape();
  if (lhsShape.back() != rhsShape[rhsShape.size() - 2])
    return emitOptionalError(loc,
                             "expects the contracted dimensions to "
                             "match, got ",
                             lhsShape.back(), " and ",
                             rhsShape[rhsShape.size() - 2]);
  // (C4)
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(loc, {lhsShape.drop_back(2), rhsShape.drop_back(2)});
  if (failed(shape))
    return failure();
  shape->push_back(lhsShape[lhsShape.size() - 2]);
  shape->push_back(rhsShape.back());
  inferred.push_back(RankedTensorType::get(*shape, lhs.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Convolution and pooling
//===----------------------------------------------------------------------===//

LogicalResult AvgPoolOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  return inferPoolType(loc, adaptor.getInput(), adaptor.getKernelShape(),
                       adaptor.getStrides(), adaptor.getDilations(),
                       adaptor.getPads(), adaptor.getCeilMode(), inferred);
}

LogicalResult ConvOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  ShapedType input = shapedType(adaptor.getInput());
  ShapedType weight = shapedType(adaptor.getWeight());
  // (C1)
  if (input.getRank() < 3)
    return emitOptionalError(loc, "expects input of rank at least 3 (actual ",
                             input.getRank(), ")");
  // (C2)
  if (weight.getRank() != input.getRank())
    return emitOptionalError(loc, "expects weight (rank ", weight.getRank(),
                             ") to have the rank of input (", input.getRank(),
                             ")");
  // (C3)
  Type elementType = input.getElementType();
  if (failed(verifyElementType(loc, "weight", adaptor.getWeight(), "input",
                               elementType)) ||
      (adaptor.getBias() &&
       failed(verifyElementType(loc, "bias", adaptor.getBias(), "input",
                                elementType))))
    return failure();
  // (C6)
  auto group = static_cast<int64_t>(adaptor.getGroup());
  int64_t channels = input.getDimSize(1), features = weight.getDimSize(0);
  if (group < 1)
    return emitOptionalError(loc, "expects group (", group, ") to be positive");
  if (channels % group != 0)
    return emitOptionalError(loc, "expects the input channels (", channels,
                             ") to be a multiple of group (", group, ")");
  if (features % group != 0)
    return emitOptionalError(loc, "expects the output channels (", features,
                             ") to be a multiple of group (", group, ")");
  // (C7)
  if (weight.getDimSize(1) != channels / group)
    return emitOptionalError(
        loc, "expects weight dimension 1 (", weight.getDimSize(1),
        ") to be input channels / group (", channels / group, ")");
  // (C8)
  if (Value bias = adaptor.getBias())
    if (failed(verifyShape(loc, "bias", bias, {features}, "[M]")))
      return failure();
  // (C4), (C5), (C9)
  SmallVector<int64_t> shape = {input.getDimSize(0), features};
  if (failed(inferWindowedShape(
          loc, input.getShape().drop_front(2), weight.getShape().drop_front(2),
          adaptor.getStrides(), adaptor.getDilations(), adaptor.getPads(),
          /*ceilMode=*/false, shape)))
    return failure();
  // (C10)
  inferred.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

LogicalResult MaxPoolOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  return inferPoolType(loc, adaptor.getInput(), adaptor.getKernelShape(),
                       adaptor.getStrides(), adaptor.getDilations(),
                       adaptor.getPads(), adaptor.getCeilMode(), inferred);
}

//===----------------------------------------------------------------------===//
// Normalizations
//===----------------------------------------------------------------------===//

LogicalResult BatchNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  ShapedType input = shapedType(adaptor.getInput());
  // (C1)
  if (input.getRank() < 2)
    return emitOptionalError(loc, "expects input of rank at least 2 (actual ",
                             input.getRank(), ")");
  // (C2)
  int64_t channels = input.getDimSize(1);
  for (auto [name, value] :
       {std::pair<StringRef, Value>{"scale", adaptor.getScale()},
        {"bias", adaptor.getBias()},
        {"mean", adaptor.getMean()},
        {"variance", adaptor.getVariance()}}) {
    if (failed(verifyShape(loc, name, value, {channels}, "[C]")) ||
        failed(verifyElementType(loc, name, value, "input",
                                 input.getElementType())))
      return failure();
  }
  // (C3)
  if (failed(verifyEpsilon(loc, adaptor.getEpsilon())))
    return failure();
  // (C4)
  inferred.push_back(input);
  return success();
}

LogicalResult LayerNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  ShapedType input = shapedType(adaptor.getInput());
  auto axis = static_cast<int64_t>(adaptor.getAxis());
  // (C1)
  if (failed(verifyAxis(loc, axis, input.getRank())))
    return failure();
  ArrayRef<int64_t> normalized = input.getShape().drop_front(axis);
  for (auto [name, value] :
       {std::pair<StringRef, Value>{"scale", adaptor.getScale()},
        {"bias", adaptor.getBias()}}) {
    // (C2)
    if (failed(verifyElementType(loc, name, value, "input",
                                 input.getElementType())))
      return failure();
    // (C3)
    ArrayRef<int64_t> shape = shapedType(value).getShape();
    FailureOr<SmallVector<int64_t>> broadcast =
        broadcastShapes(std::nullopt, {shape, normalized});
    if (failed(broadcast) || ArrayRef<int64_t>(*broadcast) != normalized)
      return emitOptionalError(loc, "expects ", name, " ([", shape,
                               "]) to broadcast to shape(input)[axis:] ([",
                               normalized, "])");
  }
  // (C4)
  if (failed(verifyEpsilon(loc, adaptor.getEpsilon())))
    return failure();
  // (C5)
  inferred.push_back(input);
  return success();
}

/// Verifies (C1) of `kiln.softmax` and `kiln.log_softmax`.
static LogicalResult verifySoftmaxAxis(Operation *op, int64_t axis,
                                       Value input) {
  int64_t rank = shapedType(input).getRank();
  if (axis < 0 || axis >= rank)
    return op->emitOpError()
           << "expects axis (" << axis << ") to be in [0, " << rank << ")";
  return success();
}

LogicalResult LogSoftmaxOp::verify() {
  // (C1)
  return verifySoftmaxAxis(*this, static_cast<int64_t>(getAxis()), getInput());
}

LogicalResult SoftmaxOp::verify() {
  // (C1)
  return verifySoftmaxAxis(*this, static_cast<int64_t>(getAxis()), getInput());
}

//===----------------------------------------------------------------------===//
// Recurrent ops
//===----------------------------------------------------------------------===//

LogicalResult LstmOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  // (C1)
  StringRef direction = adaptor.getDirection();
  if (direction != "forward" && direction != "reverse" &&
      direction != "bidirectional")
    return emitOptionalError(loc, "expects direction (\"", direction,
                             "\") to be forward, reverse or bidirectional");
  int64_t dirs = direction == "bidirectional" ? 2 : 1;
  // (C2)
  auto hidden = static_cast<int64_t>(adaptor.getHiddenSize());
  if (hidden < 1)
    return emitOptionalError(loc, "expects hidden_size (", hidden,
                             ") to be positive");
  // (C3)
  ArrayAttr activations = adaptor.getActivations();
  if (static_cast<int64_t>(activations.size()) != 3 * dirs)
    return emitOptionalError(loc, "expects the size of activations (",
                             activations.size(), ") to be ", 3 * dirs,
                             ", 3 per direction");
  for (StringRef name : activations.getAsValueRange<StringAttr>()) {
    if (name != "Sigmoid" && name != "Tanh" && name != "Relu")
      return emitOptionalError(loc, "expects activation (\"", name,
                               "\") to be Sigmoid, Tanh or Relu");
  }
  // (C4)
  if (std::optional<APFloat> clip = adaptor.getClip();
      clip && (clip->isNegative() || clip->isZero()))
    return emitOptionalError(loc, "expects clip (", clip->convertToDouble(),
                             ") to be positive");
  // (C5)
  ShapedType x = shapedType(adaptor.getX());
  if (x.getRank() != 3)
    return emitOptionalError(loc, "expects x of rank 3 (actual ", x.getRank(),
                             ")");
  int64_t seq = x.getDimSize(0), batch = x.getDimSize(1),
          inputSize = x.getDimSize(2);
  Type elementType = x.getElementType();
  SmallVector<std::tuple<StringRef, Value, SmallVector<int64_t>, StringRef>>
      operands = {
          {"w",
           adaptor.getW(),
           {dirs, 4 * hidden, inputSize},
           "[dirs, 4 * hidden_size, input_size]"},
          {"r",
           adaptor.getR(),
           {dirs, 4 * hidden, hidden},
           "[dirs, 4 * hidden_size, hidden_size]"},
          {"b", adaptor.getB(), {dirs, 8 * hidden}, "[dirs, 8 * hidden_size]"},
          {"initial_h",
           adaptor.getInitialH(),
           {dirs, batch, hidden},
           "[dirs, batch, hidden_size]"},
          {"initial_c",
           adaptor.getInitialC(),
           {dirs, batch, hidden},
           "[dirs, batch, hidden_size]"}};
  if (Value peepholes = adaptor.getPeepholes())
    operands.push_back({"peepholes",
                        peepholes,
                        {dirs, 3 * hidden},
                        "[dirs, 3 * hidden_size]"});
  for (auto &[name, value, shape, meaning] : operands) {
    // (C6)
    if (failed(verifyElementType(loc, name, value, "x", elementType)))
      return failure();
    // (C7)
    if (failed(verifyShape(loc, name, value, shape, meaning)))
      return failure();
  }
  // (C8)
  inferred.push_back(
      RankedTensorType::get({seq, dirs, batch, hidden}, elementType));
  inferred.push_back(RankedTensorType::get({dirs, batch, hidden}, elementType));
  inferred.push_back(RankedTensorType::get({dirs, batch, hidden}, elementType));
  return success();
}
