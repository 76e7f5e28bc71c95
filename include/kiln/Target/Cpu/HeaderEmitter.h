// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The C/C++ header of a compiled model (`kiln-compile --emit=header`).

#ifndef KILN_TARGET_CPU_HEADEREMITTER_H
#define KILN_TARGET_CPU_HEADEREMITTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

namespace mlir::kiln::cpu {

/// Writes the header declaring the artifact ABI of the model in `module`
/// (which carries `kiln.interface`, see `kiln-record-interface`): the C
/// functions `<name>_describe/create/run/destroy`, and a C++ class
/// `kiln::models::<name>` with typed, named inputs and outputs and their
/// shapes as constants. Fails with an error when the attribute is missing.
LogicalResult emitHeader(ModuleOp module, raw_ostream &os);

} // namespace mlir::kiln::cpu

#endif // KILN_TARGET_CPU_HEADEREMITTER_H
