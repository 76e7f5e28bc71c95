// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Tests kiln_rt_parallel_for: coverage of every index, contiguous chunks,
// real parallelism on libgomp, serial nested loops.

#include "kiln_rt/kiln_rt_compiled.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <vector>

// From libgomp, which the runtime links.
extern "C" int omp_in_parallel(void);

namespace {

/// Records every call: its range and the thread that ran it, and counts how
/// often each index was visited.
struct Recorder {
  std::mutex mutex;
  std::vector<std::pair<int64_t, int64_t>> ranges;
  std::set<std::thread::id> threads;
  std::vector<std::atomic<int>> visits;

  explicit Recorder(int64_t n) : visits(static_cast<size_t>(n)) {}

  static void body(void *ctx, int64_t begin, int64_t end) {
    auto *self = static_cast<Recorder *>(ctx);
    for (int64_t i = begin; i < end; ++i)
      self->visits[static_cast<size_t>(i)].fetch_add(1);
    std::lock_guard<std::mutex> lock(self->mutex);
    self->ranges.emplace_back(begin, end);
    self->threads.insert(std::this_thread::get_id());
  }
};

class ParallelFor
    : public ::testing::TestWithParam<std::tuple<int32_t, int64_t>> {};

// Every index exactly once, in contiguous non-empty chunks (an empty call
// only for n == 0), never more chunks than threads asked for.
TEST_P(ParallelFor, EveryIndexExactlyOnce) {
  auto [threads, n] = GetParam();
  Recorder recorder(n);
  ASSERT_EQ(kiln_rt_parallel_for(Recorder::body, &recorder, n, threads),
            KILN_RT_OK);
  for (int64_t i = 0; i < n; ++i)
    EXPECT_EQ(recorder.visits[static_cast<size_t>(i)].load(), 1)
        << "index " << i;
  std::vector<std::pair<int64_t, int64_t>> ranges = recorder.ranges;
  std::sort(ranges.begin(), ranges.end());
  ASSERT_FALSE(ranges.empty());
  if (n == 0) {
    ASSERT_EQ(ranges.size(), 1u);
    EXPECT_EQ(ranges[0], std::make_pair(int64_t(0), int64_t(0)));
    return;
  }
  EXPECT_EQ(ranges.front().first, 0);
  EXPECT_EQ(ranges.back().second, n);
  for (size_t i = 0; i < ranges.size(); ++i) {
    EXPECT_LT(ranges[i].first, ranges[i].second);
    if (i > 0)
      EXPECT_EQ(ranges[i - 1].second, ranges[i].first);
  }
  if (threads > 0)
    EXPECT_LE(ranges.size(), static_cast<size_t>(threads));
  if (threads == 1 || n == 1)
    EXPECT_EQ(ranges.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(
    ThreadsAndSizes, ParallelFor,
    ::testing::Combine(::testing::Values(0, 1, 2, 3, 8),
                       ::testing::Values(0, 1, 7, 1000)),
    [](const ::testing::TestParamInfo<ParallelFor::ParamType> &info) {
      return "threads" + std::to_string(std::get<0>(info.param)) + "_n" +
             std::to_string(std::get<1>(info.param));
    });

// With more than one thread asked for, more than one thread runs: the
// OpenMP region was really compiled (clang's -fopenmp=libgomp would drop
// it silently, and this test would then fail).
TEST(ParallelForThreads, RunsOnSeveralThreads) {
  Recorder recorder(1000);
  ASSERT_EQ(kiln_rt_parallel_for(Recorder::body, &recorder, 1000, 3),
            KILN_RT_OK);
  EXPECT_GT(recorder.threads.size(), 1u);
  EXPECT_EQ(recorder.ranges.size(), 3u);
}

// One thread asked for: the caller's thread runs everything, outside any
// parallel region.
TEST(ParallelForThreads, OneThreadRunsOnCaller) {
  Recorder recorder(100);
  ASSERT_EQ(kiln_rt_parallel_for(Recorder::body, &recorder, 100, 1),
            KILN_RT_OK);
  ASSERT_EQ(recorder.threads.size(), 1u);
  EXPECT_EQ(*recorder.threads.begin(), std::this_thread::get_id());
}

/// The outer loop of the nesting test: each iteration runs an inner
/// `kiln_rt_parallel_for` and records what it saw.
struct Nested {
  std::mutex mutex;
  std::set<std::thread::id> outerThreads;
  bool outerInParallel = true;
  std::vector<std::pair<int64_t, int64_t>> innerRanges;
  std::vector<bool> innerOnOuterThread;
  int innerErrors = 0;

  struct Inner {
    Nested *nested;
    std::thread::id outerThread;
  };

  static void innerBody(void *ctx, int64_t begin, int64_t end) {
    auto *inner = static_cast<Inner *>(ctx);
    std::lock_guard<std::mutex> lock(inner->nested->mutex);
    inner->nested->innerRanges.emplace_back(begin, end);
    inner->nested->innerOnOuterThread.push_back(std::this_thread::get_id() ==
                                                inner->outerThread);
  }

  static void outerBody(void *ctx, int64_t begin, int64_t end) {
    auto *self = static_cast<Nested *>(ctx);
    {
      std::lock_guard<std::mutex> lock(self->mutex);
      self->outerThreads.insert(std::this_thread::get_id());
      self->outerInParallel = self->outerInParallel && omp_in_parallel();
    }
    for (int64_t i = begin; i < end; ++i) {
      Inner inner = {self, std::this_thread::get_id()};
      if (kiln_rt_parallel_for(innerBody, &inner, 50, 4) != KILN_RT_OK) {
        std::lock_guard<std::mutex> lock(self->mutex);
        ++self->innerErrors;
      }
    }
  }
};

// A loop called from inside a parallel region runs serially: one call over
// the whole range, on the thread that reached it.
TEST(ParallelForThreads, NestedCallRunsSerially) {
  Nested nested;
  ASSERT_EQ(kiln_rt_parallel_for(Nested::outerBody, &nested, 4, 2), KILN_RT_OK);
  if (nested.outerThreads.size() < 2)
    GTEST_SKIP() << "libgomp gave the outer loop a single thread";
  EXPECT_TRUE(nested.outerInParallel);
  EXPECT_EQ(nested.innerErrors, 0);
  ASSERT_EQ(nested.innerRanges.size(), 4u);
  for (size_t i = 0; i < nested.innerRanges.size(); ++i) {
    EXPECT_EQ(nested.innerRanges[i], std::make_pair(int64_t(0), int64_t(50)));
    EXPECT_TRUE(nested.innerOnOuterThread[i]);
  }
}

// A NULL body or a negative count is an error, and nothing runs.
TEST(ParallelForThreads, InvalidArguments) {
  EXPECT_EQ(kiln_rt_parallel_for(nullptr, nullptr, 10, 2),
            KILN_RT_INVALID_ARGUMENT);
  Recorder recorder(1);
  EXPECT_EQ(kiln_rt_parallel_for(Recorder::body, &recorder, -1, 2),
            KILN_RT_INVALID_ARGUMENT);
  EXPECT_TRUE(recorder.ranges.empty());
}

// Absurd thread counts are capped instead of exhausting the process.
TEST(ParallelForThreads, HugeThreadCountIsCapped) {
  Recorder recorder(100000);
  ASSERT_EQ(kiln_rt_parallel_for(Recorder::body, &recorder, 100000, INT32_MAX),
            KILN_RT_OK);
  for (int64_t i = 0; i < 100000; ++i)
    ASSERT_EQ(recorder.visits[static_cast<size_t>(i)].load(), 1);
  EXPECT_LE(recorder.ranges.size(),
            4u * std::max(1u, std::thread::hardware_concurrency()));
}

} // namespace

//===--- Teams ------------------------------------------------------------===//

/// A team body that runs `kSteps` steps: in each, every thread adds its
/// number to its own slot of `partial`, then after a barrier thread 0 sums
/// the slots into `totals[step]`, and after another barrier every thread
/// checks the total it sees.
struct TeamSteps {
  static constexpr int kSteps = 200;
  std::mutex mutex;
  std::set<std::thread::id> threads;
  std::set<int64_t> teamSizes;
  std::vector<int64_t> partial = std::vector<int64_t>(64);
  std::vector<int64_t> totals = std::vector<int64_t>(kSteps);
  std::atomic<int> wrongTotals{0};

  static void body(void *ctx, int64_t thread, int64_t team) {
    auto *self = static_cast<TeamSteps *>(ctx);
    {
      std::lock_guard<std::mutex> lock(self->mutex);
      self->threads.insert(std::this_thread::get_id());
      self->teamSizes.insert(team);
    }
    int64_t expected = team * (team + 1) / 2;
    for (int step = 0; step < kSteps; ++step) {
      self->partial[thread] = step + thread + 1;
      kiln_rt_parallel_barrier();
      if (thread == 0) {
        int64_t sum = 0;
        for (int64_t t = 0; t < team; ++t)
          sum += self->partial[t] - step;
        self->totals[step] = sum;
      }
      kiln_rt_parallel_barrier();
      if (self->totals[step] != expected)
        ++self->wrongTotals;
      // The slots are rewritten in the next step only after every thread
      // has read this step's total.
      kiln_rt_parallel_barrier();
    }
  }
};

// Every thread of the team runs the body once, and the barriers order the
// steps: no thread reads a total before thread 0 wrote it.
TEST(ParallelTeam, BarriersOrderTheSteps) {
  for (int32_t threads : {1, 2, 3}) {
    TeamSteps steps;
    ASSERT_EQ(kiln_rt_parallel_team(TeamSteps::body, &steps, threads),
              KILN_RT_OK);
    ASSERT_EQ(steps.teamSizes.size(), 1u);
    int64_t team = *steps.teamSizes.begin();
    EXPECT_LE(team, threads);
    if (threads > 1)
      EXPECT_GT(steps.threads.size(), 1u) << "asked for " << threads;
    EXPECT_EQ(static_cast<int64_t>(steps.threads.size()), team);
    EXPECT_EQ(steps.wrongTotals.load(), 0) << "asked for " << threads;
  }
}

// From inside a parallel region a team is the calling thread alone, and
// its barriers do not wait for the outer region's other threads (which
// never reach them).
TEST(ParallelTeam, NestedTeamRunsOnCaller) {
  struct Outer {
    std::atomic<int> wrongTeams{0};
    static void team(void *ctx, int64_t thread, int64_t size) {
      if (thread != 0 || size != 1)
        ++static_cast<Outer *>(ctx)->wrongTeams;
      kiln_rt_parallel_barrier();
    }
    static void body(void *ctx, int64_t begin, int64_t end) {
      // Only the first outer thread starts a team.
      if (begin == 0)
        kiln_rt_parallel_team(team, ctx, 2);
    }
  } outer;
  ASSERT_EQ(kiln_rt_parallel_for(Outer::body, &outer, 2, 2), KILN_RT_OK);
  EXPECT_EQ(outer.wrongTeams.load(), 0);
}

TEST(ParallelTeam, NullBodyIsRefused) {
  EXPECT_EQ(kiln_rt_parallel_team(nullptr, nullptr, 2),
            KILN_RT_INVALID_ARGUMENT);
  kiln_rt_parallel_barrier(); // outside a team: returns at once
}
