// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Gives the model function the run context of its `run` call.

#include "kiln/Target/Cpu/Passes.h"
#include "kiln/Target/Cpu/RunContext.h"

namespace mlir::kiln::cpu {
#define GEN_PASS_DEF_ADDRUNCONTEXTPASS
#include "kiln/Target/Cpu/Passes.h.inc"
} // namespace mlir::kiln::cpu

using namespace mlir;

namespace {

struct AddRunContextPass
    : kiln::cpu::impl::AddRunContextPassBase<AddRunContextPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal() ||
        !func->hasAttr(kiln::cpu::kWorkspaceSizeAttrName) ||
        kiln::cpu::getRunContext(func))
      return;
    MLIRContext *context = &getContext();
    unsigned index = func.getNumArguments();
    auto marker = NamedAttribute(
        StringAttr::get(context, kiln::cpu::kRunContextArgAttrName),
        UnitAttr::get(context));
    if (failed(func.insertArgument(index, LLVM::LLVMPointerType::get(context),
                                   DictionaryAttr::get(context, {marker}),
                                   func.getLoc())))
      return signalPassFailure();
  }
};

} // namespace
