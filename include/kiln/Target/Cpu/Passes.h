// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Passes of the CPU back end.

#ifndef KILN_TARGET_CPU_PASSES_H
#define KILN_TARGET_CPU_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::kiln::cpu {

#define GEN_PASS_DECL
#include "kiln/Target/Cpu/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "kiln/Target/Cpu/Passes.h.inc"

/// Attributes shared by the passes above.
inline constexpr llvm::StringLiteral kWorkspaceArgAttrName = "kiln.workspace";
inline constexpr llvm::StringLiteral kWorkspaceSizeAttrName =
    "kiln.workspace_size";
inline constexpr llvm::StringLiteral kWorkspaceAlignmentAttrName =
    "kiln.workspace_alignment";

} // namespace mlir::kiln::cpu

#endif // KILN_TARGET_CPU_PASSES_H
