// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Compares a model's output with a reference, and summarizes a tensor.

#include "Compare.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace kiln::tools {

Comparison compareTensors(const HostTensor &got, const HostTensor &reference,
                          const Tolerance &tolerance) {
  Comparison result;
  // A bfloat16 reference stored as UINT16 bits compares as bfloat16.
  const HostTensor *expectedPtr = &reference;
  HostTensor reinterpreted;
  if (got.type != reference.type &&
      storesElementType(reference.type, got.type)) {
    reinterpreted.name = reference.name;
    reinterpreted.type = got.type;
    reinterpreted.shape = reference.shape;
    reinterpreted.data = AlignedBuffer(reference.data.size(), 64);
    std::memcpy(reinterpreted.data.data(), reference.data.data(),
                reference.data.size());
    expectedPtr = &reinterpreted;
  }
  const HostTensor &expected = *expectedPtr;
  if (got.type != expected.type) {
    result.incompatible =
        std::string("element type differs: the model gives ") +
        formatType(got.type, got.shape) + ", the reference is " +
        formatType(expected.type, expected.shape);
    return result;
  }
  if (got.shape != expected.shape) {
    result.incompatible =
        "shape differs: the model gives " + formatType(got.type, got.shape) +
        ", the reference is " + formatType(expected.type, expected.shape);
    return result;
  }
  result.count = got.elementCount();
  const double inf = std::numeric_limits<double>::infinity();
  double worstExcess = -inf;

  if (isFloatingPoint(got.type)) {
    for (int64_t i = 0; i < result.count; ++i) {
      double g = got.valueAsDouble(i);
      double r = expected.valueAsDouble(i);
      double excess;
      if (std::isnan(g) || std::isnan(r)) {
        if (std::isnan(g) && std::isnan(r))
          continue;
        excess = inf;
      } else if (g == r) {
        continue; // also the same infinity
      } else {
        double error = std::fabs(g - r);
        if (std::isfinite(error) && error > result.maxAbsError)
          result.maxAbsError = error;
        excess = error - (tolerance.atol + tolerance.rtol * std::fabs(r));
        if (!std::isfinite(error))
          excess = inf;
        if (excess <= 0)
          continue;
      }
      ++result.mismatches;
      if (excess > worstExcess) {
        worstExcess = excess;
        result.worstIndex = i;
      }
    }
    return result;
  }

  // Integers and bools: exact, by element bytes (bools by truth value).
  size_t size = kiln_rt_element_size(got.type);
  for (int64_t i = 0; i < result.count; ++i) {
    const unsigned char *g = got.data.data() + i * size;
    const unsigned char *r = expected.data.data() + i * size;
    bool equal = got.type == KILN_RT_BOOL ? (*g != 0) == (*r != 0)
                                          : std::memcmp(g, r, size) == 0;
    if (equal)
      continue;
    double error = std::fabs(got.valueAsDouble(i) - expected.valueAsDouble(i));
    if (error > result.maxAbsError)
      result.maxAbsError = error;
    ++result.mismatches;
    if (error > worstExcess) {
      worstExcess = error;
      result.worstIndex = i;
    }
  }
  return result;
}

TensorStats summarize(const HostTensor &tensor) {
  TensorStats stats;
  int64_t count = tensor.elementCount();
  int64_t finite = 0;
  double sum = 0;
  for (int64_t i = 0; i < count; ++i) {
    double v = tensor.valueAsDouble(i);
    if (std::isnan(v)) {
      ++stats.nanCount;
      continue;
    }
    if (std::isinf(v)) {
      ++stats.infCount;
      continue;
    }
    if (finite == 0 || v < stats.min)
      stats.min = v;
    if (finite == 0 || v > stats.max)
      stats.max = v;
    sum += v;
    ++finite;
  }
  stats.mean = finite ? sum / static_cast<double>(finite) : 0;
  return stats;
}

} // namespace kiln::tools
