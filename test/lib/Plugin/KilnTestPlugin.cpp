// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A pass plugin for kiln-opt: registers `test-kiln-plugin-count-ops`, which
// reports how many `kiln` ops each function holds. It shows the shape of a
// plugin (entry point, registration) and lets a lit test prove that
// `--load-pass-plugin` works.

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Tools/Plugins/PassPlugin.h"

using namespace mlir;

namespace {

struct CountKilnOpsPass : PassWrapper<CountKilnOpsPass, OperationPass<>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(CountKilnOpsPass)

  StringRef getArgument() const final { return "test-kiln-plugin-count-ops"; }
  StringRef getDescription() const final {
    return "Emit a remark per function with its number of kiln ops";
  }

  void runOnOperation() override {
    getOperation()->walk([](FunctionOpInterface func) {
      unsigned count = 0;
      func->walk([&](Operation *op) {
        if (op->getName().getDialectNamespace() == "kiln")
          ++count;
      });
      func->emitRemark() << count << " kiln ops";
    });
  }
};

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "KilnTestPlugin", LLVM_VERSION_STRING,
          [] { PassRegistration<CountKilnOpsPass>(); }};
}
