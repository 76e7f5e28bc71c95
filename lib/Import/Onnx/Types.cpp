// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Maps ONNX element types and `TypeProto`s to MLIR types.

#include "Types.h"

#include "kiln/Dialect/KilnOnnx/IR/KilnOnnxOps.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/MathExtras.h"

#include "onnx/onnx_pb.h"

using namespace mlir;
using namespace mlir::kiln::onnx_import;

namespace kiln_onnx = mlir::kiln::onnx;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {

/// Converts a tensor type: `tensor<d0 x d1 x ... x T>` with `?` for symbolic
/// or missing dimensions, `tensor<* x T>` without a shape.
FailureOr<Type> convertTensorType(const ::onnx::TypeProto_Tensor &tensor,
                                  Location loc, llvm::StringRef subject,
                                  ImportState &state) {
  MLIRContext *context = state.getContext();
  if (tensor.elem_type() == ::onnx::TensorProto::UNDEFINED)
    return Type(kiln_onnx::UnknownType::get(context));
  Type elementType = convertElementType(tensor.elem_type(), context);
  if (!elementType) {
    state.emitError(loc) << subject << ": unsupported element type "
                         << getElementTypeName(tensor.elem_type());
    return failure();
  }
  if (!tensor.has_shape())
    return Type(UnrankedTensorType::get(elementType));

  SmallVector<int64_t> dims;
  dims.reserve(tensor.shape().dim_size());
  // The product of the fixed, non-zero dimensions; MLIR multiplies them when
  // it counts elements, so it must fit in int64.
  int64_t product = 1;
  for (const ::onnx::TensorShapeProto_Dimension &dim : tensor.shape().dim()) {
    if (!dim.has_dim_value()) {
      dims.push_back(ShapedType::kDynamic);
      continue;
    }
    int64_t value = dim.dim_value();
    if (value < 0) {
      state.emitError(loc) << subject << ": dimension " << dims.size()
                           << " is negative (" << value << ")";
      return failure();
    }
    if (value != 0 && llvm::MulOverflow(product, value, product)) {
      state.emitError(loc) << subject
                           << ": the number of elements overflows int64 "
                              "(dimension "
                           << dims.size() << " is " << value << ")";
      return failure();
    }
    dims.push_back(value);
  }
  return Type(RankedTensorType::get(dims, elementType));
}

FailureOr<Type> convertTypeImpl(const ::onnx::TypeProto &type, Location loc,
                                llvm::StringRef subject, ImportState &state,
                                unsigned depth) {
  MLIRContext *context = state.getContext();
  if (depth > kMaxNestingDepth) {
    state.emitError(loc) << subject << ": type nests deeper than "
                         << kMaxNestingDepth << " levels";
    return failure();
  }
  switch (type.value_case()) {
  case ::onnx::TypeProto::VALUE_NOT_SET:
    return Type(kiln_onnx::UnknownType::get(context));
  case ::onnx::TypeProto::kTensorType:
    return convertTensorType(type.tensor_type(), loc, subject, state);
  case ::onnx::TypeProto::kSequenceType: {
    FailureOr<Type> element = convertTypeImpl(type.sequence_type().elem_type(),
                                              loc, subject, state, depth + 1);
    if (failed(element))
      return failure();
    return Type(kiln_onnx::SequenceType::get(context, *element));
  }
  case ::onnx::TypeProto::kOptionalType: {
    FailureOr<Type> element = convertTypeImpl(type.optional_type().elem_type(),
                                              loc, subject, state, depth + 1);
    if (failed(element))
      return failure();
    return Type(kiln_onnx::OptionalType::get(context, *element));
  }
  case ::onnx::TypeProto::kMapType: {
    const ::onnx::TypeProto_Map &map = type.map_type();
    Type key = convertElementType(map.key_type(), context);
    if (!key) {
      state.emitError(loc) << subject << ": unsupported map key type "
                           << getElementTypeName(map.key_type());
      return failure();
    }
    FailureOr<Type> value =
        convertTypeImpl(map.value_type(), loc, subject, state, depth + 1);
    if (failed(value))
      return failure();
    return Type(kiln_onnx::MapType::get(context, key, *value));
  }
  case ::onnx::TypeProto::kSparseTensorType:
    state.emitError(loc) << subject
                         << ": sparse tensor types are not supported";
    return failure();
  case ::onnx::TypeProto::kOpaqueType:
    state.emitError(loc) << subject << ": opaque types are not supported";
    return failure();
  }
  state.emitError(loc) << subject << ": unsupported type";
  return failure();
}

} // namespace

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

Type mlir::kiln::onnx_import::convertElementType(int32_t dataType,
                                                 MLIRContext *context) {
  Builder b(context);
  switch (dataType) {
  case ::onnx::TensorProto::FLOAT:
    return b.getF32Type();
  case ::onnx::TensorProto::UINT8:
    return b.getIntegerType(8, /*isSigned=*/false);
  case ::onnx::TensorProto::INT8:
    return b.getIntegerType(8);
  case ::onnx::TensorProto::UINT16:
    return b.getIntegerType(16, /*isSigned=*/false);
  case ::onnx::TensorProto::INT16:
    return b.getIntegerType(16);
  case ::onnx::TensorProto::INT32:
    return b.getIntegerType(32);
  case ::onnx::TensorProto::INT64:
    return b.getIntegerType(64);
  case ::onnx::TensorProto::STRING:
    return kiln_onnx::StringType::get(context);
  case ::onnx::TensorProto::BOOL:
    return b.getI1Type();
  case ::onnx::TensorProto::FLOAT16:
    return b.getF16Type();
  case ::onnx::TensorProto::DOUBLE:
    return b.getF64Type();
  case ::onnx::TensorProto::UINT32:
    return b.getIntegerType(32, /*isSigned=*/false);
  case ::onnx::TensorProto::UINT64:
    return b.getIntegerType(64, /*isSigned=*/false);
  case ::onnx::TensorProto::COMPLEX64:
    return ComplexType::get(b.getF32Type());
  case ::onnx::TensorProto::COMPLEX128:
    return ComplexType::get(b.getF64Type());
  case ::onnx::TensorProto::BFLOAT16:
    return b.getBF16Type();
  default:
    return nullptr;
  }
}

int64_t mlir::kiln::onnx_import::getElementByteSize(int32_t dataType) {
  switch (dataType) {
  case ::onnx::TensorProto::UINT8:
  case ::onnx::TensorProto::INT8:
  case ::onnx::TensorProto::BOOL:
    return 1;
  case ::onnx::TensorProto::UINT16:
  case ::onnx::TensorProto::INT16:
  case ::onnx::TensorProto::FLOAT16:
  case ::onnx::TensorProto::BFLOAT16:
    return 2;
  case ::onnx::TensorProto::FLOAT:
  case ::onnx::TensorProto::INT32:
  case ::onnx::TensorProto::UINT32:
    return 4;
  case ::onnx::TensorProto::INT64:
  case ::onnx::TensorProto::DOUBLE:
  case ::onnx::TensorProto::UINT64:
  case ::onnx::TensorProto::COMPLEX64:
    return 8;
  case ::onnx::TensorProto::COMPLEX128:
    return 16;
  default:
    return 0;
  }
}

std::string mlir::kiln::onnx_import::getElementTypeName(int32_t dataType) {
  if (::onnx::TensorProto_DataType_IsValid(dataType))
    return ::onnx::TensorProto_DataType_Name(
        static_cast<::onnx::TensorProto_DataType>(dataType));
  // Element types of IR versions after 8, which this ONNX does not name.
  switch (dataType) {
  case 17:
    return "FLOAT8E4M3FN";
  case 18:
    return "FLOAT8E4M3FNUZ";
  case 19:
    return "FLOAT8E5M2";
  case 20:
    return "FLOAT8E5M2FNUZ";
  case 21:
    return "UINT4";
  case 22:
    return "INT4";
  case 23:
    return "FLOAT4E2M1";
  default:
    return std::to_string(dataType);
  }
}

FailureOr<Type>
mlir::kiln::onnx_import::convertType(const ::onnx::TypeProto &type,
                                     Location loc, llvm::StringRef subject,
                                     ImportState &state) {
  return convertTypeImpl(type, loc, subject, state, /*depth=*/0);
}

std::optional<SmallVector<std::string>>
mlir::kiln::onnx_import::getDimParams(const ::onnx::TypeProto &type) {
  if (!type.has_tensor_type() || !type.tensor_type().has_shape())
    return std::nullopt;
  SmallVector<std::string> params;
  bool symbolic = false;
  for (const ::onnx::TensorShapeProto_Dimension &dim :
       type.tensor_type().shape().dim()) {
    if (dim.has_dim_value()) {
      params.push_back("");
      continue;
    }
    symbolic = true;
    params.push_back(dim.has_dim_param() ? dim.dim_param() : "");
  }
  if (!symbolic)
    return std::nullopt;
  return params;
}
