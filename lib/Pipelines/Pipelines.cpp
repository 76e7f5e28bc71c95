// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Kiln's named pipelines.

#include "kiln/Pipelines/Pipelines.h"

#include "kiln/Conversion/Passes.h"
#include "kiln/Dialect/Kiln/Transforms/Passes.h"
#include "kiln/Dialect/KilnOnnx/Transforms/Passes.h"
#include "kiln/Target/Cpu/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToFuncs/MathToFuncs.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/UBToLLVM/UBToLLVM.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/Vector/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void kiln::buildGraphPipeline(OpPassManager &pm,
                              const GraphPipelineOptions &options) {
  // Shapes first: the ONNX conversion infers every shape from the inputs'.
  onnx::SetInputShapesPassOptions shapes;
  shapes.shapes.assign(options.inputShapes.begin(), options.inputShapes.end());
  pm.addNestedPass<func::FuncOp>(onnx::createSetInputShapesPass(shapes));
  // The one place that knows ONNX semantics; leaves only kiln ops.
  pm.addPass(createConvertKilnOnnxToKilnPass());
  // Fold the shape computations and constants the conversion left behind,
  // then share what is left.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // Graph fusions, on the canonical graph. Folds first: a folded batch
  // norm leaves a conv whose epilogue can fuse. Attention before epilogues,
  // which would otherwise take its first matmul and scale.
  pm.addNestedPass<func::FuncOp>(createFoldBatchNormPass());
  pm.addNestedPass<func::FuncOp>(createFoldTransposesPass());
  pm.addNestedPass<func::FuncOp>(createFuseAttentionPass());
  pm.addNestedPass<func::FuncOp>(createFuseEpiloguesPass());
  // What the folds left unused (old weights, transposes).
  pm.addPass(createCanonicalizerPass());
}

void kiln::buildLinalgPipeline(OpPassManager &pm,
                               const CpuPipelineOptions &options) {
  // Before any lowering: the ABI needs the interface as ONNX sees it
  // (names, unsigned types, results), which lowering loses.
  RecordInterfacePassOptions interface;
  interface.modelName = options.name;
  pm.addPass(createRecordInterfacePass(interface));
  // Per op, a oneDNN call or generated code; `codegen` keeps the path
  // without library calls exactly as it is.
  if (options.cpuBackend != "codegen") {
    cpu::SelectLibraryCallsPassOptions select;
    select.backend = options.cpuBackend;
    pm.addPass(cpu::createSelectLibraryCallsPass(select));
    pm.addPass(createConvertKilnToKilnRtPass());
  }
  pm.addPass(createConvertKilnToLinalgPass());
  pm.addPass(createCanonicalizerPass());
}

void kiln::buildCpuCodegenPipeline(OpPassManager &pm,
                                   const CpuPipelineOptions &options) {
  // Constant weights in the layout the vector tiles read best.
  pm.addNestedPass<func::FuncOp>(cpu::createPackConstantOperandsPass());
  // Producer/consumer chains of elementwise ops become one loop nest;
  // matrix products stay as they are.
  pm.addNestedPass<func::FuncOp>(cpu::createFuseElementwisePass());
  pm.addPass(createCanonicalizerPass());
  // Chunks for the threads, vector-sized tiles for the vector unit.
  pm.addNestedPass<func::FuncOp>(cpu::createTileAndVectorizePass());
  pm.addPass(createCanonicalizerPass());

  // Tensors to buffers, across the function boundary: inputs and outputs
  // are the caller's buffers (outputs as out-parameters, written in place
  // where bufferization allows), temporaries are static allocations that
  // the memory plan then places in the workspace.
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  bufferization::BufferResultsToOutParamsPassOptions outParams;
  outParams.hoistStaticAllocs = true;
  outParams.modifyPublicFunctions = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addNestedPass<func::FuncOp>(cpu::createLowerCopiesPass());
  pm.addNestedPass<func::FuncOp>(cpu::createPlanMemoryPass());
  // What one `run` call hands the model: thread count, prepared state, and
  // where run-time checks report a failure.
  pm.addNestedPass<func::FuncOp>(cpu::createAddRunContextPass());
  pm.addPass(cpu::createLowerAssertsPass());
  // oneDNN ops: created in the model's init, run through the run context.
  if (options.cpuBackend != "codegen")
    pm.addPass(createConvertKilnRtToLLVMPass());
  // The threads' chunks become regions that are outlined once in LLVM.
  pm.addNestedPass<func::FuncOp>(cpu::createWrapParallelLoopsPass());
  // A recurrence's steps share one team rather than starting one each.
  pm.addNestedPass<func::FuncOp>(cpu::createFormParallelTeamsPass());

  // Loops, then LLVM. The bare-pointer convention gives the model function
  // one pointer per buffer, which the ABI's `run` passes straight through.
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  // Vectors down to one dimension, the form LLVM's vector types take.
  pm.addNestedPass<func::FuncOp>(vector::createLowerVectorMultiReductionPass(
      vector::VectorMultiReductionLowering::InnerReduction));
  VectorTransferToSCFOptions vectorToSCF;
  vectorToSCF.enableFullUnroll();
  vectorToSCF.setTargetRank(1);
  pm.addPass(createConvertVectorToSCFPass(vectorToSCF));
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  // exp, tanh, erf, log in vector registers rather than libm calls.
  pm.addNestedPass<func::FuncOp>(cpu::createApproximateMathPass());
  // Integer powers (math.ipowi) become small generated functions.
  pm.addPass(createConvertMathToFuncs());
  pm.addPass(createConvertMathToLLVMPass());
  // What LLVM has no intrinsic for (erf, ...) becomes a libm call.
  pm.addPass(createConvertMathToLibmPass());
  // bf16 conversions in plain integer arithmetic: LLVM would otherwise call
  // compiler-rt's __truncsfbf2, which libgcc lacks.
  arith::ArithExpandOpsPassOptions expand;
  expand.includeBf16 = true;
  pm.addPass(arith::createArithExpandOpsPass(expand));
  // A vector's lanes are summed as a tree, not one after another: the
  // order of a float sum (or product) over one vector is not fixed. It
  // does not depend on the thread count either way.
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.reassociateFPReductions = true;
  pm.addPass(createConvertVectorToLLVMPass(vectorToLLVM));
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  ConvertFuncToLLVMPassOptions funcToLLVM;
  funcToLLVM.useBarePtrCallConv = true;
  pm.addPass(createConvertFuncToLLVMPass(funcToLLVM));
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(cpu::createOutlineParallelLoopsPass());

  cpu::GenerateAbiPassOptions abi;
  abi.targetTriple = options.targetTriple;
  abi.targetCpu = options.targetCpu;
  abi.modelHash = options.modelHash;
  abi.sharedLibEntry = options.sharedLibEntry;
  pm.addPass(cpu::createGenerateAbiPass(abi));
  pm.addPass(createCanonicalizerPass());
}

void kiln::registerPipelines() {
  PassPipelineRegistration<GraphPipelineOptions>(
      "kiln-graph-pipeline",
      "Take an imported ONNX model (kiln_onnx) to the kiln dialect",
      buildGraphPipeline);
  PassPipelineRegistration<CpuPipelineOptions>(
      "kiln-linalg-pipeline",
      "Take a kiln module to linalg on tensors, recording its interface",
      buildLinalgPipeline);
  PassPipelineRegistration<CpuPipelineOptions>(
      "kiln-cpu-codegen-pipeline",
      "Take the linalg stage to the LLVM dialect with the artifact ABI",
      buildCpuCodegenPipeline);
}
