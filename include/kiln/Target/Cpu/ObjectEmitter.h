// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The last step of the CPU back end: an LLVM-dialect module to LLVM IR, then
// to an object file for any LLVM target, in-process.

#ifndef KILN_TARGET_CPU_OBJECTEMITTER_H
#define KILN_TARGET_CPU_OBJECTEMITTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
class TargetMachine;
class raw_pwrite_stream;
} // namespace llvm

namespace mlir::kiln::cpu {

/// Which machine the code is for.
struct TargetOptions {
  /// An LLVM target triple; empty means this machine's.
  std::string triple;
  /// An LLVM CPU name; "host" means this machine's CPU (and its features),
  /// or "generic" when `triple` names another architecture.
  std::string cpu = "host";
};

/// Returns the target machine for `options`, with the triple and CPU it
/// resolved to, or null with `error` set when LLVM does not know the
/// target.
std::unique_ptr<llvm::TargetMachine>
createTargetMachine(const TargetOptions &options, std::string &error);

/// Translates `module` (LLVM dialect) to LLVM IR for `machine` and runs
/// LLVM's O3 pipeline on it. Emits diagnostics and returns null on failure.
std::unique_ptr<llvm::Module> translateToLLVMIR(ModuleOp module,
                                                llvm::LLVMContext &context,
                                                llvm::TargetMachine &machine);

/// Writes `module` as an object file for `machine` to `os`.
LogicalResult emitObject(llvm::Module &module, llvm::TargetMachine &machine,
                         llvm::raw_pwrite_stream &os, std::string &error);

/// Writes a static library (`.a`) holding one object, `memberName`, to
/// `path`. Deterministic: no time stamps, no user ids.
LogicalResult writeStaticLibrary(StringRef objectBytes, StringRef memberName,
                                 StringRef path, std::string &error);

/// Links `objectPath` with the Kiln runtime into the shared library `path`,
/// exporting only the model's symbols, with the system's C compiler driver
/// (`linker`), and with oneDNN (`-ldnnl`) when `withOneDnn` (the model
/// calls the runtime's oneDNN shims: `callsOneDnn`). Fails with `error`
/// holding the linker's complaint.
LogicalResult linkSharedLibrary(StringRef objectPath, StringRef runtimeLibrary,
                                StringRef linker, StringRef path,
                                std::string &error, bool withOneDnn = false);

/// Returns true when the LLVM-dialect `module` calls the runtime's oneDNN
/// shims (`kiln_rt_onednn_*`), so that its link needs oneDNN.
bool callsOneDnn(Operation *module);

} // namespace mlir::kiln::cpu

#endif // KILN_TARGET_CPU_OBJECTEMITTER_H
