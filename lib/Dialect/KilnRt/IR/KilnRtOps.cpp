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

/// Whether `body`'s entry block takes two i64 arguments.
static bool takesTwoI64(Region &body) {
  Block &entry = body.front();
  auto i64 = IntegerType::get(body.getContext(), 64);
  return entry.getNumArguments() == 2 &&
         entry.getArgument(0).getType() == i64 &&
         entry.getArgument(1).getType() == i64;
}

LogicalResult ParallelForOp::verifyRegions() {
  // (C1)
  if (!takesTwoI64(getBody()))
    return emitOpError()
           << "expects the body to take two i64 arguments (begin, end)";
  return success();
}

LogicalResult ParallelTeamOp::verifyRegions() {
  // (C1)
  if (!takesTwoI64(getBody()))
    return emitOpError()
           << "expects the body to take two i64 arguments (thread, team)";
  return success();
}

LogicalResult ParallelBarrierOp::verify() {
  // (C1) Inside a parallel_for, the threads that reach it are not a team.
  Operation *parent = (*this)->getParentOfType<ParallelTeamOp>();
  if (!parent || (*this)->getParentOfType<ParallelForOp>())
    return emitOpError() << "must sit in a kiln_rt.parallel_team, outside any "
                            "kiln_rt.parallel_for";
  return success();
}
