// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Elementwise `kiln` ops: unary math, broadcasting binary ops, comparisons,
// selection, casts and clipping.

#ifndef KILN_DIALECT_KILN_IR_KILNELEMENTWISEOPS_TD
#define KILN_DIALECT_KILN_IR_KILNELEMENTWISEOPS_TD

include "kiln/Dialect/Kiln/IR/KilnDialect.td"

//===----------------------------------------------------------------------===//
// Unary ops
//===----------------------------------------------------------------------===//

/// `result[i] = f(input[i])`; same shape and element type.
class Kiln_UnaryOp<string mnemonic, Type operandType, string formula>
    : Kiln_Op<mnemonic, [Pure, Elementwise, SameOperandsAndResultType]> {
  let summary = "elementwise " # formula;
  let description = [{
    Computes `result[i] = }] # formula # [{` for every element.

    ```mlir
    %y = kiln.}] # mnemonic # [{ %x : tensor<2x3xf32>
    ```
  }];
  let arguments = (ins operandType:$input);
  let results = (outs operandType:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def Kiln_AbsOp : Kiln_UnaryOp<"abs", Kiln_Tensor, "|input[i]|">;
def Kiln_CeilOp : Kiln_UnaryOp<"ceil", Kiln_FloatTensor, "ceil(input[i])">;
def Kiln_CosOp : Kiln_UnaryOp<"cos", Kiln_FloatTensor, "cos(input[i])">;
def Kiln_ErfOp : Kiln_UnaryOp<"erf", Kiln_FloatTensor, "erf(input[i])">;
def Kiln_ExpOp : Kiln_UnaryOp<"exp", Kiln_FloatTensor, "exp(input[i])">;
def Kiln_FloorOp : Kiln_UnaryOp<"floor", Kiln_FloatTensor, "floor(input[i])">;
def Kiln_LogOp : Kiln_UnaryOp<"log", Kiln_FloatTensor, "log(input[i])">;
def Kiln_NegOp : Kiln_UnaryOp<"neg", Kiln_Tensor, "-input[i]">;
def Kiln_NotOp : Kiln_UnaryOp<"not", Kiln_BoolTensor, "!input[i]">;
def Kiln_ReciprocalOp
    : Kiln_UnaryOp<"reciprocal", Kiln_FloatTensor, "1 / input[i]">;
def Kiln_ReluOp : Kiln_UnaryOp<"relu", Kiln_Tensor, "max(input[i], 0)">;
def Kiln_RoundOp : Kiln_UnaryOp<"round", Kiln_FloatTensor,
                                "input[i] rounded half to even">;
def Kiln_SigmoidOp
    : Kiln_UnaryOp<"sigmoid", Kiln_FloatTensor, "1 / (1 + exp(-input[i]))">;
def Kiln_SignOp : Kiln_UnaryOp<"sign", Kiln_Tensor, "sign(input[i])">;
def Kiln_SinOp : Kiln_UnaryOp<"sin", Kiln_FloatTensor, "sin(input[i])">;
def Kiln_SqrtOp : Kiln_UnaryOp<"sqrt", Kiln_FloatTensor, "sqrt(input[i])">;
def Kiln_TanhOp : Kiln_UnaryOp<"tanh", Kiln_FloatTensor, "tanh(input[i])">;

//===----------------------------------------------------------------------===//
// Broadcasting binary ops
//===----------------------------------------------------------------------===//

/// `result = f(lhs, rhs)` with NumPy (ONNX multidirectional) broadcasting.
/// The result type is inferred: the broadcast shape, with the operands'
/// element type, or `i1` for comparisons.
class Kiln_BinaryOp<string mnemonic, Type operandType, Type resultType,
                    string formula, list<Trait> traits = []>
    : Kiln_Op<mnemonic, traits # [Pure, InferTypeOpAdaptor,
                                  SameOperandsElementType]> {
  let summary = "elementwise " # formula # " with broadcasting";
  let description = [{
    Computes `result[i] = }] # formula # [{` after broadcasting `lhs` and
    `rhs` to a common shape with NumPy's rules.

    Constraints:
    (C1) `lhs` and `rhs` have the same element type.
    (C2) aligned from the last dimension, each pair of dimensions is equal or
         one of them is 1.
    (C3) the result has the broadcast shape.

    ```mlir
    %y = kiln.}] # mnemonic # [{ %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
    ```
  }];
  let arguments = (ins operandType:$lhs, operandType:$rhs);
  let results = (outs resultType:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  // Comparisons set this to `i1`; arithmetic keeps the operands' type.
  code resultElementType =
      "::llvm::cast<::mlir::ShapedType>(adaptor.getLhs().getType()).getElementType()";
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *context, std::optional<::mlir::Location> location,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &inferred) {
      return ::mlir::kiln::inferBroadcastType(
          location, {adaptor.getLhs().getType(), adaptor.getRhs().getType()},
          }] # resultElementType # [{, inferred);
    }
  }];
}

class Kiln_ArithmeticOp<string mnemonic, string formula,
                        list<Trait> traits = []>
    : Kiln_BinaryOp<mnemonic, Kiln_Tensor, Kiln_Tensor, formula, traits> {
  let hasFolder = 1;
}

def Kiln_AddOp : Kiln_ArithmeticOp<"add", "lhs[i] + rhs[i]", [Commutative]>;
def Kiln_DivOp : Kiln_ArithmeticOp<"div",
    "lhs[i] / rhs[i]` (integer division truncates toward zero, as ONNX's) `">;
def Kiln_MaxOp : Kiln_ArithmeticOp<"max", "max(lhs[i], rhs[i])", [Commutative]>;
def Kiln_MinOp : Kiln_ArithmeticOp<"min", "min(lhs[i], rhs[i])", [Commutative]>;
def Kiln_MulOp : Kiln_ArithmeticOp<"mul", "lhs[i] * rhs[i]", [Commutative]>;
def Kiln_PowOp : Kiln_ArithmeticOp<"pow", "pow(lhs[i], rhs[i])">;
def Kiln_SubOp : Kiln_ArithmeticOp<"sub", "lhs[i] - rhs[i]">;

class Kiln_CompareOp<string mnemonic, string formula, list<Trait> traits = []>
    : Kiln_BinaryOp<mnemonic, Kiln_Tensor, Kiln_BoolTensor, formula, traits> {
  let resultElementType = "::mlir::IntegerType::get(context, 1)";
}

def Kiln_EqualOp : Kiln_CompareOp<"equal", "lhs[i] == rhs[i]", [Commutative]>;
def Kiln_GreaterOp : Kiln_CompareOp<"greater", "lhs[i] > rhs[i]">;
def Kiln_GreaterEqualOp
    : Kiln_CompareOp<"greater_equal", "lhs[i] >= rhs[i]">;
def Kiln_LessOp : Kiln_CompareOp<"less", "lhs[i] < rhs[i]">;
def Kiln_LessEqualOp : Kiln_CompareOp<"less_equal", "lhs[i] <= rhs[i]">;

class Kiln_LogicalOp<string mnemonic, string formula>
    : Kiln_BinaryOp<mnemonic, Kiln_BoolTensor, Kiln_BoolTensor, formula,
                    [Commutative]>;

def Kiln_AndOp : Kiln_LogicalOp<"and", "lhs[i] && rhs[i]">;
def Kiln_OrOp : Kiln_LogicalOp<"or", "lhs[i] || rhs[i]">;
def Kiln_XorOp : Kiln_LogicalOp<"xor", "lhs[i] != rhs[i]">;

//===----------------------------------------------------------------------===//
// Other elementwise ops
//===----------------------------------------------------------------------===//

def Kiln_CastOp : Kiln_Op<"cast", [Pure, SameOperandsAndResultShape]> {
  let summary = "elementwise conversion to another element type";
  let description = [{
    Converts every element to the result's element type with ONNX `Cast`
    semantics: float to integer truncates toward zero, integer to integer
    wraps, anything to `i1` is `x != 0`, and float to float rounds to
    nearest even.

    Constraints:
    (C1) `input` and `result` have the same shape.

    ```mlir
    %y = kiln.cast %x : tensor<2x3xi64> to tensor<2x3xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let hasFolder = 1;
}

def Kiln_ClipOp : Kiln_Op<"clip", [Pure, Elementwise,
                                   SameOperandsAndResultType]> {
  let summary = "elementwise clamp to [min, max]";
  let description = [{
    Computes `result[i] = min(max(input[i], min), max)`. Both bounds are
    always present; ONNX's omitted bounds become the element type's lowest
    and highest values.

    Constraints:
    (C1) `min <= max`.

    ```mlir
    %y = kiln.clip %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<1x32x112x112xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, F64Attr:$min, F64Attr:$max);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def Kiln_SelectOp : Kiln_Op<"select", [Pure, InferTypeOpAdaptor]> {
  let summary = "elementwise choice between two tensors (ONNX `Where`)";
  let description = [{
    Computes `result[i] = condition[i] ? on_true[i] : on_false[i]` after
    broadcasting the three operands to a common shape.

    Constraints:
    (C1) `on_true` and `on_false` have the same element type.
    (C2) the three shapes broadcast together (NumPy rules).

    ```mlir
    %y = kiln.select %c, %a, %b
        : (tensor<4xi1>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Kiln_BoolTensor:$condition, Kiln_Tensor:$on_true,
                       Kiln_Tensor:$on_false);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = [{
    $condition `,` $on_true `,` $on_false attr-dict `:` functional-type(operands, results)
  }];
}

#endif // KILN_DIALECT_KILN_IR_KILNELEMENTWISEOPS_TD
