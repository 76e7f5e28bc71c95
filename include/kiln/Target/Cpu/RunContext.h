// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The run context in generated code: the runtime's `kiln_rt_run_context_t`
// (kiln_rt_compiled.h) as the CPU back end sees it.

#ifndef KILN_TARGET_CPU_RUNCONTEXT_H
#define KILN_TARGET_CPU_RUNCONTEXT_H

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

namespace mlir::kiln::cpu {

/// Marks the run-context argument of a model's main function.
inline constexpr llvm::StringLiteral kRunContextArgAttrName =
    "kiln.run_context";

/// Module attributes that size the model's state in the instance, for code
/// that prepares data at create time.
inline constexpr llvm::StringLiteral kInstanceStateSizeAttrName =
    "kiln.instance_state_size";
inline constexpr llvm::StringLiteral kInstanceStateAlignmentAttrName =
    "kiln.instance_state_alignment";

/// The fields of `kiln_rt_run_context_t`, by position.
enum class RunContextField : int32_t {
  Instance = 0,
  State = 1,
  RunOptions = 2,
  NumThreads = 3,
  Status = 4,
};

/// Returns the LLVM struct type that mirrors `kiln_rt_run_context_t`.
LLVM::LLVMStructType getRunContextType(MLIRContext *context);

/// Returns the run-context argument of `func` (the one carrying
/// `kRunContextArgAttrName`), or a null value when it has none.
Value getRunContext(FunctionOpInterface func);

/// Returns the address of `field` in the run context `context` points to.
Value getRunContextFieldAddress(OpBuilder &builder, Location loc,
                                Value context, RunContextField field);

} // namespace mlir::kiln::cpu

#endif // KILN_TARGET_CPU_RUNCONTEXT_H
