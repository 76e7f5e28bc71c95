// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Conversion of imported ONNX graphs (`kiln_onnx`) to the `kiln` graph
// dialect: the handler registry and the entry points.

#ifndef KILN_CONVERSION_KILNONNXTOKILN_KILNONNXTOKILN_H
#define KILN_CONVERSION_KILNONNXTOKILN_KILNONNXTOKILN_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Value.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include <functional>

namespace mlir::kiln {

/// The view of one `kiln_onnx.node` that handlers work on (typed attribute
/// getters with ONNX defaults, inputs, constants, diagnostics, builders).
/// Defined in lib/Conversion/KilnOnnxToKiln/OnnxNode.h.
class OnnxNode;

/// Converts one ONNX node. Returns one value per node output (a null value
/// for an output the handler does not compute; the driver reports it when it
/// has uses), or fails after emitting a diagnostic through `node`.
using OnnxHandler =
    std::function<FailureOr<SmallVector<Value>>(OnnxNode &node, OpBuilder &)>;

/// Handlers keyed by `(domain, op_type, since_version)`. A node of opset `N`
/// is converted by the handler with the largest since-version `<= N`. The
/// domains "" and "ai.onnx" are the same.
class OnnxHandlerRegistry {
public:
  /// Registers `handler` for `opType` in `domain` from opset `sinceVersion`
  /// on, replacing an earlier registration for the same key.
  void add(StringRef domain, StringRef opType, int64_t sinceVersion,
           OnnxHandler handler);

  /// Returns the handler for a node of `opType` in `domain` at `opset`, or
  /// null when there is none.
  const OnnxHandler *lookup(StringRef domain, StringRef opType,
                            int64_t opset) const;

  /// Returns the smallest since-version registered for `opType` in `domain`,
  /// or nothing when the operator is unknown.
  std::optional<int64_t> getFirstVersion(StringRef domain,
                                         StringRef opType) const;

private:
  /// Per "domain\0op_type", the handlers sorted by since-version.
  llvm::StringMap<SmallVector<std::pair<int64_t, OnnxHandler>, 2>> handlers;
};

/// Registers every handler Kiln has (all operator families).
void populateKilnOnnxToKilnHandlers(OnnxHandlerRegistry &registry);

/// Converts every `func.func` of `module` from `kiln_onnx` to `kiln` with the
/// handlers of `registry`. Fails after reporting every problem found (see
/// the `convert-kiln-onnx-to-kiln` pass description); the module is then
/// left partly converted.
LogicalResult convertKilnOnnxToKiln(ModuleOp module,
                                    const OnnxHandlerRegistry &registry);

} // namespace mlir::kiln

#endif // KILN_CONVERSION_KILNONNXTOKILN_KILNONNXTOKILN_H
