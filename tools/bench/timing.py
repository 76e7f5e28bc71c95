# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Run loops and process memory for the Python benchmark workers.

The loops follow kiln-bench's rules so that both sides of a comparison are
timed alike: W warm-up runs that stop early once they have taken a tenth of
the time limit, then N timed runs that stop early once they have taken the
time limit, at least one of each. Memory comes from /proc/self/status, as in
kiln-bench: the resident set at the baseline and the high-water mark after
the runs, the mark reset at the baseline through /proc/self/clear_refs.
"""

import statistics
import time


def time_runs(run, max_runs, limit_s):
    """Calls `run()` up to `max_runs` times, stopping once the calls have
    taken `limit_s` seconds in total (None or 0: no limit), never before
    the first. Returns each call's time in milliseconds."""
    times = []
    total_ns = 0
    limit_ns = int(limit_s * 1e9) if limit_s else 0
    for i in range(max_runs):
        if limit_ns and i > 0 and total_ns >= limit_ns:
            break
        begin = time.perf_counter_ns()
        run()
        elapsed = time.perf_counter_ns() - begin
        times.append(elapsed / 1e6)
        total_ns += elapsed
    return times


def warm_up_and_time(run, warmup, iters, limit_s):
    """kiln-bench's schedule: returns (warm-up runs made, timed runs in
    milliseconds)."""
    warm = time_runs(run, warmup, limit_s / 10 if limit_s else None)
    return len(warm), time_runs(run, iters, limit_s)


def summarize(times_ms):
    """Median, min, mean and max of `times_ms`, as kiln-bench prints them."""
    return {
        "iterations": len(times_ms),
        "median_ms": statistics.median(times_ms),
        "min_ms": min(times_ms),
        "mean_ms": statistics.fmean(times_ms),
        "max_ms": max(times_ms),
    }


def read_status_kib(field):
    """The value in KiB (or count) of `field` in /proc/self/status, or None."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def reset_high_water_mark():
    """Resets VmHWM to the current resident set; False when not permitted."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
        return True
    except OSError:
        return False


class PeakMemory:
    """The resident set's high-water mark above a baseline taken now."""

    def __init__(self):
        self.reset = reset_high_water_mark()
        self.baseline_kib = read_status_kib("VmRSS")

    def report(self):
        """The fields kiln-bench's JSON gives for memory."""
        peak = read_status_kib("VmHWM")
        if self.baseline_kib is None or peak is None:
            return {"memory_method": "unavailable"}
        return {
            "baseline_rss_kib": self.baseline_kib,
            "peak_rss_kib": peak,
            "peak_above_baseline_kib": max(0, peak - self.baseline_kib),
            "memory_method": "clear_refs" if self.reset else "hwm_since_start",
        }
