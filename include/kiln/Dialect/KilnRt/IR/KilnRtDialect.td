// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The `kiln_rt` dialect: the runtime's C ABI as operations.

#ifndef KILN_DIALECT_KILNRT_IR_KILNRTDIALECT_TD
#define KILN_DIALECT_KILNRT_IR_KILNRTDIALECT_TD

include "mlir/IR/OpBase.td"

def KilnRt_Dialect : Dialect {
  let name = "kiln_rt";
  let cppNamespace = "::mlir::kiln::rt";
  let summary = "calls into the Kiln runtime's C ABI";
  let description = [{
    Code that is not generated but provided by the runtime (oneDNN shims,
    the parallel-for glue, CUDA launches) is reached through this dialect.
    Its ops work on buffers (`memref`) after bufferization and lower to plain
    C calls of functions whose names start with `kiln_rt_` (the runtime's
    symbol prefix, see DESIGN.md, "The artifact ABI").
  }];
}

class KilnRt_Op<string mnemonic, list<Trait> traits = []>
    : Op<KilnRt_Dialect, mnemonic, traits>;

#endif // KILN_DIALECT_KILNRT_IR_KILNRTDIALECT_TD
