// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Lays out the constant right operand of a matrix product at compile time
// for the vector code: row-major `B[k, n]` (transposed when the product
// read it transposed), rows padded where their stride would alias in the
// caches.

#include "kiln/Target/Cpu/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"

#include <cstring>

namespace mlir::kiln::cpu {
#define GEN_PASS_DEF_PACKCONSTANTOPERANDSPASS
#include "kiln/Target/Cpu/Passes.h.inc"
} // namespace mlir::kiln::cpu

using namespace mlir;

namespace {

/// Rows whose stride is a multiple of this many bytes map to the same few
/// sets of the L1 and L2 caches.
constexpr int64_t kAliasingStride = 1024;
/// What such rows get added: one cache line.
constexpr int64_t kRowPadding = 64;

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

/// Returns the row-major elements of `value` when it is a constant, or a
/// static unit-stride slice of one, with a single reader (of the value and
/// of the sliced constant), and its element bytes; nothing otherwise.
std::optional<std::pair<std::vector<char>, int64_t>>
soleUseConstant(Value value) {
  if (!value.hasOneUse())
    return std::nullopt;
  auto type = cast<RankedTensorType>(value.getType());
  std::optional<int64_t> bytes = elementBytes(type.getElementType());
  if (!bytes)
    return std::nullopt;
  DenseElementsAttr attr;
  SmallVector<int64_t> offsets(type.getRank(), 0);
  SmallVector<int64_t> sizes(type.getShape());
  if (auto slice = value.getDefiningOp<tensor::ExtractSliceOp>()) {
    if (!slice.hasUnitStride() || !slice.getSource().hasOneUse() ||
        ShapedType::isDynamicShape(slice.getStaticOffsets()) ||
        ShapedType::isDynamicShape(slice.getStaticSizes()) ||
        !matchPattern(slice.getSource(), m_Constant(&attr)))
      return std::nullopt;
    offsets.assign(slice.getStaticOffsets().begin(),
                   slice.getStaticOffsets().end());
    sizes.assign(slice.getStaticSizes().begin(), slice.getStaticSizes().end());
  } else if (!matchPattern(value, m_Constant(&attr))) {
    return std::nullopt;
  }
  ArrayRef<int64_t> shape = attr.getType().getShape();
  std::vector<char> data;
  if (attr.isSplat()) {
    ArrayRef<char> element = attr.getRawData();
    int64_t count = type.getNumElements();
    data.reserve(count * *bytes);
    for (int64_t i = 0; i < count; ++i)
      data.insert(data.end(), element.begin(), element.begin() + *bytes);
  } else {
    data = sliceOf(attr.getRawData(), *bytes, shape, offsets, sizes);
  }
  return std::make_pair(std::move(data), *bytes);
}

struct PackConstantOperandsPass
    : kiln::cpu::impl::PackConstantOperandsPassBase<PackConstantOperandsPass> {
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
      bool transposed = maps[1] == transposedRhs;
      if (maps[0] != plain[0] || maps[2] != plain[2] ||
          (maps[1] != plain[1] && !transposed) || !op.hasPureTensorSemantics())
        return;
      OpOperand &rhs = op->getOpOperand(1);
      auto type = cast<RankedTensorType>(rhs.get().getType());
      int64_t rows = type.getDimSize(transposed ? 1 : 0);
      int64_t columns = type.getDimSize(transposed ? 0 : 1);
      std::optional<int64_t> bytes = elementBytes(type.getElementType());
      if (!bytes)
        return;
      int64_t padding = (columns * *bytes) % kAliasingStride == 0 && rows > 1
                            ? kRowPadding / *bytes
                            : 0;
      if (!transposed && padding == 0)
        return;
      auto constant = soleUseConstant(rhs.get());
      if (!constant)
        return;

      // B[k, n] with rows of `columns + padding` elements; the padding is
      // zeros that no one reads.
      const std::vector<char> &data = constant->first;
      int64_t stride = columns + padding;
      std::vector<char> packed(rows * stride * *bytes, 0);
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < columns; ++c) {
          int64_t from = transposed ? c * rows + r : r * columns + c;
          std::memcpy(&packed[(r * stride + c) * *bytes], &data[from * *bytes],
                      *bytes);
        }
      auto packedType =
          RankedTensorType::get({rows, stride}, type.getElementType());
      OpBuilder builder(op);
      Location loc = op.getLoc();
      Value value = arith::ConstantOp::create(
          builder, loc,
          DenseElementsAttr::getFromRawBuffer(packedType, packed));
      if (padding != 0)
        value = tensor::ExtractSliceOp::create(
            builder, loc, value,
            ArrayRef<OpFoldResult>{builder.getIndexAttr(0),
                                   builder.getIndexAttr(0)},
            ArrayRef<OpFoldResult>{builder.getIndexAttr(rows),
                                   builder.getIndexAttr(columns)},
            ArrayRef<OpFoldResult>{builder.getIndexAttr(1),
                                   builder.getIndexAttr(1)});
      Operation *old = rhs.get().getDefiningOp();
      rhs.set(value);
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
