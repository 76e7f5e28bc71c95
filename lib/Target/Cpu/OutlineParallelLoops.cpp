// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Outlines each kiln_rt.parallel_for (parallel_team) body into a function
// that the runtime's kiln_rt_parallel_for (kiln_rt_parallel_team) runs on
// its threads.

#include "kiln/Dialect/KilnRt/IR/KilnRtOps.h"
#include "kiln/Target/Cpu/Passes.h"
#include "kiln/Target/Cpu/RunContext.h"

#include "mlir/Dialect/LLVMIR/FunctionCallUtils.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir::kiln::cpu {
#define GEN_PASS_DEF_OUTLINEPARALLELLOOPSPASS
#include "kiln/Target/Cpu/Passes.h.inc"
} // namespace mlir::kiln::cpu

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kParallelFor = "kiln_rt_parallel_for";
constexpr llvm::StringLiteral kParallelTeam = "kiln_rt_parallel_team";
constexpr llvm::StringLiteral kParallelBarrier = "kiln_rt_parallel_barrier";

/// Returns true for values that cost nothing to recompute in the outlined
/// function, so they are cloned there instead of passed.
bool isRematerializable(Value value) {
  Operation *op = value.getDefiningOp();
  return op && isa<LLVM::ConstantOp, LLVM::AddressOfOp, LLVM::ZeroOp,
                   LLVM::PoisonOp, LLVM::UndefOp>(op);
}

struct OutlineParallelLoopsPass
    : kiln::cpu::impl::OutlineParallelLoopsPassBase<OutlineParallelLoopsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *context = &getContext();
    auto ptr = LLVM::LLVMPointerType::get(context);
    auto i32 = IntegerType::get(context, 32);
    auto i64 = IntegerType::get(context, 64);
    OpBuilder b(context);
    SymbolTable symbols(module);

    // Loops and teams; their barriers become calls first, in their bodies.
    SmallVector<Operation *> loops;
    SmallVector<kiln::rt::ParallelBarrierOp> barriers;
    module.walk([&](Operation *op) {
      if (isa<kiln::rt::ParallelForOp, kiln::rt::ParallelTeamOp>(op))
        loops.push_back(op);
      else if (auto barrier = dyn_cast<kiln::rt::ParallelBarrierOp>(op))
        barriers.push_back(barrier);
    });
    if (loops.empty())
      return;
    // The runtime's functions, declared once; a declaration of another
    // type already in the module is an error (lookupOrCreateFn reports it).
    auto runtime = [&](StringRef name, ArrayRef<Type> params,
                       Type result) -> LLVM::LLVMFuncOp {
      FailureOr<LLVM::LLVMFuncOp> function =
          LLVM::lookupOrCreateFn(b, module, name, params, result);
      return succeeded(function) ? *function : nullptr;
    };
    if (!barriers.empty()) {
      LLVM::LLVMFuncOp wait =
          runtime(kParallelBarrier, {}, LLVM::LLVMVoidType::get(context));
      if (!wait)
        return signalPassFailure();
      for (kiln::rt::ParallelBarrierOp barrier : barriers) {
        OpBuilder at(barrier);
        LLVM::CallOp::create(at, barrier.getLoc(), wait, ValueRange());
        barrier.erase();
      }
    }
    for (Operation *loop : loops) {
      Location loc = loop->getLoc();
      Region &loopBody = loop->getRegion(0);
      auto parent = loop->getParentOfType<LLVM::LLVMFuncOp>();
      Value runContext = parent ? kiln::cpu::getRunContext(parent) : Value();
      if (!runContext || loop->getParentOfType<kiln::rt::ParallelForOp>() ||
          loop->getParentOfType<kiln::rt::ParallelTeamOp>()) {
        loop->emitOpError() << "must sit in a model function with a run "
                               "context (kiln-cpu-add-run-context), outside "
                               "other parallel loops and teams, lowered to "
                               "LLVM";
        return signalPassFailure();
      }

      // What the body uses from above: constants are recomputed, the rest
      // travels in a structure on the caller's stack.
      llvm::SetVector<Value> above;
      getUsedValuesDefinedAbove(loopBody, above);
      SmallVector<Value> captures;
      SmallVector<Type> captureTypes;
      for (Value value : above)
        if (!isRematerializable(value)) {
          if (!LLVM::isCompatibleType(value.getType())) {
            loop->emitOpError()
                << "uses a value of type " << value.getType()
                << " from above; expected everything lowered to the LLVM "
                   "dialect";
            return signalPassFailure();
          }
          captures.push_back(value);
          captureTypes.push_back(value.getType());
        }
      auto captureType = LLVM::LLVMStructType::getLiteral(
          context,
          captureTypes.empty() ? SmallVector<Type>{i64} : captureTypes);

      // The body function: body(captures, begin, end), or a team's
      // body(captures, thread, team).
      b.setInsertionPoint(parent);
      auto body = LLVM::LLVMFuncOp::create(
          b, loc, (parent.getName() + "_parallel").str(),
          LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(context),
                                      {ptr, i64, i64}),
          LLVM::Linkage::Internal);
      symbols.insert(body); // makes the name unique
      Block *entry = body.addEntryBlock(b);
      b.setInsertionPointToStart(entry);
      IRMapping mapping;
      for (Value value : above)
        if (isRematerializable(value))
          mapping.map(value, b.clone(*value.getDefiningOp())->getResult(0));
      for (auto [i, value] : llvm::enumerate(captures)) {
        Value field = LLVM::GEPOp::create(
            b, loc, ptr, captureType, entry->getArgument(0),
            ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
        mapping.map(value,
                    LLVM::LoadOp::create(b, loc, value.getType(), field));
      }
      Region &region = body.getBody();
      Block *first = &loopBody.front();
      region.getBlocks().splice(region.end(), loopBody.getBlocks());
      for (auto [from, to] : mapping.getValueMap())
        replaceAllUsesInRegionWith(from, to, region);
      LLVM::BrOp::create(
          b, loc, ValueRange{entry->getArgument(1), entry->getArgument(2)},
          first);
      region.walk([&](kiln::rt::YieldOp yield) {
        OpBuilder at(yield);
        LLVM::ReturnOp::create(at, yield.getLoc(), ValueRange());
        yield.erase();
      });

      // The call: captures stored in a slot allocated at the caller's entry.
      {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(&parent.getBody().front());
        Value one = LLVM::ConstantOp::create(b, loc, i64, 1);
        Value slot = LLVM::AllocaOp::create(b, loc, ptr, captureType, one);
        b.setInsertionPoint(loop);
        for (auto [i, value] : llvm::enumerate(captures)) {
          Value field = LLVM::GEPOp::create(
              b, loc, ptr, captureType, slot,
              ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
          LLVM::StoreOp::create(b, loc, value, field);
        }
        Value function = LLVM::AddressOfOp::create(b, loc, body);
        Value threadsAddress = kiln::cpu::getRunContextFieldAddress(
            b, loc, runContext, kiln::cpu::RunContextField::NumThreads);
        Value threads = LLVM::LoadOp::create(b, loc, i32, threadsAddress);
        // The runtime refuses only a NULL body or a negative count, neither
        // of which this call can pass: its status carries nothing.
        auto parallel = dyn_cast<kiln::rt::ParallelForOp>(loop);
        LLVM::LLVMFuncOp callee =
            parallel ? runtime(kParallelFor, {ptr, ptr, i64, i32}, i32)
                     : runtime(kParallelTeam, {ptr, ptr, i32}, i32);
        if (!callee)
          return signalPassFailure();
        SmallVector<Value> args = {function, slot};
        if (parallel)
          args.push_back(parallel.getCount());
        args.push_back(threads);
        LLVM::CallOp::create(b, loc, callee, args);
      }
      loop->erase();
    }
  }
};

} // namespace
