// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Registration of every Kiln dialect, pass and pipeline, for the tools and
// the Python package.

#ifndef KILN_INITALL_H
#define KILN_INITALL_H

namespace mlir {
class DialectRegistry;

namespace kiln {

/// Adds the Kiln dialects and the upstream dialects Kiln's stages use, with
/// the interface implementations they need, to `registry`.
void registerAllDialects(DialectRegistry &registry);

/// Registers every Kiln pass and pipeline with MLIR's global registry, so
/// `kiln-opt` and textual pipelines can name them.
void registerAllPasses();

} // namespace kiln
} // namespace mlir

#endif // KILN_INITALL_H
