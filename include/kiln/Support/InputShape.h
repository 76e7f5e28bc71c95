// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Parsing of `--input-shape NAME=1x3x224x224` specifications.

#ifndef KILN_SUPPORT_INPUTSHAPE_H
#define KILN_SUPPORT_INPUTSHAPE_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace mlir::kiln {

/// A graph input's name and the static shape the user gave it.
struct InputShape {
  std::string name;
  llvm::SmallVector<int64_t> dims;
};

/// Parses `NAME=D0xD1x...` (a scalar is `NAME=`). The name is everything up
/// to the last `=`, so input names may contain `=`. Each dimension is a
/// positive decimal integer below 2^62. Returns an error saying what is
/// wrong with `spec` otherwise.
llvm::Expected<InputShape> parseInputShape(llvm::StringRef spec);

} // namespace mlir::kiln

#endif // KILN_SUPPORT_INPUTSHAPE_H
