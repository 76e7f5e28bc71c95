// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The `kiln_onnx` dialect: registration, types, verifiers and folders.

#include "kiln/Dialect/KilnOnnx/IR/KilnOnnxOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::kiln::onnx;

#include "kiln/Dialect/KilnOnnx/IR/KilnOnnxOpsDialect.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "kiln/Dialect/KilnOnnx/IR/KilnOnnxOpsTypes.cpp.inc"

#define GET_OP_CLASSES
#include "kiln/Dialect/KilnOnnx/IR/KilnOnnxOps.cpp.inc"

void KilnOnnxDialect::initialize() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "kiln/Dialect/KilnOnnx/IR/KilnOnnxOpsTypes.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "kiln/Dialect/KilnOnnx/IR/KilnOnnxOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// ConstantOp, NoneOp
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

OpFoldResult NoneOp::fold(FoldAdaptor) { return UnitAttr::get(getContext()); }

//===----------------------------------------------------------------------===//
// NodeOp
//===----------------------------------------------------------------------===//

LogicalResult NodeOp::verify() {
  // (C1)
  if (getRegionNames().size() != getGraphs().size())
    return emitOpError() << "expects one region name per region, got "
                         << getRegionNames().size() << " names for "
                         << getGraphs().size() << " regions";
  return success();
}

Region *NodeOp::getGraph(StringRef name) {
  for (auto [regionName, region] :
       llvm::zip_equal(getRegionNames(), getGraphs()))
    if (cast<StringAttr>(regionName).getValue() == name)
      return &region;
  return nullptr;
}
