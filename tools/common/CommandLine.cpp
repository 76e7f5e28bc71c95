// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Command-line helpers shared by kiln-run and kiln-bench.

#include "CommandLine.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace kiln::tools {

bool ArgReader::take(const std::string &flag, std::string &value) {
  std::string arg = current();
  if (arg == flag) {
    if (index_ + 1 >= argc_)
      throw ToolError(flag + " needs a value");
    value = argv_[++index_];
    return true;
  }
  if (arg.compare(0, flag.size() + 1, flag + "=") == 0) {
    value = arg.substr(flag.size() + 1);
    return true;
  }
  return false;
}

double parseNonNegativeDouble(const std::string &flag,
                              const std::string &text) {
  errno = 0;
  char *end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || errno != 0 || !std::isfinite(value) ||
      value < 0)
    throw ToolError(flag + " wants a non-negative number, not '" + text + "'");
  return value;
}

int64_t parseInteger(const std::string &flag, const std::string &text,
                     int64_t min, int64_t max) {
  errno = 0;
  char *end = nullptr;
  long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno != 0 || value < min || value > max)
    throw ToolError(flag + " wants an integer in [" + std::to_string(min) +
                    ", " + std::to_string(max) + "], not '" + text + "'");
  return value;
}

} // namespace kiln::tools
