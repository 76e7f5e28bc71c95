// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Kiln's version.

#include "kiln/Support/Version.h"

llvm::StringRef mlir::kiln::getVersion() { return KILN_VERSION; }
