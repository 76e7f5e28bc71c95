// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Tiles each linalg op for the threads (scf.forall) and for the vector
// unit (scf.for around vector-sized tiles), then vectorizes the tiles.

#include "kiln/Target/Cpu/Passes.h"
#include "kiln/Target/Cpu/VectorTiles.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Rewrite/FrozenRewritePatternSet.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/Support/Debug.h"

namespace mlir::kiln::cpu {
#define GEN_PASS_DEF_TILEANDVECTORIZEPASS
#include "kiln/Target/Cpu/Passes.h.inc"
} // namespace mlir::kiln::cpu

#define DEBUG_TYPE "kiln-cpu-tile-and-vectorize"

using namespace mlir;
using namespace mlir::kiln::cpu;

namespace {

/// Returns the smallest divisor `t` of `extent` with `extent / t <= most`.
int64_t smallestTileWithAtMost(int64_t extent, int64_t most) {
  for (int64_t t = 1; t <= extent; ++t)
    if (extent % t == 0 && extent / t <= most)
      return t;
  return extent;
}

/// Returns true when every operand is indexed by a projected permutation:
/// elementwise ops, reductions, broadcasts, transposes and contractions,
/// but not convolutions (whose windows the vectorizer does not take).
bool hasPermutationMaps(linalg::LinalgOp op) {
  return llvm::all_of(op.getIndexingMapsArray(), [](AffineMap map) {
    return map.isProjectedPermutation(/*allowZeroInResults=*/true);
  });
}

/// Returns true when the vector code for `op` would be wrong or slow:
/// booleans in memory (a byte each in Kiln's buffers, as in ONNX, but a bit
/// each in an LLVM `<N x i1>` load or store) and gathers (`tensor.extract`
/// in the body: the vectorizer would read every lane's index, including
/// those the scalar code guards against).
bool keepsScalar(linalg::LinalgOp op) {
  auto isBool = [](Type type) {
    return getElementTypeOrSelf(type).isInteger(1);
  };
  if (llvm::any_of(op->getOperandTypes(), isBool) ||
      llvm::any_of(op->getResultTypes(), isBool))
    return true;
  bool gathers = false;
  op->walk([&](tensor::ExtractOp) { gathers = true; });
  return gathers;
}

/// Returns the loop whose iterations become vector lanes: the one that
/// walks the innermost dimension of the result for contractions (so that
/// a matrix product becomes broadcasts and fused multiply-adds along the
/// rows of `B` and `C`), the last loop otherwise (elementwise ops walk
/// memory in order; reductions over the last dimension reduce vectors).
unsigned vectorLoop(linalg::LinalgOp op) {
  unsigned last = op.getNumLoops() - 1;
  if (!linalg::isaContractionOpInterface(op) || op.getNumDpsInits() != 1)
    return last;
  AffineMap result = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  if (result.getNumResults() == 0)
    return last;
  if (auto dim = dyn_cast<AffineDimExpr>(result.getResults().back()))
    return dim.getPosition();
  return last;
}

/// Returns the parallel loop that walks the rows of a contraction's result
/// (its innermost dimension with two or more iterations that the operand
/// giving the lanes, `B`, does not walk: unit dimensions, such as an
/// LSTM's batch of 1, and the panels of a packed `B` do not count), or
/// nothing.
std::optional<unsigned> rowsLoop(linalg::LinalgOp op, unsigned lanes) {
  if (!linalg::isaContractionOpInterface(op) || op.getNumDpsInits() != 1)
    return std::nullopt;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  llvm::SmallBitVector walkedByB(op.getNumLoops());
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    if (map.isFunctionOfDim(lanes))
      for (unsigned d = 0; d < op.getNumLoops(); ++d)
        if (map.isFunctionOfDim(d))
          walkedByB.set(d);
  }
  AffineMap result = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  for (AffineExpr expr : llvm::reverse(result.getResults())) {
    auto dim = dyn_cast<AffineDimExpr>(expr);
    if (!dim)
      return std::nullopt;
    unsigned d = dim.getPosition();
    if (!walkedByB.test(d) && ranges[d] >= 2 &&
        iterators[d] == utils::IteratorType::parallel)
      return d;
  }
  return std::nullopt;
}

/// Returns the loop over the panels of a packed `B`
/// (`kiln-cpu-pack-constant-operands`) of a contraction: the result's
/// dimension just outside the lanes', when `B` walks it too. Its tile
/// takes the accumulators the lanes leave over (a matrix-vector product
/// with 1000 columns: panels of 8, five of them per tile), or nothing.
std::optional<unsigned> panelsLoop(linalg::LinalgOp op, unsigned lanes) {
  if (!linalg::isaContractionOpInterface(op) || op.getNumDpsInits() != 1)
    return std::nullopt;
  AffineMap result = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  ArrayRef<AffineExpr> dims = result.getResults();
  if (dims.size() < 2 ||
      dims.back() != getAffineDimExpr(lanes, op.getContext()))
    return std::nullopt;
  auto outer = dyn_cast<AffineDimExpr>(dims[dims.size() - 2]);
  if (!outer || op.getIteratorTypesArray()[outer.getPosition()] !=
                    utils::IteratorType::parallel)
    return std::nullopt;
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    if (map.isFunctionOfDim(lanes) && map.isFunctionOfDim(outer.getPosition()))
      return outer.getPosition();
  }
  return std::nullopt;
}

/// The vector tile of `op` given its loop `ranges`: `kRowBlock` rows (where
/// they divide), the lanes, and the panels the lanes leave room for; 1 for
/// every other loop.
SmallVector<int64_t> vectorTileSizes(ArrayRef<int64_t> ranges,
                                     std::optional<unsigned> rows,
                                     unsigned lanes,
                                     std::optional<unsigned> panels,
                                     int64_t maxVectorLanes) {
  SmallVector<int64_t> sizes(ranges.size(), 1);
  // A contraction's tile is a block of rows, with as many accumulators in
  // all as one row of `maxVectorLanes` would have.
  int64_t rowBlock = rows ? largestDivisorAtMost(ranges[*rows], kRowBlock) : 1;
  if (rows)
    sizes[*rows] = rowBlock;
  int64_t budget = maxVectorLanes / rowBlock;
  sizes[lanes] = vectorTile(ranges[lanes], budget);
  if (panels)
    sizes[*panels] = largestDivisorAtMost(
        ranges[*panels], std::max<int64_t>(1, budget / sizes[lanes]));
  return sizes;
}

/// Iterations of a loop that the threads can share about evenly, whatever
/// their number (up to 8): a shorter loop is split only when no longer one
/// is parallel.
constexpr int64_t kBalancedSplit = 8;

/// Returns the chunk size for the threads' split of a loop of `range`
/// iterations into at most `maxChunks` chunks. When the loop also gives the
/// vector lanes (or a contraction's rows), chunks keep at least `lanes`
/// iterations (`kRowBlock` rows) where they can.
int64_t chunkSize(int64_t range, int64_t maxChunks, int64_t lanes) {
  int64_t size = smallestTileWithAtMost(range, maxChunks);
  if (lanes <= 1)
    return size;
  for (int64_t t = size; t <= range; ++t)
    if (range % t == 0 && t >= std::min(lanes, range))
      return t;
  return range;
}

struct TileAndVectorizePass
    : kiln::cpu::impl::TileAndVectorizePassBase<TileAndVectorizePass> {
  using Base::Base;

  /// Tiles `op` with `sizes` (0: not tiled) as `loopType` loops; returns
  /// the tiled op, or `op` when tiling fails or is not needed.
  linalg::LinalgOp tile(IRRewriter &rewriter, linalg::LinalgOp op,
                        ArrayRef<int64_t> sizes,
                        scf::SCFTilingOptions::LoopType loopType) {
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    bool tiles = false;
    for (auto [size, range] : llvm::zip_equal(sizes, ranges))
      tiles |= size != 0 && size != range;
    if (!tiles)
      return op;
    scf::SCFTilingOptions options;
    options.setLoopType(loopType);
    options.setTileSizes(getAsIndexOpFoldResult(op.getContext(), sizes));
    rewriter.setInsertionPoint(op);
    FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
        rewriter, cast<TilingInterface>(op.getOperation()), options);
    if (failed(tiled) || tiled->tiledOps.empty()) {
      LLVM_DEBUG(llvm::dbgs() << "cannot tile " << op << "\n");
      return op;
    }
    rewriter.replaceOp(op, tiled->replacements);
    auto tiledOp = dyn_cast<linalg::LinalgOp>(tiled->tiledOps.back());
    return tiledOp ? tiledOp : op;
  }

  /// Tiles and vectorizes `op`.
  void schedule(IRRewriter &rewriter, linalg::LinalgOp op) {
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
    int64_t work = 1;
    for (int64_t range : ranges)
      work *= range;
    if (ranges.empty() || work == 0)
      return;
    bool vectorizes = vectorize && hasPermutationMaps(op) && !keepsScalar(op);
    unsigned lanes = vectorLoop(op);
    std::optional<unsigned> rows = rowsLoop(op, lanes);
    std::optional<unsigned> panels = panelsLoop(op, lanes);

    // Threads: split the first parallel loop into at most `maxChunks`
    // equal chunks, so the runtime can hand each thread a contiguous,
    // balanced share; a loop other than the lanes' one when there is one
    // (a matrix-vector product has only its columns to share), and one of
    // at least `kBalancedSplit` iterations when there is one (3 attention
    // heads would run 2:1 on 2 threads; their 197 rows, 99:98). Small ops
    // stay on the calling thread.
    if (work >= minParallelWork) {
      std::optional<unsigned> split, lanesSplit;
      for (auto [d, range] : llvm::enumerate(ranges)) {
        if (iterators[d] != utils::IteratorType::parallel || range < 2)
          continue;
        if (vectorizes && d == lanes) {
          lanesSplit = d; // unless another loop follows
          continue;
        }
        if (!split ||
            (ranges[*split] < kBalancedSplit && range >= kBalancedSplit))
          split = d;
      }
      if (!split)
        split = lanesSplit;
      if (split) {
        SmallVector<int64_t> sizes(ranges.size(), 0);
        int64_t least = 1;
        if (vectorizes && *split == lanes)
          least = maxVectorLanes;
        else if (vectorizes && *split == rows)
          least = kRowBlock;
        else if (vectorizes && *split == panels)
          least = vectorTileSizes(ranges, rows, lanes, panels,
                                  maxVectorLanes)[*panels];
        sizes[*split] = chunkSize(ranges[*split], maxChunks, least);
        op = tile(rewriter, op, sizes,
                  scf::SCFTilingOptions::LoopType::ForallOp);
      }
    }

    if (auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(op.getOperation())) {
      scheduleConv(rewriter, conv);
      return;
    }

    // Vectors: one loop's iterations become the lanes; every other loop
    // runs one iteration per tile.
    if (!vectorizes)
      return;
    SmallVector<int64_t> sizes = vectorTileSizes(op.getStaticLoopRanges(), rows,
                                                 lanes, panels, maxVectorLanes);
    op = tile(rewriter, op, sizes, scf::SCFTilingOptions::LoopType::ForOp);
    if (op.getStaticLoopRanges()[lanes] < 2)
      return; // nothing to gain from one-lane vectors
    rewriter.setInsertionPoint(op);
    FailureOr<linalg::VectorizationResult> vectorized =
        linalg::vectorize(rewriter, op);
    if (failed(vectorized)) {
      LLVM_DEBUG(llvm::dbgs() << "cannot vectorize " << op << "\n");
      return;
    }
    rewriter.replaceOp(op, vectorized->replacements);
  }

  /// Tiles a 2-D convolution (loops n, f, oh, ow, c, kh, kw) to one output
  /// row and one kernel row per tile, blocks of output channels and
  /// columns, which the 1-D convolution vectorizer takes once the tile is
  /// rewritten as a `linalg.conv_1d_ncw_fcw`.
  void scheduleConv(IRRewriter &rewriter, linalg::Conv2DNchwFchwOp conv) {
    if (!vectorize)
      return;
    auto op = cast<linalg::LinalgOp>(conv.getOperation());
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    SmallVector<int64_t> sizes = {1,
                                  largestDivisorAtMost(ranges[1], 8),
                                  1,
                                  largestDivisorAtMost(ranges[3], 14),
                                  largestDivisorAtMost(ranges[4], 16),
                                  1,
                                  0};
    linalg::LinalgOp tiled =
        tile(rewriter, op, sizes, scf::SCFTilingOptions::LoopType::ForOp);
    auto tiledConv = dyn_cast<linalg::Conv2DNchwFchwOp>(tiled.getOperation());
    if (!tiledConv)
      return;
    PatternRewriter patternRewriter(tiledConv.getContext());
    patternRewriter.setInsertionPoint(tiledConv);
    linalg::DownscaleSizeOneWindowed2DConvolution<linalg::Conv2DNchwFchwOp,
                                                  linalg::Conv1DNcwFcwOp>
        downscale(tiledConv.getContext());
    FailureOr<linalg::Conv1DNcwFcwOp> conv1d =
        downscale.returningMatchAndRewrite(tiledConv, patternRewriter);
    if (failed(conv1d)) {
      LLVM_DEBUG(llvm::dbgs() << "cannot downscale " << tiledConv << "\n");
      return;
    }
    rewriter.setInsertionPoint(*conv1d);
    FailureOr<linalg::VectorizationResult> vectorized =
        linalg::vectorize(rewriter, *conv1d);
    if (failed(vectorized)) {
      LLVM_DEBUG(llvm::dbgs() << "cannot vectorize " << *conv1d << "\n");
      return;
    }
    rewriter.replaceOp(*conv1d, vectorized->replacements);
  }

  /// Canonicalization patterns: the vectorized tiles read their slices
  /// through chains of `tensor.extract_slice`, which they fold away before
  /// the accumulators can be hoisted.
  LogicalResult initialize(MLIRContext *context) override {
    RewritePatternSet patterns(context);
    for (Dialect *dialect : context->getLoadedDialects())
      dialect->getCanonicalizationPatterns(patterns);
    for (RegisteredOperationName op : context->getRegisteredOperations())
      op.getCanonicalizationPatterns(patterns, context);
    canonicalization = FrozenRewritePatternSet(std::move(patterns));
    return success();
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());

    // Ops already inside an `scf.forall` belong to a computation someone
    // already split among threads; ops in sequential loops (an LSTM's time
    // steps) are scheduled like any other.
    SmallVector<linalg::LinalgOp> ops;
    func.walk([&](linalg::LinalgOp op) {
      if (op.hasPureTensorSemantics() && !op.hasDynamicShape() &&
          isa<TilingInterface>(op.getOperation()) &&
          !op->getParentOfType<scf::ForallOp>())
        ops.push_back(op);
    });
    for (linalg::LinalgOp op : ops)
      schedule(rewriter, op);

    if (failed(applyPatternsGreedily(func, canonicalization)))
      return signalPassFailure();

    // A tile that accumulates (a matrix product's steps along k) reads and
    // writes the same part of its result in every iteration of the loops
    // around it: keep that part in registers across those loops instead.
    SmallVector<scf::ForOp> loops;
    func.walk([&](scf::ForOp loop) { loops.push_back(loop); });
    for (scf::ForOp loop : loops) {
      LoopLikeOpInterface hoisted = loop;
      for (size_t before = 0; before != hoisted.getRegionIterArgs().size();) {
        before = hoisted.getRegionIterArgs().size();
        hoisted = hoistLoopInvariantSubsets(rewriter, hoisted);
      }
    }
  }

  FrozenRewritePatternSet canonicalization;
};

} // namespace
