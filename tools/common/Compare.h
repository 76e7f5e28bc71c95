// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Compares a model's output with a reference, and summarizes a tensor.

#ifndef KILN_TOOLS_COMMON_COMPARE_H
#define KILN_TOOLS_COMMON_COMPARE_H

#include "Tensor.h"

#include <string>

namespace kiln::tools {

/// ONNX's default tolerances (DESIGN.md, "Measuring").
struct Tolerance {
  double rtol = 1e-3;
  double atol = 1e-7;
};

/// What `compareTensors` found.
struct Comparison {
  /// Set when the tensors cannot be compared element by element (element
  /// type or shape differ); the rest is then meaningless.
  std::string incompatible;
  int64_t count = 0;
  int64_t mismatches = 0;
  /// The element that misses its tolerance by most (or the first NaN
  /// against a number); -1 when everything matches.
  int64_t worstIndex = -1;
  /// The largest |got - expected| over elements where both are finite.
  double maxAbsError = 0;

  bool matches() const { return incompatible.empty() && mismatches == 0; }
};

/// Compares `got` with `expected`. Floating-point elements match when
/// |got - expected| <= atol + rtol * |expected|, or both are NaN, or both
/// are the same infinity; integer and bool elements must be equal.
Comparison compareTensors(const HostTensor &got, const HostTensor &expected,
                          const Tolerance &tolerance);

/// Summary statistics of a tensor's values.
struct TensorStats {
  double min = 0;
  double max = 0;
  double mean = 0;
  int64_t nanCount = 0;
  int64_t infCount = 0;
};

/// Returns min, max and mean over the finite values of `tensor`, and how
/// many are NaN or infinite.
TensorStats summarize(const HostTensor &tensor);

} // namespace kiln::tools

#endif // KILN_TOOLS_COMMON_COMPARE_H
