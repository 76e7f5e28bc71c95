// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// kiln-bench: runs a compiled model (`--emit=shared-lib`) many times and
// reports its latency (median, min) and its peak memory above the
// process's baseline.

#include "CommandLine.h"
#include "Model.h"
#include "TensorFile.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <new>
#include <sstream>
#include <string>
#include <vector>

using namespace kiln::tools;

namespace {

const char kUsage[] =
    R"(usage: kiln-bench LIB.so [--input FILE]... [--iters N] [--warmup W]
                  [--time-limit S] [--threads T] [--json]

Runs a model compiled with `kiln-compile --emit=shared-lib` W times to warm
up, then N times timed, and reports the median and minimum latency and the
peak memory above the baseline.

  --input FILE      an input: ONNX TensorProto (.pb) or NumPy (.npy),
                    matched by name when the tensor has one, otherwise by
                    position
  --iters N         timed runs (default 100)
  --warmup W        untimed runs first (default 10)
  --time-limit S    stop the timed runs once they have taken S seconds, and
                    the warm-up once it has taken S/10 seconds; at least one
                    run of each (W >= 1) is made (default: no limit). The
                    report gives the number of runs made.
  --threads T       threads for the model's parallel loops, passed in
                    run_opts->num_threads (default 0: the OpenMP default,
                    OMP_NUM_THREADS)
  --json            print one JSON object instead of text

Memory: the baseline is the resident set (VmRSS) once the input files are
read and the library is loaded (dlopen: the runtime and the model's code),
before the instance is created; the peak is the high-water mark (VmHWM)
after the runs. The difference is what the model costs: its instance
(oneDNN primitives, packed weights), its weights as they are paged in from
the library, the outputs, the workspace and the runs. The high-water mark
is first reset through /proc/self/clear_refs ("5") when the system permits
(memory_method "clear_refs"); otherwise it may include peaks from before
the baseline (memory_method "hwm_since_start").

Threads: process_threads is the number of threads in the process after the
runs (the main thread plus the OpenMP pool the model started); more than T
means the model ran more threads than it was given.

Exit codes: 0 success, 2 any error.
)";

struct Options {
  std::string library;
  std::vector<std::string> inputs;
  int64_t iterations = 100;
  int64_t warmup = 10;
  double timeLimitSeconds = 0; ///< 0: none
  int32_t threads = 0;
  bool json = false;
};

/// Parses the command line; throws ToolError on misuse. Returns false
/// when help was asked for.
bool parseOptions(int argc, char **argv, Options &options) {
  ArgReader args(argc, argv);
  std::string value;
  while (args.next()) {
    std::string arg = args.current();
    if (arg == "-h" || arg == "--help")
      return false;
    if (arg == "--json")
      options.json = true;
    else if (args.take("--input", value))
      options.inputs.push_back(value);
    else if (args.take("--iters", value))
      options.iterations = parseInteger("--iters", value, 1, 100000000);
    else if (args.take("--warmup", value))
      options.warmup = parseInteger("--warmup", value, 0, 100000000);
    else if (args.take("--time-limit", value)) {
      options.timeLimitSeconds = parseNonNegativeDouble("--time-limit", value);
      if (options.timeLimitSeconds == 0)
        throw ToolError("--time-limit wants a positive number of seconds");
    } else if (args.take("--threads", value))
      options.threads =
          static_cast<int32_t>(parseInteger("--threads", value, 0, 4096));
    else if (arg.size() > 1 && arg[0] == '-')
      throw ToolError("unknown option '" + arg + "'");
    else if (options.library.empty())
      options.library = arg;
    else
      throw ToolError("more than one library given ('" + options.library +
                      "' and '" + arg + "')");
  }
  if (options.library.empty())
    throw ToolError("no model library given");
  return true;
}

//===--- Memory -----------------------------------------------------------===//

/// Returns the number in `field` of /proc/self/status (KiB for "VmRSS" and
/// "VmHWM", a count for "Threads"), or -1 when it cannot be read.
int64_t readStatusNumber(const std::string &field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.compare(0, field.size() + 1, field + ":") != 0)
      continue;
    std::istringstream value(line.substr(field.size() + 1));
    int64_t kib = -1;
    value >> kib;
    return kib;
  }
  return -1;
}

/// Resets the high-water mark to the current RSS; false when not
/// permitted.
bool resetHighWaterMark() {
  std::FILE *file = std::fopen("/proc/self/clear_refs", "w");
  if (!file)
    return false;
  bool written = std::fputs("5", file) >= 0;
  return std::fclose(file) == 0 && written;
}

//===--- Output -----------------------------------------------------------===//

/// Returns `text` as a JSON string literal.
std::string jsonString(const std::string &text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof(escaped), "\\u%04x", c);
      out += escaped;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

/// Returns `value` (milliseconds) with 6 significant digits.
std::string fixed(double value) {
  char text[64];
  std::snprintf(text, sizeof(text), "%.6g", value);
  return text;
}

//===--- Benchmark --------------------------------------------------------===//

using Clock = std::chrono::steady_clock;

double millisecondsSince(Clock::time_point begin) {
  return std::chrono::duration<double, std::milli>(Clock::now() - begin)
      .count();
}

/// Runs the model up to `maxRuns` times, stopping early once the runs have
/// taken `limitMs` in total (<= 0: no limit) but never before the first
/// run. Returns each run's time in milliseconds.
std::vector<double> timeRuns(RunBuffers &buffers, const ModelLibrary &library,
                             const ModelInstance &instance, int32_t threads,
                             int64_t maxRuns, double limitMs) {
  std::vector<double> times;
  times.reserve(static_cast<size_t>(std::min<int64_t>(maxRuns, 1 << 20)));
  double total = 0;
  for (int64_t i = 0; i < maxRuns; ++i) {
    if (limitMs > 0 && i > 0 && total >= limitMs)
      break;
    auto begin = Clock::now();
    buffers.run(library, instance, threads);
    times.push_back(millisecondsSince(begin));
    total += times.back();
  }
  return times;
}

/// Order statistics of the timed runs, in milliseconds.
struct Latency {
  double median = 0, min = 0, mean = 0, max = 0;
};

Latency summarize(std::vector<double> times) {
  std::sort(times.begin(), times.end());
  size_t n = times.size();
  Latency latency;
  latency.median = n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
  latency.min = times.front();
  latency.max = times.back();
  for (double t : times)
    latency.mean += t;
  latency.mean /= static_cast<double>(n);
  return latency;
}

/// What one benchmark measured.
struct Result {
  std::string name;
  std::string summary; ///< ModelLibrary::summary()
  std::string kilnVersion, targetTriple, targetCpu;
  double createMs = 0;
  int64_t warmupRuns = 0;
  int64_t timedRuns = 0;
  Latency latency;
  int64_t baselineKiB = -1, peakKiB = -1;
  bool hwmReset = false;
  int64_t processThreads = -1;
};

Result benchmark(const Options &options) {
  // 1. The caller's data, then the runtime and the model's code (dlopen):
  //    neither is what the model costs, so both come before the baseline.
  std::vector<HostTensor> inputs;
  for (const std::string &path : options.inputs)
    inputs.push_back(readTensorFile(path));
  ModelLibrary library(options.library);

  // 2. The baseline. Everything after it counts: the instance, the weights
  //    paged in, outputs, workspace and the runs themselves.
  Result result;
  result.hwmReset = resetHighWaterMark();
  result.baselineKiB = readStatusNumber("VmRSS");
  auto createBegin = Clock::now();
  ModelInstance instance(library, "kiln-bench");
  result.createMs = millisecondsSince(createBegin);
  RunBuffers buffers(library.desc(), std::move(inputs), options.inputs);

  // 3. Warm-up, then the timed runs. A slow model warms up in one run (the
  //    code is compiled ahead of time: only caches and page faults are
  //    cold), so the warm-up gets a tenth of the time limit.
  double limitMs = options.timeLimitSeconds * 1000;
  result.warmupRuns =
      static_cast<int64_t>(timeRuns(buffers, library, instance, options.threads,
                                    options.warmup, limitMs / 10)
                               .size());
  std::vector<double> times = timeRuns(
      buffers, library, instance, options.threads, options.iterations, limitMs);
  result.peakKiB = readStatusNumber("VmHWM");
  result.processThreads = readStatusNumber("Threads");
  result.timedRuns = static_cast<int64_t>(times.size());
  result.latency = summarize(std::move(times));
  const kiln_rt_model_desc_t &desc = library.desc();
  result.name = desc.name ? desc.name : "";
  result.summary = library.summary();
  auto text = [](const char *s) { return std::string(s ? s : ""); };
  result.kilnVersion = text(desc.kiln_version);
  result.targetTriple = text(desc.target_triple);
  result.targetCpu = text(desc.target_cpu);
  return result;
}

void printJson(const Options &options, const Result &result) {
  bool haveMemory = result.baselineKiB >= 0 && result.peakKiB >= 0;
  const Latency &latency = result.latency;
  std::cout << "{\"model\": " << jsonString(result.name)
            << ", \"library\": " << jsonString(options.library)
            << ", \"kiln_version\": " << jsonString(result.kilnVersion)
            << ", \"target_triple\": " << jsonString(result.targetTriple)
            << ", \"target_cpu\": " << jsonString(result.targetCpu)
            << ", \"threads\": " << options.threads
            << ", \"process_threads\": " << result.processThreads
            << ", \"iterations\": " << result.timedRuns
            << ", \"warmup\": " << result.warmupRuns
            << ", \"create_ms\": " << fixed(result.createMs)
            << ", \"median_ms\": " << fixed(latency.median)
            << ", \"min_ms\": " << fixed(latency.min)
            << ", \"mean_ms\": " << fixed(latency.mean)
            << ", \"max_ms\": " << fixed(latency.max);
  if (haveMemory)
    std::cout << ", \"baseline_rss_kib\": " << result.baselineKiB
              << ", \"peak_rss_kib\": " << result.peakKiB
              << ", \"peak_above_baseline_kib\": "
              << std::max<int64_t>(0, result.peakKiB - result.baselineKiB)
              << ", \"memory_method\": "
              << jsonString(result.hwmReset ? "clear_refs" : "hwm_since_start");
  else
    std::cout << ", \"memory_method\": \"unavailable\"";
  std::cout << "}\n";
}

void printText(const Options &options, const Result &result) {
  const Latency &latency = result.latency;
  std::cout << "kiln-bench: " << result.summary << "\n"
            << "threads " << options.threads
            << (options.threads == 0 ? " (OpenMP default)" : "") << ", "
            << result.timedRuns << " timed runs after " << result.warmupRuns
            << " warm-up runs\n"
            << "process threads after the runs: " << result.processThreads
            << "\n"
            << "create: " << fixed(result.createMs) << " ms\n"
            << "latency: median " << fixed(latency.median) << " ms, min "
            << fixed(latency.min) << " ms (mean " << fixed(latency.mean)
            << " ms, max " << fixed(latency.max) << " ms)\n";
  if (result.baselineKiB < 0 || result.peakKiB < 0) {
    std::cout << "peak memory: unavailable (no /proc/self/status)\n";
    return;
  }
  std::cout << "peak memory above baseline: "
            << std::max<int64_t>(0, result.peakKiB - result.baselineKiB)
            << " KiB (baseline RSS " << result.baselineKiB << " KiB, peak "
            << result.peakKiB << " KiB; "
            << (result.hwmReset ? "high-water mark reset at the baseline"
                                : "high-water mark could not be reset: the "
                                  "peak includes anything before the baseline")
            << ")\n";
}

int run(const Options &options) {
  Result result = benchmark(options);
  if (options.json)
    printJson(options, result);
  else
    printText(options, result);
  return kExitSuccess;
}

} // namespace

int main(int argc, char **argv) {
  Options options;
  try {
    if (!parseOptions(argc, argv, options)) {
      std::cout << kUsage;
      return kExitSuccess;
    }
  } catch (const ToolError &error) {
    std::cerr << "kiln-bench: error: " << error.what() << "\n"
              << "run 'kiln-bench --help' for usage\n";
    return kExitError;
  }
  try {
    return run(options);
  } catch (const ToolError &error) {
    std::cerr << "kiln-bench: error: " << error.what() << "\n";
  } catch (const std::bad_alloc &) {
    std::cerr << "kiln-bench: error: out of memory\n";
  } catch (const std::exception &error) {
    std::cerr << "kiln-bench: error: " << error.what() << "\n";
  }
  return kExitError;
}
