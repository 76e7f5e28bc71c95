// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// kiln-opt: runs any Kiln or upstream pass pipeline on MLIR text; what the
// lit tests drive.

#include "kiln/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

namespace mlir::kiln::test {
void registerTestPasses();
} // namespace mlir::kiln::test

int main(int argc, char **argv) {
  mlir::kiln::registerAllPasses();
  mlir::kiln::test::registerTestPasses();
  mlir::DialectRegistry registry;
  mlir::kiln::registerAllDialects(registry);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Kiln optimizer driver\n", registry));
}
