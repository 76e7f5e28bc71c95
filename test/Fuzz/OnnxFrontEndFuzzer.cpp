// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// libFuzzer target for Kiln's front end: the ONNX importer (binary and text
// format) followed by the graph pipeline (set-input-shapes, ONNX → kiln,
// canonicalize, CSE). The first byte selects the parser (odd: text format,
// even: binary); the rest is the model. Errors are expected and swallowed;
// only crashes, hangs and runaway memory are findings.

#include "kiln/Import/Onnx/OnnxImporter.h"
#include "kiln/InitAll.h"
#include "kiln/Pipelines/Pipelines.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/MemoryBufferRef.h"

#include <cstddef>
#include <cstdint>

using namespace mlir;

static MLIRContext &getContext() {
  static MLIRContext *context = [] {
    DialectRegistry registry;
    kiln::registerAllDialects(registry);
    auto *ctx = new MLIRContext(registry);
    ctx->disableMultithreading();
    return ctx;
  }();
  return *context;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  MLIRContext &context = getContext();
  // Swallow every diagnostic: failures are fine, and printing them would
  // slow the fuzzer down.
  ScopedDiagnosticHandler handler(&context,
                                  [](Diagnostic &) { return success(); });

  bool textFormat = data[0] & 1;
  llvm::StringRef payload(reinterpret_cast<const char *>(data + 1), size - 1);
  // A directory that does not exist: external tensor data must not resolve
  // to files in the working directory.
  llvm::MemoryBufferRef buffer(payload,
                               "/nonexistent-kiln-fuzz/model.onnx");
  OwningOpRef<ModuleOp> module =
      kiln::importOnnxModel(buffer, textFormat, &context);
  if (!module)
    return 0;

  PassManager pm(&context);
  kiln::GraphPipelineOptions options;
  kiln::buildGraphPipeline(pm, options);
  (void)pm.run(*module);
  return 0;
}
