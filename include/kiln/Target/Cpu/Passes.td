// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Passes of the CPU back end.

#ifndef KILN_TARGET_CPU_PASSES_TD
#define KILN_TARGET_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// Dispatch
//===----------------------------------------------------------------------===//

def SelectLibraryCallsPass
    : Pass<"kiln-cpu-select-library-calls", "ModuleOp"> {
  let summary = "decide per op between a oneDNN call and generated code";
  let description = [{
    Input: `kiln` ops on static tensors. Output: the same ops; each one
    given to oneDNN carries `kiln.library_call = "onednn"`, which
    `convert-kiln-to-kiln-rt` turns into a `kiln_rt.onednn_*` op.

    Only what oneDNN 2.6 can run is a candidate (f32 conv with constant
    weights, matmul, gemm, max and average pooling; the reasons for the
    others are in `--debug-only=kiln-cpu-select-library-calls`). `backend`
    decides among the candidates:
    - `codegen`: none (the pipelines then skip the oneDNN passes entirely);
    - `onednn`: all of them;
    - `auto`: those the cost model expects to run faster in oneDNN. It
      estimates each side's time from the op's multiply-adds: generated
      code at `codegen-gmacs` GMAC/s; oneDNN at `onednn-gmacs` plus
      `call-overhead-ns` per call and the layout copies the shim makes at
      `copy-gbps` GB/s. A matrix-vector product (a left operand of one
      row) runs at `matrix-vector-gmacs` on either side: reading the
      weights bounds it. The defaults are rough single-thread figures
      measured on this project's x86-64 machines (docs/OneDNN.md).

    With `remarks`, each candidate gets a remark saying what was chosen and
    the two estimates.
  }];
  let options = [
    Option<"backend", "backend", "std::string", "\"auto\"",
           "auto, onednn or codegen">,
    Option<"codegenGmacs", "codegen-gmacs", "double", "2.0",
           "generated code's speed in the cost model (GMAC/s)">,
    Option<"oneDnnGmacs", "onednn-gmacs", "double", "30.0",
           "oneDNN's speed in the cost model (GMAC/s)">,
    Option<"matrixVectorGmacs", "matrix-vector-gmacs", "double", "12.0",
           "speed of a matrix-vector product, either side, in the cost "
           "model (GMAC/s)">,
    Option<"callOverheadNs", "call-overhead-ns", "double", "3000.0",
           "fixed cost of one oneDNN call in the cost model (ns)">,
    Option<"copyGbps", "copy-gbps", "double", "10.0",
           "speed of the shim's layout copies in the cost model (GB/s)">,
    Option<"remarks", "remarks", "bool", "false",
           "report each decision as a remark">
  ];
}

//===----------------------------------------------------------------------===//
// Loops
//===----------------------------------------------------------------------===//

def TileAndVectorizePass
    : Pass<"kiln-cpu-tile-and-vectorize", "func::FuncOp"> {
  let summary = "tile linalg ops for threads and vectors, then vectorize";
  let description = [{
    Input: linalg ops on statically shaped tensors, at the top of a
    function or in sequential loops (an LSTM's time steps), not inside an
    `scf.forall`. Output, per op:
    - when it has at least `min-parallel-work` iterations, its first
      parallel loop with at least 8 iterations (else two or more), other
      than the vector lanes' loop where there is another, is split into at
      most `max-chunks` equal chunks by an `scf.forall` (tile sizes always
      divide the loop, so every tile has the same static shape; chunks of
      the lanes' loop keep a vector's worth of iterations);
    - when every operand is indexed by a projected permutation (elementwise
      ops, reductions, transposes, contractions; not convolutions), the tile
      is tiled again by `scf.for` loops so that one loop keeps up to
      `max-vector-lanes` iterations (a power of two from 8 where one
      divides it, `vectorTile` in VectorTiles.h) and all others one, and
      that tile becomes `vector` ops. The lanes are the last loop, except
      for contractions, where they walk the result's innermost dimension,
      with blocks of up to 4 rows of it per tile, and several panels of a
      packed `B` (`kiln-cpu-pack-constant-operands`) where the lanes leave
      accumulators over;
    - a `linalg.conv_2d_nchw_fchw` is tiled to one output row and one
      kernel row (blocks of up to 8 output channels, 14 columns and 16
      input channels), rewritten as a `linalg.conv_1d_ncw_fcw` and handed
      to the 1-D convolution vectorizer.
    Ops on booleans (a byte each in Kiln's buffers, a bit each in LLVM's
    boolean vectors) and ops that gather (`tensor.extract` in the body) are
    not vectorized. Ops whose tiling or vectorization fails stay as they
    are and lower to scalar loops. Last, a part of a result that a loop
    reads and writes in every iteration (a matrix product's row of `C`
    over the steps of `k`) is hoisted out of the loop and carried in
    registers.
  }];
  let options = [
    Option<"minParallelWork", "min-parallel-work", "int64_t", "4096",
           "fewest iterations for which an op is split among threads">,
    Option<"maxChunks", "max-chunks", "int64_t", "256",
           "most chunks a parallel loop is split into">,
    Option<"maxVectorLanes", "max-vector-lanes", "int64_t", "64",
           "most iterations that become one vector">,
    Option<"vectorize", "vectorize", "bool", "true",
           "vectorize the tiles (off: tile for threads only)">
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::vector::VectorDialect"];
}

def PackConstantOperandsPass
    : Pass<"kiln-cpu-pack-constant-operands", "func::FuncOp"> {
  let summary = "cut constant matmul operands into the vector tiles' panels";
  let description = [{
    Input: `linalg.matmul` ops on static tensors, with `B[k, n]` or
    transposed `B[n, k]` (Gemm `transB`, LSTM `W` and `R`). A vector tile
    of a matrix product computes a block of `C`'s columns
    (`contractionTileColumns`, VectorTiles.h: 64 for a matrix-vector
    product, 16 for four rows and more) and reads, per step of `k`, that
    block of `B`'s row: in `B[k, n]` those blocks lie a row apart, a
    stride the prefetchers follow poorly and that can map the rows to the
    same cache sets, and `B[n, k]` it would read one element at a time.
    Output: when `B` is a constant (an `arith.constant`, or a static
    unit-stride `tensor.extract_slice` of one) that nothing else reads, it
    is replaced at compile time by panels `Bp[n / w, k, n % w]` of the
    tile's `w` columns, each read front to back as one stream (a 1024 by
    1024 matrix-vector product from L3: 150 to 80 us), and the matmul by a
    `linalg.generic` computing `C[m, n / w, n % w]` between a
    `tensor.expand_shape` and a `tensor.collapse_shape` of `C`. A constant
    with other readers is left as it is rather than stored twice; a
    `B[k, n]` of one panel is `B` as it is.
  }];
  let options = [
    Option<"maxVectorLanes", "max-vector-lanes", "int64_t", "64",
           "most iterations that become one vector (as in "
           "kiln-cpu-tile-and-vectorize)">
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def FuseElementwisePass
    : Pass<"kiln-cpu-fuse-elementwise", "func::FuncOp"> {
  let summary = "fuse chains of elementwise linalg ops, not matrix products";
  let description = [{
    Input: linalg ops on tensors. Output: each elementwise producer with a
    single reader fused into its elementwise consumer, reshapes moved out
    of the way by expanding the ops around them, and linalg ops on
    constants folded: upstream's `linalg-fuse-elementwise-ops`, except
    that no matrix product (named, or a generic contraction such as a
    packed one) takes part on either side. Fusing a ReLU into a product's
    operand, or expanding a product along the reshape of its operand (a
    Flatten before a Gemm), would make it a generic that the vector tiles
    no longer take for a contraction and whose constant operand has been
    laid out for the tiles already.
  }];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def ApproximateMathPass
    : Pass<"kiln-cpu-approximate-math", "func::FuncOp"> {
  let summary = "compute f32 exp, tanh, erf and logarithms with polynomials";
  let description = [{
    Input: `math` ops on f32 scalars and vectors. Output: `exp`, `expm1`,
    `tanh`, `erf`, `log`, `log1p` and `log2` become MLIR's polynomial
    approximations (a few ulp from the correctly rounded value, NaN and
    infinities handled), which vectorize, where LLVM would otherwise call
    libm once per lane. Other functions and other types are left to the
    math-to-LLVM and math-to-libm conversions.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def WrapParallelLoopsPass
    : Pass<"kiln-cpu-wrap-parallel-loops", "func::FuncOp"> {
  let summary = "turn the outermost scf.forall loops into kiln_rt.parallel_for";
  let description = [{
    Input: buffers, with `scf.forall` loops of constant bounds (from
    `kiln-cpu-tile-and-vectorize`). Output: each outermost `scf.forall`
    becomes a `kiln_rt.parallel_for` over its linearized iteration space,
    whose body runs its chunk with an `scf.for` and recovers each
    dimension's induction variable from the linear index. Stack buffers of
    an iteration stay scoped to it (`memref.alloca_scope`). Nested foralls
    stay inside and become sequential loops.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::kiln::rt::KilnRtDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect"];
}

def FormParallelTeamsPass
    : Pass<"kiln-cpu-form-parallel-teams", "func::FuncOp"> {
  let summary = "run a sequential loop of parallel steps on one team of "
                "threads";
  let description = [{
    Input: buffers, with `kiln_rt.parallel_for` loops (from
    `kiln-cpu-wrap-parallel-loops`). A recurrence (an LSTM's time loop) is
    an `scf.for` whose steps hold parallel loops; starting a team of
    threads for each costs about 1 us on two threads, an OpenMP barrier a
    quarter of that. Output: each outermost such `scf.for` runs inside a
    `kiln_rt.parallel_team`. Every thread runs the loop; each
    `kiln_rt.parallel_for` in its body becomes the thread's chunk of it
    (the chunks `kiln_rt_parallel_for` would give); the body's other ops
    that write memory run on thread 0 alone; ops free of memory effects run
    on every thread. A `kiln_rt.parallel_barrier` separates each step from
    the next, except between two steps that both run on thread 0 alone.

    A loop is left as it is when one of its body's parallel loops is not
    directly in the body or has more than one block, when an op of the body
    that is not free of memory effects has results or is a call (a oneDNN
    op in a team would run on one thread), or when the loop has results.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::kiln::rt::KilnRtDialect",
                           "::mlir::scf::SCFDialect"];
}

def OutlineParallelLoopsPass
    : Pass<"kiln-cpu-outline-parallel-loops", "ModuleOp"> {
  let summary = "outline kiln_rt.parallel_for and parallel_team bodies for "
                "the runtime's threads";
  let description = [{
    Input: the LLVM dialect, with `kiln_rt.parallel_for` and
    `kiln_rt.parallel_team` ops in functions that have a run context.
    Output: each body is an internal function `(captures, begin, end)` (a
    team's: `(captures, thread, team)`), and the op a call of the runtime's
    `kiln_rt_parallel_for(body, captures, count, num_threads)` or
    `kiln_rt_parallel_team(body, captures, num_threads)` with the run
    context's thread count; `kiln_rt.parallel_barrier` becomes a call of
    `kiln_rt_parallel_barrier`. Values the body uses from above travel in a
    structure on the caller's stack (constants and addresses are recomputed
    instead), so `run` stays reentrant.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

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
