// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Maps ONNX element types and `TypeProto`s to MLIR types.

#ifndef KILN_LIB_IMPORT_ONNX_TYPES_H
#define KILN_LIB_IMPORT_ONNX_TYPES_H

#include "ImportState.h"

#include "mlir/IR/Types.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace onnx {
class TypeProto;
} // namespace onnx

namespace mlir::kiln::onnx_import {

/// Returns the MLIR type of ONNX element type `dataType` (a
/// `TensorProto::DataType` value), or null for UNDEFINED and for values
/// Kiln does not know.
Type convertElementType(int32_t dataType, MLIRContext *context);

/// Returns the size in bytes of one element of `dataType`, or 0 for STRING,
/// UNDEFINED and unknown values.
int64_t getElementByteSize(int32_t dataType);

/// Returns the ONNX spelling of `dataType` ("FLOAT", "FLOAT8E4M3FN"), or its
/// number for values nobody named.
std::string getElementTypeName(int32_t dataType);

/// Converts the declared type of the value `subject` names ("input 'x'").
/// A missing type (or an UNDEFINED element type) becomes
/// `!kiln_onnx.unknown`. Emits an error at `loc` and returns failure for
/// unsupported types (sparse, opaque, unknown element types) and invalid
/// shapes (negative dimensions, element counts that overflow int64).
FailureOr<Type> convertType(const ::onnx::TypeProto &type, Location loc,
                            llvm::StringRef subject, ImportState &state);

/// Returns one string per dimension of a ranked tensor type whose shape has
/// a symbolic dimension: the `dim_param` of each symbolic dimension, "" for
/// fixed ones and for unnamed unknown ones. Returns nothing for types
/// without a symbolic dimension.
std::optional<llvm::SmallVector<std::string>>
getDimParams(const ::onnx::TypeProto &type);

} // namespace mlir::kiln::onnx_import

#endif // KILN_LIB_IMPORT_ONNX_TYPES_H
