// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// kiln-run: loads a compiled model (`--emit=shared-lib`), runs it once on
// tensors from .pb/.npy files, and prints the outputs or compares them with
// references.

#include "CommandLine.h"
#include "Compare.h"
#include "Model.h"
#include "TensorFile.h"

#include <cmath>
#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

using namespace kiln::tools;

namespace {

const char kUsage[] =
    R"(usage: kiln-run LIB.so [--input FILE]... [--expect FILE]...
                [--rtol R] [--atol A] [--threads T]

Runs a model compiled with `kiln-compile --emit=shared-lib` once.

  --input FILE    an input: ONNX TensorProto (.pb) or NumPy (.npy). A tensor
                  with a name goes to the input of that name, one without
                  (every .npy) to the input at its own position.
  --expect FILE   a reference output, matched the same way. With --expect,
                  every output needs one; outputs are compared element by
                  element: |got - ref| <= atol + rtol * |ref|, NaN equals
                  NaN, integers and bools exactly.
  --rtol R        relative tolerance (default 1e-3, ONNX's)
  --atol A        absolute tolerance (default 1e-7, ONNX's)
  --threads T     threads for the model's parallel loops (default 0: the
                  OpenMP default, OMP_NUM_THREADS)

Without --expect, prints each output: name, type, shape, first values and
summary statistics.

Exit codes: 0 ran (and every output matched), 1 an output differs from its
reference, 2 any error (usage, unreadable file, bad library, input that
does not fit the model, runtime error).
)";

struct Options {
  std::string library;
  std::vector<std::string> inputs;
  std::vector<std::string> expects;
  Tolerance tolerance;
  int32_t threads = 0;
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
    if (args.take("--input", value))
      options.inputs.push_back(value);
    else if (args.take("--expect", value))
      options.expects.push_back(value);
    else if (args.take("--rtol", value))
      options.tolerance.rtol = parseNonNegativeDouble("--rtol", value);
    else if (args.take("--atol", value))
      options.tolerance.atol = parseNonNegativeDouble("--atol", value);
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

/// Reads every file of `paths`.
std::vector<HostTensor> readAll(const std::vector<std::string> &paths) {
  std::vector<HostTensor> tensors;
  for (const std::string &path : paths)
    tensors.push_back(readTensorFile(path));
  return tensors;
}

/// Prints an output: type, shape, the first values, statistics.
void printOutput(int index, const HostTensor &output) {
  constexpr int64_t kShown = 8;
  int64_t count = output.elementCount();
  std::cout << "output " << index << " '" << output.name
            << "': " << formatType(output.type, output.shape) << "\n";
  std::cout << (count > kShown ? "  first " + std::to_string(kShown) + " of " +
                                     std::to_string(count) + " values:"
                               : std::string("  values:"));
  for (int64_t i = 0; i < count && i < kShown; ++i)
    std::cout << " " << output.formatValue(i);
  std::cout << "\n";
  if (count == 0)
    return;
  TensorStats stats = summarize(output);
  char line[256];
  std::snprintf(line, sizeof(line), "  min %.9g, max %.9g, mean %.9g",
                stats.min, stats.max, stats.mean);
  std::cout << line;
  if (stats.nanCount || stats.infCount)
    std::cout << ", " << stats.nanCount << " NaN, " << stats.infCount
              << " infinite";
  std::cout << "\n";
}

/// Compares every output with its reference and prints the verdicts.
/// Returns the number of outputs that differ.
int compareOutputs(const kiln_rt_model_desc_t &desc,
                   std::vector<HostTensor> &outputs,
                   const std::vector<HostTensor> &expects,
                   const std::vector<std::string> &sources,
                   const Tolerance &tolerance) {
  std::vector<int> bound =
      matchTensors(desc.outputs, desc.num_outputs, expects, sources, "output");
  std::string missing;
  for (int32_t i = 0; i < desc.num_outputs; ++i)
    if (bound[i] < 0)
      missing += (missing.empty() ? "'" : ", '") + outputs[i].name + "'";
  if (!missing.empty())
    throw ToolError("no --expect for output " + missing +
                    "; with --expect, every output needs a reference");

  char tolerances[96];
  std::snprintf(tolerances, sizeof(tolerances), "rtol %g, atol %g",
                tolerance.rtol, tolerance.atol);
  int failed = 0;
  for (int32_t i = 0; i < desc.num_outputs; ++i) {
    const HostTensor &got = outputs[i];
    const HostTensor &expected = expects[bound[i]];
    Comparison result = compareTensors(got, expected, tolerance);
    std::string label = "output '" + got.name + "'";
    if (!result.incompatible.empty()) {
      ++failed;
      std::cout << label << ": MISMATCH: " << result.incompatible << " ("
                << sources[bound[i]] << ")\n";
      continue;
    }
    if (result.matches()) {
      char line[160];
      std::snprintf(
          line, sizeof(line), ": match (%lld elements; max abs error %.3g; %s)",
          static_cast<long long>(result.count), result.maxAbsError, tolerances);
      std::cout << label << line << "\n";
      continue;
    }
    ++failed;
    int64_t w = result.worstIndex;
    std::cout << label << ": MISMATCH in " << result.mismatches << " of "
              << result.count << " elements (" << tolerances << ")\n";
    double g = got.valueAsDouble(w), r = expected.valueAsDouble(w);
    char detail[128];
    if (isFloatingPoint(got.type))
      std::snprintf(detail, sizeof(detail), " (abs error %.3g, allowed %.3g)",
                    std::fabs(g - r),
                    tolerance.atol + tolerance.rtol * std::fabs(r));
    else
      std::snprintf(detail, sizeof(detail), " (integers compare exactly)");
    std::cout << "  worst element: index " << w << " "
              << formatIndex(got.shape, w) << ": got " << got.formatValue(w)
              << ", expected " << expected.formatValue(w) << detail << "\n";
  }
  return failed;
}

/// Runs the tool; returns its exit code. Throws ToolError on errors.
int run(const Options &options) {
  ModelLibrary library(options.library);
  std::vector<HostTensor> inputs = readAll(options.inputs);
  std::vector<HostTensor> expects = readAll(options.expects);
  ModelInstance instance(library, "kiln-run");
  RunBuffers buffers(library.desc(), std::move(inputs), options.inputs);
  buffers.run(library, instance, options.threads);

  std::cout << "kiln-run: " << library.summary() << "\n";
  std::vector<HostTensor> &outputs = buffers.outputs();
  if (options.expects.empty()) {
    for (size_t i = 0; i < outputs.size(); ++i)
      printOutput(static_cast<int>(i), outputs[i]);
    return kExitSuccess;
  }
  int failed = compareOutputs(library.desc(), outputs, expects, options.expects,
                              options.tolerance);
  if (failed == 0)
    return kExitSuccess;
  std::cout << "kiln-run: " << failed << " of " << outputs.size()
            << " outputs differ from their references\n";
  return kExitMismatch;
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
    std::cerr << "kiln-run: error: " << error.what() << "\n"
              << "run 'kiln-run --help' for usage\n";
    return kExitError;
  }
  try {
    return run(options);
  } catch (const ToolError &error) {
    std::cout.flush();
    std::cerr << "kiln-run: error: " << error.what() << "\n";
  } catch (const std::bad_alloc &) {
    std::cerr << "kiln-run: error: out of memory\n";
  } catch (const std::exception &error) {
    std::cerr << "kiln-run: error: " << error.what() << "\n";
  }
  return kExitError;
}
