// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The order in which the importer walks a graph's nodes: topological, with
// subgraphs' reads of outer values counted, and cycles reported.

#include "NodeOrder.h"

#include "Attributes.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"

#include "onnx/onnx_pb.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <vector>

using namespace mlir;
using namespace mlir::kiln::onnx_import;

//===----------------------------------------------------------------------===//
// FreeNames
//===----------------------------------------------------------------------===//

const llvm::StringSet<> &FreeNames::get(const ::onnx::GraphProto &graph,
                                        unsigned depth) {
  auto it = cache.find(&graph);
  if (it != cache.end())
    return *it->second;
  auto free = std::make_unique<llvm::StringSet<>>();
  // Deeper graphs are reported by `importNode`; they add no order here.
  if (depth <= kMaxNestingDepth) {
    llvm::StringSet<> defined;
    for (const ::onnx::TensorProto &initializer : graph.initializer())
      defined.insert(initializer.name());
    for (const ::onnx::ValueInfoProto &input : graph.input())
      defined.insert(input.name());
    for (const ::onnx::NodeProto &node : graph.node())
      for (const std::string &output : node.output())
        defined.insert(output);
    llvm::SmallVector<llvm::StringRef> reads;
    for (const ::onnx::NodeProto &node : graph.node())
      collectReads(node, depth, reads);
    for (const ::onnx::ValueInfoProto &output : graph.output())
      reads.push_back(output.name());
    for (llvm::StringRef name : reads)
      if (!name.empty() && !defined.contains(name))
        free->insert(name);
  }
  // The recursion above adds entries to `cache`: insert only now.
  llvm::StringSet<> &result = *free;
  cache[&graph] = std::move(free);
  return result;
}

void FreeNames::collectReads(const ::onnx::NodeProto &node, unsigned depth,
                             llvm::SmallVectorImpl<llvm::StringRef> &reads) {
  for (const std::string &input : node.input())
    if (!input.empty())
      reads.push_back(input);
  for (const ::onnx::AttributeProto &attribute : node.attribute())
    if (getAttributeType(attribute) == ::onnx::AttributeProto::GRAPH)
      for (const auto &entry : get(attribute.g(), depth + 1))
        reads.push_back(entry.getKey());
}

//===----------------------------------------------------------------------===//
// sortNodes
//===----------------------------------------------------------------------===//

llvm::SmallVector<int> mlir::kiln::onnx_import::sortNodes(
    const ::onnx::GraphProto &graph,
    llvm::function_ref<bool(llvm::StringRef)> definesLocally,
    FreeNames &freeNames, unsigned depth, ImportState &state,
    llvm::SmallVectorImpl<int> &leftOver) {
  int numNodes = graph.node_size();
  auto describe = [&](int index) {
    const ::onnx::NodeProto &node = graph.node(index);
    return "node '" + getNodeName(node, index) + "' (" + node.op_type() + ")";
  };
  auto locOf = [&](int index) {
    return state.getNameLoc(getNodeName(graph.node(index), index));
  };

  // 1. Which node produces each value; every value has one definition.
  llvm::StringMap<int> producers;
  for (int i = 0; i < numNodes; ++i) {
    for (const std::string &output : graph.node(i).output()) {
      if (output.empty())
        continue;
      if (definesLocally(output)) {
        state.emitError(locOf(i)) << describe(i) << ": output '" << output
                                  << "' redefines a graph input or initializer";
        continue;
      }
      auto [it, inserted] = producers.try_emplace(output, i);
      if (!inserted && it->second != i)
        state.emitError(locOf(i))
            << describe(i) << ": output '" << output << "' is also produced by "
            << describe(it->second);
    }
  }

  // 2. The dependency graph: an edge per value a node reads from another
  // node of this graph (subgraphs' outer reads count as reads).
  llvm::SmallVector<llvm::SmallVector<int>> predecessors(numNodes);
  llvm::SmallVector<llvm::SmallVector<int>> successors(numNodes);
  llvm::SmallVector<int> pending(numNodes, 0);
  llvm::SmallVector<llvm::StringRef> reads;
  for (int i = 0; i < numNodes; ++i) {
    reads.clear();
    freeNames.collectReads(graph.node(i), depth, reads);
    for (llvm::StringRef name : reads) {
      auto it = producers.find(name);
      if (it == producers.end())
        continue;
      predecessors[i].push_back(it->second);
      successors[it->second].push_back(i);
      ++pending[i];
    }
  }

  // 3. Kahn's algorithm, always taking the earliest-listed ready node. When
  // nodes are left that wait for each other, report one of their cycles,
  // take its nodes out (to `leftOver`) and go on, so every cycle is reported.
  llvm::SmallVector<int> order;
  order.reserve(numNodes);
  std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
  for (int i = 0; i < numNodes; ++i)
    if (pending[i] == 0)
      ready.push(i);
  llvm::SmallVector<bool> done(numNodes, false);
  int numDone = 0;
  auto finish = [&](int node) {
    done[node] = true;
    ++numDone;
  };
  auto readySuccessors = [&](int node) {
    for (int successor : successors[node])
      if (--pending[successor] == 0 && !done[successor])
        ready.push(successor);
  };
  while (numDone < numNodes) {
    while (!ready.empty()) {
      int node = ready.top();
      ready.pop();
      order.push_back(node);
      finish(node);
      readySuccessors(node);
    }
    if (numDone == numNodes)
      break;

    // 4. Every node left waits for another node left, so walking back from
    // one of them comes round to a node seen before: that node is on a
    // cycle. Report the cycle in data-flow order, from its first-listed node.
    int start = 0;
    while (done[start])
      ++start;
    llvm::DenseMap<int, int> positions;
    llvm::SmallVector<int> path;
    int node = start;
    while (!positions.count(node)) {
      positions[node] = path.size();
      path.push_back(node);
      auto it = llvm::find_if(predecessors[node], [&](int predecessor) {
        return !done[predecessor];
      });
      assert(it != predecessors[node].end() && "a waiting node has no waiting "
                                               "predecessor");
      node = *it;
    }
    llvm::SmallVector<int> cycle(path.begin() + positions[node], path.end());
    std::reverse(cycle.begin(), cycle.end());
    std::rotate(cycle.begin(), llvm::min_element(cycle), cycle.end());
    InFlightDiagnostic diag = state.emitError(locOf(cycle.front()));
    diag << describe(cycle.front()) << ": part of a cycle: ";
    for (int member : cycle)
      diag << "'" << getNodeName(graph.node(member), member) << "' -> ";
    diag << "'" << getNodeName(graph.node(cycle.front()), cycle.front()) << "'";
    // Take the whole cycle out before readying what waits for it, so none
    // of its nodes becomes ready itself.
    for (int member : cycle) {
      leftOver.push_back(member);
      finish(member);
    }
    for (int member : cycle)
      readySuccessors(member);
  }
  llvm::sort(leftOver);
  return order;
}
