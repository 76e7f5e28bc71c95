// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Kiln's version, as compiled artifacts record it.

#ifndef KILN_SUPPORT_VERSION_H
#define KILN_SUPPORT_VERSION_H

#include "llvm/ADT/StringRef.h"

namespace mlir::kiln {

/// Returns Kiln's version, "MAJOR.MINOR.PATCH" from the top-level project().
llvm::StringRef getVersion();

} // namespace mlir::kiln

#endif // KILN_SUPPORT_VERSION_H
