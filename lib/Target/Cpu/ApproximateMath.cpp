// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Polynomial approximations of the f32 functions neural networks use in
// their activations and normalizations (softmax, sigmoid, tanh, GELU, log
// softmax), so that they stay in vector registers instead of becoming one
// libm call per lane.

#include "kiln/Target/Cpu/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/StringSwitch.h"

namespace mlir::kiln::cpu {
#define GEN_PASS_DEF_APPROXIMATEMATHPASS
#include "kiln/Target/Cpu/Passes.h.inc"
} // namespace mlir::kiln::cpu

using namespace mlir;

namespace {

struct ApproximateMathPass
    : kiln::cpu::impl::ApproximateMathPassBase<ApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // The patterns match f32 only; f16 and bf16 keep the libm path rather
    // than being widened here.
    populateMathPolynomialApproximationPatterns(patterns, [](StringRef name) {
      return llvm::StringSwitch<bool>(name)
          .Cases({"math.exp", "math.expm1", "math.tanh", "math.erf", "math.log",
                  "math.log1p", "math.log2"},
                 true)
          .Default(false);
    });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
