// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The `kiln_rt` dialect: registration and verifiers.

#include "kiln/Dialect/KilnRt/IR/KilnRtOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::kiln::rt;

#include "kiln/Dialect/KilnRt/IR/KilnRtOpsDialect.cpp.inc"

#define GET_OP_CLASSES
#include "kiln/Dialect/KilnRt/IR/KilnRtOps.cpp.inc"

void KilnRtDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "kiln/Dialect/KilnRt/IR/KilnRtOps.cpp.inc"
      >();
}

LogicalResult CallOp::verify() {
  // (C1)
  if (!getCallee().starts_with("kiln_rt_"))
    return emitOpError() << "expects callee (@" << getCallee()
                         << ") to be a runtime function, named kiln_rt_*";
  // (C2)
  for (auto [i, type] : llvm::enumerate(getArgs().getTypes()))
    if (!isa<MemRefType, IntegerType, FloatType, IndexType>(type))
      return emitOpError() << "expects argument #" << i
                           << " to be a memref or a scalar, got " << type;
  return success();
}

LogicalResult ParallelForOp::verifyRegions() {
  // (C1)
  Block &entry = getBody().front();
  auto i64 = IntegerType::get(getContext(), 64);
  if (entry.getNumArguments() != 2 || entry.getArgument(0).getType() != i64 ||
      entry.getArgument(1).getType() != i64)
    return emitOpError()
           << "expects the body to take two i64 arguments (begin, end)";
  return success();
}
