// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Stores the constant right operand of a matrix product transposed at
// compile time when the product reads it transposed, so that the vector
// code (whose lanes walk the result's columns) reads it row by row.

#include "kiln/Target/Cpu/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"

namespace mlir::kiln::cpu {
#define GEN_PASS_DEF_TRANSPOSECONSTANTOPERANDSPASS
#include "kiln/Target/Cpu/Passes.h.inc"
} // namespace mlir::kiln::cpu

using namespace mlir;

namespace {

/// Returns the bytes of one element of `type` when its dense storage is one
/// element after another (not packed booleans), or nothing.
std::optional<int64_t> elementBytes(Type type) {
  if (!type.isIntOrFloat() || type.getIntOrFloatBitWidth() % 8 != 0)
    return std::nullopt;
  return type.getIntOrFloatBitWidth() / 8;
}

/// Returns the elements of the slice `offsets` + `sizes` (unit strides) of
/// the row-major `data` of `shape`, in row-major order.
std::vector<char> sliceOf(ArrayRef<char> data, int64_t bytes,
                          ArrayRef<int64_t> shape, ArrayRef<int64_t> offsets,
                          ArrayRef<int64_t> sizes) {
  int64_t rank = shape.size(), count = 1;
  for (int64_t size : sizes)
    count *= size;
  std::vector<char> slice;
  slice.reserve(count * bytes);
  SmallVector<int64_t> index(rank, 0);
  for (int64_t i = 0; i < count; ++i) {
    int64_t linear = 0;
    for (int64_t d = 0; d < rank; ++d)
      linear = linear * shape[d] + offsets[d] + index[d];
    const char *element = data.data() + linear * bytes;
    slice.insert(slice.end(), element, element + bytes);
    for (int64_t d = rank - 1; d >= 0 && ++index[d] == sizes[d]; --d)
      index[d] = 0;
  }
  return slice;
}

/// Returns the value of `value` when it is a constant, or a static
/// unit-stride slice of one, with a single reader (of the value and of the
/// sliced constant); null otherwise.
DenseElementsAttr soleUseConstant(Value value) {
  if (!value.hasOneUse())
    return {};
  auto type = cast<RankedTensorType>(value.getType());
  DenseElementsAttr attr;
  if (matchPattern(value, m_Constant(&attr)))
    return attr;
  auto slice = value.getDefiningOp<tensor::ExtractSliceOp>();
  if (!slice || !slice.hasUnitStride() || !slice.getSource().hasOneUse() ||
      !matchPattern(slice.getSource(), m_Constant(&attr)))
    return {};
  if (ShapedType::isDynamicShape(slice.getStaticOffsets()) ||
      ShapedType::isDynamicShape(slice.getStaticSizes()))
    return {};
  if (attr.isSplat())
    return attr.resizeSplat(type);
  std::optional<int64_t> bytes = elementBytes(type.getElementType());
  if (!bytes)
    return {};
  std::vector<char> data = sliceOf(
      attr.getRawData(), *bytes, attr.getType().getShape(),
      slice.getStaticOffsets(), slice.getStaticSizes());
  return DenseElementsAttr::getFromRawBuffer(type, data);
}

/// Returns `attr` (a matrix) transposed, or null.
DenseElementsAttr transposed(DenseElementsAttr attr) {
  ArrayRef<int64_t> shape = attr.getType().getShape();
  auto type = RankedTensorType::get({shape[1], shape[0]},
                                    attr.getType().getElementType());
  if (attr.isSplat())
    return attr.resizeSplat(type);
  std::optional<int64_t> bytes = elementBytes(type.getElementType());
  if (!bytes)
    return {};
  ArrayRef<char> data = attr.getRawData();
  std::vector<char> result(data.size());
  for (int64_t r = 0; r < shape[0]; ++r)
    for (int64_t c = 0; c < shape[1]; ++c)
      std::memcpy(&result[(c * shape[0] + r) * *bytes],
                  &data[(r * shape[1] + c) * *bytes], *bytes);
  return DenseElementsAttr::getFromRawBuffer(type, result);
}

struct TransposeConstantOperandsPass
    : kiln::cpu::impl::TransposeConstantOperandsPassBase<
          TransposeConstantOperandsPass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    AffineExpr m, n, k;
    bindDims(context, m, n, k);
    auto map = [&](ArrayRef<AffineExpr> results) {
      return AffineMap::get(3, 0, results, context);
    };
    AffineMap transposedRhs = map({n, k});
    SmallVector<AffineMap> plain = {map({m, k}), map({k, n}), map({m, n})};

    getOperation().walk([&](linalg::MatmulOp op) {
      SmallVector<AffineMap> maps = op.getIndexingMapsArray();
      if (maps[0] != plain[0] || maps[1] != transposedRhs ||
          maps[2] != plain[2] || !op.hasPureTensorSemantics())
        return;
      OpOperand &rhs = op->getOpOperand(1);
      DenseElementsAttr value = soleUseConstant(rhs.get());
      if (!value || !(value = transposed(value)))
        return;
      OpBuilder builder(op);
      Operation *old = rhs.get().getDefiningOp();
      rhs.set(arith::ConstantOp::create(builder, op.getLoc(), value));
      op.setIndexingMapsAttr(builder.getAffineMapArrayAttr(plain));
      // The old constant (and its slice) has no other reader.
      while (old && old->use_empty()) {
        Operation *source = nullptr;
        if (auto slice = dyn_cast<tensor::ExtractSliceOp>(old))
          source = slice.getSource().getDefiningOp();
        old->erase();
        old = source;
      }
    });
  }
};

} // namespace
