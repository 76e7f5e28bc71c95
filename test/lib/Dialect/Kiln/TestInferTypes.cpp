// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// test-kiln-infer-types: reports what each op's type inference computes from
// its operands and attributes alone, so lit tests can check the shared
// inference functions directly (the verifier only says whether they agree).

#include "kiln/Dialect/Kiln/IR/KilnOps.h"

#include "mlir/Pass/Pass.h"

using namespace mlir;

namespace {

struct TestInferTypesPass
    : PassWrapper<TestInferTypesPass, OperationPass<>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(TestInferTypesPass)

  StringRef getArgument() const final { return "test-kiln-infer-types"; }
  StringRef getDescription() const final {
    return "Emit a remark with the result types each op infers";
  }

  void runOnOperation() override {
    getOperation()->walk([](InferTypeOpInterface op) {
      SmallVector<Type> inferred;
      if (failed(op.inferReturnTypes(
              op->getContext(), op->getLoc(), op->getOperands(),
              op->getRawDictionaryAttrs(), op->getPropertiesStorage(),
              op->getRegions(), inferred)))
        return;
      InFlightDiagnostic remark = op->emitRemark() << "inferred";
      for (Type type : inferred)
        remark << " " << type;
    });
  }
};

} // namespace

namespace mlir::kiln::test {
void registerTestPasses() { PassRegistration<TestInferTypesPass>(); }
} // namespace mlir::kiln::test
