// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Turns non-contiguous memref.copy ops into linalg.copy, which lowers to
// loops instead of a call into MLIR's C runner utilities.

#include "kiln/Target/Cpu/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/IR/Builders.h"

namespace mlir::kiln::cpu {
#define GEN_PASS_DEF_LOWERCOPIESPASS
#include "kiln/Target/Cpu/Passes.h.inc"
} // namespace mlir::kiln::cpu

using namespace mlir;

namespace {

/// Returns true when `type` is one contiguous block of memory, which the
/// LLVM lowering copies with `memcpy`.
bool isContiguous(Type type) {
  auto memref = dyn_cast<MemRefType>(type);
  return memref && memref.hasStaticShape() &&
         memref::isStaticShapeAndContiguousRowMajor(memref);
}

struct LowerCopiesPass
    : kiln::cpu::impl::LowerCopiesPassBase<LowerCopiesPass> {
  void runOnOperation() override {
    OpBuilder builder(&getContext());
    getOperation().walk([&](memref::CopyOp copy) {
      if (isContiguous(copy.getSource().getType()) &&
          isContiguous(copy.getTarget().getType()))
        return;
      builder.setInsertionPoint(copy);
      linalg::CopyOp::create(builder, copy.getLoc(), copy.getSource(),
                             copy.getTarget());
      copy.erase();
    });
  }
};

} // namespace
