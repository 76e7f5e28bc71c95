// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Passes over imported ONNX graphs.

#ifndef KILN_DIALECT_KILNONNX_TRANSFORMS_PASSES_H
#define KILN_DIALECT_KILNONNX_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::kiln::onnx {

#define GEN_PASS_DECL
#include "kiln/Dialect/KilnOnnx/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "kiln/Dialect/KilnOnnx/Transforms/Passes.h.inc"

} // namespace mlir::kiln::onnx

#endif // KILN_DIALECT_KILNONNX_TRANSFORMS_PASSES_H
