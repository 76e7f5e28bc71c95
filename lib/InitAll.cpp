// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Registration of every Kiln dialect, pass and pipeline.

#include "kiln/InitAll.h"

#include "kiln/Conversion/Passes.h"
#include "kiln/Dialect/Kiln/IR/KilnOps.h"
#include "kiln/Dialect/Kiln/Transforms/Passes.h"
#include "kiln/Dialect/KilnOnnx/IR/KilnOnnxOps.h"
#include "kiln/Dialect/KilnOnnx/Transforms/Passes.h"
#include "kiln/Dialect/KilnRt/IR/KilnRtOps.h"
#include "kiln/Pipelines/Pipelines.h"
#include "kiln/Target/Cpu/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"

void mlir::kiln::registerAllDialects(DialectRegistry &registry) {
  registry.insert<KilnDialect, onnx::KilnOnnxDialect, rt::KilnRtDialect>();
  // Kiln's stages go through most upstream dialects (linalg, tensor, scf,
  // vector, bufferization, memref, llvm, gpu, ...) together with their
  // external interface models; registering them all keeps every stage
  // reachable from kiln-opt, at no cost with the shared libMLIR.so.
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
}

void mlir::kiln::registerAllPasses() {
  mlir::registerAllPasses();
  registerKilnConversionPasses();
  registerKilnPasses();
  onnx::registerKilnOnnxPasses();
  cpu::registerKilnCpuPasses();
  registerPipelines();
}
