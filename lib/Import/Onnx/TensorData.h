// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Decodes ONNX `TensorProto`s (initializers, tensor attributes) into dense
// elements attributes, including external data files.

#ifndef KILN_LIB_IMPORT_ONNX_TENSORDATA_H
#define KILN_LIB_IMPORT_ONNX_TENSORDATA_H

#include "ImportState.h"

#include "mlir/IR/BuiltinAttributes.h"

namespace onnx {
class TensorProto;
} // namespace onnx

namespace mlir::kiln::onnx_import {

/// Decodes `tensor` into a dense elements attribute of type
/// `tensor<dims x T>` (`T` from its data type; STRING tensors become a
/// `DenseStringElementsAttr` of `!kiln_onnx.string`). The data may come from
/// `raw_data` (little-endian), from the typed field its data type uses
/// (`float_data`, `int32_data`, ...), or from an external file next to the
/// model. Sizes are checked before anything is allocated. `subject` names the
/// tensor in errors ("initializer 'w'"); errors go to `loc` and return
/// failure.
FailureOr<DenseElementsAttr> importTensor(const ::onnx::TensorProto &tensor,
                                          Location loc, llvm::StringRef subject,
                                          ImportState &state);

/// Frees the element data `tensor` holds (raw_data and the typed fields),
/// once it was imported, so that a model's weights are not held twice.
void releaseTensorData(::onnx::TensorProto &tensor);

} // namespace mlir::kiln::onnx_import

#endif // KILN_LIB_IMPORT_ONNX_TENSORDATA_H
