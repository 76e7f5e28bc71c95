// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// State shared by the parts of the ONNX importer.

#include "ImportState.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/Support/Path.h"

#include "onnx/onnx_pb.h"

using namespace mlir;
using namespace mlir::kiln::onnx_import;

ImportState::ImportState(MLIRContext *context, llvm::StringRef modelPath)
    : context(context), modelPath(modelPath.str()),
      fileLoc(FileLineColLoc::get(context, modelPath, 0, 0)) {
  llvm::StringRef directory = llvm::sys::path::parent_path(modelPath);
  modelDirectory = directory.empty() ? "." : directory.str();
}

Location ImportState::getNameLoc(llvm::StringRef name) const {
  return NameLoc::get(StringAttr::get(context, name), fileLoc);
}

std::string mlir::kiln::onnx_import::getNodeName(const ::onnx::NodeProto &node,
                                                 int index) {
  if (!node.name().empty())
    return node.name();
  return node.op_type() + "_" + std::to_string(index);
}
