// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The `kiln_onnx` dialect: its types and operations.

#ifndef KILN_DIALECT_KILNONNX_IR_KILNONNXOPS_H
#define KILN_DIALECT_KILNONNX_IR_KILNONNXOPS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "kiln/Dialect/KilnOnnx/IR/KilnOnnxOpsDialect.h.inc"

#define GET_TYPEDEF_CLASSES
#include "kiln/Dialect/KilnOnnx/IR/KilnOnnxOpsTypes.h.inc"

#define GET_OP_CLASSES
#include "kiln/Dialect/KilnOnnx/IR/KilnOnnxOps.h.inc"

#endif // KILN_DIALECT_KILNONNX_IR_KILNONNXOPS_H
