// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// ONNX Einsum as reshapes, transposes, reductions and batched matmuls:
//   1. each operand's repeated labels become its diagonal (a strided slice
//      of the two dimensions flattened), and the labels no other operand
//      and not the output use are summed away;
//   2. operands are contracted left to right: labels both keep become the
//      batch dimensions of a `kiln.matmul`, labels both have and nothing
//      later needs its contracted dimension, the others its rows and
//      columns;
//   3. the result is transposed to the output's label order.
// Ellipsis dimensions get labels of their own, aligned from the right.

#include "OnnxNode.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::kiln;

namespace {

using Results = FailureOr<SmallVector<Value>>;

/// A label: a letter's character, or 256 + i for ellipsis dimension i
/// (counted from the right).
using Label = int;

/// An operand with one label per dimension.
struct Term {
  Value value;
  SmallVector<Label> labels;
};

/// Parses one term of the equation for an operand of `rank` (or, for the
/// output, `rank = -1` and `ellipsisRank` dimensions for "...").
std::optional<SmallVector<Label>> parseTerm(StringRef text, int64_t rank,
                                            int64_t &ellipsisRank) {
  SmallVector<Label> labels;
  size_t dots = text.find("...");
  StringRef before = dots == StringRef::npos ? text : text.take_front(dots);
  StringRef after = dots == StringRef::npos ? "" : text.drop_front(dots + 3);
  for (StringRef part : {before, after})
    for (char c : part)
      if (!llvm::isAlpha(c))
        return std::nullopt;
  int64_t letters = before.size() + after.size();
  int64_t ellipsis = 0;
  if (dots != StringRef::npos) {
    ellipsis = rank < 0 ? ellipsisRank : rank - letters;
    if (ellipsis < 0)
      return std::nullopt;
    ellipsisRank = std::max(ellipsisRank, ellipsis);
  } else if (rank >= 0 && letters != rank) {
    return std::nullopt;
  }
  for (char c : before)
    labels.push_back(c);
  for (int64_t i = ellipsis - 1; i >= 0; --i)
    labels.push_back(256 + i);
  for (char c : after)
    labels.push_back(c);
  return labels;
}

/// Moves the dimensions of `term` into the order `labels` (a permutation of
/// its labels).
Term permute(OnnxNode &node, const Term &term, ArrayRef<Label> labels) {
  SmallVector<int64_t> permutation;
  for (Label label : labels)
    permutation.push_back(llvm::find(term.labels, label) - term.labels.begin());
  return {node.transpose(term.value, permutation), SmallVector<Label>(labels)};
}

/// Replaces each repeated label of `term` by the diagonal of its
/// dimensions.
Term takeDiagonals(OnnxNode &node, Term term) {
  for (size_t i = 0; i < term.labels.size() && term.value; ++i) {
    auto it = std::find(term.labels.begin() + i + 1, term.labels.end(),
                        term.labels[i]);
    if (it == term.labels.end())
      continue;
    // Move the pair last, flatten it and take every (n + 1)-th element.
    size_t j = it - term.labels.begin();
    ArrayRef<int64_t> sizes = getShape(term.value);
    if (sizes[i] != sizes[j]) {
      InFlightDiagnostic diag = node.emitError();
      if (term.labels[i] < 256)
        diag << "label '" << static_cast<char>(term.labels[i]) << "'";
      else
        diag << "ellipsis dimension " << (term.labels[i] - 256);
      diag << " repeats in one operand with sizes " << sizes[i] << " and "
           << sizes[j] << "; a diagonal needs equal sizes";
      return {Value(), {}};
    }
    SmallVector<Label> order;
    for (size_t k = 0; k < term.labels.size(); ++k)
      if (k != i && k != j)
        order.push_back(term.labels[k]);
    Label label = term.labels[i];
    // Give the second occurrence a temporary label to permute by.
    term.labels[j] = -1;
    order.append({label, -1});
    term = permute(node, term, order);
    SmallVector<int64_t> shape(getShape(term.value));
    int64_t n = shape.back();
    shape.pop_back();
    shape.back() = n * n;
    Value flat = node.reshape(term.value, shape);
    term.value = node.sliceAxis(flat, shape.size() - 1, 0, n * n, n + 1);
    term.labels.pop_back();
    i = static_cast<size_t>(-1);
  }
  return term;
}

/// Sums `term` over its labels not in `keep`.
Term sumAway(OnnxNode &node, Term term, ArrayRef<Label> keep) {
  SmallVector<int64_t> axes;
  SmallVector<Label> kept;
  for (auto [i, label] : llvm::enumerate(term.labels)) {
    if (llvm::is_contained(keep, label))
      kept.push_back(label);
    else
      axes.push_back(i);
  }
  if (axes.empty())
    return term;
  return {node.create<ReduceSumOp>(term.value, axes, /*keep_dims=*/false),
          kept};
}

/// The size of `label` in `term`.
int64_t sizeOf(const Term &term, Label label) {
  return getShape(
      term.value)[llvm::find(term.labels, label) - term.labels.begin()];
}

/// Contracts `a` and `b`, keeping the labels in `keep`.
Term contract(OnnxNode &node, Term a, Term b, ArrayRef<Label> keep) {
  SmallVector<Label> batch, contracted, left, right;
  for (Label label : a.labels) {
    bool inB = llvm::is_contained(b.labels, label);
    if (inB && llvm::is_contained(keep, label))
      batch.push_back(label);
    else if (inB)
      contracted.push_back(label);
    else
      left.push_back(label);
  }
  for (Label label : b.labels)
    if (!llvm::is_contained(a.labels, label))
      right.push_back(label);
  // A label names one dimension: its sizes must agree, except that size 1
  // broadcasts (ellipses).
  for (Label label : llvm::concat<Label>(batch, contracted)) {
    int64_t sizeA = sizeOf(a, label), sizeB = sizeOf(b, label);
    if (sizeA != sizeB && sizeA != 1 && sizeB != 1) {
      InFlightDiagnostic diag = node.emitError();
      if (label < 256)
        diag << "label '" << static_cast<char>(label) << "'";
      else
        diag << "ellipsis dimension " << (label - 256);
      diag << " has size " << sizeA << " in one operand and " << sizeB
           << " in another";
      return {Value(), {}};
    }
  }
  // Shared labels of size 1 on one side broadcast (ellipses).
  auto sizes = [&](ArrayRef<Label> labels) {
    SmallVector<int64_t> result;
    for (Label label : labels)
      result.push_back(std::max(sizeOf(a, label), sizeOf(b, label)));
    return result;
  };
  SmallVector<int64_t> batchSizes = sizes(batch);
  SmallVector<int64_t> innerSizes = sizes(contracted);
  auto arrange = [&](Term term, ArrayRef<Label> first, ArrayRef<Label> second,
                     ArrayRef<Label> third) {
    SmallVector<Label> order(first);
    order.append(second.begin(), second.end());
    order.append(third.begin(), third.end());
    term = permute(node, term, order);
    SmallVector<int64_t> full(getShape(term.value));
    for (auto [i, label] : llvm::enumerate(order)) {
      if (llvm::is_contained(batch, label))
        full[i] = batchSizes[llvm::find(batch, label) - batch.begin()];
      else if (llvm::is_contained(contracted, label))
        full[i] =
            innerSizes[llvm::find(contracted, label) - contracted.begin()];
    }
    term.value = node.expand(term.value, full);
    return term;
  };
  a = arrange(a, batch, left, contracted);
  b = arrange(b, batch, contracted, right);
  int64_t batchSize = getNumElements(batchSizes);
  int64_t inner = getNumElements(innerSizes);
  int64_t rows = getNumElements(
      ArrayRef<int64_t>(getShape(a.value)).slice(batch.size(), left.size()));
  int64_t columns =
      getNumElements(ArrayRef<int64_t>(getShape(b.value))
                         .drop_front(batch.size() + contracted.size()));
  Value product =
      node.create<MatmulOp>(node.reshape(a.value, {batchSize, rows, inner}),
                            node.reshape(b.value, {batchSize, inner, columns}));
  SmallVector<int64_t> shape(batchSizes);
  llvm::append_range(
      shape,
      ArrayRef<int64_t>(getShape(a.value)).slice(batch.size(), left.size()));
  llvm::append_range(shape, ArrayRef<int64_t>(getShape(b.value))
                                .drop_front(batch.size() + contracted.size()));
  SmallVector<Label> labels(batch);
  labels.append(left);
  labels.append(right);
  return {node.reshape(product, shape), labels};
}

Results convertEinsum(OnnxNode &node) {
  std::string equation = node.getString("equation", "");
  SmallVector<Value> inputs = node.getPresentInputs();
  if (inputs.empty() || node.hasFailed())
    return failure();
  std::string compact;
  for (char c : equation)
    if (c != ' ')
      compact.push_back(c);
  StringRef text(compact);
  auto [lhs, rhs] = text.split("->");
  bool explicitOutput = text.contains("->");
  SmallVector<StringRef> termTexts;
  lhs.split(termTexts, ',');
  auto invalid = [&]() -> Results {
    node.emitError() << "unsupported equation '" << equation << "' for "
                     << inputs.size() << " input(s)";
    return failure();
  };
  if (termTexts.size() != inputs.size())
    return invalid();
  // Parse the operands, then the output (implicit: the labels used once,
  // in alphabetical order, after the ellipsis).
  int64_t ellipsisRank = 0;
  SmallVector<Term> terms;
  for (auto [termText, input] : llvm::zip_equal(termTexts, inputs)) {
    std::optional<SmallVector<Label>> labels =
        parseTerm(termText, getShape(input).size(), ellipsisRank);
    if (!labels)
      return invalid();
    terms.push_back({input, *labels});
  }
  SmallVector<Label> output;
  if (explicitOutput) {
    std::optional<SmallVector<Label>> labels = parseTerm(rhs, -1, ellipsisRank);
    if (!labels)
      return invalid();
    output = *labels;
  } else {
    for (int64_t i = ellipsisRank - 1; i >= 0; --i)
      output.push_back(256 + i);
    for (char c = 'A'; c <= 'z'; ++c) {
      int64_t uses = 0;
      for (const Term &term : terms)
        uses += llvm::count(term.labels, c);
      if (uses == 1)
        output.push_back(c);
    }
  }
  // 1. Diagonals, and labels only one operand uses summed away.
  for (auto [i, term] : llvm::enumerate(terms)) {
    term = takeDiagonals(node, term);
    if (!term.value)
      return failure();
    SmallVector<Label> needed(output);
    for (auto [j, other] : llvm::enumerate(terms))
      if (i != j)
        needed.append(other.labels);
    term = sumAway(node, term, needed);
  }
  if (node.hasFailed())
    return failure();
  // 2. Contract left to right.
  Term result = terms.front();
  for (size_t i = 1; i < terms.size(); ++i) {
    SmallVector<Label> keep(output);
    for (size_t j = i + 1; j < terms.size(); ++j)
      keep.append(terms[j].labels);
    result = contract(node, result, terms[i], keep);
    if (!result.value)
      return failure();
  }
  result = sumAway(node, result, output);
  // 3. The output's order.
  for (Label label : output)
    if (!llvm::is_contained(result.labels, label))
      return invalid();
  return SmallVector<Value>{permute(node, result, output).value};
}

} // namespace

void mlir::kiln::populateEinsumHandlers(OnnxHandlerRegistry &registry) {
  registry.add("", "Einsum", 12, handler(convertEinsum));
}
