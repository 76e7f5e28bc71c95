// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Conversion passes between Kiln's dialects, one banner per source/target
// folder.

#ifndef KILN_CONVERSION_PASSES_TD
#define KILN_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// KilnOnnxToKiln
//===----------------------------------------------------------------------===//

def ConvertKilnOnnxToKilnPass
    : Pass<"convert-kiln-onnx-to-kiln", "ModuleOp"> {
  let summary = "give imported ONNX nodes their meaning as kiln graph ops";
  let description = [{
    The one place in Kiln that knows ONNX semantics. Every `kiln_onnx.node`
    is converted by the handler registered for its `(domain, op_type,
    since_version)`: the handler with the largest since-version not above the
    node's opset. Initializers (`kiln_onnx.constant`) become `kiln.constant`;
    omitted optional inputs (`kiln_onnx.none`) become absent operands.
    Subgraphs are converted by their node's handler (`If` inlines its taken
    branch, or selects between both); `Loop` and `Scan` are not supported.

    *Input invariant*: a module of `func.func` graphs as the importer writes
    them, after `kiln-set-input-shapes`: every function argument is a
    statically shaped tensor (the pass checks it and names the input when
    not). Node result types are the model's declarations (possibly dynamic,
    unranked or `!kiln_onnx.unknown`).

    *Output IR*: the same functions with only `kiln` ops (and `func.return`)
    on statically shaped tensors; every ONNX default is explicit, every axis
    is normalized, shape subgraphs (`Shape`, `Gather`, `Concat`, ...) are
    folded to constants. Result types are inferred, checked against the
    model's declared types, and written into the function signature.

    Errors: before converting anything, the pass lists every node it cannot
    handle (unknown operator or opset, string/sequence/optional/map/complex
    values) at the node's location, all at once; then, while converting, each
    handler reports what it does not support (an attribute value, a shape
    that is not a constant, ...), and conversion goes on with the other
    nodes so that every problem is reported in one run.

    ```mlir
    func.func @main_graph(%x: tensor<1x4xf32> {kiln_onnx.name = "x"})
        -> tensor<?x?x4xf32> {
      %axes = kiln_onnx.constant dense<0> : tensor<1xi64>
      %s = kiln_onnx.node "Softmax"(%x) {domain = "", opset = 13 : i64}
          : (tensor<1x4xf32>) -> !kiln_onnx.unknown
      %u = kiln_onnx.node "Unsqueeze"(%s, %axes) {domain = "", opset = 13 : i64}
          : (!kiln_onnx.unknown, tensor<1xi64>) -> tensor<?x?x4xf32>
      return %u : tensor<?x?x4xf32>
    }
    // becomes
    func.func @main_graph(%x: tensor<1x4xf32> {kiln_onnx.name = "x"})
        -> tensor<1x1x4xf32> {
      %s = kiln.softmax %x {axis = 1 : i64} : tensor<1x4xf32>
      %u = kiln.reshape %s : tensor<1x4xf32> to tensor<1x1x4xf32>
      return %u : tensor<1x1x4xf32>
    }
    ```
  }];
  let dependentDialects = [
    "::mlir::kiln::KilnDialect",
    "::mlir::func::FuncDialect"
  ];
}

//===----------------------------------------------------------------------===//
// KilnToLinalg
//===----------------------------------------------------------------------===//

def ConvertKilnToLinalgPass : Pass<"convert-kiln-to-linalg", "ModuleOp"> {
  let summary = "lower kiln graph ops to linalg, tensor, arith, math and scf";
  let description = [{
    The code generation path's entry: every `kiln` op becomes upstream ops on
    tensors. Named `linalg` ops where one fits (`matmul`, `batch_matmul`,
    `transpose`, `fill`, `conv_*`, `pooling_*`, `reduce`, `broadcast`),
    `linalg.generic` otherwise (elementwise ops with broadcasting as
    indexing maps, gathers, grouped convolutions, normalizations); `tensor`
    ops for data movement (`collapse_shape`/`expand_shape` for reshapes,
    `extract_slice`/`insert_slice`, `pad`); `scf.for` for LSTM's time loop
    and TopK's selection.

    *Input invariant*: a module of `func.func`s whose bodies hold `kiln` ops
    on statically shaped tensors (the output of `convert-kiln-onnx-to-kiln`
    and the graph passes). Element types are floats, signless integers
    (`i1` is bool, `iN` signed) or unsigned integers (`uiN`).

    *Output IR*: no `kiln` op is left; function signatures and all values
    use signless integer types (`uiN` becomes `iN`, and `arith` ops chosen
    from the original types carry the signedness: `divui`, `uitofp`,
    `cmpi ult`, ...); constants are `arith.constant`s; a `kiln.assert`
    becomes `kiln_rt.assert` on its condition's element. Every value is a
    tensor: the IR is ready for one-shot bufferization. The LSTM time loop
    gives its `h` and `c` their own buffers (`bufferization.alloc_tensor`)
    and yields them with `bufferization.materialize_in_destination`, so that
    bufferization keeps the loop-carried state in place whatever later
    tensor-level passes do to the step's destinations.

    Errors: an op the pass cannot lower (an element type or attribute value
    it does not handle, or an op without a lowering) is reported as
    `unsupported <op> (<why>)` at the op, for every such op at once, and the
    pass fails.

    ```mlir
    %y = kiln.relu %x : tensor<4xf32>
    // becomes
    %e = tensor.empty() : tensor<4xf32>
    %y = linalg.generic {indexing_maps = [#id, #id],
                         iterator_types = ["parallel"]}
        ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
    ^bb0(%in: f32, %out: f32):
      %zero = arith.constant 0.0 : f32
      %max = arith.maximumf %in, %zero : f32
      linalg.yield %max : f32
    } -> tensor<4xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::func::FuncDialect",
    "::mlir::kiln::rt::KilnRtDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

//===----------------------------------------------------------------------===//
// KilnRtToLLVM
//===----------------------------------------------------------------------===//

def ConvertKilnRtToLLVMPass : Pass<"convert-kiln-rt-to-llvm", "ModuleOp"> {
  let summary = "turn kiln_rt.onednn_* ops into calls of the runtime's shims";
  let description = [{
    *Input invariant:* bufferized functions; the model function
    `@<name>_main` (`<name>` from the `kiln.interface` module attribute) has
    a run context (`kiln-cpu-add-run-context`); its `kiln_rt.onednn_*` ops
    work on identity-layout buffers, their weights and bias (and a constant
    matmul `rhs`) read with `memref.get_global`.

    *Output IR:* each op gets a slot of 8 bytes in the instance's state
    (`kiln.instance_state_size` on the module) and
    - in the new `@<name>_init(%instance, %state) -> i32`, a call of
      `kiln_rt_onednn_<op>_create` with its descriptor (a private constant
      global laid out as the runtime's `kiln_rt_onednn_<op>_desc_t`), the
      node's name and the constants, storing the handle in its slot; the
      first failing status is returned;
    - in the new `@<name>_deinit(%instance, %state)`, a call of
      `kiln_rt_onednn_destroy` on the slot;
    - in `@<name>_main`, a call of `kiln_rt_onednn_<op>_run(handle, ctx,
      args)` with the handle loaded from the run context's state and the
      buffers' pointers in a stack array. The shim reports failures through
      the context.
    A module without these ops is left as it is.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::cf::ControlFlowDialect",
    "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::memref::MemRefDialect"
  ];
}

//===----------------------------------------------------------------------===//
// KilnToKilnRt
//===----------------------------------------------------------------------===//

def ConvertKilnToKilnRtPass : Pass<"convert-kiln-to-kiln-rt", "ModuleOp"> {
  let summary = "turn the kiln ops given to oneDNN into kiln_rt.onednn_* ops";
  let description = [{
    *Input invariant:* `kiln` ops on static tensors; the ones the dispatch
    (`kiln-cpu-select-library-calls`) gave to oneDNN carry
    `kiln.library_call = "onednn"`.

    *Output IR:* each marked `kiln.conv`, `kiln.matmul`, `kiln.gemm`,
    `kiln.max_pool` and `kiln.avg_pool` is a `kiln_rt.onednn_conv`,
    `kiln_rt.onednn_matmul` or `kiln_rt.onednn_pool` writing a
    `tensor.empty` (destination style, so one-shot bufferization places its
    result), with the size of its per-run scratch buffer: the layout copies
    the shim makes (a conv's activations to and from oneDNN's layout) plus
    `scratchpad-reserve` bytes for oneDNN's scratchpad. Unmarked ops are
    left for `convert-kiln-to-linalg`. A marked op that oneDNN cannot run is
    an error naming the op and why.

    ```mlir
    %y = kiln.max_pool %x {kernel_shape = array<i64: 2, 2>, ...,
                           kiln.library_call = "onednn"} : ...
    // becomes
    %init = tensor.empty() : tensor<1x8x4x4xf32>
    %y = kiln_rt.onednn_pool %x outs(%init) {kind = "max", ...}
    ```
  }];
  let options = [
    Option<"scratchpadReserve", "scratchpad-reserve", "int64_t", "4194304",
           "bytes of oneDNN scratchpad reserved in each op's scratch buffer">
  ];
  let dependentDialects = [
    "::mlir::kiln::rt::KilnRtDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

#endif // KILN_CONVERSION_PASSES_TD
