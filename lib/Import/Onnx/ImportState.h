// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// State shared by the parts of the ONNX importer: the context, the model's
// path and directory, locations, and the error count.

#ifndef KILN_LIB_IMPORT_ONNX_IMPORTSTATE_H
#define KILN_LIB_IMPORT_ONNX_IMPORTSTATE_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace onnx {
class NodeProto;
} // namespace onnx

namespace mlir::kiln::onnx_import {

/// Deepest nesting of subgraphs (and of sequence/optional/map types) the
/// importer follows; deeper models are rejected with an error, so a
/// malicious file cannot exhaust the stack.
inline constexpr unsigned kMaxNestingDepth = 64;

/// Most elements one tensor may have (2^40); checked before anything is
/// allocated for it.
inline constexpr int64_t kMaxTensorElements = int64_t(1) << 40;

/// Returns the name of node `index` of a graph: its own, or
/// "<op_type>_<index>" when it has none.
std::string getNodeName(const ::onnx::NodeProto &node, int index);

/// What every part of one import shares. Errors are emitted as they are
/// found and counted here, so the import can go on and report all of them.
class ImportState {
public:
  /// `modelPath` is the file the model was read from (it may be a name such
  /// as `<stdin>`); external data is resolved against its directory.
  ImportState(MLIRContext *context, llvm::StringRef modelPath);

  MLIRContext *getContext() const { return context; }
  llvm::StringRef getModelPath() const { return modelPath; }
  /// Returns the directory of the model file ("." when it has none).
  llvm::StringRef getModelDirectory() const { return modelDirectory; }

  /// Returns `FileLineColLoc(modelPath, 0, 0)`: the model as a whole.
  Location getFileLoc() const { return fileLoc; }
  /// Returns `NameLoc(name, FileLineColLoc(modelPath, 0, 0))`: a value or a
  /// node of the model.
  Location getNameLoc(llvm::StringRef name) const;

  /// Emits an error at `loc` and records that the import failed.
  InFlightDiagnostic emitError(Location loc) {
    failed = true;
    return mlir::emitError(loc);
  }
  /// Returns whether any error was emitted.
  bool hasFailed() const { return failed; }

private:
  MLIRContext *context;
  std::string modelPath;
  std::string modelDirectory;
  Location fileLoc;
  bool failed = false;
};

} // namespace mlir::kiln::onnx_import

#endif // KILN_LIB_IMPORT_ONNX_IMPORTSTATE_H
