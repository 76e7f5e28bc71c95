// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Encodes ONNX node attributes as MLIR attributes for `onnx_attrs`.

#ifndef KILN_LIB_IMPORT_ONNX_ATTRIBUTES_H
#define KILN_LIB_IMPORT_ONNX_ATTRIBUTES_H

#include "ImportState.h"

#include "mlir/IR/Attributes.h"

#include "onnx/onnx_pb.h"

namespace mlir::kiln::onnx_import {

/// Returns the type of `attribute`. Models written before attributes carried
/// a type leave it UNDEFINED; the type is then the one of the field that is
/// set (UNDEFINED if none is).
::onnx::AttributeProto::AttributeType
getAttributeType(const ::onnx::AttributeProto &attribute);

/// Encodes `attribute` (of any type but GRAPH, which becomes a region) for
/// `onnx_attrs`: INT → i64, INTS → `array<i64>`, FLOAT → f32, FLOATS →
/// `array<f32>`, STRING → string, STRINGS → array of strings, TENSOR →
/// dense elements, TENSORS → array of them, TYPE_PROTO → type, TYPE_PROTOS →
/// array of types. `node` names the node in errors ("node 'n' (Conv)");
/// unsupported types (GRAPHS, SPARSE_TENSOR, SPARSE_TENSORS) and undecodable
/// values emit an error at `loc` and return failure.
FailureOr<Attribute> convertAttribute(const ::onnx::AttributeProto &attribute,
                                      Location loc, llvm::StringRef node,
                                      ImportState &state);

} // namespace mlir::kiln::onnx_import

#endif // KILN_LIB_IMPORT_ONNX_ATTRIBUTES_H
