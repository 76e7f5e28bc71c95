// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The `convert-kiln-rt-to-llvm` pass: `kiln_rt.onednn_*` ops become a
// create call in the model's `init`, a destroy call in its `deinit`, and a
// run call in its main function, with one handle per op in the instance's
// state.

#include "kiln/Conversion/KilnRtToLLVM/KilnRtToLLVM.h"

#include "kiln/Conversion/Passes.h"
#include "kiln/Dialect/Kiln/Transforms/Passes.h"
#include "kiln/Dialect/KilnRt/IR/KilnRtOps.h"
#include "kiln/Target/Cpu/RunContext.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/FunctionCallUtils.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/SymbolTable.h"

#define DEBUG_TYPE "convert-kiln-rt-to-llvm"

namespace mlir::kiln {
#define GEN_PASS_DEF_CONVERTKILNRTTOLLVMPASS
#include "kiln/Conversion/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

//===--- Helpers ----------------------------------------------------------===//

/// Bytes of one handle slot in the instance's state.
constexpr int64_t kSlotSize = 8;

/// Returns the ONNX node's name in `loc` (the importer's `NameLoc`), or
/// the op's name when there is none.
std::string nodeName(Operation *op) {
  std::string name;
  op->getLoc()->walk([&](Location loc) {
    if (auto named = dyn_cast<NameLoc>(loc)) {
      name = named.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  if (name.empty())
    name = op->getName().getStringRef().str();
  return name;
}

/// The `memref.get_global` a buffer of constants is read with, or null.
memref::GetGlobalOp globalOf(Value value) {
  return value ? value.getDefiningOp<memref::GetGlobalOp>()
               : memref::GetGlobalOp();
}

/// What the pass builds as it goes through the ops.
struct Lowering {
  ModuleOp module;
  SymbolTable symbols;
  OpBuilder builder;
  Type ptr, i32, i64;
  func::FuncOp main, init, deinit;
  Value ctx, args;
  /// Where the next create call goes in `init`.
  Block *initTail;

  explicit Lowering(ModuleOp module)
      : module(module), symbols(module), builder(module.getContext()) {
    MLIRContext *context = module.getContext();
    ptr = LLVM::LLVMPointerType::get(context);
    i32 = IntegerType::get(context, 32);
    i64 = IntegerType::get(context, 64);
  }

  /// Declares the runtime function `name` once; fails, reported, when the
  /// module declares it with another type.
  FailureOr<LLVM::LLVMFuncOp> runtimeFunction(StringRef name, Type result,
                                              ArrayRef<Type> params) {
    return LLVM::lookupOrCreateFn(builder, module, name, params, result);
  }

  /// Adds a private constant global holding `value` of `type`; returns it
  /// with a unique name from `base`.
  LLVM::GlobalOp constantGlobal(Location loc, StringRef base, Type type,
                                Attribute value) {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(module.getBody());
    auto global = LLVM::GlobalOp::create(builder, loc, type,
                                         /*isConstant=*/true,
                                         LLVM::Linkage::Private, base, value);
    symbols.insert(global); // makes the name unique
    return global;
  }

  /// Returns the address of the buffer `value` as an `!llvm.ptr` at the
  /// builder's point.
  Value pointerOf(Location loc, Value value) {
    Value index =
        memref::ExtractAlignedPointerAsIndexOp::create(builder, loc, value);
    Value word = arith::IndexCastOp::create(builder, loc, i64, index);
    return LLVM::IntToPtrOp::create(builder, loc, ptr, word);
  }

  /// Returns, in `init`, the address of the constant buffer `value` reads
  /// (a fresh `memref.get_global` of the same global), or a null pointer
  /// when `value` is null.
  Value constantPointer(Location loc, Value value) {
    if (!value)
      return LLVM::ZeroOp::create(builder, loc, ptr);
    auto global = value.getDefiningOp<memref::GetGlobalOp>();
    Value copy = memref::GetGlobalOp::create(builder, loc, global.getType(),
                                             global.getName());
    return pointerOf(loc, copy);
  }

  /// Returns the address of slot `slot` in `state`.
  Value slotAddress(Location loc, Value state, int64_t slot) {
    return LLVM::GEPOp::create(
        builder, loc, ptr, builder.getI8Type(), state,
        ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(slot * kSlotSize)});
  }

  /// Creates `@<name>_init` and `@<name>_deinit`, empty.
  void startFunctions(StringRef name, Location loc);
  /// Lowers one op using slot `slot`; false after an error.
  bool lower(Operation *op, int64_t slot);
  /// Ends `init` with `return 0` and `deinit` with `return`.
  void finishFunctions(Location loc);
};

void Lowering::startFunctions(StringRef name, Location loc) {
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(module.getBody());
  init = func::FuncOp::create(builder, loc, (name + "_init").str(),
                              builder.getFunctionType({ptr, ptr}, {i32}));
  deinit = func::FuncOp::create(builder, loc, (name + "_deinit").str(),
                                builder.getFunctionType({ptr, ptr}, {}));
  initTail = init.addEntryBlock();
  deinit.addEntryBlock();
}

void Lowering::finishFunctions(Location loc) {
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(initTail);
  Value ok = arith::ConstantIntOp::create(builder, loc, i32, 0);
  func::ReturnOp::create(builder, loc, ok);
  builder.setInsertionPointToEnd(&deinit.getBody().front());
  func::ReturnOp::create(builder, loc);
}

bool Lowering::lower(Operation *op, int64_t slot) {
  Location loc = op->getLoc();
  OpBuilder::InsertionGuard guard(builder);

  // 1. What the op reads and writes, by family.
  StringRef family;
  Value src, rhs, dst, scratch, weights, bias;
  ValueRange binaries;
  if (auto conv = dyn_cast<rt::OneDnnConvOp>(op)) {
    family = "conv";
    src = conv.getInput();
    weights = conv.getWeight();
    bias = conv.getBias();
    dst = conv.getInit();
    scratch = conv.getScratch();
    binaries = conv.getPostOperands();
  } else if (auto matmul = dyn_cast<rt::OneDnnMatmulOp>(op)) {
    family = "matmul";
    src = matmul.getLhs();
    if (globalOf(matmul.getRhs()))
      weights = matmul.getRhs();
    else
      rhs = matmul.getRhs();
    bias = matmul.getBias();
    dst = matmul.getInit();
    scratch = matmul.getScratch();
    binaries = matmul.getPostOperands();
  } else {
    auto pool = cast<rt::OneDnnPoolOp>(op);
    family = "pool";
    src = pool.getInput();
    dst = pool.getInit();
    scratch = pool.getScratch();
  }
  if (family == "conv" && !globalOf(weights)) {
    op->emitOpError() << "expects its weights to be a constant global";
    return false;
  }
  if (bias && !globalOf(bias)) {
    op->emitOpError() << "expects its bias to be a constant global";
    return false;
  }
  for (Value operand : op->getOperands())
    if (auto type = dyn_cast<MemRefType>(operand.getType());
        !type || !type.getLayout().isIdentity()) {
      op->emitOpError() << "expects buffers with the identity layout, got "
                        << operand.getType();
      return false;
    }
  std::vector<int64_t> words = encodeOneDnnDescriptor(op, /*constantRhs=*/!rhs);
  if (words.empty())
    return false;

  // 2. The descriptor and the node's name, as constants.
  auto descType = LLVM::LLVMArrayType::get(i64, words.size());
  auto descValue = DenseIntElementsAttr::get(
      RankedTensorType::get({static_cast<int64_t>(words.size())}, i64),
      ArrayRef<int64_t>(words));
  LLVM::GlobalOp desc =
      constantGlobal(loc, "kiln_onednn_desc", descType, descValue);
  std::string text = nodeName(op);
  text.push_back('\0');
  LLVM::GlobalOp name =
      constantGlobal(loc, "kiln_onednn_name",
                     LLVM::LLVMArrayType::get(builder.getI8Type(), text.size()),
                     builder.getStringAttr(text));

  // 3. init: create, store the handle, return the first failure.
  builder.setInsertionPointToEnd(initTail);
  Value instance = init.getArgument(0), state = init.getArgument(1);
  SmallVector<Value> createArgs = {
      instance, LLVM::AddressOfOp::create(builder, loc, desc),
      LLVM::AddressOfOp::create(builder, loc, name)};
  SmallVector<Type> createTypes = {ptr, ptr, ptr};
  if (family != "pool") {
    createArgs.push_back(constantPointer(loc, weights));
    createArgs.push_back(constantPointer(loc, bias));
    createTypes.append({ptr, ptr});
  }
  createArgs.push_back(slotAddress(loc, state, slot));
  createTypes.push_back(ptr);
  FailureOr<LLVM::LLVMFuncOp> create = runtimeFunction(
      ("kiln_rt_onednn_" + family + "_create").str(), i32, createTypes);
  FailureOr<LLVM::LLVMFuncOp> destroy =
      runtimeFunction("kiln_rt_onednn_destroy",
                      LLVM::LLVMVoidType::get(module.getContext()), {ptr, ptr});
  FailureOr<LLVM::LLVMFuncOp> run = runtimeFunction(
      ("kiln_rt_onednn_" + family + "_run").str(), i32, {ptr, ptr, ptr});
  if (failed(create) || failed(destroy) || failed(run))
    return false;
  Value status =
      LLVM::CallOp::create(builder, loc, *create, createArgs).getResult();
  Value zero = arith::ConstantIntOp::create(builder, loc, i32, 0);
  Value failed = arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::ne,
                                       status, zero);
  Block *fail = builder.createBlock(&init.getBody(), {}, {}, {});
  func::ReturnOp::create(builder, loc, status);
  Block *next = builder.createBlock(&init.getBody());
  builder.setInsertionPointAfterValue(failed);
  cf::CondBranchOp::create(builder, loc, failed, fail, next);
  initTail = next;

  // 4. deinit: destroy (NULL-safe, so a half-built state is fine).
  builder.setInsertionPointToEnd(&deinit.getBody().front());
  Value handleSlot = slotAddress(loc, deinit.getArgument(1), slot);
  Value handle = LLVM::LoadOp::create(builder, loc, ptr, handleSlot);
  LLVM::CallOp::create(builder, loc, *destroy,
                       ValueRange{deinit.getArgument(0), handle});

  // 5. main: the handle from the run's state, the buffers in a stack
  // array, the run call in place of the op.
  builder.setInsertionPoint(op);
  Value stateField = cpu::getRunContextFieldAddress(
      builder, loc, ctx, cpu::RunContextField::State);
  Value runState = LLVM::LoadOp::create(builder, loc, ptr, stateField);
  Value runHandle =
      LLVM::LoadOp::create(builder, loc, ptr, slotAddress(loc, runState, slot));
  SmallVector<Value> pointers = {pointerOf(loc, src)};
  if (rhs)
    pointers.push_back(pointerOf(loc, rhs));
  pointers.push_back(pointerOf(loc, dst));
  pointers.push_back(scratch ? pointerOf(loc, scratch)
                             : LLVM::ZeroOp::create(builder, loc, ptr));
  for (Value binary : binaries)
    pointers.push_back(pointerOf(loc, binary));
  for (auto [i, pointer] : llvm::enumerate(pointers)) {
    Value element =
        LLVM::GEPOp::create(builder, loc, ptr, ptr, args,
                            ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(i)});
    LLVM::StoreOp::create(builder, loc, pointer, element);
  }
  LLVM::CallOp::create(builder, loc, *run, ValueRange{runHandle, ctx, args});
  op->erase();
  return true;
}

//===--- Pass -------------------------------------------------------------===//

struct ConvertKilnRtToLLVMPass
    : kiln::impl::ConvertKilnRtToLLVMPassBase<ConvertKilnRtToLLVMPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<Operation *> ops;
    module.walk([&](Operation *op) {
      if (isa<rt::OneDnnConvOp, rt::OneDnnMatmulOp, rt::OneDnnPoolOp>(op))
        ops.push_back(op);
    });
    if (ops.empty())
      return;

    // 1. The model function, its run context, and no init of another kind.
    auto interface =
        module->getAttrOfType<DictionaryAttr>(kiln::kInterfaceAttrName);
    StringAttr name =
        interface ? interface.getAs<StringAttr>("name") : StringAttr();
    if (!name) {
      module.emitError() << "expects the " << kiln::kInterfaceAttrName
                         << " attribute of kiln-record-interface";
      return signalPassFailure();
    }
    Lowering lowering(module);
    lowering.main =
        module.lookupSymbol<func::FuncOp>((name.getValue() + "_main").str());
    if (lowering.main)
      lowering.ctx = cpu::getRunContext(lowering.main);
    if (!lowering.ctx) {
      module.emitError() << "expects @" << name.getValue()
                         << "_main with a run context "
                            "(kiln-cpu-add-run-context)";
      return signalPassFailure();
    }
    for (StringRef suffix : {"_init", "_deinit"})
      if (module.lookupSymbol((name.getValue() + suffix).str())) {
        module.emitError() << "expects no @" << name.getValue() << suffix
                           << " yet: the oneDNN ops define it";
        return signalPassFailure();
      }
    for (Operation *op : ops)
      if (op->getParentOfType<func::FuncOp>() != lowering.main) {
        op->emitOpError() << "expects to be in @" << name.getValue()
                          << "_main, the model function";
        return signalPassFailure();
      }

    // 2. One stack array for the pointers of the largest call.
    size_t maxArgs = 0;
    for (Operation *op : ops)
      maxArgs = std::max<size_t>(maxArgs, op->getNumOperands() + 1);
    OpBuilder &builder = lowering.builder;
    builder.setInsertionPointToStart(&lowering.main.getBody().front());
    Location loc = lowering.main.getLoc();
    Value one = LLVM::ConstantOp::create(builder, loc, lowering.i64,
                                         builder.getI64IntegerAttr(1));
    lowering.args = LLVM::AllocaOp::create(
        builder, loc, lowering.ptr,
        LLVM::LLVMArrayType::get(lowering.ptr, maxArgs), one);

    // 3. The ops, one handle slot each.
    lowering.startFunctions(name.getValue(), module.getLoc());
    for (auto [slot, op] : llvm::enumerate(ops))
      if (!lowering.lower(op, slot))
        return signalPassFailure();
    lowering.finishFunctions(module.getLoc());
    module->setAttr(cpu::kInstanceStateSizeAttrName,
                    builder.getI64IntegerAttr(kSlotSize * ops.size()));
    module->setAttr(cpu::kInstanceStateAlignmentAttrName,
                    builder.getI64IntegerAttr(kSlotSize));
  }
};

} // namespace
