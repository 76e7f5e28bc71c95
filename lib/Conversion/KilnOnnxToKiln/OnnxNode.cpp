// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The view of one ONNX node that handlers convert.

#include "OnnxNode.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace mlir::kiln;

//===----------------------------------------------------------------------===//
// DiagnosticCapture
//===----------------------------------------------------------------------===//

DiagnosticCapture::DiagnosticCapture(MLIRContext *context)
    : handler(context, [this](Diagnostic &diag) {
        if (diag.getSeverity() == DiagnosticSeverity::Error)
          messages.push_back(diag.str());
        return success();
      }) {}

std::string DiagnosticCapture::getMessages() const {
  return llvm::join(messages, "; ");
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

int64_t mlir::kiln::getNumElements(ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

SmallVector<int64_t> mlir::kiln::getUnsqueezedShape(ArrayRef<int64_t> shape,
                                                    ArrayRef<int64_t> axes) {
  SmallVector<int64_t> result;
  auto dim = shape.begin();
  for (int64_t i = 0, e = shape.size() + axes.size(); i < e; ++i)
    result.push_back(llvm::is_contained(axes, i) ? 1 : *dim++);
  return result;
}

SmallVector<int64_t> mlir::kiln::getRange(int64_t from, int64_t to) {
  SmallVector<int64_t> values;
  for (int64_t i = from; i < to; ++i)
    values.push_back(i);
  return values;
}

DenseElementsAttr mlir::kiln::getConstantValue(Value value) {
  Attribute attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return nullptr;
  return dyn_cast<DenseElementsAttr>(attr);
}

double mlir::kiln::getLimit(Type elementType, bool highest) {
  if (auto floatType = dyn_cast<FloatType>(elementType))
    return APFloat::getLargest(floatType.getFloatSemantics(), !highest)
        .convertToDouble();
  auto intType = cast<IntegerType>(elementType);
  unsigned width = intType.getWidth();
  if (intType.isUnsigned() || width == 1)
    return highest ? APInt::getMaxValue(width).roundToDouble(false) : 0.0;
  return highest ? APInt::getSignedMaxValue(width).roundToDouble(true)
                 : APInt::getSignedMinValue(width).roundToDouble(true);
}

/// Returns the ONNX data type `code` (`TensorProto.DataType`) as an MLIR
/// element type, or null for codes Kiln has no type for.
static Type getOnnxDataType(MLIRContext *context, int64_t code) {
  Builder b(context);
  switch (code) {
  case 1:
    return b.getF32Type();
  case 2:
    return b.getIntegerType(8, /*isSigned=*/false);
  case 3:
    return b.getIntegerType(8);
  case 4:
    return b.getIntegerType(16, /*isSigned=*/false);
  case 5:
    return b.getIntegerType(16);
  case 6:
    return b.getIntegerType(32);
  case 7:
    return b.getIntegerType(64);
  case 9:
    return b.getI1Type();
  case 10:
    return b.getF16Type();
  case 11:
    return b.getF64Type();
  case 12:
    return b.getIntegerType(32, /*isSigned=*/false);
  case 13:
    return b.getIntegerType(64, /*isSigned=*/false);
  case 16:
    return b.getBF16Type();
  default:
    return nullptr;
  }
}

/// Returns the ONNX 1 `Cast` `to` string (`"FLOAT"`, ...) as an element type.
static Type getOnnxDataType(MLIRContext *context, StringRef name) {
  int64_t code = llvm::StringSwitch<int64_t>(name)
                     .Case("FLOAT", 1)
                     .Case("UINT8", 2)
                     .Case("INT8", 3)
                     .Case("UINT16", 4)
                     .Case("INT16", 5)
                     .Case("INT32", 6)
                     .Case("INT64", 7)
                     .Case("BOOL", 9)
                     .Case("FLOAT16", 10)
                     .Case("DOUBLE", 11)
                     .Case("UINT32", 12)
                     .Case("UINT64", 13)
                     .Case("BFLOAT16", 16)
                     .Default(0);
  return getOnnxDataType(context, code);
}

//===----------------------------------------------------------------------===//
// OnnxNode
//===----------------------------------------------------------------------===//

OnnxNode::OnnxNode(onnx::NodeOp op, OpBuilder &builder)
    : op(op), builder(builder) {
  if (auto nameLoc = op.getLoc()->findInstanceOf<NameLoc>())
    name = nameLoc.getName().str();
  for (Value input : op.getInputs()) {
    if (isa_and_present<onnx::NoneOp>(input.getDefiningOp()))
      inputs.push_back(nullptr);
    else
      inputs.push_back(input);
  }
}

InFlightDiagnostic OnnxNode::emitError() {
  failed = true;
  return mlir::emitError(getLoc())
         << "node '" << name << "' (" << getOpType() << "): ";
}

InFlightDiagnostic OnnxNode::emitAttributeError(StringRef attrName) {
  attributeFailed = true;
  return mlir::emitError(getLoc())
         << "node '" << name << "' (" << getOpType() << "): attribute '"
         << attrName << "' must be ";
}

//===--- Attributes ---===//

bool OnnxNode::hasAttr(StringRef attrName) {
  read.insert(attrName);
  return static_cast<bool>(op.getOnnxAttr(attrName));
}

SmallVector<StringRef> OnnxNode::getUnreadAttrs() const {
  SmallVector<StringRef> unread;
  for (NamedAttribute attr : op.getOnnxAttrs())
    if (!read.contains(attr.getName().getValue()))
      unread.push_back(attr.getName().getValue());
  return unread;
}

std::optional<int64_t> OnnxNode::getOptionalInt(StringRef attrName) {
  read.insert(attrName);
  Attribute attr = op.getOnnxAttr(attrName);
  if (!attr)
    return std::nullopt;
  if (auto intAttr = dyn_cast<IntegerAttr>(attr))
    return intAttr.getValue().getSExtValue();
  emitAttributeError(attrName) << "an INT, got " << attr;
  return std::nullopt;
}

int64_t OnnxNode::getInt(StringRef attrName, int64_t defaultValue) {
  return getOptionalInt(attrName).value_or(defaultValue);
}

std::optional<float> OnnxNode::getOptionalFloat(StringRef attrName) {
  read.insert(attrName);
  Attribute attr = op.getOnnxAttr(attrName);
  if (!attr)
    return std::nullopt;
  if (auto floatAttr = dyn_cast<FloatAttr>(attr))
    return static_cast<float>(floatAttr.getValueAsDouble());
  if (auto intAttr = dyn_cast<IntegerAttr>(attr))
    return static_cast<float>(intAttr.getValue().getSExtValue());
  emitAttributeError(attrName) << "a FLOAT, got " << attr;
  return std::nullopt;
}

float OnnxNode::getFloat(StringRef attrName, float defaultValue) {
  return getOptionalFloat(attrName).value_or(defaultValue);
}

std::string OnnxNode::getString(StringRef attrName, StringRef defaultValue) {
  read.insert(attrName);
  Attribute attr = op.getOnnxAttr(attrName);
  if (!attr)
    return defaultValue.str();
  if (auto str = dyn_cast<StringAttr>(attr))
    return str.getValue().str();
  emitAttributeError(attrName) << "a STRING, got " << attr;
  return defaultValue.str();
}

std::optional<SmallVector<int64_t>> OnnxNode::getInts(StringRef attrName) {
  read.insert(attrName);
  Attribute attr = op.getOnnxAttr(attrName);
  if (!attr)
    return std::nullopt;
  if (auto ints = dyn_cast<DenseI64ArrayAttr>(attr))
    return SmallVector<int64_t>(ints.asArrayRef());
  if (auto array = dyn_cast<ArrayAttr>(attr)) {
    SmallVector<int64_t> values;
    for (Attribute element : array) {
      auto intAttr = dyn_cast<IntegerAttr>(element);
      if (!intAttr)
        break;
      values.push_back(intAttr.getValue().getSExtValue());
    }
    if (values.size() == array.size())
      return values;
  }
  emitAttributeError(attrName) << "INTS, got " << attr;
  return std::nullopt;
}

SmallVector<int64_t> OnnxNode::getInts(StringRef attrName,
                                       ArrayRef<int64_t> defaultValue) {
  if (std::optional<SmallVector<int64_t>> values = getInts(attrName))
    return *values;
  return SmallVector<int64_t>(defaultValue);
}

std::optional<SmallVector<float>> OnnxNode::getFloats(StringRef attrName) {
  read.insert(attrName);
  Attribute attr = op.getOnnxAttr(attrName);
  if (!attr)
    return std::nullopt;
  if (auto floats = dyn_cast<DenseF32ArrayAttr>(attr))
    return SmallVector<float>(floats.asArrayRef());
  emitAttributeError(attrName) << "FLOATS, got " << attr;
  return std::nullopt;
}

std::optional<SmallVector<std::string>>
OnnxNode::getStrings(StringRef attrName) {
  read.insert(attrName);
  Attribute attr = op.getOnnxAttr(attrName);
  if (!attr)
    return std::nullopt;
  if (auto array = dyn_cast<ArrayAttr>(attr)) {
    SmallVector<std::string> values;
    for (Attribute element : array)
      if (auto str = dyn_cast<StringAttr>(element))
        values.push_back(str.getValue().str());
    if (values.size() == array.size())
      return values;
  }
  emitAttributeError(attrName) << "STRINGS, got " << attr;
  return std::nullopt;
}

ElementsAttr OnnxNode::getTensor(StringRef attrName) {
  read.insert(attrName);
  Attribute attr = op.getOnnxAttr(attrName);
  if (!attr)
    return nullptr;
  if (auto elements = dyn_cast<ElementsAttr>(attr))
    return elements;
  emitAttributeError(attrName) << "a TENSOR, got " << attr;
  return nullptr;
}

Type OnnxNode::getTypeAttr(StringRef attrName) {
  read.insert(attrName);
  Attribute attr = op.getOnnxAttr(attrName);
  if (!attr)
    return nullptr;
  Type type;
  if (auto typeAttr = dyn_cast<TypeAttr>(attr)) {
    type = typeAttr.getValue();
    if (auto shaped = dyn_cast<ShapedType>(type))
      type = shaped.getElementType();
  } else if (auto intAttr = dyn_cast<IntegerAttr>(attr)) {
    type = getOnnxDataType(getContext(), intAttr.getValue().getSExtValue());
  } else if (auto str = dyn_cast<StringAttr>(attr)) {
    type = getOnnxDataType(getContext(), str.getValue());
  }
  if (!type || !(isa<FloatType>(type) || isa<IntegerType>(type))) {
    emitError() << "unsupported data type " << attr << " in attribute '"
                << attrName << "'";
    return nullptr;
  }
  return type;
}

//===--- Inputs ---===//

Value OnnxNode::getInput(unsigned index) {
  if (hasInput(index))
    return inputs[index];
  if (!failed)
    emitError() << "input " << index << " is missing";
  return nullptr;
}

SmallVector<Value> OnnxNode::getPresentInputs() const {
  SmallVector<Value> present;
  for (Value input : inputs)
    if (input)
      present.push_back(input);
  return present;
}

DenseElementsAttr OnnxNode::getConstantInput(unsigned index) const {
  return getConstantValue(getOptionalInput(index));
}

DenseElementsAttr OnnxNode::requireConstantInput(unsigned index,
                                                 StringRef what) {
  if (!getInput(index))
    return nullptr;
  if (DenseElementsAttr value = getConstantInput(index))
    return value;
  emitError() << "input " << index << " ('" << what
              << "') must be a constant; shapes that depend on run-time "
                 "values are not supported yet";
  return nullptr;
}

std::optional<SmallVector<int64_t>>
OnnxNode::requireConstantInts(unsigned index, StringRef what) {
  DenseElementsAttr value = requireConstantInput(index, what);
  if (!value)
    return std::nullopt;
  if (!isa<IntegerType>(value.getElementType())) {
    emitError() << "input " << index << " ('" << what
                << "') must be an integer tensor, got " << value.getType();
    return std::nullopt;
  }
  bool isUnsigned = value.getElementType().isUnsignedInteger();
  SmallVector<int64_t> ints;
  for (const APInt &element : value.getValues<APInt>())
    ints.push_back(isUnsigned ? static_cast<int64_t>(element.getZExtValue())
                              : element.getSExtValue());
  return ints;
}

std::optional<SmallVector<double>>
OnnxNode::requireConstantFloats(unsigned index, StringRef what) {
  DenseElementsAttr value = requireConstantInput(index, what);
  if (!value)
    return std::nullopt;
  SmallVector<double> numbers;
  Type elementType = value.getElementType();
  if (isa<FloatType>(elementType)) {
    for (const APFloat &element : value.getValues<APFloat>())
      numbers.push_back(element.convertToDouble());
  } else if (isa<IntegerType>(elementType)) {
    bool isUnsigned =
        elementType.isUnsignedInteger() || elementType.isInteger(1);
    for (const APInt &element : value.getValues<APInt>())
      numbers.push_back(isUnsigned
                            ? static_cast<double>(element.getZExtValue())
                            : static_cast<double>(element.getSExtValue()));
  } else {
    emitError() << "input " << index << " ('" << what
                << "') has unsupported type " << value.getType();
    return std::nullopt;
  }
  return numbers;
}

//===--- Subgraphs ---===//

FailureOr<SmallVector<Value>> OnnxNode::convertGraph(StringRef attrName) {
  read.insert(attrName);
  Region *graph = op.getGraph(attrName);
  if (!graph) {
    emitError() << "subgraph '" << attrName << "' is missing";
    return failure();
  }
  if (!graphConverter) {
    emitError() << "internal error: no subgraph converter";
    return failure();
  }
  FailureOr<SmallVector<Value>> results = graphConverter(*graph);
  if (::mlir::failed(results))
    failed = true;
  return results;
}

//===--- Axes ---===//

std::optional<int64_t> OnnxNode::normalizeAxis(int64_t axis, int64_t rank,
                                               StringRef what) {
  if (std::optional<int64_t> normalized = kiln::normalizeAxis(axis, rank))
    return normalized;
  emitError() << what << " " << axis << " is out of range for rank " << rank
              << " (expects [" << -rank << ", " << rank << "))";
  return std::nullopt;
}

std::optional<SmallVector<int64_t>>
OnnxNode::normalizeAxes(ArrayRef<int64_t> axes, int64_t rank, StringRef what,
                        bool sorted) {
  SmallVector<int64_t> normalized;
  for (int64_t axis : axes) {
    std::optional<int64_t> dim = normalizeAxis(axis, rank, what);
    if (!dim)
      return std::nullopt;
    if (llvm::is_contained(normalized, *dim)) {
      emitError() << what << " repeat axis " << *dim;
      return std::nullopt;
    }
    normalized.push_back(*dim);
  }
  if (sorted)
    llvm::sort(normalized);
  return normalized;
}

//===--- Building ---===//

bool OnnxNode::checkValue(Value value, StringRef opName) {
  if (value)
    return true;
  if (!failed)
    emitError() << "internal error: missing operand building " << opName;
  return false;
}

void OnnxNode::reportBuildFailure(StringRef opName, StringRef messages) {
  emitError() << "cannot build " << opName << (messages.empty() ? "" : ": ")
              << messages;
}

Operation *OnnxNode::verifyBuilt(Operation *built) {
  std::string messages;
  {
    DiagnosticCapture capture(getContext());
    if (succeeded(mlir::verify(built, /*verifyRecursively=*/false)))
      return built;
    messages = capture.getMessages();
  }
  StringRef opName = built->getName().getStringRef();
  built->erase();
  reportBuildFailure(opName, messages);
  return nullptr;
}

Value OnnxNode::foldOrResult(Operation *built) {
  SmallVector<Value> folded;
  if (succeeded(builder.tryFold(built, folded)) && !folded.empty() &&
      folded[0].getType() == built->getResult(0).getType()) {
    built->erase();
    return folded[0];
  }
  return built->getResult(0);
}

Value OnnxNode::constant(ElementsAttr value) {
  if (failed || !value)
    return nullptr;
  return create<ConstantOp>(value);
}

Value OnnxNode::splat(Type elementType, ArrayRef<int64_t> shape, double value) {
  if (failed)
    return nullptr;
  auto type = RankedTensorType::get(shape, elementType);
  Attribute element;
  if (auto floatType = dyn_cast<FloatType>(elementType)) {
    element = FloatAttr::get(floatType, value);
  } else if (auto intType = dyn_cast<IntegerType>(elementType)) {
    APInt bits(intType.getWidth(),
               static_cast<uint64_t>(static_cast<int64_t>(value)),
               /*isSigned=*/true, /*implicitTrunc=*/true);
    if (intType.getWidth() == 1)
      bits = APInt(1, value != 0 ? 1 : 0);
    element = IntegerAttr::get(intType, bits);
  } else {
    emitError() << "unsupported element type " << elementType;
    return nullptr;
  }
  return constant(DenseElementsAttr::get(type, element));
}

Value OnnxNode::i64Vector(ArrayRef<int64_t> values) {
  auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                    builder.getI64Type());
  return constant(DenseElementsAttr::get(type, values));
}

Value OnnxNode::reshape(Value value, ArrayRef<int64_t> shape) {
  if (!value || failed)
    return nullptr;
  auto type = RankedTensorType::get(shape, getType(value).getElementType());
  if (type == value.getType())
    return value;
  return create<ReshapeOp>(type, value);
}

Value OnnxNode::transpose(Value value, ArrayRef<int64_t> permutation) {
  if (!value || failed)
    return nullptr;
  if (DenseElementsAttr folded =
          evaluateTranspose(getConstantValue(value), permutation))
    return constant(folded);
  return create<TransposeOp>(value, permutation);
}

Value OnnxNode::cast(Value value, Type elementType) {
  if (!value || !elementType || failed)
    return nullptr;
  RankedTensorType type = getType(value);
  if (type.getElementType() == elementType)
    return value;
  if (DenseElementsAttr folded =
          evaluateCast(getConstantValue(value), elementType))
    return constant(folded);
  return create<CastOp>(type.clone(elementType), value);
}

Value OnnxNode::expand(Value value, ArrayRef<int64_t> shape) {
  if (!value || failed)
    return nullptr;
  auto type = RankedTensorType::get(shape, getType(value).getElementType());
  if (type == value.getType())
    return value;
  if (DenseElementsAttr folded = evaluateExpand(getConstantValue(value), shape))
    return constant(folded);
  return create<ExpandOp>(type, value);
}

Value OnnxNode::concat(ArrayRef<Value> values, int64_t axis) {
  if (failed || llvm::any_of(values, [](Value v) { return !v; }))
    return nullptr;
  if (values.size() == 1)
    return values.front();
  SmallVector<DenseElementsAttr> constants;
  for (Value value : values)
    constants.push_back(getConstantValue(value));
  if (DenseElementsAttr folded = evaluateConcat(constants, axis))
    return constant(folded);
  return create<ConcatOp>(values, axis);
}

Value OnnxNode::slice(Value value, ArrayRef<int64_t> starts,
                      ArrayRef<int64_t> limits, ArrayRef<int64_t> strides) {
  if (!value || failed)
    return nullptr;
  if (DenseElementsAttr folded =
          evaluateSlice(getConstantValue(value), starts, limits, strides))
    return constant(folded);
  return create<SliceOp>(value, starts, limits, strides);
}

Value OnnxNode::sliceAxis(Value value, int64_t axis, int64_t start,
                          int64_t limit, int64_t stride) {
  if (!value || failed)
    return nullptr;
  ArrayRef<int64_t> shape = getType(value).getShape();
  if (stride == 1 && start == 0 && limit == shape[axis])
    return value;
  SmallVector<int64_t> starts(shape.size(), 0);
  SmallVector<int64_t> limits(shape);
  SmallVector<int64_t> strides(shape.size(), 1);
  starts[axis] = start;
  limits[axis] = limit;
  strides[axis] = stride;
  return slice(value, starts, limits, strides);
}
