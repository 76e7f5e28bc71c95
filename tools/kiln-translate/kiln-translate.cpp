// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// kiln-translate: translations in and out of MLIR (ONNX import, export to
// LLVM IR).

#include "kiln/Import/Onnx/OnnxImporter.h"

#include "mlir/InitAllTranslations.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  mlir::registerToLLVMIRTranslation();
  mlir::kiln::registerOnnxImportTranslation();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "Kiln translation driver\n"));
}
