// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// All `kiln` operations, one file per op family.

#ifndef KILN_DIALECT_KILN_IR_KILNOPS_TD
#define KILN_DIALECT_KILN_IR_KILNOPS_TD

include "kiln/Dialect/Kiln/IR/KilnDialect.td"
include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.td"
include "kiln/Dialect/Kiln/IR/KilnTensorOps.td"
include "kiln/Dialect/Kiln/IR/KilnNNOps.td"
include "kiln/Dialect/Kiln/IR/KilnFusionOps.td"

#endif // KILN_DIALECT_KILN_IR_KILNOPS_TD
