// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Places every intermediate buffer of a function at a fixed offset in one
// workspace arena, from buffer lifetimes.

#include "kiln/Target/Cpu/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/Transforms/BufferViewFlowAnalysis.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "llvm/Support/Debug.h"

namespace mlir::kiln::cpu {
#define GEN_PASS_DEF_PLANMEMORYPASS
#include "kiln/Target/Cpu/Passes.h.inc"
} // namespace mlir::kiln::cpu

#define DEBUG_TYPE "kiln-cpu-plan-memory"

using namespace mlir;

namespace {

/// One buffer to place: its lifetime in top-level op positions and size.
struct Buffer {
  memref::AllocOp alloc;
  unsigned index; // in walk order, to break ties deterministically
  unsigned begin, end;
  uint64_t size;
  uint64_t offset = 0;
};

uint64_t alignTo(uint64_t value, uint64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

/// Returns the position of `op`'s ancestor in `block`.
unsigned positionIn(Block &block, Operation *op,
                    const DenseMap<Operation *, unsigned> &positions) {
  Operation *ancestor = block.findAncestorOpInBlock(*op);
  assert(ancestor && "op outside the function body");
  return positions.lookup(ancestor);
}

/// Places `buffers` (sizes and lifetimes known) at offsets: largest first,
/// each at the lowest aligned offset where it overlaps no placed buffer that
/// is alive at the same time. Returns the arena size.
uint64_t assignOffsets(MutableArrayRef<Buffer> buffers, uint64_t alignment) {
  SmallVector<Buffer *> order;
  for (Buffer &buffer : buffers)
    order.push_back(&buffer);
  // A total order, so the plan is deterministic.
  llvm::sort(order, [](const Buffer *a, const Buffer *b) {
    if (a->size != b->size)
      return a->size > b->size; // Largest first.
    return std::make_pair(a->begin, a->index) <
           std::make_pair(b->begin, b->index);
  });
  uint64_t arenaSize = 0;
  SmallVector<Buffer *> placed;
  for (Buffer *buffer : order) {
    // Occupied ranges of buffers alive at the same time, by offset.
    SmallVector<std::pair<uint64_t, uint64_t>> busy;
    for (Buffer *other : placed)
      if (other->begin <= buffer->end && buffer->begin <= other->end)
        busy.push_back({other->offset, other->offset + other->size});
    llvm::sort(busy);
    uint64_t offset = 0;
    for (auto [lo, hi] : busy) {
      if (offset + buffer->size <= lo)
        break;
      offset = std::max(offset, alignTo(hi, alignment));
    }
    buffer->offset = offset;
    arenaSize = std::max(arenaSize, offset + buffer->size);
    placed.push_back(buffer);
  }
  return alignTo(arenaSize, alignment);
}

struct PlanMemoryPass : kiln::cpu::impl::PlanMemoryPassBase<PlanMemoryPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    if (alignment == 0 || !llvm::isPowerOf2_32(alignment)) {
      func.emitError() << "alignment (" << static_cast<unsigned>(alignment)
                       << ") must be a power of two";
      return signalPassFailure();
    }
    Block &body = func.getBody().front();
    DenseMap<Operation *, unsigned> positions;
    for (auto [i, op] : llvm::enumerate(body))
      positions[&op] = i;

    // 1. Lifetimes: from the allocation to the last use of any alias.
    BufferViewFlowAnalysis aliases(func);
    const DataLayout &layout = DataLayout::closest(func);
    SmallVector<Buffer> buffers;
    bool ok = true;
    func.walk([&](memref::AllocOp alloc) {
      MemRefType type = alloc.getType();
      if (!type.hasStaticShape() || !type.getLayout().isIdentity()) {
        alloc.emitError() << "cannot place " << type
                          << " in the workspace: it needs a static shape "
                             "and the identity layout";
        ok = false;
        return;
      }
      unsigned begin = positionIn(body, alloc, positions);
      unsigned end = begin;
      for (Value alias : aliases.resolve(alloc.getResult()))
        for (Operation *user : alias.getUsers()) {
          if (isa<memref::DeallocOp>(user))
            continue;
          end = std::max(end, positionIn(body, user, positions));
        }
      uint64_t size = type.getNumElements() *
                      layout.getTypeSize(type.getElementType()).getFixedValue();
      unsigned index = buffers.size();
      buffers.push_back(
          {alloc, index, begin, end, std::max<uint64_t>(size, 1)});
    });
    if (!ok)
      return signalPassFailure();

    // 2. Offsets.
    uint64_t arenaSize = assignOffsets(buffers, alignment);
    LLVM_DEBUG(llvm::dbgs() << "workspace of " << func.getName() << ": "
                            << arenaSize << " bytes for " << buffers.size()
                            << " buffers\n");

    // 3. The workspace argument, and views into it.
    MLIRContext *context = func.getContext();
    auto workspaceType = MemRefType::get(
        {static_cast<int64_t>(arenaSize)}, IntegerType::get(context, 8));
    unsigned index = func.getNumArguments();
    if (failed(func.insertArgument(
            index, workspaceType,
            DictionaryAttr::get(context,
                                {NamedAttribute(StringAttr::get(
                                                    context,
                                                    kiln::cpu::kWorkspaceArgAttrName),
                                                UnitAttr::get(context))}),
            func.getLoc())))
      return signalPassFailure();
    Value workspace = func.getArgument(index);
    // One constant per offset, at the top of the function, dominating
    // every view (allocations may sit in nested regions).
    OpBuilder builder(context);
    DenseMap<uint64_t, Value> offsets;
    builder.setInsertionPointToStart(&body);
    for (Buffer &buffer : buffers)
      if (!offsets.count(buffer.offset))
        offsets[buffer.offset] = arith::ConstantIndexOp::create(
            builder, func.getLoc(), static_cast<int64_t>(buffer.offset));
    for (Buffer &buffer : buffers) {
      builder.setInsertionPoint(buffer.alloc);
      Location loc = buffer.alloc.getLoc();
      Value view = memref::ViewOp::create(builder, loc, buffer.alloc.getType(),
                                          workspace, offsets[buffer.offset],
                                          ValueRange());
      // The arena is freed by the caller: drop what freed the buffer.
      for (Operation *user :
           llvm::make_early_inc_range(buffer.alloc->getUsers()))
        if (isa<memref::DeallocOp>(user))
          user->erase();
      buffer.alloc.replaceAllUsesWith(view);
      buffer.alloc.erase();
    }
    func->setAttr(kiln::cpu::kWorkspaceSizeAttrName,
                  builder.getI64IntegerAttr(static_cast<int64_t>(arenaSize)));
    func->setAttr(kiln::cpu::kWorkspaceAlignmentAttrName,
                  builder.getI64IntegerAttr(alignment));
  }
};

} // namespace
