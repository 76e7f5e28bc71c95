// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The run context in generated code.

#include "kiln/Target/Cpu/RunContext.h"

using namespace mlir;

LLVM::LLVMStructType kiln::cpu::getRunContextType(MLIRContext *context) {
  // Natural alignment gives the C layout on every target.
  auto ptr = LLVM::LLVMPointerType::get(context);
  auto i32 = IntegerType::get(context, 32);
  return LLVM::LLVMStructType::getLiteral(context, {ptr, ptr, ptr, i32, i32});
}

Value kiln::cpu::getRunContext(FunctionOpInterface func) {
  if (func.isExternal())
    return {};
  for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
    if (func.getArgAttr(i, kRunContextArgAttrName))
      return func.getFunctionBody().getArgument(i);
  return {};
}

Value kiln::cpu::getRunContextFieldAddress(OpBuilder &builder, Location loc,
                                           Value context,
                                           RunContextField field) {
  auto ptr = LLVM::LLVMPointerType::get(builder.getContext());
  return LLVM::GEPOp::create(
      builder, loc, ptr, getRunContextType(builder.getContext()), context,
      ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(field)});
}
