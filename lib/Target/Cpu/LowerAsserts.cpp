// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Turns kiln_rt.assert into a call that fails the run.

#include "kiln/Dialect/KilnRt/IR/KilnRtOps.h"
#include "kiln/Target/Cpu/Passes.h"
#include "kiln/Target/Cpu/RunContext.h"
#include "kiln_rt/kiln_rt.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/FunctionCallUtils.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace mlir::kiln::cpu {
#define GEN_PASS_DEF_LOWERASSERTSPASS
#include "kiln/Target/Cpu/Passes.h.inc"
} // namespace mlir::kiln::cpu

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kRunFail = "kiln_rt_run_fail";

struct LowerAssertsPass
    : kiln::cpu::impl::LowerAssertsPassBase<LowerAssertsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *context = &getContext();
    auto ptr = LLVM::LLVMPointerType::get(context);
    auto i32 = IntegerType::get(context, 32);
    OpBuilder builder(context);
    SymbolTable symbols(module);

    // Identical messages share one string.
    llvm::StringMap<LLVM::GlobalOp> messages;
    auto message = [&](StringRef text, Location loc) {
      LLVM::GlobalOp &global = messages[text];
      if (global)
        return global;
      OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPointToStart(module.getBody());
      std::string data = text.str();
      data.push_back('\0');
      global = LLVM::GlobalOp::create(
          builder, loc,
          LLVM::LLVMArrayType::get(builder.getI8Type(), data.size()),
          /*isConstant=*/true, LLVM::Linkage::Private, "kiln_assert_message",
          builder.getStringAttr(data));
      symbols.insert(global); // makes the name unique
      return global;
    };

    SmallVector<kiln::rt::AssertOp> asserts;
    module.walk([&](kiln::rt::AssertOp op) { asserts.push_back(op); });
    if (asserts.empty())
      return;
    // Declared once; a declaration of another type is reported.
    FailureOr<LLVM::LLVMFuncOp> fail =
        LLVM::lookupOrCreateFn(builder, module, kRunFail, {ptr, i32, ptr},
                               LLVM::LLVMVoidType::get(context));
    if (failed(fail))
      return signalPassFailure();
    for (kiln::rt::AssertOp op : asserts) {
      auto func = op->getParentOfType<FunctionOpInterface>();
      Value ctx = func ? kiln::cpu::getRunContext(func) : Value();
      if (!ctx) {
        op.emitOpError() << "needs a function with a run context "
                            "(kiln-cpu-add-run-context) to report to";
        return signalPassFailure();
      }
      Location loc = op.getLoc();
      LLVM::GlobalOp text = message(op.getMessage(), loc);
      builder.setInsertionPoint(op);
      Value isTrue = arith::ConstantIntOp::create(builder, loc, 1, 1);
      Value failed =
          arith::XOrIOp::create(builder, loc, op.getCondition(), isTrue);
      auto ifOp = scf::IfOp::create(builder, loc, failed,
                                    /*withElseRegion=*/false);
      builder.setInsertionPointToStart(ifOp.thenBlock());
      Value status = LLVM::ConstantOp::create(
          builder, loc, i32,
          builder.getI32IntegerAttr(KILN_RT_INVALID_ARGUMENT));
      Value address = LLVM::AddressOfOp::create(builder, loc, text);
      LLVM::CallOp::create(builder, loc, *fail,
                           ValueRange{ctx, status, address});
      op.erase();
    }
  }
};

} // namespace
