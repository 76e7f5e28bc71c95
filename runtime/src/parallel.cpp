// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The parallel loops and teams compiled code calls: OpenMP regions on GNU
// libgomp, the thread pool oneDNN uses too (DESIGN.md, "Threads").
//
// This file must be compiled by GCC with -fopenmp: clang's -fopenmp=libgomp
// links libgomp but silently ignores the pragmas, and clang's own -fopenmp
// emits `__kmpc_*` calls that only LLVM's libomp provides. runtime/
// CMakeLists.txt arranges that, and parallel_test checks that more than one
// thread runs.

#include "kiln_rt/kiln_rt_compiled.h"

#include <omp.h>

#include <cstdint>

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

/// Whether the calling thread runs in a kiln_rt_parallel_team of more
/// than one thread: only there does kiln_rt_parallel_barrier wait. An
/// OpenMP barrier outside it would wait for the caller's own team.
thread_local bool inTeam = false;

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

extern "C" kiln_rt_status_t kiln_rt_parallel_team(kiln_rt_parallel_body_t body,
                                                  void *ctx,
                                                  int32_t num_threads) {
  if (!body)
    return KILN_RT_INVALID_ARGUMENT;
  int64_t threads = omp_in_parallel() ? 1 : threadCount(INT64_MAX, num_threads);
  if (threads <= 1) {
    body(ctx, 0, 1);
    return KILN_RT_OK;
  }
#pragma omp parallel num_threads(static_cast<int>(threads))
  {
    // Split by the team libgomp gave, as kiln_rt_parallel_for does.
    inTeam = omp_get_num_threads() > 1;
    body(ctx, omp_get_thread_num(), omp_get_num_threads());
    inTeam = false;
  }
  return KILN_RT_OK;
}

extern "C" void kiln_rt_parallel_barrier(void) {
  if (inTeam) {
#pragma omp barrier
  }
}
