// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Passes over the `kiln` graph dialect.

#ifndef KILN_DIALECT_KILN_TRANSFORMS_PASSES_TD
#define KILN_DIALECT_KILN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// Fusion
//===----------------------------------------------------------------------===//

def FoldBatchNormPass : Pass<"kiln-fold-batch-norm", "func::FuncOp"> {
  let summary = "fold an inference batch_norm into the conv before it";
  let description = [{
    Input: `kiln` ops. A `kiln.batch_norm` whose input is a `kiln.conv`
    used by nothing else, where the conv's weight and bias (if any) and the
    four normalization parameters are constants, is computed at compile
    time into the conv: with `s = scale / sqrt(variance + epsilon)`, the
    weight of output channel `c` is multiplied by `s[c]` and the bias
    becomes `(bias - mean) * s + beta`. Output: the conv with new constant
    weight and bias; the batch_norm is gone. A batch_norm with a run-time
    parameter, or after a conv with other users, stays as it is.

    ```mlir
    %y = kiln.conv %x, %w {...} : (...) -> tensor<1x8x4x4xf32>
    %z = kiln.batch_norm %y, %scale, %beta, %mean, %var {epsilon = 1.0e-05 : f32} : (...) -> tensor<1x8x4x4xf32>
    // becomes
    %z = kiln.conv %x, %w_folded, %b_folded {...} : (...) -> tensor<1x8x4x4xf32>
    ```
  }];
  let dependentDialects = ["::mlir::kiln::KilnDialect"];
}

def FoldTransposesPass : Pass<"kiln-fold-transposes", "func::FuncOp"> {
  let summary = "fold a transpose feeding a gemm operand into its flag";
  let description = [{
    Input: `kiln` ops. A `kiln.transpose` with permutation `[1, 0]` that
    feeds operand `a` (or `b`) of a `kiln.gemm` is dropped from that
    operand, and the gemm's `trans_a` (or `trans_b`) flips: the contraction
    reads the matrix transposed instead of copying it. The transpose itself
    stays for its other users, if any (canonicalization removes it
    otherwise).

    ```mlir
    %t = kiln.transpose %w {permutation = array<i64: 1, 0>} : tensor<4x3xf32> -> tensor<3x4xf32>
    %y = kiln.gemm %x, %t {..., trans_a = false, trans_b = false} : (...) -> tensor<2x4xf32>
    // becomes
    %y = kiln.gemm %x, %w {..., trans_a = false, trans_b = true} : (...) -> tensor<2x4xf32>
    ```
  }];
  let dependentDialects = ["::mlir::kiln::KilnDialect"];
}

def FuseAttentionPass : Pass<"kiln-fuse-attention", "func::FuncOp"> {
  let summary = "fuse the attention pattern into one kiln.fused region";
  let description = [{
    Input: `kiln` ops. The scaled dot-product attention pattern

      `kiln.matmul(Q, K)` -> elementwise ops on the scores (a scale by
      `kiln.div` or `kiln.mul`, a mask by `kiln.add`, ...) ->
      `kiln.softmax` over the last axis -> `kiln.matmul(probs, V)`

    where each intermediate value has exactly one user and keeps the
    scores' type, becomes one `kiln.fused` region anchored at the first
    matmul, yielding the second matmul's result. Output: the region, whose
    inputs are `Q`, `K`, `V` and the scale and mask operands (scalar
    constants are copied into the body). The scores never need to exist
    outside the region, which a back end can then compute tile by tile.

    ```mlir
    %s = kiln.matmul %q, %k : (...) -> tensor<1x4x128x128xf32>
    %d = kiln.div %s, %scale : (...) -> tensor<1x4x128x128xf32>
    %p = kiln.softmax %d {axis = 3 : i64} : tensor<1x4x128x128xf32>
    %o = kiln.matmul %p, %v : (...) -> tensor<1x4x128x64xf32>
    // becomes
    %o = kiln.fused (%q, %k, %v) : (...) -> tensor<1x4x128x64xf32> { ... }
    ```
  }];
  let dependentDialects = ["::mlir::kiln::KilnDialect"];
}

def FuseEpiloguesPass : Pass<"kiln-fuse-epilogues", "func::FuncOp"> {
  let summary = "fuse conv/matmul/gemm with the elementwise ops after it";
  let description = [{
    Input: `kiln` ops. An anchor (`kiln.conv`, `kiln.matmul`, `kiln.gemm`)
    and the elementwise ops computed from its result, up to the first value
    that is used outside them (a bias add, an activation such as relu,
    clip, sigmoid or the erf-based GELU `x * (erf(x / c) + 1) * 0.5`, a
    residual add), become one `kiln.fused` region. An epilogue op must keep
    the anchor's result type (its other operands broadcast into it) and its
    other operands must not depend on the anchor. Every value inside the
    region except the one it yields has all its users inside: an
    intermediate that something else reads stops the fusion before it.
    Output: `kiln.fused` regions; an anchor with nothing to fuse stays as it
    is. Anchors already in a `kiln.fused` are left alone, so run this after
    `kiln-fuse-attention`.

    ```mlir
    %y = kiln.matmul %x, %w : (...) -> tensor<1x128x256xf32>
    %b = kiln.add %y, %bias : (...) -> tensor<1x128x256xf32>
    %r = kiln.relu %b : tensor<1x128x256xf32>
    // becomes
    %r = kiln.fused (%x, %w, %bias) : (...) -> tensor<1x128x256xf32> { ... }
    ```
  }];
  let dependentDialects = ["::mlir::kiln::KilnDialect"];
}

//===----------------------------------------------------------------------===//
// Interface
//===----------------------------------------------------------------------===//

def RecordInterfacePass : Pass<"kiln-record-interface", "ModuleOp"> {
  let summary = "record the model's inputs, outputs and metadata for the ABI";
  let description = [{
    Input: a module with one public function, the model's graph, whose
    arguments and results are statically shaped tensors named by
    `kiln_onnx.name` (as the importer and `convert-kiln-onnx-to-kiln` leave
    them). Output: the function is renamed `<name>_main`,
    and the module carries `kiln.interface`, a dictionary with the model
    name, its inputs and outputs (`name`, `type`) in order, and the ONNX
    metadata (`producer`, `opset`) found on the module. Inputs are marked
    `bufferization.writable = false`: the ABI hands them over read-only.

    Code generation loses what the ABI must describe (unsigned element
    types become signless, results become out-parameters); the back ends'
    ABI generation and the header emitter read this attribute instead.

    ```mlir
    // --kiln-record-interface="name=net"
    module attributes {kiln.interface = {
        name = "net", opset = 17 : i64, producer = "pytorch 2.1",
        inputs = [{name = "x", type = tensor<1x3xf32>} ],
        outputs = [{name = "y", type = tensor<1x2xf32>} ]}} {
      func.func @net_main(%x: tensor<1x3xf32> {...}) -> tensor<1x2xf32>
    }
    ```
  }];
  let options = [
    Option<"modelName", "name", "std::string", "\"model\"",
           "symbol prefix of the compiled model (a C identifier)">
  ];
}

#endif // KILN_DIALECT_KILN_TRANSFORMS_PASSES_TD
