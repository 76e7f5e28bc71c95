// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Parsing of `--input-shape NAME=1x3x224x224` specifications.

#include "kiln/Support/InputShape.h"

#include "llvm/ADT/StringExtras.h"

using namespace llvm;

Expected<mlir::kiln::InputShape>
mlir::kiln::parseInputShape(StringRef spec) {
  auto fail = [&](const Twine &why) {
    return createStringError(inconvertibleErrorCode(),
                             "invalid input shape '" + spec + "': " + why);
  };
  size_t eq = spec.rfind('=');
  if (eq == StringRef::npos)
    return fail("expected NAME=D0xD1x..., e.g. input=1x3x224x224");
  InputShape shape;
  shape.name = spec.take_front(eq).str();
  if (shape.name.empty())
    return fail("the input name is empty");
  StringRef dims = spec.drop_front(eq + 1);
  if (dims.empty())
    return shape; // A scalar.
  SmallVector<StringRef> parts;
  dims.split(parts, 'x', /*MaxSplit=*/-1, /*KeepEmpty=*/true);
  for (StringRef part : parts) {
    uint64_t dim;
    // getAsInteger accepts prefixes like 0x; insist on plain decimal digits.
    if (part.empty() || !llvm::all_of(part, llvm::isDigit) ||
        part.getAsInteger(10, dim))
      return fail("'" + part + "' is not a dimension (a positive integer)");
    if (dim == 0 || dim >= (uint64_t(1) << 62))
      return fail("dimension " + part + " is out of range [1, 2^62)");
    shape.dims.push_back(static_cast<int64_t>(dim));
  }
  return shape;
}
