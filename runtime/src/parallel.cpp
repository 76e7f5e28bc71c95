// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The parallel loop compiled code calls: an OpenMP region on GNU libgomp,
// the thread pool oneDNN uses too (DESIGN.md, "Threads").
//
// This file must be compiled by GCC with -fopenmp: clang's -fopenmp=libgomp
// links libgomp but silently ignores the pragmas, and clang's own -fopenmp
// emits `__kmpc_*` calls that only LLVM's libomp provides. runtime/
// CMakeLists.txt arranges that, and parallel_test checks that more than one
// thread runs.

#include "kiln_rt/kiln_rt_compiled.h"

#include <omp.h>

#if !defined(_OPENMP) || defined(__clang__)
#error                                                                         \
    "parallel.cpp must be compiled by GCC with -fopenmp (see runtime/CMakeLists.txt)"
#endif

namespace {

/// Never ask for more than this many threads per processor: more never
/// helps, and a thread libgomp cannot create ends the process.
constexpr int64_t kMaxThreadsPerProcessor = 4;

/// Returns how many threads to run `n` iterations on, `num_threads`
/// having been asked for (<= 0: the OpenMP default).
int64_t threadCount(int64_t n, int32_t numThreads) {
  int64_t threads = numThreads > 0 ? numThreads : omp_get_max_threads();
  // libgomp asks the kernel for the affinity mask on every call (a
  // sched_getaffinity system call, about a microsecond): ask once.
  static const int64_t processors = [] {
    int count = omp_get_num_procs();
    return static_cast<int64_t>(count < 1 ? 1 : count);
  }();
  if (threads > processors * kMaxThreadsPerProcessor)
    threads = processors * kMaxThreadsPerProcessor;
  return threads < n ? threads : n;
}

} // namespace

extern "C" kiln_rt_status_t kiln_rt_parallel_for(kiln_rt_parallel_body_t body,
                                                 void *ctx, int64_t n,
                                                 int32_t num_threads) {
  if (!body || n < 0)
    return KILN_RT_INVALID_ARGUMENT;
  // Nested loops run on the thread that reached them: the outer loop
  // already occupies the pool.
  if (n <= 1 || omp_in_parallel()) {
    body(ctx, 0, n);
    return KILN_RT_OK;
  }
  int64_t threads = threadCount(n, num_threads);
  if (threads <= 1) {
    body(ctx, 0, n);
    return KILN_RT_OK;
  }
#pragma omp parallel num_threads(static_cast<int>(threads))
  {
    // libgomp may give fewer threads than asked (OMP_THREAD_LIMIT,
    // OMP_DYNAMIC), so split by the team that actually runs: the first
    // `n % team` threads take one iteration more.
    int64_t team = omp_get_num_threads();
    int64_t thread = omp_get_thread_num();
    int64_t chunk = n / team;
    int64_t extra = n % team;
    int64_t begin = thread * chunk + (thread < extra ? thread : extra);
    int64_t end = begin + chunk + (thread < extra ? 1 : 0);
    if (begin < end)
      body(ctx, begin, end);
  }
  return KILN_RT_OK;
}
