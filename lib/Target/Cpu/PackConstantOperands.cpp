// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Lays out the constant right operand `B` of a matrix product at compile
// time in panels: the columns one vector tile computes, for every k one
// after another, so that a tile reads its part of `B` as one stream.

#include "kiln/Target/Cpu/Passes.h"
#include "kiln/Target/Cpu/VectorTiles.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"

#include <cstring>

namespace mlir::kiln::cpu {
#define GEN_PASS_DEF_PACKCONSTANTOPERANDSPASS
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

/// Erases `op`, the former `B`, once unused, and the constant it sliced.
void eraseUnused(Operation *op) {
  while (op && op->use_empty()) {
    Operation *source = nullptr;
    if (auto slice = dyn_cast<tensor::ExtractSliceOp>(op))
      source = slice.getSource().getDefiningOp();
    op->erase();
    op = source;
  }
}

struct PackConstantOperandsPass
    : kiln::cpu::impl::PackConstantOperandsPassBase<PackConstantOperandsPass> {
  using Base::Base;

  /// Replaces `op` (C[m, n] += A[m, k] * B[k, n], `B` given as `data`,
  /// `B[n, k]` when `transposed`) by the same product on `B` packed in
  /// panels of `width` columns: `Bp[n / width, k, n % width]`, computed by
  /// a `linalg.generic` on `C` seen as `C[m, n / width, n % width]`.
  void pack(linalg::MatmulOp op, ArrayRef<char> data, int64_t bytes,
            bool transposed, int64_t width) {
    auto lhsType = cast<RankedTensorType>(op.getDpsInputs()[0].getType());
    auto rhsType = cast<RankedTensorType>(op.getDpsInputs()[1].getType());
    auto initType = cast<RankedTensorType>(op.getDpsInits()[0].getType());
    int64_t rows = lhsType.getDimSize(0);
    int64_t depth = lhsType.getDimSize(1);
    int64_t columns = initType.getDimSize(1);
    int64_t panels = columns / width;

    std::vector<char> packed(data.size());
    for (int64_t k = 0; k < depth; ++k)
      for (int64_t n = 0; n < columns; ++n) {
        int64_t from = transposed ? n * depth + k : k * columns + n;
        int64_t to = ((n / width) * depth + k) * width + n % width;
        std::memcpy(&packed[to * bytes], &data[from * bytes], bytes);
      }

    MLIRContext *context = op.getContext();
    OpBuilder builder(op);
    Location loc = op.getLoc();
    auto packedType =
        RankedTensorType::get({panels, depth, width}, rhsType.getElementType());
    Value rhs = arith::ConstantOp::create(
        builder, loc, DenseElementsAttr::getFromRawBuffer(packedType, packed));
    SmallVector<ReassociationIndices> columnsToPanels = {{0}, {1, 2}};
    Value init = tensor::ExpandShapeOp::create(
        builder, loc,
        RankedTensorType::get({rows, panels, width}, initType.getElementType()),
        op.getDpsInits()[0], columnsToPanels);

    // Loops (m, panel, column in the panel, k).
    AffineExpr m, panel, column, k;
    bindDims(context, m, panel, column, k);
    SmallVector<AffineMap> maps = {
        AffineMap::get(4, 0, {m, k}, context),
        AffineMap::get(4, 0, {panel, k, column}, context),
        AffineMap::get(4, 0, {m, panel, column}, context)};
    SmallVector<utils::IteratorType> iterators(3,
                                               utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);
    auto generic = linalg::GenericOp::create(
        builder, loc, init.getType(), ValueRange{op.getDpsInputs()[0], rhs},
        ValueRange{init}, maps, iterators);
    // The matmul's body (multiply, add, and any casts between the operand
    // and result types) takes the same block arguments.
    IRMapping mapping;
    op->getRegion(0).cloneInto(&generic.getRegion(), mapping);
    Value result = tensor::CollapseShapeOp::create(
        builder, loc, initType, generic.getResult(0), columnsToPanels);

    Operation *old = op.getDpsInputs()[1].getDefiningOp();
    op->replaceAllUsesWith(ValueRange{result});
    op->erase();
    eraseUnused(old);
  }

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    AffineExpr m, n, k;
    bindDims(context, m, n, k);
    auto map = [&](ArrayRef<AffineExpr> results) {
      return AffineMap::get(3, 0, results, context);
    };
    AffineMap transposedRhs = map({n, k});
    SmallVector<AffineMap> plain = {map({m, k}), map({k, n}), map({m, n})};

    SmallVector<linalg::MatmulOp> matmuls;
    getOperation().walk([&](linalg::MatmulOp op) { matmuls.push_back(op); });
    for (linalg::MatmulOp op : matmuls) {
      SmallVector<AffineMap> maps = op.getIndexingMapsArray();
      bool transposed = maps[1] == transposedRhs;
      if (maps[0] != plain[0] || maps[2] != plain[2] ||
          (maps[1] != plain[1] && !transposed) ||
          !op.hasPureTensorSemantics() || op.hasDynamicShape())
        continue;
      auto lhsType = cast<RankedTensorType>(op.getDpsInputs()[0].getType());
      auto initType = cast<RankedTensorType>(op.getDpsInits()[0].getType());
      int64_t width = kiln::cpu::contractionTileColumns(
          lhsType.getDimSize(0), initType.getDimSize(1), maxVectorLanes);
      // One panel of B[k, n] is B as it is.
      if (!transposed && width == initType.getDimSize(1))
        continue;
      auto constant = soleUseConstant(op.getDpsInputs()[1]);
      if (!constant)
        continue;
      pack(op, constant->first, constant->second, transposed, width);
    }
  }
};

} // namespace
