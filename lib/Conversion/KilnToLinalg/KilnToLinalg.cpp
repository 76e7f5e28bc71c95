// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The `convert-kiln-to-linalg` pass, its type converter and the entry point
// that collects every family of `kiln` to `linalg` patterns.

#include "kiln/Conversion/KilnToLinalg/KilnToLinalg.h"

#include "Patterns.h"

#include "kiln/Conversion/Passes.h"
#include "kiln/Dialect/Kiln/IR/KilnOps.h"
#include "kiln/Dialect/KilnRt/IR/KilnRtOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/DenseSet.h"

#define DEBUG_TYPE "convert-kiln-to-linalg"

namespace mlir::kiln {
#define GEN_PASS_DEF_CONVERTKILNTOLINALGPASS
#include "kiln/Conversion/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

//===----------------------------------------------------------------------===//
// Type conversion
//===----------------------------------------------------------------------===//

Type kiln::getSignlessElementType(Type type) {
  auto intType = dyn_cast<IntegerType>(type);
  if (!intType || intType.isSignless())
    return type;
  return IntegerType::get(type.getContext(), intType.getWidth());
}

KilnToLinalgTypeConverter::KilnToLinalgTypeConverter() {
  addConversion([](Type type) { return type; });
  addConversion([](IntegerType type) { return getSignlessElementType(type); });
  addConversion([](RankedTensorType type) -> Type {
    return type.clone(getSignlessElementType(type.getElementType()));
  });
  // Values crossing between converted ops and an op left unconverted (one
  // the pass reports) meet through casts, so that the report is the only
  // error.
  auto cast = [](OpBuilder &builder, Type type, ValueRange inputs,
                 Location loc) -> Value {
    return UnrealizedConversionCastOp::create(builder, loc, type, inputs)
        .getResult(0);
  };
  addSourceMaterialization(cast);
  addTargetMaterialization(cast);
}

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

namespace {

/// Lowers every `kiln` op of the module to `linalg` and friends, converts
/// function signatures, and reports each op left behind.
struct ConvertKilnToLinalgPass
    : kiln::impl::ConvertKilnToLinalgPassBase<ConvertKilnToLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    ModuleOp module = getOperation();
    KilnToLinalgTypeConverter typeConverter;

    ConversionTarget target(*context);
    target.addLegalDialect<arith::ArithDialect,
                           bufferization::BufferizationDialect,
                           linalg::LinalgDialect, math::MathDialect,
                           scf::SCFDialect, tensor::TensorDialect>();
    // `kiln.assert` becomes the runtime's check.
    target.addLegalOp<rt::AssertOp>();
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp func) {
      return typeConverter.isSignatureLegal(func.getFunctionType()) &&
             typeConverter.isLegal(&func.getBody());
    });
    target.addDynamicallyLegalOp<func::ReturnOp, func::CallOp>(
        [&](Operation *op) { return typeConverter.isLegal(op); });
    // `kiln` ops are left with unknown legality on purpose: a partial
    // conversion then leaves behind what it cannot lower, and the walk below
    // names each such op, instead of a bare "failed to legalize".

    RewritePatternSet patterns(context);
    populateKilnToLinalgConversionPatterns(typeConverter, patterns);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(
        patterns, typeConverter);
    populateReturnOpTypeConversionPattern(patterns, typeConverter);
    populateCallOpTypeConversionPattern(patterns, typeConverter);

    // Ops with a pattern report their own failures (`emitUnsupported`).
    llvm::DenseSet<OperationName> lowered;
    for (const std::unique_ptr<RewritePattern> &pattern :
         patterns.getNativePatterns())
      if (std::optional<OperationName> root = pattern->getRootKind())
        lowered.insert(*root);

    bool failedConversion =
        failed(applyPartialConversion(module, target, std::move(patterns)));

    bool leftOver = false;
    Dialect *kilnDialect = context->getLoadedDialect<KilnDialect>();
    module.walk([&](Operation *op) {
      if (op->getDialect() != kilnDialect)
        return;
      leftOver = true;
      if (!lowered.contains(op->getName()))
        op->emitError() << "unsupported " << op->getName()
                        << " (no lowering to linalg exists for this op)";
    });
    if (failedConversion || leftOver)
      signalPassFailure();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Public entry points
//===----------------------------------------------------------------------===//

void kiln::populateKilnToLinalgConversionPatterns(TypeConverter &typeConverter,
                                                  RewritePatternSet &patterns) {
  lowering::populateAssertPatterns(typeConverter, patterns);
  lowering::populateContractionPatterns(typeConverter, patterns);
  lowering::populateConvolutionPatterns(typeConverter, patterns);
  lowering::populateElementwisePatterns(typeConverter, patterns);
  lowering::populateFusedPatterns(typeConverter, patterns);
  lowering::populateRecurrentPatterns(typeConverter, patterns);
  lowering::populateReductionPatterns(typeConverter, patterns);
  lowering::populateSortPatterns(typeConverter, patterns);
  lowering::populateTensorPatterns(typeConverter, patterns);
}
