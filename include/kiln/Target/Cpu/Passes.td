// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Passes of the CPU back end.

#ifndef KILN_TARGET_CPU_PASSES_TD
#define KILN_TARGET_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// Memory
//===----------------------------------------------------------------------===//

def LowerCopiesPass : Pass<"kiln-cpu-lower-copies", "func::FuncOp"> {
  let summary = "turn strided memref.copy into loops";
  let description = [{
    Input: buffers after bufferization. Output: every `memref.copy` whose
    source or target is not contiguous (a subview written by a concat, for
    example) becomes a `linalg.copy`, which lowers to loops. Contiguous
    copies stay and become a `memcpy`.

    Why: MLIR lowers a non-contiguous `memref.copy` to a call of
    `memrefCopy` from MLIR's C runner utilities, a library compiled models
    must not depend on.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def PlanMemoryPass : Pass<"kiln-cpu-plan-memory", "func::FuncOp"> {
  let summary = "place every intermediate buffer in one workspace arena";
  let description = [{
    Input: a function on buffers whose temporaries are statically shaped
    `memref.alloc`s (what one-shot bufferization and
    `buffer-results-to-out-params` leave). Output: the function takes one
    more argument, the workspace `memref<Nxi8>` (attribute
    `kiln.workspace`), and each `memref.alloc` is a `memref.view` into it at
    an offset fixed at compile time; the function's `kiln.workspace_size`
    attribute says N and `kiln.workspace_alignment` its alignment.

    Offsets come from buffer lifetimes: a buffer lives from its allocation to
    the last use of any of its aliases (views, casts, loop-carried values),
    measured in the function's top-level operations, so everything
    allocated inside a loop lives for the whole loop. Buffers are placed
    largest first at the lowest offset that no buffer with an overlapping
    lifetime occupies, each aligned to `alignment` bytes.

    Functions with no `memref.alloc` get an empty workspace (N = 0). A
    dynamically shaped allocation is an error.

    ```mlir
    %a = memref.alloc() {alignment = 64 : i64} : memref<4x8xf32>
    // becomes
    %c0 = arith.constant 0 : index
    %a = memref.view %ws[%c0][] : memref<128xi8> to memref<4x8xf32>
    ```
  }];
  let options = [
    Option<"alignment", "alignment", "unsigned", "64",
           "byte alignment of every buffer and of the workspace">
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
}

//===----------------------------------------------------------------------===//
// Run context
//===----------------------------------------------------------------------===//

def AddRunContextPass : Pass<"kiln-cpu-add-run-context", "func::FuncOp"> {
  let summary = "give the model function the run context of its `run` call";
  let description = [{
    Input: a function with a planned workspace (`kiln.workspace_size`, from
    `kiln-cpu-plan-memory`). Output: the function takes one more argument,
    an `!llvm.ptr` to the runtime's `kiln_rt_run_context_t`, marked
    `kiln.run_context`. Functions without a workspace are left alone.

    Why: `run` must stay reentrant, so what one call needs (the thread
    count, the instance's prepared state, where to report a failure) comes
    in as an argument that `run` fills on its own stack, never in globals.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def LowerAssertsPass : Pass<"kiln-cpu-lower-asserts", "ModuleOp"> {
  let summary = "turn kiln_rt.assert into a call that fails the run";
  let description = [{
    Input: functions with a run context (`kiln-cpu-add-run-context`).
    Output: each `kiln_rt.assert %cond, "message"` becomes
    `scf.if (!%cond) { kiln_rt_run_fail(ctx, KILN_RT_INVALID_ARGUMENT,
    message) }`, the message a private constant string. The computation
    goes on after a failed check: `run` returns the status once the model's
    code is done.

    An assert in a function without a run context is an error.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::scf::SCFDialect"];
}

//===----------------------------------------------------------------------===//
// ABI
//===----------------------------------------------------------------------===//

def GenerateAbiPass : Pass<"kiln-cpu-generate-abi", "ModuleOp"> {
  let summary = "generate the artifact ABI around the lowered model";
  let description = [{
    Input: an LLVM-dialect module holding `@<name>_main`, the model lowered
    with the bare-pointer calling convention (inputs, then outputs, then the
    workspace, then the run context, all `!llvm.ptr`), with
    `kiln.workspace_size` and `kiln.workspace_alignment` on it, and the
    `kiln.interface` module attribute of `kiln-record-interface`. Code that
    prepares data at create time defines `@<name>_init(instance, state) ->
    i32` and `@<name>_deinit(instance, state)` and sizes its state with the
    module attributes `kiln.instance_state_size` and
    `kiln.instance_state_alignment`.

    Output: the same module with the ABI of DESIGN.md, "The artifact ABI":
    the descriptor as read-only globals, `<name>_describe`, `<name>_create`
    (the runtime's `kiln_rt_instance_create`, then `<name>_init`; a failed
    init destroys the instance) and `<name>_destroy` (`<name>_deinit`, then
    `kiln_rt_instance_destroy`), `<name>_run` (checks its arguments with
    `kiln_rt_run_check`, fills a run context on its stack, calls
    `<name>_main` and returns the context's status), and, with
    `shared-lib-entry`, the fixed `kiln_model` entry point. Everything else
    in the module becomes internal, so several compiled models link into one
    program without clashes.
  }];
  let options = [
    Option<"targetTriple", "target-triple", "std::string", "\"\"",
           "target triple recorded in the descriptor">,
    Option<"targetCpu", "target-cpu", "std::string", "\"\"",
           "target CPU recorded in the descriptor">,
    Option<"modelHash", "model-hash", "std::string", "\"\"",
           "hex SHA-256 of the model file, recorded in the descriptor">,
    Option<"sharedLibEntry", "shared-lib-entry", "bool", "false",
           "also define the `kiln_model` entry point of shared libraries">
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // KILN_TARGET_CPU_PASSES_TD
