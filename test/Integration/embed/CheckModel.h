// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What the embedding tests' programs share: run a compiled model through its
// generated C++ class on raw float32 files and compare with a reference.

#ifndef KILN_TEST_INTEGRATION_EMBED_CHECKMODEL_H
#define KILN_TEST_INTEGRATION_EMBED_CHECKMODEL_H

#include "kiln_rt/kiln_rt.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <vector>

namespace check {

std::vector<float> readFloats(const char *path, size_t count) {
  std::ifstream in(path, std::ios::binary);
  std::vector<float> values(count);
  if (!in.read(reinterpret_cast<char *>(values.data()),
               static_cast<std::streamsize>(count * sizeof(float))))
    values.clear();
  return values;
}

/// Returns true when `got` matches `ref` within rtol 1e-3, atol 1e-4.
bool matches(const char *model, const std::vector<float> &got,
             const std::vector<float> &ref) {
  for (size_t i = 0; i < got.size(); ++i)
    if (!(std::fabs(got[i] - ref[i]) <= 1e-4 + 1e-3 * std::fabs(ref[i]))) {
      std::printf("%s: MISMATCH at %zu: got %g, expected %g\n", model, i,
                  got[i], ref[i]);
      return false;
    }
  std::printf("%s: match (%zu values)\n", model, got.size());
  return true;
}

template <typename Model>
bool runModel(const char *name, const char *inputPath, const char *refPath) {
  Model model;
  if (model.status() != KILN_RT_OK) {
    std::printf("%s: create failed: %s\n", name,
                kiln_rt_status_string(model.status()));
    return false;
  }
  std::vector<float> input = readFloats(inputPath, Model::input_size);
  std::vector<float> ref = readFloats(refPath, Model::output_size);
  if (input.empty() || ref.empty()) {
    std::printf("%s: cannot read %s or %s\n", name, inputPath, refPath);
    return false;
  }
  std::vector<float> output(Model::output_size);
  kiln_rt_status_t status = model.run(input.data(), output.data());
  if (status != KILN_RT_OK) {
    std::printf("%s: run failed: %s\n", name, kiln_rt_status_string(status));
    return false;
  }
  return matches(name, output, ref);
}

} // namespace check

#endif // KILN_TEST_INTEGRATION_EMBED_CHECKMODEL_H
