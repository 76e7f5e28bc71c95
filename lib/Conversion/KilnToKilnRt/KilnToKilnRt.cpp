// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The `convert-kiln-to-kiln-rt` pass: the kiln ops the dispatch gave to
// oneDNN become `kiln_rt.onednn_*` ops.

#include "kiln/Conversion/KilnToKilnRt/KilnToKilnRt.h"

#include "kiln/Conversion/Passes.h"
#include "kiln/Dialect/KilnRt/IR/KilnRtOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#define DEBUG_TYPE "convert-kiln-to-kiln-rt"

namespace mlir::kiln {
#define GEN_PASS_DEF_CONVERTKILNTOKILNRTPASS
#include "kiln/Conversion/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

struct ConvertKilnToKilnRtPass
    : kiln::impl::ConvertKilnToKilnRtPassBase<ConvertKilnToKilnRtPass> {
  using Base::Base;

  void runOnOperation() override {
    if (scratchpadReserve < 0) {
      getOperation().emitError()
          << "scratchpad-reserve must not be negative ("
          << static_cast<int64_t>(scratchpadReserve) << ")";
      return signalPassFailure();
    }
    RewritePatternSet patterns(&getContext());
    populateKilnToKilnRtConversionPatterns(patterns, scratchpadReserve);
    // Only the marked ops match, and nothing a pattern creates matches
    // again: one walk over the ops is enough.
    GreedyRewriteConfig config;
    config.setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
    if (failed(
            applyPatternsGreedily(getOperation(), std::move(patterns), config)))
      return signalPassFailure();

    keepNativeLayoutBetweenOneDnnOps(getOperation());
    useWinogradWherePossible(getOperation());

    // What is still marked could not be converted: say which and why.
    bool failed = false;
    getOperation().walk([&](Operation *op) {
      if (!op->hasAttr(kLibraryCallAttrName))
        return;
      OneDnnWork work;
      std::string reason = "not one of the ops oneDNN runs";
      isOneDnnCandidate(op, work, reason);
      op->emitError() << "cannot call oneDNN for '" << op->getName()
                      << "': " << reason;
      failed = true;
    });
    if (failed)
      signalPassFailure();
  }
};

} // namespace
