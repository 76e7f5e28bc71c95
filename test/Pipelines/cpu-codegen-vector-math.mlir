// RUN: kiln-opt %s --kiln-linalg-pipeline="name=net" \
// RUN:   --kiln-cpu-codegen-pipeline="name=net target-triple=x86_64-unknown-linux-gnu target-cpu=znver3" \
// RUN:   | FileCheck %s

// A softmax over 197 tokens (a prime: no vector-sized divisor) computes
// each row in one 197-lane vector: exp as a polynomial, not a libm call per
// lane, and sums that LLVM may reassociate into a tree.
// CHECK-NOT: llvm.func @expf
// CHECK:     llvm.func internal @net_main
// CHECK:       llvm.intr.vector.reduce.fmaximum({{.+}}) {{.+}} : (vector<197xf32>) -> f32
// CHECK:       llvm.intr.fma({{.+}}) : (vector<197xf32>, vector<197xf32>, vector<197xf32>) -> vector<197xf32>
// CHECK:       "llvm.intr.vector.reduce.fadd"({{.+}}) <{fastmathFlags = #llvm.fastmath<reassoc>}> : (f32, vector<197xf32>) -> f32
// CHECK-NOT: llvm.func @expf
module attributes {kiln_onnx.producer_name = "test", kiln_onnx.opset_imports = {ai.onnx = 17 : i64}} {
  func.func @graph(%x: tensor<3x197xf32> {kiln_onnx.name = "x"}) -> (tensor<3x197xf32> {kiln_onnx.name = "y"}) {
    %0 = kiln.softmax %x {axis = 1 : i64} : tensor<3x197xf32>
    return %0 : tensor<3x197xf32>
  }
}
