// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The dispatch of the CPU back end: for each op oneDNN can run, a oneDNN
// call or generated code, by a flag or a cost model.

#include "kiln/Conversion/KilnToKilnRt/KilnToKilnRt.h"
#include "kiln/Dialect/Kiln/IR/KilnOps.h"
#include "kiln/Target/Cpu/Passes.h"

#include "llvm/Support/Debug.h"

#include <cmath>

#define DEBUG_TYPE "kiln-cpu-select-library-calls"

namespace mlir::kiln::cpu {
#define GEN_PASS_DEF_SELECTLIBRARYCALLSPASS
#include "kiln/Target/Cpu/Passes.h.inc"
} // namespace mlir::kiln::cpu

using namespace mlir;
using namespace mlir::kiln;

namespace {

/// The cost model's estimates for one op, in nanoseconds.
struct Estimate {
  double codegenNs;
  double oneDnnNs;
};

struct SelectLibraryCallsPass
    : cpu::impl::SelectLibraryCallsPassBase<SelectLibraryCallsPass> {
  using Base::Base;

  /// The estimates for `op`. Generated code for a pooling whose input a
  /// oneDNN op writes also pays for reading and writing that input once
  /// more: oneDNN keeps activations in its own layout between its ops, and
  /// generated code needs them reordered to NCHW (conv_small's poolings
  /// between its convs: 9% faster at 2 threads, 3% at 1, given to oneDNN).
  ///
  /// A matrix-vector product streams its weights once, at the memory's
  /// speed whoever computes it, so generated code wins it by the call
  /// overhead (mlp's three at 2 threads: 87 us in oneDNN, 54 generated
  /// on packed weights).
  Estimate estimate(Operation *op, const OneDnnWork &work) const {
    double macs = static_cast<double>(work.macs);
    double codegenSpeed = work.matrixVector ? matrixVectorGmacs : codegenGmacs;
    double oneDnnSpeed = work.matrixVector ? matrixVectorGmacs : oneDnnGmacs;
    Estimate cost = {macs / codegenSpeed,
                     callOverheadNs + macs / oneDnnSpeed +
                         static_cast<double>(work.reorderBytes) / copyGbps};
    if (isa<MaxPoolOp, AvgPoolOp>(op)) {
      Value input = op->getOperand(0);
      Operation *producer = input.getDefiningOp();
      if (producer && producer->hasAttr(kLibraryCallAttrName)) {
        auto type = cast<RankedTensorType>(input.getType());
        double bytes = static_cast<double>(type.getNumElements()) *
                       type.getElementTypeBitWidth() / 8;
        cost.codegenNs += 2 * bytes / copyGbps;
      }
    }
    return cost;
  }

  void runOnOperation() override {
    if (backend != "auto" && backend != "onednn" && backend != "codegen") {
      getOperation().emitError() << "unknown backend '" << backend
                                 << "' (expected auto, onednn or codegen)";
      return signalPassFailure();
    }
    if (codegenGmacs <= 0 || oneDnnGmacs <= 0 || matrixVectorGmacs <= 0 ||
        copyGbps <= 0) {
      getOperation().emitError() << "the cost model's speeds must be positive";
      return signalPassFailure();
    }
    if (backend == "codegen")
      return;
    Builder builder(&getContext());
    // Pre-order: a region given to oneDNN whole keeps its body as it is;
    // in a region left to generated code, the anchor may still be a call.
    getOperation().walk<WalkOrder::PreOrder>([&](Operation *op) {
      OneDnnWork work;
      std::string reason;
      if (!isOneDnnCandidate(op, work, reason)) {
        if (op->getDialect() && op->getDialect()->getNamespace() == "kiln")
          LLVM_DEBUG(llvm::dbgs() << op->getName() << " at " << op->getLoc()
                                  << ": codegen, " << reason << "\n");
        return WalkResult::advance();
      }
      Estimate cost = estimate(op, work);
      bool oneDnn = backend == "onednn" || cost.oneDnnNs < cost.codegenNs;
      if (remarks)
        op->emitRemark() << (oneDnn ? "oneDNN" : "codegen")
                         << " (estimated oneDNN " << std::llround(cost.oneDnnNs)
                         << " ns, codegen " << std::llround(cost.codegenNs)
                         << " ns)";
      if (!oneDnn)
        return WalkResult::advance();
      op->setAttr(kLibraryCallAttrName,
                  builder.getStringAttr(kOneDnnLibraryCall));
      return WalkResult::skip();
    });
  }
};

} // namespace
