// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Reads an ONNX ModelProto and walks its graph into `kiln_onnx` ops: the
// module and function, the graph's values, its nodes in topological order,
// and subgraphs as regions.

#include "kiln/Import/Onnx/OnnxImporter.h"

#include "Attributes.h"
#include "ImportState.h"
#include "NodeOrder.h"
#include "TensorData.h"
#include "Types.h"

#include "kiln/Dialect/KilnOnnx/IR/KilnOnnxOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include "onnx/onnx_pb.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/text_format.h>

#include <climits>
#include <memory>
#include <optional>

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::onnx_import;

namespace kiln_onnx = mlir::kiln::onnx;

namespace {

//===----------------------------------------------------------------------===//
// Reading the protobuf
//===----------------------------------------------------------------------===//

/// Oldest and newest ONNX IR versions Kiln reads (ONNX 1.12 writes 8).
constexpr int64_t kMinIrVersion = 3;
constexpr int64_t kMaxIrVersion = ::onnx::IR_VERSION;

/// Protobuf's message nesting limit. A subgraph costs three levels
/// (GraphProto → NodeProto → AttributeProto), so this admits models that
/// nest deeper than `kMaxNestingDepth`, which the importer then reports
/// itself, while bounding the parser's recursion.
constexpr int kProtobufRecursionLimit = 3 * kMaxNestingDepth + 64;

/// Turns protobuf text-format errors into diagnostics at their line and
/// column of the model file.
class TextFormatErrorCollector : public google::protobuf::io::ErrorCollector {
public:
  explicit TextFormatErrorCollector(ImportState &state) : state(state) {}

  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string &message) override {
    // Protobuf counts from 0; a negative line means "no position".
    Location loc = line < 0
                       ? state.getFileLoc()
                       : Location(FileLineColLoc::get(state.getContext(),
                                                      state.getModelPath(),
                                                      line + 1, column + 1));
    state.emitError(loc) << "invalid ONNX text format: " << message;
  }

  void AddWarning(int, google::protobuf::io::ColumnNumber,
                  const std::string &) override {}

private:
  ImportState &state;
};

/// Parses `buffer` into `model`. Reports failure as an error diagnostic.
LogicalResult parseModel(llvm::MemoryBufferRef buffer, bool textFormat,
                         ::onnx::ModelProto &model, ImportState &state) {
  // Protobuf logs some problems to stderr itself; the diagnostics say it all.
  google::protobuf::LogSilencer silencer;
  if (buffer.getBufferSize() > static_cast<size_t>(INT_MAX)) {
    state.emitError(state.getFileLoc())
        << state.getModelPath()
        << ": model files of 2 GB and more are not supported (protobuf "
           "cannot read them; use external data for the weights)";
    return failure();
  }
  int size = static_cast<int>(buffer.getBufferSize());

  if (textFormat) {
    google::protobuf::io::ArrayInputStream input(buffer.getBufferStart(), size);
    TextFormatErrorCollector collector(state);
    google::protobuf::TextFormat::Parser parser;
    parser.RecordErrorsTo(&collector);
    parser.SetRecursionLimit(kProtobufRecursionLimit);
    if (parser.Parse(&input, &model))
      return success();
    if (!state.hasFailed())
      state.emitError(state.getFileLoc())
          << state.getModelPath() << ": not a valid ONNX text-format model";
    return failure();
  }

  google::protobuf::io::CodedInputStream input(
      reinterpret_cast<const uint8_t *>(buffer.getBufferStart()), size);
  input.SetTotalBytesLimit(INT_MAX);
  input.SetRecursionLimit(kProtobufRecursionLimit);
  if (!model.ParseFromCodedStream(&input) || !input.ConsumedEntireMessage()) {
    state.emitError(state.getFileLoc())
        << state.getModelPath()
        << ": not a valid ONNX model (protobuf parse failed)";
    return failure();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Returns the domain as the importer spells it: "ai.onnx" is the default
/// domain "".
llvm::StringRef normalizeDomain(llvm::StringRef domain) {
  return domain == "ai.onnx" ? llvm::StringRef() : domain;
}

/// The values visible in one graph: its own, then those of the graphs
/// around it. A null value stands for a name whose definition failed (an
/// error was reported already), so its uses report nothing more.
class Scope {
public:
  explicit Scope(const Scope *parent) : parent(parent) {}

  /// Returns the value `name` denotes here, null for a failed definition,
  /// or nothing when no graph in scope defines it.
  std::optional<Value> lookup(llvm::StringRef name) const {
    for (const Scope *scope = this; scope; scope = scope->parent) {
      auto it = scope->values.find(name);
      if (it != scope->values.end())
        return it->second;
    }
    return std::nullopt;
  }

  /// Returns whether this graph itself (not an outer one) defines `name`.
  bool definesLocally(llvm::StringRef name) const {
    return values.contains(name);
  }

  /// Defines `name` in this graph; `value` is null for failed definitions.
  void define(llvm::StringRef name, Value value) { values[name] = value; }

private:
  const Scope *parent;
  llvm::StringMap<Value> values;
};

/// What the main graph's walk returns for the function signature.
struct GraphInterface {
  llvm::SmallVector<std::string> argNames;
  llvm::SmallVector<std::optional<llvm::SmallVector<std::string>>> dimParams;
  llvm::SmallVector<std::string> resultNames;
  llvm::SmallVector<Value> results;
};

//===----------------------------------------------------------------------===//
// Graph walk
//===----------------------------------------------------------------------===//

/// Imports one model. Errors are reported as they are found and the walk
/// goes on where it can, so one run reports every problem in the model.
class ModelImporter {
public:
  ModelImporter(::onnx::ModelProto &model, ImportState &state)
      : model(model), state(state), context(state.getContext()) {}

  /// Returns the module, or null when any error was reported.
  OwningOpRef<ModuleOp> importModel();

private:
  /// Checks the IR version and that there is a graph; these problems end
  /// the import at once.
  LogicalResult checkModel();
  /// Fills `opsets` from the model's opset imports.
  void importOpsets();
  /// Sets the module's `kiln_onnx.*` metadata attributes.
  void setModuleAttributes(ModuleOp module);

  /// Walks `graph` into `block`: initializers, inputs (as block arguments),
  /// nodes in topological order and outputs (appended to `interface`).
  /// `parent` is the scope of the enclosing graph, null for the main graph.
  void importGraph(const ::onnx::GraphProto &graph, Block &block,
                   const Scope *parent, unsigned depth,
                   GraphInterface &interface);
  /// Converts the declared types of `graph`'s inputs, outputs and
  /// `value_info`, reporting the invalid ones.
  llvm::StringMap<Type> convertDeclaredTypes(const ::onnx::GraphProto &graph);
  /// Imports one node (`index` in its graph's node list) at `builder`.
  void importNode(const ::onnx::NodeProto &node, int index, Scope &scope,
                  const llvm::StringMap<Type> &declared, OpBuilder &builder,
                  unsigned depth);
  /// Imports a default-domain `Constant` node as `kiln_onnx.constant`.
  void importConstantNode(const ::onnx::NodeProto &node,
                          llvm::StringRef subject, Location loc, Scope &scope,
                          OpBuilder &builder);
  /// Returns the `kiln_onnx.none` of the function, creating it on first use.
  Value getNoneValue();

  /// The model; mutable only to free initializer data once imported.
  ::onnx::ModelProto &model;
  ImportState &state;
  MLIRContext *context;
  /// Opset version per (normalized) domain.
  llvm::StringMap<int64_t> opsets;
  /// The entry block of `@main_graph`, which holds the one `kiln_onnx.none`.
  Block *mainBlock = nullptr;
  Value noneValue;
  /// What each subgraph reads from the graphs around it.
  FreeNames freeNames;
};

LogicalResult ModelImporter::checkModel() {
  if (!model.has_ir_version()) {
    state.emitError(state.getFileLoc())
        << "model has no IR version (Kiln reads " << kMinIrVersion << ".."
        << kMaxIrVersion << ")";
    return failure();
  }
  if (model.ir_version() < kMinIrVersion ||
      model.ir_version() > kMaxIrVersion) {
    state.emitError(state.getFileLoc())
        << "unsupported IR version " << model.ir_version() << " (Kiln reads "
        << kMinIrVersion << ".." << kMaxIrVersion << ")";
    return failure();
  }
  if (!model.has_graph()) {
    state.emitError(state.getFileLoc()) << "model has no graph";
    return failure();
  }
  return success();
}

void ModelImporter::importOpsets() {
  for (const ::onnx::OperatorSetIdProto &opset : model.opset_import()) {
    llvm::StringRef domain = normalizeDomain(opset.domain());
    auto [it, inserted] = opsets.try_emplace(domain, opset.version());
    if (!inserted && it->second != opset.version())
      state.emitError(state.getFileLoc())
          << "conflicting opset imports for domain '"
          << (domain.empty() ? "ai.onnx" : domain) << "' (" << it->second
          << " and " << opset.version() << ")";
  }
}

void ModelImporter::setModuleAttributes(ModuleOp module) {
  Builder b(context);
  module->setAttr("kiln_onnx.ir_version",
                  b.getI64IntegerAttr(model.ir_version()));
  // MLIR dictionaries cannot have an empty key (the parser rejects it), so
  // the default domain is spelled "ai.onnx" here, unlike in `domain` of
  // `kiln_onnx.node`.
  llvm::SmallVector<NamedAttribute> imports;
  for (const auto &[domain, version] : opsets)
    imports.push_back(b.getNamedAttr(domain.empty() ? "ai.onnx" : domain,
                                     b.getI64IntegerAttr(version)));
  module->setAttr("kiln_onnx.opset_imports", b.getDictionaryAttr(imports));
  if (model.has_producer_name())
    module->setAttr("kiln_onnx.producer_name",
                    b.getStringAttr(model.producer_name()));
  if (model.has_producer_version())
    module->setAttr("kiln_onnx.producer_version",
                    b.getStringAttr(model.producer_version()));
  if (model.has_model_version())
    module->setAttr("kiln_onnx.model_version",
                    b.getI64IntegerAttr(model.model_version()));
}

OwningOpRef<ModuleOp> ModelImporter::importModel() {
  // 1. Model-level checks that end the import at once.
  if (failed(checkModel()))
    return nullptr;

  // 2. Opsets and model-local functions.
  importOpsets();
  if (model.functions_size() > 0) {
    InFlightDiagnostic diag = state.emitError(state.getFileLoc());
    diag << "model-local functions are not supported: ";
    llvm::interleaveComma(model.functions(), diag,
                          [&](const ::onnx::FunctionProto &function) {
                            diag << "'" << function.domain()
                                 << (function.domain().empty() ? "" : ".")
                                 << function.name() << "'";
                          });
  }

  // 3. The module and `@main_graph`.
  OwningOpRef<ModuleOp> module = ModuleOp::create(state.getFileLoc());
  setModuleAttributes(*module);
  const ::onnx::GraphProto &graph = model.graph();
  Location funcLoc = graph.name().empty() ? state.getFileLoc()
                                          : state.getNameLoc(graph.name());
  OpBuilder builder = OpBuilder::atBlockEnd(module->getBody());
  auto func = func::FuncOp::create(builder, funcLoc, "main_graph",
                                   builder.getFunctionType({}, {}));
  func->setAttr("kiln_onnx.graph_name", builder.getStringAttr(graph.name()));
  mainBlock = func.addEntryBlock();

  // 4. The graph.
  GraphInterface interface;
  importGraph(graph, *mainBlock, /*parent=*/nullptr, /*depth=*/0, interface);
  if (state.hasFailed())
    return nullptr;

  // 5. The signature: arguments and results with their ONNX names.
  builder.setInsertionPointToEnd(mainBlock);
  func::ReturnOp::create(builder, funcLoc, interface.results);
  func.setFunctionType(builder.getFunctionType(
      mainBlock->getArgumentTypes(), ValueRange(interface.results).getTypes()));
  for (auto [index, name] : llvm::enumerate(interface.argNames)) {
    func.setArgAttr(index, "kiln_onnx.name", builder.getStringAttr(name));
    if (const auto &params = interface.dimParams[index]) {
      llvm::SmallVector<Attribute> strings;
      for (const std::string &param : *params)
        strings.push_back(builder.getStringAttr(param));
      func.setArgAttr(index, "kiln_onnx.dim_params",
                      builder.getArrayAttr(strings));
    }
  }
  for (auto [index, name] : llvm::enumerate(interface.resultNames))
    func.setResultAttr(index, "kiln_onnx.name", builder.getStringAttr(name));

  // The walk builds valid IR by construction; check it, so that a bug shows
  // as a diagnostic rather than as a broken module further down.
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

llvm::StringMap<Type>
ModelImporter::convertDeclaredTypes(const ::onnx::GraphProto &graph) {
  llvm::StringMap<Type> declared;
  auto add = [&](const ::onnx::ValueInfoProto &info, llvm::StringRef what) {
    if (info.name().empty() || declared.contains(info.name()))
      return;
    std::string subject = (what + " '" + info.name() + "'").str();
    FailureOr<Type> type =
        convertType(info.type(), state.getNameLoc(info.name()), subject, state);
    declared[info.name()] =
        succeeded(type) ? *type : kiln_onnx::UnknownType::get(context);
  };
  for (const ::onnx::ValueInfoProto &info : graph.input())
    add(info, "input");
  for (const ::onnx::ValueInfoProto &info : graph.output())
    add(info, "output");
  for (const ::onnx::ValueInfoProto &info : graph.value_info())
    add(info, "value");
  return declared;
}

Value ModelImporter::getNoneValue() {
  if (!noneValue) {
    OpBuilder builder = OpBuilder::atBlockBegin(mainBlock);
    noneValue = kiln_onnx::NoneOp::create(builder, state.getFileLoc(),
                                          builder.getNoneType());
  }
  return noneValue;
}

void ModelImporter::importGraph(const ::onnx::GraphProto &graph, Block &block,
                                const Scope *parent, unsigned depth,
                                GraphInterface &interface) {
  Scope scope(parent);
  OpBuilder builder = OpBuilder::atBlockEnd(&block);
  llvm::StringMap<Type> declared = convertDeclaredTypes(graph);

  // 1. Initializers become constants.
  for (const ::onnx::SparseTensorProto &sparse : graph.sparse_initializer())
    state.emitError(state.getNameLoc(sparse.values().name()))
        << "sparse initializer '" << sparse.values().name()
        << "' is not supported";
  llvm::StringSet<> initializers;
  for (int i = 0, e = graph.initializer_size(); i < e; ++i) {
    const ::onnx::TensorProto &initializer = graph.initializer(i);
    // The main graph's initializers hold the weights: free each one's data
    // once it is a constant, so the model is not held twice.
    llvm::scope_exit releaseData([&] {
      if (depth == 0)
        releaseTensorData(*model.mutable_graph()->mutable_initializer(i));
    });
    const std::string &name = initializer.name();
    Location loc = state.getNameLoc(name);
    if (name.empty()) {
      state.emitError(state.getFileLoc())
          << "graph '" << graph.name() << "' has an initializer without a name";
      continue;
    }
    if (!initializers.insert(name).second) {
      state.emitError(loc) << "initializer '" << name << "' is defined twice";
      continue;
    }
    FailureOr<DenseElementsAttr> value =
        importTensor(initializer, loc, "initializer '" + name + "'", state);
    if (failed(value)) {
      scope.define(name, nullptr);
      continue;
    }
    auto constant =
        kiln_onnx::ConstantOp::create(builder, loc, value->getType(), *value);
    scope.define(name, constant);
  }

  // 2. Inputs that are not initializers (old models list those among the
  // inputs too) become block arguments.
  for (const ::onnx::ValueInfoProto &input : graph.input()) {
    const std::string &name = input.name();
    if (name.empty()) {
      state.emitError(state.getFileLoc())
          << "graph '" << graph.name() << "' has an input without a name";
      continue;
    }
    if (initializers.contains(name))
      continue;
    Location loc = state.getNameLoc(name);
    if (scope.definesLocally(name)) {
      state.emitError(loc) << "input '" << name << "' is listed twice";
      continue;
    }
    BlockArgument argument = block.addArgument(declared.lookup(name), loc);
    scope.define(name, argument);
    interface.argNames.push_back(name);
    interface.dimParams.push_back(getDimParams(input.type()));
  }

  // 3. Nodes, in topological order. Nodes on a cycle are still imported, at
  // the end, so that their own problems are reported too; their values are
  // failed definitions, so their uses report nothing more.
  llvm::SmallVector<int> leftOver;
  llvm::SmallVector<int> order = sortNodes(
      graph, [&](llvm::StringRef name) { return scope.definesLocally(name); },
      freeNames, depth, state, leftOver);
  for (int index : leftOver)
    for (const std::string &output : graph.node(index).output())
      if (!output.empty())
        scope.define(output, nullptr);
  for (int index : order)
    importNode(graph.node(index), index, scope, declared, builder, depth);
  for (int index : leftOver)
    importNode(graph.node(index), index, scope, declared, builder, depth);

  // 4. Outputs.
  for (const ::onnx::ValueInfoProto &output : graph.output()) {
    std::optional<Value> value = scope.lookup(output.name());
    if (!value) {
      state.emitError(state.getNameLoc(output.name()))
          << "graph '" << graph.name() << "': output '" << output.name()
          << "' names no value";
      continue;
    }
    if (!*value)
      continue;
    interface.resultNames.push_back(output.name());
    interface.results.push_back(*value);
  }
}

void ModelImporter::importNode(const ::onnx::NodeProto &node, int index,
                               Scope &scope,
                               const llvm::StringMap<Type> &declared,
                               OpBuilder &builder, unsigned depth) {
  std::string name = getNodeName(node, index);
  Location loc = state.getNameLoc(name);
  std::string subject = "node '" + name + "' (" + node.op_type() + ")";

  // 1. The opset of the node's domain.
  llvm::StringRef domain = normalizeDomain(node.domain());
  int64_t opset = 0;
  auto opsetIt = opsets.find(domain);
  if (opsetIt != opsets.end()) {
    opset = opsetIt->second;
  } else if (domain.empty()) {
    state.emitError(loc) << subject
                         << ": the model imports no opset for the default "
                            "domain (ai.onnx)";
  } else {
    state.emitError(loc) << subject << ": the model imports no opset for "
                         << "domain '" << domain << "'";
  }

  if (domain.empty() && node.op_type() == "Constant") {
    importConstantNode(node, subject, loc, scope, builder);
    return;
  }

  // 2. Operands. A missing value is reported; a failed one was reported
  // already. Either way the none value stands in, so the rest of the node
  // is still checked.
  llvm::SmallVector<Value> operands;
  operands.reserve(node.input_size());
  for (const std::string &input : node.input()) {
    if (input.empty()) {
      operands.push_back(getNoneValue());
      continue;
    }
    std::optional<Value> value = scope.lookup(input);
    if (!value)
      state.emitError(loc) << subject << ": input '" << input
                           << "' names no value";
    operands.push_back(value && *value ? *value : getNoneValue());
  }

  // 3. Attributes; subgraphs become regions.
  NamedAttrList attributes;
  llvm::SmallVector<const ::onnx::GraphProto *> graphs;
  llvm::SmallVector<Attribute> regionNames;
  llvm::StringSet<> seen;
  for (const ::onnx::AttributeProto &attribute : node.attribute()) {
    const std::string &attrName = attribute.name();
    if (attrName.empty()) {
      state.emitError(loc) << subject << ": attribute without a name";
      continue;
    }
    if (!seen.insert(attrName).second) {
      state.emitError(loc) << subject << ": attribute '" << attrName
                           << "' is given twice";
      continue;
    }
    if (!attribute.ref_attr_name().empty()) {
      state.emitError(loc) << subject << ": attribute '" << attrName
                           << "' refers to function attribute '"
                           << attribute.ref_attr_name()
                           << "' (model-local functions are not supported)";
      continue;
    }
    if (getAttributeType(attribute) == ::onnx::AttributeProto::GRAPH) {
      graphs.push_back(&attribute.g());
      regionNames.push_back(builder.getStringAttr(attrName));
      continue;
    }
    FailureOr<Attribute> converted =
        convertAttribute(attribute, loc, subject, state);
    if (succeeded(converted))
      attributes.append(attrName, *converted);
  }

  // 4. The op: one result per ONNX output, with the declared type if any.
  llvm::SmallVector<Type> resultTypes;
  resultTypes.reserve(node.output_size());
  for (const std::string &output : node.output()) {
    Type type = output.empty() ? Type() : declared.lookup(output);
    resultTypes.push_back(type ? type : kiln_onnx::UnknownType::get(context));
  }
  auto op = kiln_onnx::NodeOp::create(
      builder, loc, resultTypes, builder.getStringAttr(node.op_type()),
      builder.getStringAttr(domain), builder.getI64IntegerAttr(opset),
      attributes.getDictionary(context), builder.getArrayAttr(regionNames),
      operands, graphs.size());

  // 5. Subgraphs, each in a region ending in `kiln_onnx.yield`.
  if (!graphs.empty() && depth + 1 > kMaxNestingDepth) {
    state.emitError(loc) << subject << ": subgraphs nest deeper than "
                         << kMaxNestingDepth << " levels";
  } else {
    for (auto [region, graph] : llvm::zip_equal(op.getGraphs(), graphs)) {
      Block *block = new Block();
      region.push_back(block);
      GraphInterface interface;
      importGraph(*graph, *block, &scope, depth + 1, interface);
      OpBuilder yieldBuilder = OpBuilder::atBlockEnd(block);
      Location yieldLoc =
          graph->name().empty() ? loc : state.getNameLoc(graph->name());
      kiln_onnx::YieldOp::create(yieldBuilder, yieldLoc, interface.results);
    }
  }

  // 6. The node's values.
  for (auto [output, result] : llvm::zip_equal(node.output(), op.getResults()))
    if (!output.empty())
      scope.define(output, result);
}

void ModelImporter::importConstantNode(const ::onnx::NodeProto &node,
                                       llvm::StringRef subject, Location loc,
                                       Scope &scope, OpBuilder &builder) {
  auto defineOutputs = [&](Value value) {
    for (const std::string &output : node.output())
      if (!output.empty())
        scope.define(output, value);
  };
  if (node.input_size() != 0 || node.output_size() != 1) {
    state.emitError(loc) << subject << ": expected no inputs and one output, "
                         << "found " << node.input_size() << " and "
                         << node.output_size();
    return defineOutputs(nullptr);
  }
  if (node.attribute_size() != 1) {
    state.emitError(loc) << subject << ": expected one value attribute, found "
                         << node.attribute_size() << " attributes";
    return defineOutputs(nullptr);
  }

  const ::onnx::AttributeProto &attribute = node.attribute(0);
  llvm::StringRef attrName = attribute.name();
  ::onnx::AttributeProto::AttributeType type = getAttributeType(attribute);
  std::string attrSubject = (subject + ": attribute '" + attrName + "'").str();
  auto expectType = [&](::onnx::AttributeProto::AttributeType expected) {
    if (type == expected)
      return true;
    state.emitError(loc) << attrSubject << " must be of type "
                         << ::onnx::AttributeProto::AttributeType_Name(expected)
                         << ", not "
                         << ::onnx::AttributeProto::AttributeType_Name(type);
    return false;
  };

  FailureOr<DenseElementsAttr> value = failure();
  Builder b(context);
  if (attrName == "value") {
    if (expectType(::onnx::AttributeProto::TENSOR))
      value = importTensor(attribute.t(), loc, attrSubject, state);
  } else if (attrName == "value_float") {
    if (expectType(::onnx::AttributeProto::FLOAT))
      value = DenseElementsAttr::get(RankedTensorType::get({}, b.getF32Type()),
                                     attribute.f());
  } else if (attrName == "value_floats") {
    if (expectType(::onnx::AttributeProto::FLOATS))
      value = DenseElementsAttr::get(
          RankedTensorType::get({attribute.floats_size()}, b.getF32Type()),
          llvm::ArrayRef<float>(attribute.floats().data(),
                                attribute.floats_size()));
  } else if (attrName == "value_int") {
    if (expectType(::onnx::AttributeProto::INT))
      value = DenseElementsAttr::get(
          RankedTensorType::get({}, b.getIntegerType(64)), attribute.i());
  } else if (attrName == "value_ints") {
    if (expectType(::onnx::AttributeProto::INTS))
      value = DenseElementsAttr::get(
          RankedTensorType::get({attribute.ints_size()}, b.getIntegerType(64)),
          llvm::ArrayRef<int64_t>(attribute.ints().data(),
                                  attribute.ints_size()));
  } else if (attrName == "value_string" || attrName == "value_strings" ||
             attrName == "sparse_value") {
    state.emitError(loc) << subject << ": Constant with '" << attrName
                         << "' is not supported yet";
  } else {
    state.emitError(loc) << subject << ": unknown Constant attribute '"
                         << attrName << "'";
  }
  if (failed(value))
    return defineOutputs(nullptr);
  auto constant =
      kiln_onnx::ConstantOp::create(builder, loc, value->getType(), *value);
  defineOutputs(constant);
}

} // namespace

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp>
mlir::kiln::importOnnxModel(llvm::MemoryBufferRef buffer, bool textFormat,
                            MLIRContext *context,
                            const OnnxImportOptions &options) {
  (void)options;
  context->loadDialect<func::FuncDialect, kiln_onnx::KilnOnnxDialect>();
  ImportState state(context, buffer.getBufferIdentifier());
  ::onnx::ModelProto model;
  if (failed(parseModel(buffer, textFormat, model, state)))
    return nullptr;
  return ModelImporter(model, state).importModel();
}

OwningOpRef<ModuleOp>
mlir::kiln::importOnnxFile(llvm::StringRef path, MLIRContext *context,
                           const OnnxImportOptions &options) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!file) {
    emitError(FileLineColLoc::get(context, path, 0, 0))
        << "cannot read '" << path << "': " << file.getError().message();
    return nullptr;
  }
  return importOnnxModel((*file)->getMemBufferRef(), path.ends_with(".onnxtxt"),
                         context, options);
}

void mlir::kiln::registerOnnxImportTranslation() {
  static TranslateToMLIRRegistration registration(
      "import-onnx",
      "import an ONNX model (binary, or text format for .onnxtxt files) into "
      "the kiln_onnx dialect",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        bool textFormat = buffer->getBufferIdentifier().ends_with(".onnxtxt");
        OwningOpRef<ModuleOp> module =
            importOnnxModel(buffer->getMemBufferRef(), textFormat, context);
        return OwningOpRef<Operation *>(module.release().getOperation());
      },
      [](DialectRegistry &registry) {
        registry.insert<func::FuncDialect, kiln_onnx::KilnOnnxDialect>();
      });
}
