// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Records a model's inputs, outputs and metadata on the module, for the ABI.

#include "kiln/Dialect/Kiln/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_RECORDINTERFACEPASS
#include "kiln/Dialect/Kiln/Transforms/Passes.h.inc"
} // namespace mlir::kiln

#define DEBUG_TYPE "kiln-record-interface"

using namespace mlir;

namespace {

/// Returns true when `name` is a C identifier (what a symbol prefix must be).
bool isCIdentifier(StringRef name) {
  if (name.empty() || !(llvm::isAlpha(name[0]) || name[0] == '_'))
    return false;
  return llvm::all_of(name, [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

/// Builds `{name = ..., type = ...}` for value `index` of `func`, named by
/// the `kiln_onnx.name` attribute in `attrs` (or `fallback` + index).
DictionaryAttr describeValue(Builder &b, DictionaryAttr attrs, Type type,
                             StringRef fallback, unsigned index) {
  StringAttr name = attrs ? attrs.getAs<StringAttr>("kiln_onnx.name")
                          : StringAttr();
  if (!name)
    name = b.getStringAttr(fallback + Twine(index));
  return b.getDictionaryAttr({b.getNamedAttr("name", name),
                              b.getNamedAttr("type", TypeAttr::get(type))});
}

struct RecordInterfacePass
    : kiln::impl::RecordInterfacePassBase<RecordInterfacePass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (!isCIdentifier(modelName)) {
      module.emitError() << "model name '" << modelName
                         << "' is not a C identifier; pass --name=NAME";
      return signalPassFailure();
    }

    SmallVector<func::FuncOp> graphs;
    for (auto func : module.getOps<func::FuncOp>())
      if (func.isPublic() && !func.isExternal())
        graphs.push_back(func);
    if (graphs.size() != 1) {
      module.emitError() << "expects exactly one public function (the "
                            "model's graph), found "
                         << graphs.size();
      return signalPassFailure();
    }
    func::FuncOp graph = graphs.front();

    // Every value crossing the ABI must be a statically shaped tensor.
    Builder b(module.getContext());
    SmallVector<Attribute> inputs, outputs;
    FunctionType type = graph.getFunctionType();
    bool ok = true;
    auto check = [&](Type t, StringRef kind, unsigned i) {
      auto tensor = dyn_cast<RankedTensorType>(t);
      if (tensor && tensor.hasStaticShape())
        return;
      graph.emitError() << kind << " #" << i
                        << " must be a statically shaped tensor, got " << t;
      ok = false;
    };
    for (auto [i, t] : llvm::enumerate(type.getInputs())) {
      check(t, "input", i);
      // The ABI passes inputs as `const void *const *`: code generation
      // must never write into them.
      graph.setArgAttr(i, "bufferization.writable", b.getBoolAttr(false));
      inputs.push_back(describeValue(b, graph.getArgAttrDict(i), t, "input_", i));
    }
    for (auto [i, t] : llvm::enumerate(type.getResults())) {
      check(t, "output", i);
      outputs.push_back(
          describeValue(b, graph.getResultAttrDict(i), t, "output_", i));
    }
    if (!ok)
      return signalPassFailure();

    SmallVector<NamedAttribute> interface = {
        b.getNamedAttr("name", b.getStringAttr(modelName)),
        b.getNamedAttr("inputs", b.getArrayAttr(inputs)),
        b.getNamedAttr("outputs", b.getArrayAttr(outputs))};
    // ONNX metadata the importer left on the module, when present.
    if (auto producer =
            module->getAttrOfType<StringAttr>("kiln_onnx.producer_name")) {
      std::string text = producer.str();
      if (auto version = module->getAttrOfType<StringAttr>(
              "kiln_onnx.producer_version"))
        if (!version.getValue().empty())
          text += " " + version.str();
      interface.push_back(b.getNamedAttr("producer", b.getStringAttr(text)));
    }
    if (auto opsets =
            module->getAttrOfType<DictionaryAttr>("kiln_onnx.opset_imports"))
      if (auto opset = opsets.getAs<IntegerAttr>(""))
        interface.push_back(b.getNamedAttr("opset", opset));
    module->setAttr(kiln::kInterfaceAttrName, b.getDictionaryAttr(interface));

    // The graph takes the artifact's symbol prefix; the back end's ABI
    // generation makes it internal once `<name>_run` calls it.
    SymbolTable symbols(module);
    std::string mainName = modelName + "_main";
    if (failed(symbols.rename(graph, mainName))) {
      graph.emitError() << "cannot rename the graph to " << mainName;
      return signalPassFailure();
    }
  }
};

} // namespace
