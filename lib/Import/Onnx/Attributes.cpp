// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Encodes ONNX node attributes as MLIR attributes for `onnx_attrs`.

#include "Attributes.h"

#include "TensorData.h"
#include "Types.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace mlir::kiln::onnx_import;

using AttributeType = ::onnx::AttributeProto::AttributeType;

::onnx::AttributeProto::AttributeType mlir::kiln::onnx_import::getAttributeType(
    const ::onnx::AttributeProto &attribute) {
  if (attribute.type() != ::onnx::AttributeProto::UNDEFINED)
    return attribute.type();
  if (attribute.has_f())
    return ::onnx::AttributeProto::FLOAT;
  if (attribute.has_i())
    return ::onnx::AttributeProto::INT;
  if (attribute.has_s())
    return ::onnx::AttributeProto::STRING;
  if (attribute.has_t())
    return ::onnx::AttributeProto::TENSOR;
  if (attribute.has_g())
    return ::onnx::AttributeProto::GRAPH;
  if (attribute.has_sparse_tensor())
    return ::onnx::AttributeProto::SPARSE_TENSOR;
  if (attribute.has_tp())
    return ::onnx::AttributeProto::TYPE_PROTO;
  if (attribute.floats_size())
    return ::onnx::AttributeProto::FLOATS;
  if (attribute.ints_size())
    return ::onnx::AttributeProto::INTS;
  if (attribute.strings_size())
    return ::onnx::AttributeProto::STRINGS;
  if (attribute.tensors_size())
    return ::onnx::AttributeProto::TENSORS;
  if (attribute.graphs_size())
    return ::onnx::AttributeProto::GRAPHS;
  if (attribute.sparse_tensors_size())
    return ::onnx::AttributeProto::SPARSE_TENSORS;
  if (attribute.type_protos_size())
    return ::onnx::AttributeProto::TYPE_PROTOS;
  return ::onnx::AttributeProto::UNDEFINED;
}

FailureOr<Attribute> mlir::kiln::onnx_import::convertAttribute(
    const ::onnx::AttributeProto &attribute, Location loc, llvm::StringRef node,
    ImportState &state) {
  Builder b(state.getContext());
  std::string subject = (node + ": attribute '" + attribute.name() + "'").str();
  AttributeType type = getAttributeType(attribute);
  switch (type) {
  case ::onnx::AttributeProto::INT:
    return Attribute(b.getI64IntegerAttr(attribute.i()));
  case ::onnx::AttributeProto::INTS:
    return Attribute(b.getDenseI64ArrayAttr(llvm::ArrayRef<int64_t>(
        attribute.ints().data(), attribute.ints().size())));
  case ::onnx::AttributeProto::FLOAT:
    return Attribute(b.getF32FloatAttr(attribute.f()));
  case ::onnx::AttributeProto::FLOATS:
    return Attribute(b.getDenseF32ArrayAttr(llvm::ArrayRef<float>(
        attribute.floats().data(), attribute.floats().size())));
  case ::onnx::AttributeProto::STRING:
    return Attribute(b.getStringAttr(attribute.s()));
  case ::onnx::AttributeProto::STRINGS: {
    SmallVector<Attribute> strings;
    strings.reserve(attribute.strings_size());
    for (const std::string &s : attribute.strings())
      strings.push_back(b.getStringAttr(s));
    return Attribute(b.getArrayAttr(strings));
  }
  case ::onnx::AttributeProto::TENSOR: {
    FailureOr<DenseElementsAttr> tensor =
        importTensor(attribute.t(), loc, subject, state);
    if (failed(tensor))
      return failure();
    return Attribute(*tensor);
  }
  case ::onnx::AttributeProto::TENSORS: {
    SmallVector<Attribute> tensors;
    tensors.reserve(attribute.tensors_size());
    bool ok = true;
    for (auto [index, tensorProto] : llvm::enumerate(attribute.tensors())) {
      FailureOr<DenseElementsAttr> tensor = importTensor(
          tensorProto, loc, subject + " (tensor " + std::to_string(index) + ")",
          state);
      if (failed(tensor)) {
        ok = false;
        continue;
      }
      tensors.push_back(*tensor);
    }
    if (!ok)
      return failure();
    return Attribute(b.getArrayAttr(tensors));
  }
  case ::onnx::AttributeProto::TYPE_PROTO: {
    FailureOr<Type> converted =
        convertType(attribute.tp(), loc, subject, state);
    if (failed(converted))
      return failure();
    return Attribute(TypeAttr::get(*converted));
  }
  case ::onnx::AttributeProto::TYPE_PROTOS: {
    SmallVector<Attribute> types;
    types.reserve(attribute.type_protos_size());
    bool ok = true;
    for (auto [index, typeProto] : llvm::enumerate(attribute.type_protos())) {
      FailureOr<Type> converted =
          convertType(typeProto, loc,
                      subject + " (type " + std::to_string(index) + ")", state);
      if (failed(converted)) {
        ok = false;
        continue;
      }
      types.push_back(TypeAttr::get(*converted));
    }
    if (!ok)
      return failure();
    return Attribute(b.getArrayAttr(types));
  }
  case ::onnx::AttributeProto::UNDEFINED:
    state.emitError(loc) << subject << " has no type and no value";
    return failure();
  default:
    state.emitError(loc) << node << ": unsupported attribute type "
                         << ::onnx::AttributeProto::AttributeType_Name(type)
                         << " for '" << attribute.name() << "'";
    return failure();
  }
}
