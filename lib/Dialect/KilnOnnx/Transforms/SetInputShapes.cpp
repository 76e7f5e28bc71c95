// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Gives the graph inputs of an imported model static shapes.

#include "kiln/Dialect/KilnOnnx/Transforms/Passes.h"

#include "kiln/Dialect/KilnOnnx/IR/KilnOnnxOps.h"
#include "kiln/Support/InputShape.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringMap.h"

namespace mlir::kiln::onnx {
#define GEN_PASS_DEF_SETINPUTSHAPESPASS
#include "kiln/Dialect/KilnOnnx/Transforms/Passes.h.inc"
} // namespace mlir::kiln::onnx

#define DEBUG_TYPE "kiln-set-input-shapes"

using namespace mlir;
using namespace mlir::kiln;

namespace {

/// Returns the ONNX name of argument `index` of `func`, or "" when the
/// importer did not record one.
StringRef inputName(func::FuncOp func, unsigned index) {
  if (auto name = func.getArgAttrOfType<StringAttr>(index, "kiln_onnx.name"))
    return name.getValue();
  return "";
}

/// Returns the ONNX symbol of dimension `dim` of argument `index`, or "".
StringRef dimParam(func::FuncOp func, unsigned index, int64_t dim) {
  auto params = func.getArgAttrOfType<ArrayAttr>(index, "kiln_onnx.dim_params");
  if (!params || dim >= static_cast<int64_t>(params.size()))
    return "";
  auto param = dyn_cast<StringAttr>(params[dim]);
  return param ? param.getValue() : "";
}

struct SetInputShapesPass
    : onnx::impl::SetInputShapesPassBase<SetInputShapesPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    bool ok = true;

    // 1. Parse every entry, so all bad entries are reported at once.
    llvm::StringMap<InputShape> requested;
    for (const std::string &spec : shapes) {
      llvm::Expected<InputShape> shape = parseInputShape(spec);
      if (!shape) {
        func.emitError() << llvm::toString(shape.takeError());
        ok = false;
        continue;
      }
      std::string name = shape->name;
      requested[name] = std::move(*shape);
    }

    // 2. Apply the entries and check that no symbolic dimension is left.
    Block &entry = func.getBody().front();
    SmallVector<Type> argTypes;
    for (BlockArgument arg : entry.getArguments()) {
      unsigned index = arg.getArgNumber();
      StringRef name = inputName(func, index);
      Type type = arg.getType();
      auto tensorType = dyn_cast<TensorType>(type);
      auto it = requested.find(name);
      if (it != requested.end() && tensorType) {
        ArrayRef<int64_t> dims = it->second.dims;
        if (tensorType.hasRank() &&
            tensorType.getRank() != static_cast<int64_t>(dims.size())) {
          func.emitError() << "input '" << name << "' has rank "
                           << tensorType.getRank() << ", but --input-shape "
                           << "gives " << dims.size() << " dimensions";
          ok = false;
        } else {
          for (auto [i, dim] : llvm::enumerate(dims)) {
            if (tensorType.hasRank() && !tensorType.isDynamicDim(i) &&
                tensorType.getDimSize(i) != dim) {
              func.emitError() << "input '" << name << "' dimension " << i
                               << " is " << tensorType.getDimSize(i)
                               << " in the model, but --input-shape gives "
                               << dim;
              ok = false;
            }
          }
          type = RankedTensorType::get(dims, tensorType.getElementType());
        }
        requested.erase(it);
      } else if (tensorType && !tensorType.hasRank()) {
        func.emitError() << "input '" << name << "' has no shape in the "
                         << "model; give one with --input-shape " << name
                         << "=D0xD1x...";
        ok = false;
      } else if (tensorType && !tensorType.hasStaticShape()) {
        for (int64_t i = 0; i < tensorType.getRank(); ++i) {
          if (!tensorType.isDynamicDim(i))
            continue;
          InFlightDiagnostic diag = func.emitError()
                                    << "input '" << name << "' dimension "
                                    << i;
          if (StringRef param = dimParam(func, index, i); !param.empty())
            diag << " ('" << param << "')";
          diag << " is symbolic; fix it with --input-shape " << name
               << "=D0xD1x...";
          ok = false;
        }
      }
      arg.setType(type);
      argTypes.push_back(type);
    }

    // 3. Entries that name no input are mistakes too (a typo would
    // otherwise be ignored silently).
    for (const auto &entry : requested) {
      InFlightDiagnostic diag = func.emitError()
                                << "--input-shape names '" << entry.getKey()
                                << "', which is not a graph input; inputs:";
      for (unsigned i = 0; i < func.getNumArguments(); ++i)
        diag << (i ? ", '" : " '") << inputName(func, i) << "'";
      ok = false;
    }

    if (!ok)
      return signalPassFailure();
    // A graph output that is an input unchanged now has the input's type.
    SmallVector<Type> resultTypes(func.getFunctionType().getResults());
    if (auto ret = dyn_cast<func::ReturnOp>(entry.getTerminator()))
      for (auto [i, value] : llvm::enumerate(ret.getOperands()))
        if (isa<BlockArgument>(value))
          resultTypes[i] = value.getType();
    func.setFunctionType(
        FunctionType::get(func.getContext(), argTypes, resultTypes));
  }
};

} // namespace
