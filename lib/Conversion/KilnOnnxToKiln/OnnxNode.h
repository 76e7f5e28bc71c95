// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The view of one ONNX node that handlers convert: typed attributes with the
// ONNX defaults, inputs and their constants, diagnostics and safe builders.

#ifndef KILN_LIB_CONVERSION_KILNONNXTOKILN_ONNXNODE_H
#define KILN_LIB_CONVERSION_KILNONNXTOKILN_ONNXNODE_H

#include "ConstantEvaluation.h"

#include "kiln/Conversion/KilnOnnxToKiln/KilnOnnxToKiln.h"
#include "kiln/Dialect/Kiln/IR/KilnOps.h"
#include "kiln/Dialect/KilnOnnx/IR/KilnOnnxOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringSet.h"

#include <optional>
#include <string>

namespace mlir::kiln {

/// Collects the messages of the diagnostics emitted while it lives instead of
/// reporting them, so that a failed build can be reported in the node's
/// words.
class DiagnosticCapture {
public:
  explicit DiagnosticCapture(MLIRContext *context);
  /// Returns the captured messages joined with "; ".
  std::string getMessages() const;

private:
  SmallVector<std::string> messages;
  ScopedDiagnosticHandler handler;
};

/// An operand that may be null (an op's optional operand), passed to
/// `OnnxNode::create` where a plain null `Value` would count as missing.
struct OptionalOperand {
  Value value;
  operator Value() const { return value; }
};

/// One `kiln_onnx.node` as a handler sees it. Every getter of an attribute
/// marks it as read; the driver reports attributes that no handler read, so
/// nothing in a model is silently ignored.
///
/// Errors are sticky: after `emitError` (or a failed build), `hasFailed` is
/// true and every `create` returns a null value, so handlers can be written
/// as straight-line code and check once at the end. An attribute of the
/// wrong type fails the node too, but leaves the builders working on the
/// attribute's default, so the handler's straight-line code stays safe.
class OnnxNode {
public:
  OnnxNode(onnx::NodeOp op, OpBuilder &builder);

  //===--- The node ---===//

  onnx::NodeOp getOp() const { return op; }
  /// The ONNX node name (from the `NameLoc`), or "" when it has none.
  StringRef getName() const { return name; }
  StringRef getOpType() const { return op.getOpType(); }
  StringRef getDomain() const { return op.getDomain(); }
  int64_t getOpset() const { return op.getOpset(); }
  Location getLoc() const { return op.getLoc(); }
  OpBuilder &getBuilder() const { return builder; }
  MLIRContext *getContext() const { return op.getContext(); }

  //===--- Diagnostics ---===//

  /// Emits an error `node '<name>' (<OpType>): ...` at the node and marks the
  /// node failed.
  InFlightDiagnostic emitError();
  /// True once an error was reported for this node.
  bool hasFailed() const { return failed || attributeFailed; }

  //===--- Attributes ---===//

  /// True when the node has attribute `attrName` (marks it read).
  bool hasAttr(StringRef attrName);
  /// Marks `attrName` as read without using it (attributes without effect
  /// at inference, such as `Dropout`'s `seed`).
  void ignoreAttr(StringRef attrName) { read.insert(attrName); }
  /// Returns the names of the attributes no getter read, in order.
  SmallVector<StringRef> getUnreadAttrs() const;

  /// `INT` attribute `attrName`, or `defaultValue` when absent.
  int64_t getInt(StringRef attrName, int64_t defaultValue);
  std::optional<int64_t> getOptionalInt(StringRef attrName);
  /// `FLOAT` attribute `attrName`, or `defaultValue` when absent.
  float getFloat(StringRef attrName, float defaultValue);
  std::optional<float> getOptionalFloat(StringRef attrName);
  /// `STRING` attribute `attrName`, or `defaultValue` when absent.
  std::string getString(StringRef attrName, StringRef defaultValue);
  /// `INTS` attribute `attrName`, or nothing when absent.
  std::optional<SmallVector<int64_t>> getInts(StringRef attrName);
  /// `INTS` attribute `attrName`, or `defaultValue` when absent.
  SmallVector<int64_t> getInts(StringRef attrName,
                               ArrayRef<int64_t> defaultValue);
  /// `FLOATS` attribute `attrName`, or nothing when absent.
  std::optional<SmallVector<float>> getFloats(StringRef attrName);
  /// `STRINGS` attribute `attrName`, or nothing when absent.
  std::optional<SmallVector<std::string>> getStrings(StringRef attrName);
  /// `TENSOR` attribute `attrName`, or null when absent.
  ElementsAttr getTensor(StringRef attrName);
  /// `TYPE_PROTO` attribute or an `INT` data type code, as an element type.
  Type getTypeAttr(StringRef attrName);

  //===--- Inputs ---===//

  /// The number of input positions, omitted optional inputs included.
  unsigned getNumInputs() const { return inputs.size(); }
  /// True when input `index` exists and was not omitted.
  bool hasInput(unsigned index) const {
    return index < inputs.size() && inputs[index];
  }
  /// Input `index`; reports an error and returns null when it is missing.
  Value getInput(unsigned index);
  /// Input `index`, or null when it is missing (no error).
  Value getOptionalInput(unsigned index) const {
    return hasInput(index) ? inputs[index] : Value();
  }
  /// All present inputs, in order.
  SmallVector<Value> getPresentInputs() const;
  /// The type of `value`, a static ranked tensor once converted.
  static RankedTensorType getType(Value value) {
    return llvm::cast<RankedTensorType>(value.getType());
  }

  /// The constant value of input `index` when it is one (a `kiln.constant`
  /// after conversion), else null.
  DenseElementsAttr getConstantInput(unsigned index) const;
  /// Like `getConstantInput`, but reports "input <index> ('<what>') must be
  /// a constant; ..." when the input is not one.
  DenseElementsAttr requireConstantInput(unsigned index, StringRef what);
  /// The integers of constant input `index`, or nothing (after an error)
  /// when it is missing or not a constant integer tensor.
  std::optional<SmallVector<int64_t>> requireConstantInts(unsigned index,
                                                          StringRef what);
  /// The numbers of constant input `index` as doubles, or nothing (after an
  /// error).
  std::optional<SmallVector<double>> requireConstantFloats(unsigned index,
                                                           StringRef what);

  //===--- Subgraphs ---===//

  /// Converts a subgraph of the node and moves its ops before it.
  using GraphConverter =
      std::function<FailureOr<SmallVector<Value>>(Region &graph)>;
  /// Set by the driver before the handler runs.
  void setGraphConverter(GraphConverter converter) {
    graphConverter = std::move(converter);
  }
  /// Converts the subgraph attribute `attrName` (a region of the node) into
  /// ops before the node and returns the values it yields; fails after an
  /// error.
  FailureOr<SmallVector<Value>> convertGraph(StringRef attrName);

  //===--- Outputs ---===//

  unsigned getNumOutputs() const { return op.getNumResults(); }
  /// True when output `index` exists and has uses.
  bool isOutputUsed(unsigned index) const {
    return index < op.getNumResults() && !op.getResult(index).use_empty();
  }

  //===--- Axes ---===//

  /// Returns `axis` in `[0, rank)` for an ONNX axis in `[-rank, rank)`, or
  /// nothing after an error naming `what`.
  std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank,
                                       StringRef what = "axis");
  /// Normalizes every axis of `axes`; fails on an out-of-range or repeated
  /// axis. With `sorted`, the result is sorted.
  std::optional<SmallVector<int64_t>> normalizeAxes(ArrayRef<int64_t> axes,
                                                    int64_t rank,
                                                    StringRef what = "axes",
                                                    bool sorted = true);

  //===--- Building kiln ops ---===//

  /// Builds `OpTy` from `args` (its ODS builder arguments without result
  /// types when it infers them) and folds it when possible. Returns its
  /// single result, or null after an error when the node already failed, an
  /// operand is null, type inference fails or the op does not verify.
  template <typename OpTy, typename... Args>
  Value create(Args &&...args) {
    Operation *built = buildOp<OpTy>(1, std::forward<Args>(args)...);
    if (!built)
      return nullptr;
    return foldOrResult(built);
  }

  /// Builds a multi-result `OpTy` with `numResults` results; no folding.
  /// Returns null after an error.
  template <typename OpTy, typename... Args>
  Operation *createMulti(unsigned numResults, Args &&...args) {
    return buildOp<OpTy>(numResults, std::forward<Args>(args)...);
  }

  /// A `kiln.constant` of `value`.
  Value constant(ElementsAttr value);
  /// A constant of `shape` with every element `value` in `elementType`.
  Value splat(Type elementType, ArrayRef<int64_t> shape, double value);
  /// A rank-0 constant `value` in `elementType` (broadcasts anywhere).
  Value scalar(Type elementType, double value) {
    return splat(elementType, {}, value);
  }
  /// A 1-D `i64` constant.
  Value i64Vector(ArrayRef<int64_t> values);
  // The builders below return null once the node failed or an operand is
  // null, and evaluate small constant operands (ConstantEvaluation.h) into
  // a constant instead of building the op.

  /// `value` reshaped to `shape` (`value` itself when it has that shape).
  Value reshape(Value value, ArrayRef<int64_t> shape);
  /// `value` with its dimensions permuted by `permutation`.
  Value transpose(Value value, ArrayRef<int64_t> permutation);
  /// `value` converted to `elementType` (`value` itself when it has it).
  Value cast(Value value, Type elementType);
  /// `value` broadcast to `shape`.
  Value expand(Value value, ArrayRef<int64_t> shape);
  /// `values` joined along `axis`.
  Value concat(ArrayRef<Value> values, int64_t axis);
  /// `value[starts : limits : strides]` in every dimension.
  Value slice(Value value, ArrayRef<int64_t> starts, ArrayRef<int64_t> limits,
              ArrayRef<int64_t> strides);
  /// `value[start : limit : stride]` along `axis`, all of the others.
  Value sliceAxis(Value value, int64_t axis, int64_t start, int64_t limit,
                  int64_t stride = 1);

private:
  /// Returns false, after an error, when `value` is a missing operand.
  bool checkValue(Value value, StringRef opName);
  /// Checks every value among the builder arguments of an op; attributes,
  /// plain numbers and `OptionalOperand`s pass.
  template <typename T>
  bool checkOperand(const T &arg, StringRef opName) {
    if constexpr (std::is_same_v<T, OptionalOperand>) {
      return true;
    } else if constexpr (std::is_convertible_v<const T &, Value>) {
      return checkValue(arg, opName);
    } else if constexpr (std::is_convertible_v<const T &, ValueRange>) {
      for (Value value : ValueRange(arg))
        if (!checkValue(value, opName))
          return false;
      return true;
    } else {
      return true;
    }
  }

  /// Reports a failed build of `opName` with the captured `messages`.
  void reportBuildFailure(StringRef opName, StringRef messages);
  /// Verifies a just-built op; erases it and reports on failure.
  Operation *verifyBuilt(Operation *built);
  /// Folds `built` (one result) and returns the folded or original result.
  Value foldOrResult(Operation *built);

  template <typename OpTy, typename... Args>
  Operation *buildOp(unsigned numResults, Args &&...args) {
    StringRef opName = OpTy::getOperationName();
    if (failed || !(checkOperand<std::decay_t<Args>>(args, opName) && ...))
      return nullptr;
    OperationState state(getLoc(), opName);
    if constexpr (OpTy::template hasTrait<InferTypeOpInterface::Trait>()) {
      // The ODS builders that infer types abort when inference fails; build
      // with placeholder types and infer here, where failure is reported.
      SmallVector<Type> placeholders(numResults, builder.getNoneType());
      OpTy::build(builder, state, TypeRange(placeholders),
                  std::forward<Args>(args)...);
      state.types.clear();
      SmallVector<Type> inferred;
      std::string messages;
      bool inferredOk;
      {
        DiagnosticCapture capture(getContext());
        inferredOk = ::mlir::succeeded(OpTy::inferReturnTypes(
            getContext(), getLoc(), state.operands,
            state.attributes.getDictionary(getContext()),
            state.getRawProperties(), state.regions, inferred));
        messages = capture.getMessages();
      }
      if (!inferredOk) {
        reportBuildFailure(opName, messages);
        return nullptr;
      }
      state.addTypes(inferred);
    } else {
      (void)numResults;
      OpTy::build(builder, state, std::forward<Args>(args)...);
    }
    return verifyBuilt(builder.create(state));
  }

  mutable onnx::NodeOp op;
  OpBuilder &builder;
  std::string name;
  SmallVector<Value> inputs;
  llvm::StringSet<> read;
  GraphConverter graphConverter;
  bool failed = false;
  /// An attribute had the wrong type. The node fails, but the builders go
  /// on with the attribute's default: handlers read attributes first and
  /// build straight on, and a null value there would be a crash.
  bool attributeFailed = false;

  /// Emits an error for the attribute `attrName` of the wrong type.
  InFlightDiagnostic emitAttributeError(StringRef attrName);
};

//===----------------------------------------------------------------------===//
// Helpers shared by the handler families
//===----------------------------------------------------------------------===//

/// Returns `shape`'s number of elements.
int64_t getNumElements(ArrayRef<int64_t> shape);

/// The most elements of a constant a handler builds element by element
/// (EyeLike, Range, CumSum's and DFT's matrices), so that a model cannot make
/// the compiler allocate without bound.
constexpr int64_t kMaxBuiltConstantElements = int64_t(1) << 24;

/// The shape and element type of `value`, a static ranked tensor.
inline ArrayRef<int64_t> getShape(Value value) {
  return OnnxNode::getType(value).getShape();
}
inline Type getElementType(Value value) {
  return OnnxNode::getType(value).getElementType();
}

/// The shape of ONNX `Unsqueeze` of `shape` at the sorted output positions
/// `axes`.
SmallVector<int64_t> getUnsqueezedShape(ArrayRef<int64_t> shape,
                                        ArrayRef<int64_t> axes);

/// `[from, from + 1, ..., to)`.
SmallVector<int64_t> getRange(int64_t from, int64_t to);

/// Returns the constant value of `value` (a `kiln.constant`), or null.
DenseElementsAttr getConstantValue(Value value);

/// Returns the lowest (`highest = false`) or highest finite value of
/// `elementType` as a double.
double getLimit(Type elementType, bool highest);

/// Builds the binary `OpTy` of `lhs` and `rhs`, or the constant it
/// evaluates to when both are (small) constants.
template <typename OpTy, EvalOp kEval>
Value buildBinary(OnnxNode &node, Value lhs, Value rhs) {
  if (!lhs || !rhs)
    return nullptr;
  if (DenseElementsAttr folded =
          evaluateBinary(kEval, getConstantValue(lhs), getConstantValue(rhs)))
    return node.constant(folded);
  return node.create<OpTy>(lhs, rhs);
}

/// Returns a handler that wraps `fn`, a function of the node only (the
/// handlers build through the node).
template <typename Fn>
OnnxHandler handler(Fn fn) {
  return [fn](OnnxNode &node, OpBuilder &) -> FailureOr<SmallVector<Value>> {
    return fn(node);
  };
}

/// Registers the handlers of each operator family.
void populateControlFlowHandlers(OnnxHandlerRegistry &registry);
void populateEinsumHandlers(OnnxHandlerRegistry &registry);
void populateGatherScatterHandlers(OnnxHandlerRegistry &registry);
void populateGeneratorHandlers(OnnxHandlerRegistry &registry);
void populateLossHandlers(OnnxHandlerRegistry &registry);
void populateMathHandlers(OnnxHandlerRegistry &registry);
void populateNNHandlers(OnnxHandlerRegistry &registry);
void populateQuantizationHandlers(OnnxHandlerRegistry &registry);
void populateRecurrentHandlers(OnnxHandlerRegistry &registry);
void populateReductionHandlers(OnnxHandlerRegistry &registry);
void populateSamplingHandlers(OnnxHandlerRegistry &registry);
void populateSignalHandlers(OnnxHandlerRegistry &registry);
void populateTensorHandlers(OnnxHandlerRegistry &registry);
void populateTrainingHandlers(OnnxHandlerRegistry &registry);

} // namespace mlir::kiln

#endif // KILN_LIB_CONVERSION_KILNONNXTOKILN_ONNXNODE_H
