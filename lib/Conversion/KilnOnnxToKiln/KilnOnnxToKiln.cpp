// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The `convert-kiln-onnx-to-kiln` pass: the driver that checks a whole graph,
// runs the ONNX handlers node by node and checks their results against the
// model's declared types.

#include "kiln/Conversion/KilnOnnxToKiln/KilnOnnxToKiln.h"
#include "kiln/Conversion/Passes.h"

#include "OnnxNode.h"

#include "kiln/Dialect/Kiln/IR/KilnOps.h"
#include "kiln/Dialect/KilnOnnx/IR/KilnOnnxOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Debug.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_CONVERTKILNONNXTOKILNPASS
#include "kiln/Conversion/Passes.h.inc"
} // namespace mlir::kiln

#define DEBUG_TYPE "convert-kiln-onnx-to-kiln"

using namespace mlir;
using namespace mlir::kiln;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// The registry key of `opType` in `domain` ("ai.onnx" is "").
static std::string getKey(StringRef domain, StringRef opType) {
  if (domain == "ai.onnx")
    domain = "";
  return (domain + Twine('\0') + opType).str();
}

/// Returns the ONNX name of a node: `NameLoc`'s name, or "".
static StringRef getNodeName(Operation *op) {
  if (auto nameLoc = op->getLoc()->findInstanceOf<NameLoc>())
    return nameLoc.getName().getValue();
  return "";
}

/// The op type as reports show it: `Foo`, or `com.domain.Foo` outside the
/// default domain.
static std::string getQualifiedOpType(onnx::NodeOp node) {
  StringRef domain = node.getDomain();
  if (domain.empty() || domain == "ai.onnx")
    return node.getOpType().str();
  return (domain + "." + node.getOpType()).str();
}

/// Emits `node '<name>' (<OpType>, opset N): ` at `node`.
static InFlightDiagnostic emitNodeReport(onnx::NodeOp node) {
  return emitError(node.getLoc())
         << "node '" << getNodeName(node) << "' (" << getQualifiedOpType(node)
         << ", opset " << node.getOpset() << "): ";
}

/// Returns why `type` cannot reach `kiln` ("" when it can): strings,
/// sequences, optionals, maps and complex numbers have no `kiln` form.
static std::string getUnsupportedTypeReason(Type type) {
  if (isa<NoneType, onnx::UnknownType>(type))
    return "";
  if (isa<onnx::SequenceType>(type))
    return "sequence";
  if (isa<onnx::OptionalType>(type))
    return "optional";
  if (isa<onnx::MapType>(type))
    return "map";
  auto tensor = dyn_cast<TensorType>(type);
  if (!tensor)
    return "non-tensor";
  Type element = tensor.getElementType();
  if (isa<onnx::StringType>(element))
    return "string";
  if (isa<ComplexType>(element))
    return "complex";
  if (!isa<FloatType, IntegerType>(element))
    return "element";
  return "";
}

/// True when `inferred` agrees with the declaration `declared`: every static
/// declared dimension and the element type (an undeclared or non-tensor type
/// agrees with anything).
static bool matchesDeclared(Type inferred, Type declared) {
  auto declaredTensor = dyn_cast<TensorType>(declared);
  auto inferredTensor = dyn_cast<RankedTensorType>(inferred);
  if (!declaredTensor || !inferredTensor)
    return true;
  if (declaredTensor.getElementType() != inferredTensor.getElementType())
    return false;
  if (!declaredTensor.hasRank())
    return true;
  if (declaredTensor.getRank() != inferredTensor.getRank())
    return false;
  for (auto [declaredDim, inferredDim] :
       llvm::zip_equal(declaredTensor.getShape(), inferredTensor.getShape()))
    if (!ShapedType::isDynamic(declaredDim) && declaredDim != inferredDim)
      return false;
  return true;
}

/// True when `value` comes from a node that was not converted (its error is
/// already reported, so its users are skipped without another one).
static bool isUnconverted(Value value) {
  return isa_and_present<onnx::NodeOp>(value.getDefiningOp());
}

//===----------------------------------------------------------------------===//
// Conversion of one graph
//===----------------------------------------------------------------------===//

namespace {

/// Converts one graph function; see `convertKilnOnnxToKiln`.
class GraphConverter {
public:
  GraphConverter(func::FuncOp func, const OnnxHandlerRegistry &registry)
      : func(func), registry(registry) {}

  LogicalResult run() {
    if (func.isExternal())
      return success();
    // 1. Report everything the conversion cannot handle before converting
    // anything, so the user sees the whole list at once.
    if (failed(checkGraph()))
      return failure();
    // 2-3. Convert in block order, checking every result.
    bool ok = succeeded(convertBody());
    // 4. Give the signature the inferred result types.
    ok = succeeded(updateSignature()) && ok;
    if (!ok)
      return failure();
    // 5. Only the dead `kiln_onnx` ops are left.
    eraseOnnxOps();
    return success();
  }

private:
  /// Returns the ONNX name of argument `index` ("" when unnamed).
  StringRef getArgName(unsigned index) {
    if (auto name = func.getArgAttrOfType<StringAttr>(index, "kiln_onnx.name"))
      return name.getValue();
    return "";
  }

  /// Returns the ONNX name of result `index` ("" when unnamed).
  StringRef getResultName(unsigned index) {
    if (auto name =
            func.getResultAttrOfType<StringAttr>(index, "kiln_onnx.name"))
      return name.getValue();
    return "";
  }

  /// Step 1: checks the signature, every node's operator and version, and
  /// every value's type; reports each problem.
  LogicalResult checkGraph() {
    bool ok = true;
    Block &body = func.getBody().front();
    for (BlockArgument arg : body.getArguments()) {
      StringRef name = getArgName(arg.getArgNumber());
      std::string reason = getUnsupportedTypeReason(arg.getType());
      if (!reason.empty()) {
        emitError(arg.getLoc()) << "graph input '" << name << "': unsupported "
                                << reason << " type " << arg.getType();
        ok = false;
        continue;
      }
      auto tensor = dyn_cast<RankedTensorType>(arg.getType());
      if (!tensor || !tensor.hasStaticShape()) {
        emitError(arg.getLoc())
            << "graph input '" << name << "' has no static shape ("
            << arg.getType() << "); fix it with kiln-set-input-shapes "
            << "(--input-shape " << name << "=D0xD1x...)";
        ok = false;
      }
    }
    for (auto [index, type] :
         llvm::enumerate(func.getFunctionType().getResults())) {
      std::string reason =
          isa<NoneType>(type) ? "non-tensor" : getUnsupportedTypeReason(type);
      if (!reason.empty()) {
        emitError(func.getLoc())
            << "graph output '" << getResultName(index) << "': unsupported "
            << reason << " type " << type;
        ok = false;
      }
    }
    return success(succeeded(checkBlock(body)) && ok);
  }

  /// Step 1 for the ops of `block`, and of the subgraphs of the nodes that
  /// have a handler (the handler converts them).
  LogicalResult checkBlock(Block &block) {
    bool ok = true;
    for (Operation &op : block) {
      if (auto constant = dyn_cast<onnx::ConstantOp>(op)) {
        std::string reason = getUnsupportedTypeReason(constant.getType());
        if (!reason.empty()) {
          emitError(constant.getLoc())
              << "initializer '" << getNodeName(constant) << "': unsupported "
              << reason << " type " << constant.getType();
          ok = false;
        }
        continue;
      }
      auto node = dyn_cast<onnx::NodeOp>(op);
      if (!node)
        continue;
      bool nodeOk = succeeded(checkNode(node));
      ok = nodeOk && ok;
      if (nodeOk)
        for (Region &graph : node.getGraphs())
          for (Block &nested : graph)
            ok = succeeded(checkBlock(nested)) && ok;
    }
    return success(ok);
  }

  /// Step 1 for one node.
  LogicalResult checkNode(onnx::NodeOp node) {
    bool ok = true;
    if (!registry.lookup(node.getDomain(), node.getOpType(), node.getOpset())) {
      InFlightDiagnostic diag = emitNodeReport(node) << "unsupported operator";
      if (std::optional<int64_t> first =
              registry.getFirstVersion(node.getDomain(), node.getOpType()))
        diag << " version (supported from opset " << *first << ")";
      ok = false;
    }
    for (auto [index, input] : llvm::enumerate(node.getInputs())) {
      std::string reason = getUnsupportedTypeReason(input.getType());
      if (!reason.empty()) {
        emitNodeReport(node) << "unsupported " << reason << " type "
                             << input.getType() << " of input " << index;
        ok = false;
      }
    }
    for (auto [index, output] : llvm::enumerate(node.getResults())) {
      std::string reason = getUnsupportedTypeReason(output.getType());
      if (!reason.empty()) {
        emitNodeReport(node) << "unsupported " << reason << " type "
                             << output.getType() << " of output " << index;
        ok = false;
      }
    }
    return success(ok);
  }

  /// Steps 2 and 3: converts every op of the body in order. Conversion goes
  /// on after a failed node; its users are skipped.
  LogicalResult convertBody() { return convertBlock(func.getBody().front()); }

  /// Steps 2 and 3 for the ops of `block` (the graph's, or a subgraph's).
  LogicalResult convertBlock(Block &block) {
    bool ok = true;
    OpBuilder builder(func.getContext());
    for (Operation &op : llvm::make_early_inc_range(block)) {
      builder.setInsertionPoint(&op);
      if (auto constant = dyn_cast<onnx::ConstantOp>(op)) {
        Value value =
            ConstantOp::create(builder, constant.getLoc(), constant.getValue());
        constant.getResult().replaceAllUsesWith(value);
        continue;
      }
      if (auto node = dyn_cast<onnx::NodeOp>(op))
        ok = succeeded(convertNode(node, builder)) && ok;
    }
    return success(ok);
  }

  /// Steps 2 and 3 for one node.
  LogicalResult convertNode(onnx::NodeOp nodeOp, OpBuilder &builder) {
    if (llvm::any_of(nodeOp.getInputs(), isUnconverted))
      return failure();
    const OnnxHandler *handler = registry.lookup(
        nodeOp.getDomain(), nodeOp.getOpType(), nodeOp.getOpset());
    assert(handler && "checkGraph reports nodes without a handler");
    LLVM_DEBUG(llvm::dbgs() << "converting " << getQualifiedOpType(nodeOp)
                            << " '" << getNodeName(nodeOp) << "' (opset "
                            << nodeOp.getOpset() << ")\n");
    OnnxNode node(nodeOp, builder);
    node.setGraphConverter(
        [&](Region &graph) { return convertGraph(graph, nodeOp); });
    FailureOr<SmallVector<Value>> results = (*handler)(node, builder);
    if (failed(results) || node.hasFailed()) {
      if (!node.hasFailed())
        node.emitError() << "conversion failed";
      return failure();
    }
    for (StringRef attr : node.getUnreadAttrs())
      node.emitError() << "unsupported attribute '" << attr
                       << "' = " << nodeOp.getOnnxAttr(attr);
    if (node.hasFailed())
      return failure();
    for (auto [index, output] : llvm::enumerate(nodeOp.getResults())) {
      Value result = index < results->size() ? (*results)[index] : Value();
      if (!result) {
        if (!output.use_empty())
          node.emitError() << "output " << index << " is not supported";
        continue;
      }
      // 3. The handler's result must agree with the model's declaration.
      if (!matchesDeclared(result.getType(), output.getType())) {
        node.emitError() << "inferred type " << result.getType()
                         << " of output '" << index
                         << "' does not match the declared "
                         << output.getType();
        continue;
      }
      if (!node.hasFailed())
        output.replaceAllUsesWith(result);
    }
    return success(!node.hasFailed());
  }

  /// Converts subgraph `graph` of `node` (a block without arguments ending
  /// in `kiln_onnx.yield`) and moves its ops before `node`; returns the
  /// values it yields. Fails after reporting (its nodes' errors, or values
  /// that are not tensors).
  FailureOr<SmallVector<Value>> convertGraph(Region &graph, onnx::NodeOp node) {
    if (!graph.hasOneBlock() || graph.front().getNumArguments() != 0)
      return emitNodeReport(node) << "subgraphs with inputs are not supported";
    Block &block = graph.front();
    if (failed(convertBlock(block)))
      return failure();
    auto yield = dyn_cast<onnx::YieldOp>(block.getTerminator());
    if (!yield)
      return emitNodeReport(node) << "a subgraph does not end in a yield";
    SmallVector<Value> results(yield.getOperands());
    // A node of the subgraph failed and reported it.
    if (llvm::any_of(results, isUnconverted))
      return failure();
    for (Value result : results)
      if (!isa<RankedTensorType>(result.getType()))
        return emitNodeReport(node) << "a subgraph yields a value that is "
                                       "not a tensor: "
                                    << result.getType();
    // The dead `kiln_onnx` ops move too; step 5 erases them.
    node->getBlock()->getOperations().splice(
        node->getIterator(), block.getOperations(), block.begin(),
        yield->getIterator());
    return results;
  }

  /// Step 4: the results get their inferred types.
  LogicalResult updateSignature() {
    auto returnOp =
        cast<func::ReturnOp>(func.getBody().front().getTerminator());
    if (llvm::any_of(returnOp.getOperands(), isUnconverted))
      return failure();
    SmallVector<Type> resultTypes;
    for (auto [value, declared] : llvm::zip_equal(
             returnOp.getOperands(), func.getFunctionType().getResults())) {
      // `func.return` matches the declared results, which are node results
      // checked in step 3, graph inputs or initializers (static already).
      assert(matchesDeclared(value.getType(), declared) &&
             isa<RankedTensorType>(value.getType()) &&
             "results were checked against their declarations");
      (void)declared;
      resultTypes.push_back(value.getType());
    }
    func.setFunctionType(FunctionType::get(
        func.getContext(), func.getArgumentTypes(), resultTypes));
    return success();
  }

  /// Step 5: erases the `kiln_onnx` ops, all without uses by now, and the
  /// kiln ops left dead (initializers only shape computations read,
  /// intermediate constants of folded subgraphs).
  void eraseOnnxOps() {
    Block &body = func.getBody().front();
    for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
      if (isa<onnx::KilnOnnxDialect>(op.getDialect()) ||
          (isa<KilnDialect>(op.getDialect()) && isOpTriviallyDead(&op)))
        op.erase();
  }

  func::FuncOp func;
  const OnnxHandlerRegistry &registry;
};

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

struct ConvertKilnOnnxToKilnPass
    : kiln::impl::ConvertKilnOnnxToKilnPassBase<ConvertKilnOnnxToKilnPass> {
  using Base::Base;

  LogicalResult initialize(MLIRContext *) override {
    populateKilnOnnxToKilnHandlers(registry);
    return success();
  }

  void runOnOperation() override {
    if (failed(convertKilnOnnxToKiln(getOperation(), registry)))
      signalPassFailure();
  }

  OnnxHandlerRegistry registry;
};

} // namespace

//===----------------------------------------------------------------------===//
// Public entry points
//===----------------------------------------------------------------------===//

void OnnxHandlerRegistry::add(StringRef domain, StringRef opType,
                              int64_t sinceVersion, OnnxHandler handler) {
  auto &versions = handlers[getKey(domain, opType)];
  auto it = llvm::lower_bound(
      versions, sinceVersion,
      [](const auto &entry, int64_t version) { return entry.first < version; });
  if (it != versions.end() && it->first == sinceVersion)
    it->second = std::move(handler);
  else
    versions.insert(it, {sinceVersion, std::move(handler)});
}

const OnnxHandler *OnnxHandlerRegistry::lookup(StringRef domain,
                                               StringRef opType,
                                               int64_t opset) const {
  auto it = handlers.find(getKey(domain, opType));
  if (it == handlers.end())
    return nullptr;
  const OnnxHandler *found = nullptr;
  for (const auto &[version, handler] : it->second)
    if (version <= opset)
      found = &handler;
  return found;
}

std::optional<int64_t>
OnnxHandlerRegistry::getFirstVersion(StringRef domain, StringRef opType) const {
  auto it = handlers.find(getKey(domain, opType));
  if (it == handlers.end() || it->second.empty())
    return std::nullopt;
  return it->second.front().first;
}

void mlir::kiln::populateKilnOnnxToKilnHandlers(OnnxHandlerRegistry &registry) {
  populateEinsumHandlers(registry);
  populateControlFlowHandlers(registry);
  populateGatherScatterHandlers(registry);
  populateGeneratorHandlers(registry);
  populateLossHandlers(registry);
  populateMathHandlers(registry);
  populateNNHandlers(registry);
  populateQuantizationHandlers(registry);
  populateRecurrentHandlers(registry);
  populateReductionHandlers(registry);
  populateSamplingHandlers(registry);
  populateSignalHandlers(registry);
  populateTensorHandlers(registry);
  populateTrainingHandlers(registry);
}

LogicalResult
mlir::kiln::convertKilnOnnxToKiln(ModuleOp module,
                                  const OnnxHandlerRegistry &registry) {
  bool ok = true;
  for (auto func : module.getOps<func::FuncOp>())
    ok = succeeded(GraphConverter(func, registry).run()) && ok;
  return success(ok);
}
