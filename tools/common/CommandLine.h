// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Command-line helpers shared by kiln-run and kiln-bench: flag values,
// numbers, and the exit codes.

#ifndef KILN_TOOLS_COMMON_COMMANDLINE_H
#define KILN_TOOLS_COMMON_COMMANDLINE_H

#include "Tensor.h"

#include <cstdint>
#include <string>

namespace kiln::tools {

/// Exit codes of kiln-run and kiln-bench.
enum ExitCode : int {
  kExitSuccess = 0,  ///< ran (and, with --expect, every output matched)
  kExitMismatch = 1, ///< an output differs from its reference
  kExitError = 2,    ///< usage, file, library or runtime error
};

/// Walks argv. `take` recognizes `--flag VALUE` and `--flag=VALUE`.
class ArgReader {
public:
  ArgReader(int argc, char **argv) : argc_(argc), argv_(argv) {}

  /// Moves to the next argument; false at the end.
  bool next() {
    ++index_;
    return index_ < argc_;
  }
  /// The current argument.
  std::string current() const { return argv_[index_]; }
  /// Returns true when the current argument is `flag` with a value, and
  /// stores the value (consuming the next argument for `--flag VALUE`).
  /// Throws ToolError when `flag` is given without a value.
  bool take(const std::string &flag, std::string &value);

private:
  int argc_;
  char **argv_;
  int index_ = 0;
};

/// Parses `text` as a finite, non-negative number for `flag`.
double parseNonNegativeDouble(const std::string &flag, const std::string &text);

/// Parses `text` as an integer in [min, max] for `flag`.
int64_t parseInteger(const std::string &flag, const std::string &text,
                     int64_t min, int64_t max);

} // namespace kiln::tools

#endif // KILN_TOOLS_COMMON_COMMANDLINE_H
