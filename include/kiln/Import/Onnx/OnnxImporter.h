// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Imports an ONNX model (binary or text-format ModelProto) into the
// `kiln_onnx` edge dialect, mechanically: one op per node, no semantics.

#ifndef KILN_IMPORT_ONNX_ONNXIMPORTER_H
#define KILN_IMPORT_ONNX_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBufferRef.h"

namespace mlir {
class MLIRContext;

namespace kiln {

/// Options of the ONNX importer (none yet; room for later).
struct OnnxImportOptions {};

/// Imports the ONNX model in `buffer`: a binary `ModelProto`, or its protobuf
/// text format when `textFormat` is set. The buffer's identifier is the path
/// the model was read from: it names the file in locations, and external
/// tensor data is resolved relative to its directory (and must stay inside
/// it). Loads the `kiln_onnx` and `func` dialects into `context`. Reports
/// every problem found in the model as an error diagnostic and returns null
/// when there was any.
OwningOpRef<ModuleOp> importOnnxModel(llvm::MemoryBufferRef buffer,
                                      bool textFormat, MLIRContext *context,
                                      const OnnxImportOptions &options = {});

/// Reads the file at `path` and imports it with `importOnnxModel`; the file
/// is read as text format when its name ends in `.onnxtxt`. Returns null,
/// with an error diagnostic, when the file cannot be read or imported.
OwningOpRef<ModuleOp> importOnnxFile(llvm::StringRef path, MLIRContext *context,
                                     const OnnxImportOptions &options = {});

/// Registers the `--import-onnx` translation (ONNX file → `kiln_onnx`) with
/// MLIR's translation registry, for `kiln-translate`.
void registerOnnxImportTranslation();

} // namespace kiln
} // namespace mlir

#endif // KILN_IMPORT_ONNX_ONNXIMPORTER_H
