// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Definitions of the `kiln` op classes generated from ODS. Verifiers and
// result-type inference live in one file per op family
// (`KilnElementwiseOps.cpp`, `KilnTensorOps.cpp`, `KilnNNOps.cpp`), folders
// in `KilnOpFolders.cpp`.

#include "kiln/Dialect/Kiln/IR/KilnOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::kiln;

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnOps.cpp.inc"
