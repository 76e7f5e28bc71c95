// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// One instance of a compiled model (conv_small), run from 8 threads at once,
// each thread with its own workspace and its own input, gives bit for bit
// what one thread alone gives (DESIGN.md: a compiled model is reentrant).
//   embed_threads INPUT.bin REF.bin
// INPUT is the reference input and REF ONNX Runtime's output for it, as raw
// little-endian float32; thread k runs the input scaled by (1 + k / 8), so
// that threads that shared a workspace would write different values.

#include "conv_small.h"

#include "CheckModel.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

namespace {

using Model = kiln::models::conv_small;
constexpr int kThreads = 8;
constexpr int kRunsPerThread = 50;

struct FreeDeleter {
  void operator()(void *p) const { std::free(p); }
};
using Workspace = std::unique_ptr<unsigned char, FreeDeleter>;

/// A workspace of its own for one caller, filled with garbage so that a run
/// that reads what it did not write shows.
Workspace makeWorkspace() {
  size_t alignment = Model::workspace_alignment() ? Model::workspace_alignment()
                                                  : alignof(std::max_align_t);
  size_t size =
      (Model::workspace_size() + alignment - 1) / alignment * alignment;
  Workspace workspace(
      static_cast<unsigned char *>(std::aligned_alloc(alignment, size)));
  if (workspace)
    std::memset(workspace.get(), 0xAB, size);
  return workspace;
}

/// Output buffers aligned as the descriptor asks (64 bytes covers it).
struct alignas(64) Output {
  float values[Model::output_size];
};
struct alignas(64) Input {
  float values[Model::input_size];
};

} // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: embed_threads INPUT REF\n");
    return 2;
  }
  std::vector<float> reference = check::readFloats(argv[1], Model::input_size);
  std::vector<float> expected0 = check::readFloats(argv[2], Model::output_size);
  if (reference.empty() || expected0.empty()) {
    std::printf("cannot read %s or %s\n", argv[1], argv[2]);
    return 2;
  }
  Model model;
  if (model.status() != KILN_RT_OK) {
    std::printf("create failed: %s\n", kiln_rt_status_string(model.status()));
    return 1;
  }
  // Without a workspace there would be nothing for the threads to share.
  if (Model::workspace_size() == 0) {
    std::printf("conv_small has no workspace; the test would prove nothing\n");
    return 1;
  }

  std::vector<Input> inputs(kThreads);
  for (int k = 0; k < kThreads; ++k)
    for (size_t i = 0; i < Model::input_size; ++i)
      inputs[k].values[i] = reference[i] * (1.0f + k / 8.0f);

  // Single-thread results: one call at a time, one OpenMP thread.
  kiln_rt_run_options_t oneThread = {1, nullptr, nullptr};
  std::vector<Output> expected(kThreads);
  Workspace workspace = makeWorkspace();
  for (int k = 0; k < kThreads; ++k) {
    kiln_rt_status_t status = model.run(inputs[k].values, expected[k].values,
                                        workspace.get(), &oneThread);
    if (status != KILN_RT_OK) {
      std::printf("single-thread run %d failed: %s\n", k,
                  kiln_rt_status_string(status));
      return 1;
    }
  }
  std::vector<float> got0(expected[0].values,
                          expected[0].values + Model::output_size);
  if (!check::matches("conv_small (single thread)", got0, expected0))
    return 1;

  // All threads start together and run the one instance at once.
  std::atomic<int> ready{0};
  std::atomic<int> mismatches{0}, failures{0};
  std::vector<std::thread> threads;
  for (int k = 0; k < kThreads; ++k)
    threads.emplace_back([&, k] {
      Workspace own = makeWorkspace();
      Output output;
      ready.fetch_add(1);
      while (ready.load() < kThreads)
        std::this_thread::yield();
      for (int run = 0; run < kRunsPerThread; ++run) {
        std::memset(output.values, 0, sizeof(output.values));
        const Model &shared = model;
        if (shared.run(inputs[k].values, output.values, own.get()) !=
            KILN_RT_OK) {
          failures.fetch_add(1);
          return;
        }
        if (std::memcmp(output.values, expected[k].values,
                        sizeof(output.values)) != 0)
          mismatches.fetch_add(1);
      }
    });
  for (std::thread &thread : threads)
    thread.join();

  std::printf("%d threads x %d runs on one instance: %d failed, %d differ "
              "from the single-thread result\n",
              kThreads, kRunsPerThread, failures.load(), mismatches.load());
  return failures.load() == 0 && mismatches.load() == 0 ? 0 : 1;
}
