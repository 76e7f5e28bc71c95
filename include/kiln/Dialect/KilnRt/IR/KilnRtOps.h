// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The `kiln_rt` dialect and its operations.

#ifndef KILN_DIALECT_KILNRT_IR_KILNRTOPS_H
#define KILN_DIALECT_KILNRT_IR_KILNRTOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"

#include "kiln/Dialect/KilnRt/IR/KilnRtOpsDialect.h.inc"

#define GET_OP_CLASSES
#include "kiln/Dialect/KilnRt/IR/KilnRtOps.h.inc"

#endif // KILN_DIALECT_KILNRT_IR_KILNRTOPS_H
