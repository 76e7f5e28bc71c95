// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The order in which the importer walks a graph's nodes: topological, as
// ONNX requires but not every file honours, with subgraphs' reads of outer
// values counted as reads of the node that holds them.

#ifndef KILN_LIB_IMPORT_ONNX_NODEORDER_H
#define KILN_LIB_IMPORT_ONNX_NODEORDER_H

#include "ImportState.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

#include <memory>

namespace onnx {
class GraphProto;
class NodeProto;
} // namespace onnx

namespace mlir::kiln::onnx_import {

/// The names each (sub)graph reads from the graphs around it, computed once
/// per graph.
class FreeNames {
public:
  /// Returns the names `graph`, nested `depth` graphs deep, reads without
  /// defining them: node inputs and outputs of the graph and of its own
  /// subgraphs. Graphs deeper than `kMaxNestingDepth` read nothing here (the
  /// importer reports them).
  const llvm::StringSet<> &get(const ::onnx::GraphProto &graph, unsigned depth);

  /// Appends the names `node` (in a graph `depth` deep) reads: its inputs
  /// and what its GRAPH attributes read from outside.
  void collectReads(const ::onnx::NodeProto &node, unsigned depth,
                    llvm::SmallVectorImpl<llvm::StringRef> &reads);

private:
  llvm::DenseMap<const ::onnx::GraphProto *, std::unique_ptr<llvm::StringSet<>>>
      cache;
};

/// Returns the nodes of `graph` (`depth` deep) in topological order: each
/// step takes the earliest-listed node whose reads are all defined, so a
/// graph in order keeps its file order. `definesLocally` says which names the
/// graph's inputs and initializers define. Reports a value produced twice
/// or redefining an input or initializer, and each cycle (from its
/// first-listed node, in data-flow order); the nodes of cycles go to
/// `leftOver`, in file order, instead of the result.
llvm::SmallVector<int>
sortNodes(const ::onnx::GraphProto &graph,
          llvm::function_ref<bool(llvm::StringRef)> definesLocally,
          FreeNames &freeNames, unsigned depth, ImportState &state,
          llvm::SmallVectorImpl<int> &leftOver);

} // namespace mlir::kiln::onnx_import

#endif // KILN_LIB_IMPORT_ONNX_NODEORDER_H
