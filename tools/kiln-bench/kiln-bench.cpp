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
                  [--threads T] [--json]

Runs a model compiled with `kiln-compile --emit=shared-lib` W times to warm
up, then N times timed, and reports the median and minimum latency and the
peak memory above the baseline.

  --input FILE   an input: ONNX TensorProto (.pb) or NumPy (.npy), matched
                 by name when the tensor has one, otherwise by position
  --iters N      timed runs (default 100)
  --warmup W     untimed runs first (default 10)
  --threads T    threads for the model's parallel loops (default 0: the
                 OpenMP default, OMP_NUM_THREADS)
  --json         print one JSON object instead of text

Memory: the baseline is the resident set (VmRSS) once the library is
loaded, the instance created and the input files read; the peak is the
high-water mark (VmHWM) after the runs. The high-water mark is first reset
through /proc/self/clear_refs ("5") when the system permits
(memory_method "clear_refs"); otherwise it may include peaks from before
the baseline (memory_method "hwm_since_start").

Exit codes: 0 success, 2 any error.
)";

struct Options {
  std::string library;
  std::vector<std::string> inputs;
  int64_t iterations = 100;
  int64_t warmup = 10;
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
    else if (args.take("--threads", value))
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

/// Returns the value in KiB of `field` ("VmRSS", "VmHWM") from
/// /proc/self/status, or -1 when it cannot be read.
int64_t readStatusKiB(const std::string &field) {
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

int run(const Options &options) {
  // 1. Everything that is not the model's own run memory: the library,
  //    the instance, the input files.
  ModelLibrary library(options.library);
  ModelInstance instance(library, "kiln-bench");
  std::vector<HostTensor> inputs;
  for (const std::string &path : options.inputs)
    inputs.push_back(readTensorFile(path));

  // 2. The baseline.
  bool reset = resetHighWaterMark();
  int64_t baseline = readStatusKiB("VmRSS");

  // 3. Outputs, workspace, warm-up, timed runs.
  RunBuffers buffers(library.desc(), std::move(inputs), options.inputs);
  for (int64_t i = 0; i < options.warmup; ++i)
    buffers.run(library, instance, options.threads);
  std::vector<double> times;
  times.reserve(static_cast<size_t>(options.iterations));
  for (int64_t i = 0; i < options.iterations; ++i) {
    auto begin = std::chrono::steady_clock::now();
    buffers.run(library, instance, options.threads);
    auto end = std::chrono::steady_clock::now();
    times.push_back(
        std::chrono::duration<double, std::milli>(end - begin).count());
  }
  int64_t peak = readStatusKiB("VmHWM");

  // 4. Statistics.
  std::vector<double> sorted = times;
  std::sort(sorted.begin(), sorted.end());
  size_t n = sorted.size();
  double median =
      n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  double mean = 0;
  for (double t : sorted)
    mean += t;
  mean /= static_cast<double>(n);
  bool haveMemory = baseline >= 0 && peak >= 0;
  int64_t above = haveMemory ? std::max<int64_t>(0, peak - baseline) : -1;
  const char *method = reset ? "clear_refs" : "hwm_since_start";
  const kiln_rt_model_desc_t &desc = library.desc();
  std::string name = desc.name ? desc.name : "";

  if (options.json) {
    std::cout << "{\"model\": " << jsonString(name)
              << ", \"library\": " << jsonString(options.library)
              << ", \"threads\": " << options.threads
              << ", \"iterations\": " << options.iterations
              << ", \"warmup\": " << options.warmup
              << ", \"median_ms\": " << fixed(median)
              << ", \"min_ms\": " << fixed(sorted.front())
              << ", \"mean_ms\": " << fixed(mean)
              << ", \"max_ms\": " << fixed(sorted.back());
    if (haveMemory)
      std::cout << ", \"baseline_rss_kib\": " << baseline
                << ", \"peak_rss_kib\": " << peak
                << ", \"peak_above_baseline_kib\": " << above
                << ", \"memory_method\": " << jsonString(method);
    else
      std::cout << ", \"memory_method\": \"unavailable\"";
    std::cout << "}\n";
    return kExitSuccess;
  }
  std::cout << "kiln-bench: " << library.summary() << "\n"
            << "threads " << options.threads
            << (options.threads == 0 ? " (OpenMP default)" : "") << ", "
            << options.iterations << " timed runs after " << options.warmup
            << " warm-up runs\n"
            << "latency: median " << fixed(median) << " ms, min "
            << fixed(sorted.front()) << " ms (mean " << fixed(mean)
            << " ms, max " << fixed(sorted.back()) << " ms)\n";
  if (haveMemory)
    std::cout << "peak memory above baseline: " << above
              << " KiB (baseline RSS " << baseline << " KiB, peak " << peak
              << " KiB; "
              << (reset ? "high-water mark reset at the baseline"
                        : "high-water mark could not be reset: the peak "
                          "includes anything before the baseline")
              << ")\n";
  else
    std::cout << "peak memory: unavailable (no /proc/self/status)\n";
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
