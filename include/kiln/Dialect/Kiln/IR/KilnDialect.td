// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The `kiln` graph dialect and the base classes of its operations.

#ifndef KILN_DIALECT_KILN_IR_KILNDIALECT_TD
#define KILN_DIALECT_KILN_IR_KILNDIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/CommonTypeConstraints.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Kiln_Dialect : Dialect {
  let name = "kiln";
  let cppNamespace = "::mlir::kiln";
  let summary = "graph-level tensor operations with ONNX semantics made explicit";
  let description = [{
    The `kiln` dialect is where Kiln's graph passes work: shape inference,
    constant folding, canonicalization, fusion, layout, quantization and
    sparsity. Its ops have value semantics on statically shaped tensors and
    spell out everything ONNX leaves implicit:

    - no defaults: every attribute is present (`kiln.conv` always has its
      strides, dilations, pads and group);
    - axes are non-negative and normalized;
    - broadcasting follows NumPy's rules and is verified, and each op's
      result type is inferred from its operands and attributes (the verifier
      checks the declared result type against it);
    - shapes are static; a symbolic ONNX dimension is fixed before an op of
      this dialect exists.

    Each op's description lists its constraints as (C1), (C2), ...; verifier
    messages cite them. Several ONNX ops are spelled with more general kiln
    ops; `docs/Dialects/Kiln.md` lists these decompositions.
  }];
  let hasConstantMaterializer = 1;
  let useDefaultAttributePrinterParser = 0;
}

/// Base class of every `kiln` op.
class Kiln_Op<string mnemonic, list<Trait> traits = []>
    : Op<Kiln_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

/// Element types that ONNX tensors reaching `kiln` may carry.
def Kiln_Element : AnyTypeOf<[AnyFloat, AnyInteger, Index]>;

/// A statically shaped tensor: `kiln` has no dynamic dimensions.
def Kiln_Tensor : StaticShapeTensorOf<[Kiln_Element]>;
def Kiln_FloatTensor : StaticShapeTensorOf<[AnyFloat]>;
def Kiln_IndexTensor : StaticShapeTensorOf<[I32, I64]>;
def Kiln_BoolTensor : StaticShapeTensorOf<[I1]>;

#endif // KILN_DIALECT_KILN_IR_KILNDIALECT_TD
