// RUN: kiln-opt %s --kiln-linalg-pipeline="name=net" \
// RUN:   --kiln-cpu-codegen-pipeline="name=net shared-lib-entry=true target-triple=x86_64-unknown-linux-gnu target-cpu=znver4" \
// RUN:   | FileCheck %s

// A kiln graph through the CPU stages: everything but the ABI is internal;
// the descriptor describes the inputs and outputs; run checks its arguments
// before calling the model with a run context on its stack, and returns the
// context's status; the shared-library entry lists the functions.
// CHECK-DAG: llvm.mlir.global private constant @net_str_{{[0-9]+}}("x\00")
// CHECK-DAG: llvm.mlir.global private constant @net_str_{{[0-9]+}}("y\00")
// CHECK-DAG: llvm.mlir.global private constant @net_str_{{[0-9]+}}("znver4\00")
// CHECK-DAG: llvm.mlir.global private constant @net_str_{{[0-9]+}}("x86_64-unknown-linux-gnu\00")
// CHECK-DAG: llvm.func internal @net_main(%{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr)
// CHECK-DAG: llvm.func @net_describe() -> !llvm.ptr
// CHECK-DAG: llvm.func @net_create(%{{.+}}: !llvm.ptr, %{{.+}}: !llvm.ptr, %{{.+}}: !llvm.ptr) -> i32
// CHECK-DAG: llvm.func @net_destroy(%{{.+}}: !llvm.ptr)
// CHECK-DAG: llvm.func @kiln_rt_instance_create(!llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr) -> i32
//     CHECK: llvm.func @net_run
//     CHECK:   %[[CTX:.+]] = llvm.alloca %{{.+}} x !llvm.struct<(ptr, ptr, ptr, i32, i32)>
//     CHECK:   llvm.call @kiln_rt_run_check
//     CHECK:   llvm.cond_br
//     CHECK:   llvm.call @kiln_rt_run_context_init(%[[CTX]],
//     CHECK:   llvm.call @net_main({{.+}}, %[[CTX]])
//     CHECK:   %[[STATUS:.+]] = llvm.getelementptr %[[CTX]][0, 4]
//     CHECK:   %[[RESULT:.+]] = llvm.load %[[STATUS]] : !llvm.ptr -> i32
//     CHECK:   llvm.return %[[RESULT]] : i32
//     CHECK: llvm.func @kiln_model() -> !llvm.ptr
module attributes {kiln_onnx.producer_name = "test", kiln_onnx.opset_imports = {ai.onnx = 17 : i64}} {
  func.func @graph(%x: tensor<2x3xf32> {kiln_onnx.name = "x"}) -> (tensor<2x3xf32> {kiln_onnx.name = "y"}) {
    %0 = kiln.relu %x : tensor<2x3xf32>
    %1 = kiln.add %0, %x : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    return %1 : tensor<2x3xf32>
  }
}
