// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Generates the artifact ABI (descriptor, describe/create/run/destroy, the
// shared-library entry point) around a model lowered to the LLVM dialect.

#include "kiln/Target/Cpu/Passes.h"
#include "kiln/Target/Cpu/RunContext.h"

#include "kiln/Dialect/Kiln/Transforms/Passes.h"
#include "kiln/Support/Version.h"
#include "kiln_rt/kiln_rt_compiled.h"

#include "mlir/Dialect/LLVMIR/FunctionCallUtils.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

namespace mlir::kiln::cpu {
#define GEN_PASS_DEF_GENERATEABIPASS
#include "kiln/Target/Cpu/Passes.h.inc"
} // namespace mlir::kiln::cpu

#define DEBUG_TYPE "kiln-cpu-generate-abi"

using namespace mlir;

namespace {

/// Returns the `kiln_rt_element_type_t` of `type` (ONNX's numbering), or 0.
int32_t elementTypeCode(Type type) {
  if (type.isF32())
    return KILN_RT_FLOAT32;
  if (type.isF16())
    return KILN_RT_FLOAT16;
  if (type.isBF16())
    return KILN_RT_BFLOAT16;
  if (type.isF64())
    return KILN_RT_FLOAT64;
  if (type.isInteger(1))
    return KILN_RT_BOOL;
  auto integer = dyn_cast<IntegerType>(type);
  if (!integer)
    return 0;
  bool isUnsigned = integer.isUnsigned();
  switch (integer.getWidth()) {
  case 8:
    return isUnsigned ? KILN_RT_UINT8 : KILN_RT_INT8;
  case 16:
    return isUnsigned ? KILN_RT_UINT16 : KILN_RT_INT16;
  case 32:
    return isUnsigned ? KILN_RT_UINT32 : KILN_RT_INT32;
  case 64:
    return isUnsigned ? KILN_RT_UINT64 : KILN_RT_INT64;
  default:
    return 0;
  }
}

/// Builds the ABI's globals and functions into one module.
class AbiBuilder {
public:
  AbiBuilder(ModuleOp module, StringRef name)
      : module(module), name(name), builder(module.getContext()),
        loc(module.getLoc()) {
    MLIRContext *context = module.getContext();
    ptr = LLVM::LLVMPointerType::get(context);
    i32 = builder.getI32Type();
    i64 = builder.getI64Type();
    // Mirrors `kiln_rt_tensor_desc_t` and `kiln_rt_model_desc_t`: natural
    // alignment gives the C layout on every LP64 target.
    tensorDesc = LLVM::LLVMStructType::getLiteral(
        context, {ptr, i32, i32, ptr, i64, i64});
    modelDesc = LLVM::LLVMStructType::getLiteral(
        context, {i32, i32, ptr, ptr, i64, ptr, ptr, ptr, ptr, i32, ptr, i32,
                  ptr, i64, i64, i64, i64});
    builder.setInsertionPointToEnd(module.getBody());
  }

  /// Returns a private constant global holding `text` and a NUL.
  LLVM::GlobalOp string(StringRef text) {
    std::string symbol = (name + "_str_" + Twine(counter++)).str();
    std::string data = text.str();
    data.push_back('\0');
    auto type = LLVM::LLVMArrayType::get(builder.getI8Type(), data.size());
    return LLVM::GlobalOp::create(builder, loc, type, /*isConstant=*/true,
                                  LLVM::Linkage::Private, symbol,
                                  builder.getStringAttr(data));
  }

  /// Returns a private constant global holding `values` as i64s.
  LLVM::GlobalOp int64Array(ArrayRef<int64_t> values) {
    std::string symbol = (name + "_shape_" + Twine(counter++)).str();
    // An empty array still needs an address: store one unused element.
    SmallVector<int64_t> data(values);
    if (data.empty())
      data.push_back(0);
    auto type = LLVM::LLVMArrayType::get(i64, data.size());
    auto value = DenseElementsAttr::get(
        RankedTensorType::get({static_cast<int64_t>(data.size())}, i64),
        ArrayRef<int64_t>(data));
    return LLVM::GlobalOp::create(builder, loc, type, /*isConstant=*/true,
                                  LLVM::Linkage::Private, symbol, value);
  }

  /// Returns a global with the descriptors of `values` (the `inputs` or
  /// `outputs` of `kiln.interface`), or fails with an error.
  FailureOr<LLVM::GlobalOp> tensorDescs(ArrayAttr values, StringRef kind) {
    struct Desc {
      LLVM::GlobalOp name, shape;
      int32_t elementType, rank;
      int64_t byteSize, alignment;
    };
    SmallVector<Desc> descs;
    for (Attribute value : values) {
      auto dict = cast<DictionaryAttr>(value);
      auto valueName = dict.getAs<StringAttr>("name");
      auto type = cast<RankedTensorType>(
          dict.getAs<TypeAttr>("type").getValue());
      int32_t code = elementTypeCode(type.getElementType());
      if (code == 0)
        return module.emitError()
               << kind << " '" << valueName.getValue() << "' has element type "
               << type.getElementType() << ", which the ABI cannot describe";
      // Booleans take a byte each, as in ONNX Runtime and NumPy.
      int64_t elementSize =
          std::max<int64_t>(1, type.getElementTypeBitWidth() / 8);
      descs.push_back({string(valueName.getValue()), int64Array(type.getShape()),
                       code, static_cast<int32_t>(type.getRank()),
                       type.getNumElements() * elementSize, elementSize});
    }
    auto arrayType = LLVM::LLVMArrayType::get(tensorDesc, std::max<size_t>(descs.size(), 1));
    std::string symbol = (name + "_" + kind + "s").str();
    auto global = LLVM::GlobalOp::create(builder, loc, arrayType, true,
                                         LLVM::Linkage::Private, symbol,
                                         Attribute());
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(&global.getInitializerRegion().emplaceBlock());
    Value array = LLVM::PoisonOp::create(builder, loc, arrayType);
    for (auto [i, desc] : llvm::enumerate(descs)) {
      Value entry = LLVM::PoisonOp::create(builder, loc, tensorDesc);
      auto insert = [&](Value field, int64_t position) {
        entry = LLVM::InsertValueOp::create(builder, loc, entry, field, position);
      };
      insert(LLVM::AddressOfOp::create(builder, loc, desc.name), 0);
      insert(constant(i32, desc.elementType), 1);
      insert(constant(i32, desc.rank), 2);
      insert(LLVM::AddressOfOp::create(builder, loc, desc.shape), 3);
      insert(constant(i64, desc.byteSize), 4);
      insert(constant(i64, desc.alignment), 5);
      array = LLVM::InsertValueOp::create(builder, loc, array, entry,
                                          static_cast<int64_t>(i));
    }
    LLVM::ReturnOp::create(builder, loc, array);
    return global;
  }

  Value constant(Type type, int64_t value) {
    return LLVM::ConstantOp::create(builder, loc, type,
                                    builder.getIntegerAttr(type, value));
  }

  /// Declares the runtime function `symbol` unless the module has it;
  /// fails, reported, when the module declares it with another type.
  FailureOr<LLVM::LLVMFuncOp> runtimeFunction(StringRef symbol, Type result,
                                              ArrayRef<Type> args) {
    return LLVM::lookupOrCreateFn(builder, module, symbol, args, result);
  }

  /// Starts the public ABI function `<name>_<suffix>` and returns its entry
  /// block, with the insertion point in it.
  LLVM::LLVMFuncOp abiFunction(StringRef suffix, Type result,
                               ArrayRef<Type> args) {
    auto func = LLVM::LLVMFuncOp::create(
        builder, loc, (name + "_" + suffix).str(),
        LLVM::LLVMFunctionType::get(result, args));
    Block *entry = func.addEntryBlock(builder);
    builder.setInsertionPointToStart(entry);
    return func;
  }

  void endFunction() { builder.setInsertionPointToEnd(module.getBody()); }

  ModuleOp module;
  StringRef name;
  OpBuilder builder;
  Location loc;
  Type ptr, i32, i64;
  LLVM::LLVMStructType tensorDesc, modelDesc;
  unsigned counter = 0;
};

struct GenerateAbiPass
    : kiln::cpu::impl::GenerateAbiPassBase<GenerateAbiPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto interface =
        module->getAttrOfType<DictionaryAttr>(kiln::kInterfaceAttrName);
    if (!interface) {
      module.emitError() << "expects the " << kiln::kInterfaceAttrName
                         << " attribute of kiln-record-interface";
      return signalPassFailure();
    }
    StringRef name = interface.getAs<StringAttr>("name").getValue();
    // What the model prepares at create time, and the state it keeps it in.
    auto init = module.lookupSymbol<LLVM::LLVMFuncOp>((name + "_init").str());
    auto deinit =
        module.lookupSymbol<LLVM::LLVMFuncOp>((name + "_deinit").str());
    int64_t stateSize = 0, stateAlignment = KILN_RT_INSTANCE_MIN_ALIGNMENT;
    if (auto size = module->getAttrOfType<IntegerAttr>(
            kiln::cpu::kInstanceStateSizeAttrName))
      stateSize = size.getInt();
    if (auto alignment = module->getAttrOfType<IntegerAttr>(
            kiln::cpu::kInstanceStateAlignmentAttrName))
      stateAlignment = std::max(stateAlignment, alignment.getInt());
    if (stateSize < 0 || !llvm::isPowerOf2_64(stateAlignment)) {
      module.emitError() << "expects a non-negative "
                         << kiln::cpu::kInstanceStateSizeAttrName
                         << " and a power-of-two "
                         << kiln::cpu::kInstanceStateAlignmentAttrName;
      return signalPassFailure();
    }
    auto inputs = interface.getAs<ArrayAttr>("inputs");
    auto outputs = interface.getAs<ArrayAttr>("outputs");
    std::string mainName = (name + "_main").str();
    auto main = module.lookupSymbol<LLVM::LLVMFuncOp>(mainName);
    if (!main || main.isExternal()) {
      module.emitError() << "expects @" << mainName
                         << " lowered to the LLVM dialect";
      return signalPassFailure();
    }
    auto workspaceSize =
        main->getAttrOfType<IntegerAttr>(kiln::cpu::kWorkspaceSizeAttrName);
    auto workspaceAlignment = main->getAttrOfType<IntegerAttr>(
        kiln::cpu::kWorkspaceAlignmentAttrName);
    size_t numArgs = inputs.size() + outputs.size() + 2;
    if (!workspaceSize || !workspaceAlignment ||
        main.getFunctionType().getNumParams() != numArgs ||
        !llvm::all_of(main.getFunctionType().getParams(),
                      llvm::IsaPred<LLVM::LLVMPointerType>)) {
      module.emitError() << "expects @" << mainName << " to take " << numArgs
                         << " pointers (inputs, outputs, workspace, run "
                            "context; the bare-pointer convention) and to "
                            "carry "
                         << kiln::cpu::kWorkspaceSizeAttrName << " and "
                         << kiln::cpu::kWorkspaceAlignmentAttrName;
      return signalPassFailure();
    }

    // Kiln's own annotations have served their purpose; LLVM IR export
    // would warn about them.
    for (unsigned i = 0, e = main.getNumArguments(); i < e; ++i) {
      SmallVector<NamedAttribute> keep;
      if (DictionaryAttr attrs = main.getArgAttrDict(i))
        for (NamedAttribute attr : attrs)
          if (attr.getName().strref().starts_with("llvm."))
            keep.push_back(attr);
      main.setArgAttrs(i, keep);
    }

    // Everything already in the module is internal to the artifact.
    for (auto func : module.getOps<LLVM::LLVMFuncOp>())
      if (!func.isExternal())
        func.setLinkage(LLVM::Linkage::Internal);
    for (auto global : module.getOps<LLVM::GlobalOp>())
      if (global.getLinkage() == LLVM::Linkage::External &&
          (global.getValueOrNull() || global.getInitializerBlock()))
        global.setLinkage(LLVM::Linkage::Internal);

    AbiBuilder abi(module, name);
    Type ptr = abi.ptr, i32 = abi.i32;

    // The descriptor.
    FailureOr<LLVM::GlobalOp> inputDescs = abi.tensorDescs(inputs, "input");
    FailureOr<LLVM::GlobalOp> outputDescs = abi.tensorDescs(outputs, "output");
    if (failed(inputDescs) || failed(outputDescs))
      return signalPassFailure();
    auto text = [&](StringRef key) -> StringRef {
      auto value = interface.getAs<StringAttr>(key);
      return value ? value.getValue() : "";
    };
    LLVM::GlobalOp strings[] = {
        abi.string(name),          abi.string(text("producer")),
        abi.string(modelHash),     abi.string(kiln::getVersion()),
        abi.string(targetTriple),  abi.string(targetCpu)};
    int64_t opset = 0;
    if (auto value = interface.getAs<IntegerAttr>("opset"))
      opset = value.getInt();

    OpBuilder &b = abi.builder;
    Location loc = abi.loc;
    auto desc = LLVM::GlobalOp::create(b, loc, abi.modelDesc, true,
                                       LLVM::Linkage::Private,
                                       (name + "_descriptor").str(),
                                       Attribute());
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&desc.getInitializerRegion().emplaceBlock());
      Value value = LLVM::PoisonOp::create(b, loc, abi.modelDesc);
      int64_t field = 0;
      auto insert = [&](Value v) {
        value = LLVM::InsertValueOp::create(b, loc, value, v, field++);
      };
      auto address = [&](LLVM::GlobalOp g) {
        return LLVM::AddressOfOp::create(b, loc, g);
      };
      insert(abi.constant(i32, KILN_RT_ABI_VERSION_MAJOR));
      insert(abi.constant(i32, KILN_RT_ABI_VERSION_MINOR));
      insert(address(strings[0]));
      insert(address(strings[1]));
      insert(abi.constant(abi.i64, opset));
      insert(address(strings[2]));
      insert(address(strings[3]));
      insert(address(strings[4]));
      insert(address(strings[5]));
      insert(abi.constant(i32, inputs.size()));
      insert(address(*inputDescs));
      insert(abi.constant(i32, outputs.size()));
      insert(address(*outputDescs));
      insert(abi.constant(abi.i64, workspaceSize.getInt()));
      insert(abi.constant(abi.i64, workspaceAlignment.getInt()));
      insert(abi.constant(abi.i64, KILN_RT_INSTANCE_STATE_OFFSET + stateSize));
      insert(abi.constant(abi.i64, stateAlignment));
      LLVM::ReturnOp::create(b, loc, value);
    }

    // <name>_describe(void)
    LLVM::LLVMFuncOp describe = abi.abiFunction("describe", ptr, {});
    LLVM::ReturnOp::create(b, loc, LLVM::AddressOfOp::create(b, loc, desc).getResult());
    abi.endFunction();

    // The model's state inside `instance`.
    auto stateOf = [&](Value instance) -> Value {
      return LLVM::GEPOp::create(
          b, loc, ptr, b.getI8Type(), instance,
          ArrayRef<LLVM::GEPArg>{KILN_RT_INSTANCE_STATE_OFFSET});
    };
    // Emits `if (status != 0) { onFailure(); return status; }` and leaves
    // the insertion point on the success path.
    auto returnIfError = [&](LLVM::LLVMFuncOp func, Value status,
                             function_ref<void()> onFailure) {
      Block *current = b.getInsertionBlock();
      Block *ok = b.createBlock(&func.getBody());
      Block *fail = b.createBlock(&func.getBody());
      b.setInsertionPointToEnd(current);
      Value isOk = LLVM::ICmpOp::create(b, loc, LLVM::ICmpPredicate::eq, status,
                                        abi.constant(i32, 0));
      LLVM::CondBrOp::create(b, loc, isOk, ok, fail);
      b.setInsertionPointToStart(fail);
      onFailure();
      LLVM::ReturnOp::create(b, loc, status);
      b.setInsertionPointToStart(ok);
    };

    // <name>_destroy(instance): the model's deinit, then the runtime's.
    Type voidType = LLVM::LLVMVoidType::get(&getContext());
    FailureOr<LLVM::LLVMFuncOp> instanceDestroy =
        abi.runtimeFunction("kiln_rt_instance_destroy", voidType, {ptr});
    FailureOr<LLVM::LLVMFuncOp> instanceCreate = abi.runtimeFunction(
        "kiln_rt_instance_create", i32, {ptr, ptr, ptr, ptr});
    FailureOr<LLVM::LLVMFuncOp> runCheck = abi.runtimeFunction(
        "kiln_rt_run_check", i32, {ptr, ptr, ptr, ptr});
    FailureOr<LLVM::LLVMFuncOp> contextInit = abi.runtimeFunction(
        "kiln_rt_run_context_init", voidType, {ptr, ptr, ptr});
    if (failed(instanceDestroy) || failed(instanceCreate) ||
        failed(runCheck) || failed(contextInit))
      return signalPassFailure();
    LLVM::LLVMFuncOp destroy = abi.abiFunction("destroy", voidType, {ptr});
    {
      Value instance = destroy.getBody().front().getArgument(0);
      if (deinit) {
        Block *entry = b.getInsertionBlock();
        Block *release = b.createBlock(&destroy.getBody());
        Block *done = b.createBlock(&destroy.getBody());
        b.setInsertionPointToEnd(entry);
        Value null = LLVM::ZeroOp::create(b, loc, ptr);
        Value isNull = LLVM::ICmpOp::create(b, loc, LLVM::ICmpPredicate::eq,
                                            instance, null);
        LLVM::CondBrOp::create(b, loc, isNull, done, release);
        b.setInsertionPointToStart(release);
        LLVM::CallOp::create(b, loc, deinit,
                             ValueRange{instance, stateOf(instance)});
        LLVM::BrOp::create(b, loc, done);
        b.setInsertionPointToStart(done);
      }
      LLVM::CallOp::create(b, loc, *instanceDestroy, ValueRange{instance});
      LLVM::ReturnOp::create(b, loc, ValueRange());
    }
    abi.endFunction();

    // <name>_create(opts, memory, out): the runtime's instance, then the
    // model's init; a failed init takes the instance down again.
    LLVM::LLVMFuncOp create = abi.abiFunction("create", i32, {ptr, ptr, ptr});
    {
      Block &entry = create.getBody().front();
      Value out = entry.getArgument(2);
      Value descriptor = LLVM::AddressOfOp::create(b, loc, desc);
      Value status = LLVM::CallOp::create(b, loc, *instanceCreate,
                                          ValueRange{descriptor,
                                                     entry.getArgument(0),
                                                     entry.getArgument(1), out})
                         .getResult();
      if (init) {
        returnIfError(create, status, [] {});
        Value instance = LLVM::LoadOp::create(b, loc, ptr, out);
        Value initStatus =
            LLVM::CallOp::create(b, loc, init,
                                 ValueRange{instance, stateOf(instance)})
                .getResult();
        returnIfError(create, initStatus, [&] {
          LLVM::CallOp::create(b, loc, destroy, ValueRange{instance});
          LLVM::StoreOp::create(b, loc, LLVM::ZeroOp::create(b, loc, ptr), out);
        });
        status = initStatus;
      }
      LLVM::ReturnOp::create(b, loc, status);
    }
    abi.endFunction();

    // <name>_run(instance, inputs, outputs, workspace, run_opts)
    LLVM::LLVMFuncOp run =
        abi.abiFunction("run", i32, {ptr, ptr, ptr, ptr, ptr});
    {
      Block &entry = run.getBody().front();
      Value instance = entry.getArgument(0), inputArray = entry.getArgument(1),
            outputArray = entry.getArgument(2),
            workspace = entry.getArgument(3);
      auto status = LLVM::CallOp::create(
          b, loc, *runCheck,
          ValueRange{instance, inputArray, outputArray, workspace});
      Value zero = abi.constant(i32, 0);
      Value ok = LLVM::ICmpOp::create(b, loc, LLVM::ICmpPredicate::eq,
                                      status.getResult(), zero);
      Block *body = b.createBlock(&run.getBody());
      Block *fail = b.createBlock(&run.getBody());
      b.setInsertionPointToEnd(&entry);
      LLVM::CondBrOp::create(b, loc, ok, body, fail);
      b.setInsertionPointToStart(fail);
      LLVM::ReturnOp::create(b, loc, status.getResult());
      b.setInsertionPointToStart(body);
      SmallVector<Value> args;
      auto loadPointers = [&](Value array, size_t count) {
        for (size_t i = 0; i < count; ++i) {
          Value slot = LLVM::GEPOp::create(
              b, loc, ptr, ptr, array,
              ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(i)});
          args.push_back(LLVM::LoadOp::create(b, loc, ptr, slot));
        }
      };
      loadPointers(inputArray, inputs.size());
      loadPointers(outputArray, outputs.size());
      args.push_back(workspace);
      // The call's context, on this call's stack: run stays reentrant. In
      // the entry block, where LLVM expects static allocas.
      Value context;
      {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(&entry);
        Value one = abi.constant(abi.i64, 1);
        context = LLVM::AllocaOp::create(
            b, loc, ptr, kiln::cpu::getRunContextType(&getContext()), one);
      }
      LLVM::CallOp::create(b, loc, *contextInit,
                           ValueRange{context, instance, entry.getArgument(4)});
      args.push_back(context);
      LLVM::CallOp::create(b, loc, main, args);
      Value statusAddress = kiln::cpu::getRunContextFieldAddress(
          b, loc, context, kiln::cpu::RunContextField::Status);
      LLVM::ReturnOp::create(b, loc,
                             LLVM::LoadOp::create(b, loc, i32, statusAddress)
                                 .getResult());
    }
    abi.endFunction();

    // kiln_model(): the entry point of shared libraries.
    if (sharedLibEntry) {
      auto tableType = LLVM::LLVMStructType::getLiteral(
          &getContext(), {ptr, ptr, ptr, ptr});
      auto table = LLVM::GlobalOp::create(
          b, loc, tableType, true, LLVM::Linkage::Private,
          (name + "_model_table").str(), Attribute());
      {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(
            &table.getInitializerRegion().emplaceBlock());
        Value value = LLVM::PoisonOp::create(b, loc, tableType);
        int64_t field = 0;
        for (LLVM::LLVMFuncOp func : {describe, create, run, destroy})
          value = LLVM::InsertValueOp::create(
              b, loc, value, LLVM::AddressOfOp::create(b, loc, func), field++);
        LLVM::ReturnOp::create(b, loc, value);
      }
      auto entry = LLVM::LLVMFuncOp::create(
          b, loc, KILN_RT_MODEL_ENTRY_SYMBOL,
          LLVM::LLVMFunctionType::get(ptr, {}));
      b.setInsertionPointToStart(entry.addEntryBlock(b));
      LLVM::ReturnOp::create(b, loc,
                             LLVM::AddressOfOp::create(b, loc, table).getResult());
      abi.endFunction();
    }
  }
};

} // namespace
