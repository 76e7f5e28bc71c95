// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Kiln's named pipelines: one `build...Pipeline` per stage of the flow,
// shared by kiln-compile, kiln-opt and the Python package.

#ifndef KILN_PIPELINES_PIPELINES_H
#define KILN_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassOptions.h"

#include <string>

namespace mlir {
class OpPassManager;

namespace kiln {

/// Options of the graph stage (`kiln_onnx` to `kiln`).
struct GraphPipelineOptions
    : public PassPipelineOptions<GraphPipelineOptions> {
  ListOption<std::string> inputShapes{
      *this, "input-shapes",
      llvm::cl::desc("NAME=D0xD1x... for inputs with symbolic dimensions")};
};

/// Adds the passes that take an imported model (`kiln_onnx`) to the `kiln`
/// graph dialect with static shapes, folded and canonical, to `pm` (which
/// runs on the module).
void buildGraphPipeline(OpPassManager &pm, const GraphPipelineOptions &options);

/// Options of the CPU stages (`kiln` to the LLVM dialect).
struct CpuPipelineOptions : public PassPipelineOptions<CpuPipelineOptions> {
  Option<std::string> name{*this, "name",
                           llvm::cl::desc("symbol prefix of the artifact"),
                           llvm::cl::init("model")};
  Option<std::string> targetTriple{
      *this, "target-triple",
      llvm::cl::desc("target triple recorded in the descriptor")};
  Option<std::string> targetCpu{
      *this, "target-cpu",
      llvm::cl::desc("target CPU recorded in the descriptor")};
  Option<std::string> modelHash{
      *this, "model-hash",
      llvm::cl::desc("hex SHA-256 of the model, recorded in the descriptor")};
  Option<bool> sharedLibEntry{
      *this, "shared-lib-entry",
      llvm::cl::desc("define the kiln_model entry of shared libraries"),
      llvm::cl::init(false)};
  Option<std::string> cpuBackend{
      *this, "cpu-backend",
      llvm::cl::desc("heavy ops in oneDNN or generated code: auto (a cost "
                     "model decides), onednn (all oneDNN can run) or "
                     "codegen (none)"),
      llvm::cl::init("auto")};
};

/// Adds the passes that take a `kiln` module to `linalg`/`tensor`/`arith`/
/// `math` on tensors, with the model's interface recorded (the `linalg`
/// stage).
void buildLinalgPipeline(OpPassManager &pm, const CpuPipelineOptions &options);

/// Adds the passes that take the `linalg` stage to the LLVM dialect with the
/// artifact ABI around it (the `llvm-mlir` stage): bufferization, the
/// static memory plan, loops, LLVM.
void buildCpuCodegenPipeline(OpPassManager &pm,
                             const CpuPipelineOptions &options);

/// Registers every pipeline above under its `kiln-<stage>-pipeline` name.
void registerPipelines();

} // namespace kiln
} // namespace mlir

#endif // KILN_PIPELINES_PIPELINES_H
